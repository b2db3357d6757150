"""The PO file format: reading (checked as strictly as ``msgfmt``) and writing.

* :func:`read_catalog` reads a PO/POT file into a :class:`~bulletin_i18n.model.Catalog`;
  a file gettext would reject is an :class:`~bulletin_i18n.errors.InputError`
  naming its line (polib alone accepts some broken files silently).
* :func:`render` writes a catalog the way GNU gettext lays it out;
  :func:`write_catalog` writes it atomically, only when it changed, moving the
  header dates only when its content changed.

The comment lines of an entry are the codec's (:mod:`.codec`).
"""

from __future__ import annotations

import datetime as _dt
import errno
import gettext
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import polib

from ..errors import InputError, line_in
from ..fsutil import ANY, ChangedOnDisk, NotAFile, digest, read_file, write_atomic
from ..model import Catalog, Entry
from .codec import catalog_from_polib, comment_lines, translator_lines
from .linebreak import width_breaks

#: Header fields in the order gettext writes them; others follow, sorted.
_HEADER_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
                 "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
                 "Content-Transfer-Encoding", "Plural-Forms")


def now() -> str:
    """A gettext header date for the current time."""
    return _dt.datetime.now(_dt.timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M%z")


# -- reading ------------------------------------------------------------------------


def read_catalog(path: Path, wrap_width: int = 79) -> Catalog:
    """Read a PO/POT file; a syntax error is an InputError naming its line."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}", path=path) from exc
    return decode_catalog(data, path, wrap_width)


def decode_catalog(data: bytes, path: Path | str = "<catalog>", wrap_width: int = 79) -> Catalog:
    """A catalog from a PO file's bytes (UTF-8; a BOM some editors add is dropped)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x}): save the catalog as UTF-8",
                         path=path, line=line) from exc
    return parse_catalog(text, path, wrap_width)


def parse_catalog(text: str, path: Path | str = "<catalog>", wrap_width: int = 79) -> Catalog:
    """A catalog from PO text (see :func:`read_catalog`)."""
    problem = lint(text)
    if problem:
        line, why = problem
        raise InputError(f"{path}:{line}: invalid catalog: {why}", path=path, line=line)
    if "\\a" in text:  # the one escape gettext writes that polib does not read
        text = "\n".join(_BELL.sub(lambda m: m.group(1) + "\a", line)
                         if line.lstrip().startswith(_STRING_LINES) else line for line in text.split("\n"))
    try:
        po = _read_po(text)
    except _Unusual:
        po = _read_with_polib(text, path, wrap_width)
    plural_forms = po.metadata.get("Plural-Forms")
    problem = _plural_forms_problem(plural_forms, text) if plural_forms is not None else None
    if problem:
        line, why = problem
        raise InputError(f"{path}:{line}: invalid catalog: {why}", path=path, line=line)
    return catalog_from_polib(po, wrap_width)


def _read_with_polib(text: str, path: Path | str, wrap_width: int) -> polib.POFile:
    """What polib reads of a PO text (the reference :func:`_read_po` follows)."""
    try:
        return polib.pofile(_Lines(text), wrapwidth=wrap_width, check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        line = line_in(str(exc))
        where = f"{path}:{line}" if line else str(path)
        raise InputError(f"{where}: invalid catalog: {exc}", path=path, line=line) from exc


#: ``\a`` after an even number of backslashes: the escape of BEL, not a backslash and "a".
_BELL = re.compile(r"(?<!\\)((?:\\\\)*)\\a")
#: Lines that hold strings (the others are comments, whose text is not escaped).
_STRING_LINES = ("msg", '"', "#~", "#|")


class _Lines(str):
    """PO text that polib splits at line feeds only, as gettext does: a vertical tab,
    a form feed, U+0085 or U+2028 inside a message is text, not a line break."""

    __slots__ = ()

    def splitlines(self, keepends: bool = False) -> list[str]:
        lines = self.split("\n")
        return [line + "\n" for line in lines[:-1]] + lines[-1:] if keepends else lines


# -- a faster reader of the same syntax ------------------------------------------------


class _Unusual(Exception):
    """A file :func:`_read_po` leaves to polib (polib then reads it, or says why not)."""


class _RawEntry:
    """An entry as polib's parser would make it (the attributes :func:`.codec.from_polib` reads)."""

    __slots__ = ("msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete", "comment",
                 "tcomment", "occurrences", "flags", "previous_msgctxt", "previous_msgid",
                 "previous_msgid_plural", "linenum")

    def __init__(self, linenum: int) -> None:
        self.msgid = self.msgstr = self.msgid_plural = self.comment = self.tcomment = ""
        self.msgstr_plural: dict[int, str] = {}
        self.msgctxt = self.previous_msgctxt = self.previous_msgid = self.previous_msgid_plural = None
        self.obsolete = False
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.linenum = linenum


class _RawFile(list):
    """A file as polib's parser would make it (what :func:`.codec.catalog_from_polib` reads)."""

    def __init__(self) -> None:
        super().__init__()
        self.header = ""
        self.metadata: dict[str, str] = {}
        self.metadata_is_fuzzy: list[str] = []

    def ordered_metadata(self) -> list[tuple[str, str]]:
        return polib.POFile.ordered_metadata(self)


#: polib's state machine: (line kind, state) -> the next state ("mc", a string that
#: continues a field, keeps the state).
_ALL_STATES = ("st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi")
_NEXT: dict[tuple[str, str], str] = {}
for _symbol, _states, _next in (
        ("tc", ("st", "he"), "he"),
        ("tc", ("gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mp", "mx", "mi"), "tc"),
        ("gc", _ALL_STATES, "gc"), ("oc", _ALL_STATES, "oc"), ("fl", _ALL_STATES, "fl"),
        ("pc", _ALL_STATES, "pc"), ("pm", _ALL_STATES, "pm"), ("pp", _ALL_STATES, "pp"),
        ("ct", ("st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx"), "ct"),
        ("mi", ("st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx"), "mi"),
        ("mp", ("tc", "gc", "pc", "pm", "pp", "mi"), "mp"),
        ("ms", ("mi", "mp", "tc"), "ms"),
        ("mx", ("mi", "mx", "mp", "tc"), "mx"),
        ("mc", ("ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc"), "mc")):
    for _state in _states:
        _NEXT[(_symbol, _state)] = _next
#: States after which any line but a string starts a new entry.
_ENTRY_DONE = frozenset({"ms", "mx"})
_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_PREVIOUS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
_UNESCAPED_QUOTE = re.compile(r'([^\\]|^)"')
_POLIB_ESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_POLIB_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_FIELDS = {"ct": "msgctxt", "mi": "msgid", "mp": "msgid_plural", "ms": "msgstr",
           "pp": "previous_msgid_plural", "pm": "previous_msgid", "pc": "previous_msgctxt"}


def _unescape(text: str) -> str:
    """polib's ``unescape``."""
    if "\\" not in text:
        return text
    return _POLIB_ESCAPE.sub(lambda m: _POLIB_UNESCAPES[m.group(1)], text)


def _read_po(text: str) -> _RawFile:
    """What ``polib.pofile(_Lines(text), check_for_duplicates=True)`` reads, as
    polib's parser reads it (its state machine and quirks, line for line), in a
    fraction of its time: one loop, no call per line, duplicates found through
    a dict rather than a scan of the entries read so far. Where polib would
    raise, :class:`_Unusual` is raised (the caller lets polib say it)."""
    po = _RawFile()
    entry = _RawEntry(0)
    state = "st"
    index = 0  # the msgstr[N] continued
    live: set[tuple] = set()  # (msgid, msgctxt) of entries not obsolete
    tokens: list[str] = []
    number = 0

    def append(done: _RawEntry) -> None:
        # polib refuses an entry whose msgid and msgctxt a live entry before it has
        if (done.msgid, done.msgctxt) in live:
            raise _Unusual
        if not done.obsolete:
            live.add((done.msgid, done.msgctxt))
        po.append(done)

    for line in text.split("\n"):
        number += 1
        if number == 1 and line.startswith("\ufeff"):
            line = line[1:]
        line = line.strip()
        if not line:
            continue
        tokens = line.split(None, 2)
        first = tokens[0]
        if first == "#~|":
            continue
        obsolete = False
        if first == "#~" and len(tokens) > 1:
            line = line[3:].strip()
            tokens = tokens[1:]
            first = tokens[0]
            obsolete = True
        count = len(tokens)
        symbol = _KEYWORDS.get(first) if count > 1 else None
        if symbol is not None:
            token = line[len(first):].lstrip()
            if '"' in token[1:-1] and _UNESCAPED_QUOTE.search(token[1:-1]):
                raise _Unusual
        else:
            token = line
            if first == "#:":
                if count <= 1:
                    continue
                symbol = "oc"
            elif line[:1] == '"':
                if '"' in line[1:-1] and _UNESCAPED_QUOTE.search(line[1:-1]):
                    raise _Unusual
                symbol = "mc"
            elif line[:7] == "msgstr[":
                symbol = "mx"
            elif first == "#,":
                if count <= 1:
                    continue
                symbol = "fl"
            elif first == "#" or first.startswith("##"):
                if line == "#":
                    token = "# "
                symbol = "tc"
            elif first == "#.":
                if count <= 1:
                    continue
                symbol = "gc"
            elif first == "#|":
                if count <= 1:
                    raise _Unusual
                token = line[2:].lstrip()
                if tokens[1].startswith('"'):
                    symbol = "mc"
                elif count == 2 or tokens[1] not in _PREVIOUS:
                    raise _Unusual
                else:
                    symbol = _PREVIOUS[tokens[1]]
                    token = token[len(tokens[1]):].lstrip()
            else:
                raise _Unusual
        following = _NEXT.get((symbol, state))
        if following is None:
            raise _Unusual
        if symbol == "mc":  # the state stays
            value = _unescape(token[1:-1])
            if state == "mx":
                entry.msgstr_plural[index] += value
            else:
                field = _FIELDS[state]
                setattr(entry, field, getattr(entry, field) + value)
            continue
        if state in _ENTRY_DONE and symbol not in ("mp", "ms", "mx"):
            append(entry)
            entry = _RawEntry(number)
        if following == "he":
            if po.header != "":
                po.header += "\n"
            po.header += token[2:]
        elif symbol == "tc":
            if entry.tcomment != "":
                entry.tcomment += "\n"
            comment = token.lstrip("#")
            entry.tcomment += comment[1:] if comment.startswith(" ") else comment
        elif symbol == "gc":
            entry.comment = (entry.comment + "\n" if entry.comment != "" else "") + token[3:]
        elif symbol == "oc":
            for occurrence in token[3:].split():
                path, colon, at = occurrence.rpartition(":")
                entry.occurrences.append((path, at) if colon and at.isdigit() else (occurrence, ""))
        elif symbol == "fl":
            entry.flags += [flag.strip() for flag in token[3:].split(",")]
        elif symbol == "mx":
            try:
                index = int(token[7])
            except (ValueError, IndexError):
                raise _Unusual from None
            entry.msgstr_plural[index] = _unescape(token[token.find('"') + 1:-1])
        else:
            if symbol == "mi":
                entry.obsolete = obsolete
            setattr(entry, _FIELDS[symbol], _unescape(token[1:-1]))
        state = following
    if len(tokens) > 0 and not tokens[0].startswith("#"):
        append(entry)  # polib drops an entry followed by nothing but comments
    headers = [e for e in po if e.msgid == ""]
    live_headers = [e for e in headers if not e.obsolete]
    if len(headers) > 1:
        raise _Unusual  # polib's choice among them: left to polib
    if live_headers:
        header = live_headers[0]
        po.remove(header)
        po.metadata_is_fuzzy = header.flags
        key = None
        for line in header.msgstr.splitlines():
            try:
                key, value = line.split(":", 1)
                po.metadata[key] = value.strip()
            except (ValueError, KeyError):
                if key is not None:
                    po.metadata[key] += "\n" + line.strip()
    return po


# -- lint ----------------------------------------------------------------------


_KEYWORD = re.compile(r'(?:#~\s*)?(?:#\|\s*)?(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(.*)$')
#: A quoted string and nothing after it (an unrolled loop: a character at a time was slow on long lines).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"\s*$')
#: A backslash and what follows it, in a quoted string.
_ESCAPE = re.compile(r"\\(.)")
#: The escapes gettext reads (write-po.c writes the first ones; octal and hex are read too).
_KNOWN_ESCAPES = frozenset('\\"abfnrtv01234567x')
#: The longest message the tool reads, in characters: far above any paragraph of a
#: bulletin, and low enough that no file holding one takes more than a moment.
MAX_MESSAGE = 200_000


def lint(text: str) -> tuple[int, str] | None:
    """The first line of a PO text that gettext would reject, and why.

    polib accepts some broken files silently (an unterminated string is cut, a
    msgid without msgstr is merged into the next entry); this check catches
    what a translator's bad save leaves behind, as ``msgfmt`` would.
    """
    entry = _LintEntry()
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        kept = stripped.startswith(("#~", "#|"))  # obsolete entries and previous texts
        if kept:
            stripped = stripped[2:].strip()
            if not stripped.startswith(("msg", '"')):
                continue
        elif not stripped or stripped.startswith("#"):
            problem = entry.close()
            if problem:
                return problem
            continue
        match = _KEYWORD.match(stripped)
        if match:
            if not _STRING.match(match.group(2)):
                return number, f"{match.group(1)} must be followed by one quoted string, ending on the same line"
            problem = None if kept else entry.keyword(number, match.group(1), match.group(2))
        elif stripped.startswith('"'):
            if not _STRING.match(stripped):
                return number, "unterminated or malformed string"
            problem = None if kept else entry.string(number, stripped)
        else:
            return number, f"unexpected text {stripped[:30]!r} (not a keyword, string or comment)"
        if problem:
            return problem
        if "\\" in stripped:
            unknown = [e for e in _ESCAPE.findall(stripped) if e not in _KNOWN_ESCAPES]
            if unknown:
                return number, f"unknown escape sequence \\{unknown[0]}"
    return entry.close()


def _plural_forms_problem(value: str, text: str) -> tuple[int, str] | None:
    """A ``Plural-Forms`` header that gettext could not use, and its line."""
    at = text.find("Plural-Forms:")
    line = text.count("\n", 0, at) + 1 if at >= 0 else 1
    form = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", value)
    if form is None or not 0 < int(form.group(1)) < 100:
        return line, f"Plural-Forms must be \"nplurals=N; plural=EXPRESSION;\", not {value!r}"
    if not _plural_expression_ok(form.group(2)):
        return line, f"Plural-Forms: {form.group(2)!r} is not a plural expression gettext understands"
    return None


@lru_cache(maxsize=64)  # a project's catalogs share one or two expressions
def _plural_expression_ok(expression: str) -> bool:
    try:
        gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError):
        return False
    return True


class _LintEntry:
    """The live entry :func:`lint` is reading, and the messages seen before it."""

    def __init__(self) -> None:
        self.start: int | None = None  # line of a msgctxt/msgid still waiting for its msgstr
        self.field: str | None = None  # the keyword a string line continues
        self.key: dict[str, list[str]] = {}
        self.field_line, self.length = 0, 0  # where the field started, its characters so far
        self.seen: dict[tuple, int] = {}

    def keyword(self, number: int, keyword: str, value: str) -> tuple[int, str] | None:
        if keyword in ("msgctxt", "msgid"):
            if self.start is not None and not (keyword == "msgid" and self.field == "msgctxt"):
                return self.start, "msgid without a msgstr"
            if self.start is None:
                self.start, self.key = number, {}
        elif keyword == "msgid_plural":
            if self.field != "msgid":
                return number, "msgid_plural without a msgid before it"
        elif self.field in ("msgid", "msgid_plural"):
            key = tuple("".join(self.key[name]) if name in self.key else None for name in ("msgctxt", "msgid"))
            if key in self.seen:
                return self.start, f"duplicate message: the same msgid is at line {self.seen[key]}"
            self.seen[key] = self.start
            self.start = None
        elif not (self.field or "").startswith("msgstr"):
            return number, f"{keyword} without a msgid before it"
        self.field = keyword
        self.field_line, self.length = number, 0
        return self.string(number, value)

    def string(self, number: int, value: str) -> tuple[int, str] | None:
        if self.field is None:
            return number, "a quoted string with no msgid or msgstr before it"
        if "\x04" in value:
            return number, "context separator <EOT> (U+0004) within a string"
        if self.field in ("msgctxt", "msgid"):
            self.key.setdefault(self.field, []).append(value.strip()[1:-1])
        self.length += len(value)
        if self.length > MAX_MESSAGE:
            return self.field_line, (f"a message longer than {MAX_MESSAGE:,} characters: no bulletin "
                                          "holds one; is this file what it should be?")
        return None

    def close(self) -> tuple[int, str] | None:
        """A comment or blank line: the entry must be complete."""
        self.field = None
        if self.start is not None:
            return self.start, "msgid without a msgstr"
        return None


# -- writing ------------------------------------------------------------------------


def ordered_metadata(metadata: dict[str, str]) -> list[tuple[str, str]]:
    """Header fields in gettext's order, the others after them sorted by name."""
    known = [(key, metadata[key]) for key in _HEADER_ORDER if key in metadata]
    return known + sorted((key, value) for key, value in metadata.items() if key not in _HEADER_ORDER)


def render(catalog: Catalog) -> str:
    """A catalog as PO text, byte for byte as GNU gettext (``msgcat -w WIDTH``)
    lays it out.

    Written here rather than by polib, whose writer (``textwrap`` on every
    field) took half the time of a run and wraps otherwise: strings are
    broken where gettext breaks them (:mod:`.linebreak`) to the catalog's
    ``wrap_width`` (0: never, as ``msgcat --no-wrap``), after each ``\\n``;
    the header is a message like the others; references wrap between files
    (at 79 columns when strings are not wrapped, as gettext does); comments
    are never wrapped; the ``fuzzy`` flag comes first and is dropped from an
    empty translation, and an obsolete entry without a translation is not
    written, as gettext does. polib, msgfmt, Poedit and Weblate read the result.
    """
    return _rendered(catalog)[0]


def _rendered(catalog: Catalog) -> tuple[str, list[Entry], list[int]]:
    """:func:`render`'s text, the entries it holds (in file order) and the line
    each of them starts at, as a reader of the text numbers it (see :func:`_start`)."""
    width = catalog.wrap_width
    header = [_header_comment(line) for line in catalog.header.split("\n")] if catalog.header else []
    metadata = "".join(f"{key}: {value}\n" for key, value in ordered_metadata(catalog.metadata))
    if catalog.header_fuzzy and metadata:
        header.append("#, fuzzy")
    out = header + _field("msgid", "", "", width) + _field("msgstr", metadata, "", width)
    out.append("")
    written, starts = [], []
    for entry in catalog.live() + [e for e in catalog if e.obsolete]:
        if entry.obsolete and not _first_msgstr(entry):
            continue  # gettext keeps no obsolete entry without a translation
        lines = _entry_lines(entry, width)
        written.append(entry)
        starts.append(len(out) + _start(lines) + 1)
        out += lines
        out.append("")
    return "\n".join(out), written, starts


def _start(lines: list[str]) -> int:
    """Which of an entry's lines :func:`_read_po` (as polib) numbers it by: the
    first one it reads, past the lines it skips (``#~|`` lines, and a ``#.``,
    ``#:`` or ``#,`` with nothing after it)."""
    for index, line in enumerate(lines):
        if not (line.startswith("#~|") or line in ("#.", "#:", "#,")):
            return index
    return 0  # not reached: an entry has its msgid line


def as_read(catalog: Catalog, entries: list[Entry], starts: list[int], text: str) -> Catalog:
    """The catalog :func:`render` wrote as ``text``, as reading it gives it, in
    most cases without parsing it: the ``entries`` written, in file order, each
    with its line (set on it); where the layout keeps less than the entry holds
    (flags gettext drops, the previous texts of an obsolete entry, which the
    reader skips), a copy with what a reader finds. The header is the
    catalog's (its dates as written). A catalog holding a comment line the
    reader would change (white space it strips, a bare ``#.`` it skips) is
    read from ``text`` (the one case it pays a parse)."""
    if not _comments_kept(catalog, entries):
        return parse_catalog(text, wrap_width=catalog.wrap_width)
    kept = []
    for entry, start in zip(entries, starts):
        entry.line = start
        flags = _flags(entry)
        references = _references_read(entry.references) if entry.references else entry.references
        if flags != entry.flags or references != entry.references or (entry.obsolete and (
                entry.previous_msgid is not None or entry.previous_msgctxt is not None
                or entry.previous_msgid_plural is not None)):
            previous = {} if not entry.obsolete else {
                "previous_msgid": None, "previous_msgctxt": None, "previous_msgid_plural": None}
            entry = replace(entry, flags=flags, references=references, **previous)
            entry.line = start
        kept.append(entry)
    return Catalog(entries=kept, header=catalog.header, metadata=dict(catalog.metadata),
                   header_fuzzy=catalog.header_fuzzy and bool(catalog.metadata), wrap_width=catalog.wrap_width)


def _comments_kept(catalog: Catalog, entries: list[Entry]) -> bool:
    """Whether reading gives back every comment line of the catalog as written:
    none ends in white space (the reader strips lines), no extracted comment
    line is empty (a bare ``#.`` is skipped), no header field's value has white
    space around it."""
    if catalog.header and _PADDED.search(catalog.header):
        return False
    if any(value != value.strip() or "\n" in value for value in catalog.metadata.values()):
        return False
    for entry in entries:
        notes = entry.notes
        if entry.translator_comment and _PADDED.search(entry.translator_comment):
            return False
        if entry.provenance or entry.mt_checks or notes.placeholders or notes.glossary or notes.other \
                or notes.attribute is not None or (notes.element and _PADDED.search(notes.element)):
            if any(not line or line != line.rstrip() for line in comment_lines(entry)) or \
                    any(line != line.rstrip() for line in translator_lines(entry)):
                return False
    return True


#: White space at the end of a line (or of the text), which the reader strips.
_PADDED = re.compile(r"[^\S\n](?:\n|$)|\n$")
#: What in a reference's path the reader would split or cut at.
_SPLIT_AGAIN = re.compile(r"[\s:]")


def _references_read(references: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """References as the reader splits them again (at white space, then at the last colon)."""
    if not any(_SPLIT_AGAIN.search(path) or (number and not number.isdigit()) for path, number in references):
        return references
    found = []
    for path, number in references:
        for occurrence in (f"{path}:{number}" if number else path).split():
            path_, colon, at = occurrence.rpartition(":")
            found.append((path_, at) if colon and at.isdigit() else (occurrence, ""))
    return found


def _header_comment(line: str) -> str:
    if not line:
        return "#"
    return f"#{line}" if line[:1] in ",:" else f"# {line}"


def _first_msgstr(entry: Entry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


#: Flags gettext keeps on an obsolete entry besides ``fuzzy``: format flags and ``no-wrap``.
_KEPT_WHEN_OBSOLETE = re.compile(r"(?:no-|possible-|impossible-)?[a-z0-9+-]+-format|no-wrap")


def _flags(entry: Entry) -> list[str]:
    """The flags as gettext writes them: ``fuzzy`` first, and only on a translation."""
    others = [f for f in entry.flags if f != "fuzzy"]
    if entry.obsolete:
        others = [f for f in others if _KEPT_WHEN_OBSOLETE.fullmatch(f)]
    return (["fuzzy"] if entry.fuzzy and _first_msgstr(entry) else []) + others


def _comment(mark: str, line: str) -> str:
    """A comment line as gettext writes it: the mark, a space, the text (no space when empty)."""
    return f"{mark} {line}" if line else mark


def _entry_lines(entry: Entry, width: int) -> list[str]:
    obsolete = entry.obsolete
    lines = [_comment("#", line) for line in translator_lines(entry)]
    lines += [_comment("#.", line) for line in comment_lines(entry)]
    if entry.references:
        lines += _references(entry.references, width)
    flags = _flags(entry)
    if flags:
        lines.append("#, " + ", ".join(flags))
    if "no-wrap" in flags:
        width = 0
    mark = "#~ " if obsolete else ""
    for name in ("msgctxt", "msgid", "msgid_plural"):
        value = getattr(entry, f"previous_{name}")
        if value is not None:
            lines += _field(name, value, "#~| " if obsolete else "#| ", width)
    if entry.msgctxt is not None:
        lines += _field("msgctxt", entry.msgctxt, mark, width)
    lines += _field("msgid", entry.msgid, mark, width)
    if entry.msgid_plural:
        lines += _field("msgid_plural", entry.msgid_plural, mark, width)
    if entry.msgstr_plural:
        for index in sorted(entry.msgstr_plural):
            lines += _field(f"msgstr[{index}]", entry.msgstr_plural[index], mark, width)
    else:
        lines += _field("msgstr", entry.msgstr, mark, width)
    return lines


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n",
            "\r": "\\r", "\t": "\\t", "\v": "\\v"}
_TO_ESCAPE = re.compile('[\\\\"\a\b\f\n\r\t\v]')


def _escape(text: str) -> str:
    """A string as gettext writes it (write-po.c): backslash, quote and the C
    escapes \\a \\b \\f \\n \\r \\t \\v; every other character as it is."""
    return _TO_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text) if _TO_ESCAPE.search(text) else text


#: The pieces gettext writes on lines of their own: each ends with a line break, but the last.
_PORTIONS = re.compile("[^\n]*\n|[^\n]+")
#: Where a string that is not wrapped may still need the line breaking: a character
#: that is not printable ASCII (wide, combining, or a line separator).
_NOT_PLAIN = re.compile("[^ -~]")


def _field(keyword: str, value: str, mark: str, width: int) -> list[str]:
    """:func:`_laid_out` as a list of its own."""
    return list(_laid_out(keyword, value, mark, width))


@lru_cache(maxsize=4096)  # a text is laid out once for its template and once more for each catalog
def _laid_out(keyword: str, value: str, mark: str, width: int) -> tuple[str, ...]:
    """``keyword "value"`` as gettext's write-po.c lays it out: on one line if it
    fits and holds no line break but at its end, else ``keyword ""`` and the
    string from the next line on, broken after each line break and where
    :func:`.linebreak.width_breaks` says, each line at most ``width`` columns
    with its quotes (a longer word overflows); ``width`` 0: never broken."""
    portions = _PORTIONS.findall(value) or [""]
    after_break = len(mark) + 1  # column after a continuation line's opening quote
    room = (width if width > 0 else 1 << 30) - 1 - after_break  # the closing quote takes one
    lines = []
    first = True
    for number, portion in enumerate(portions):
        escaped = _escape(portion)
        start = len(keyword) + 1 if first else 0
        breaks = _breaks(escaped, room, start)
        if first and escaped and (number < len(portions) - 1 or start > room or breaks):
            lines.append(f'{mark}{keyword} ""')
            first, start = False, 0
            breaks = _breaks(escaped, room, start)
        head = f"{mark}{keyword} " if first else mark
        first = False
        edges = [0, *breaks, len(escaped)]
        lines.append(f'{head}"{escaped[edges[0]:edges[1]]}"')
        lines += [f'{mark}"{escaped[a:b]}"' for a, b in zip(edges[1:-1], edges[2:])]
    return tuple(lines)


def _breaks(escaped: str, room: int, start: int) -> list[int]:
    """Where gettext breaks an escaped piece of a string (see :func:`_field`)."""
    if start + len(escaped) <= room and not _NOT_PLAIN.search(escaped):
        return []  # printable ASCII that fits: nothing to compute
    # never inside an escape sequence, nor just before the \\n that ends a piece
    prohibited = {m.start() + 1 for m in _ESCAPE_IN_TEXT.finditer(escaped)}
    if escaped.endswith("\\n"):
        prohibited.add(len(escaped) - 2)
    return width_breaks(escaped, room, start, prohibited)


#: An escape sequence in escaped text: the backslash and the character after it.
_ESCAPE_IN_TEXT = re.compile(r"\\.")


def _references(references: list[tuple[str, str]], width: int) -> list[str]:
    """``#:`` lines as gettext writes them: files separated by spaces, a new line
    before a reference that would pass the width (79 when strings are not
    wrapped: gettext wraps references all the same)."""
    width = width if width > 0 else 79
    lines, line = [], "#:"
    for path, number in references:
        ref = f"{path}:{number}" if number else path
        if line != "#:" and len(line) + 1 + len(ref) > width:
            lines.append(line)
            line = "#:"
        line += " " + ref
    lines.append(line)
    return lines


def write_catalog(catalog: Catalog, path: Path, *, date_keys: tuple[str, ...] = ("PO-Revision-Date",),
                  old: Catalog | None = None, dry_run: bool = False, durable: bool = True,
                  expected=ANY) -> bool:
    """Write a catalog if its content changed, setting its dates then only.

    A file whose content (:func:`same_content`) is the catalog's is left as it
    is, byte for byte, whatever tool wrote it and however it wrapped its
    lines (Poedit, Weblate, ``msgcat``, ``msgmerge``): a translator's save
    followed by a run adds no diff. The one exception is a file an earlier
    version of this tool wrote with its provenance among the extracted
    comments (``Catalog.outdated_layout``): it is written once, dates kept.
    When the content changed, the whole file is written as GNU gettext lays
    it out (:func:`render`) and its ``date_keys`` are set to now.

    ``old``: the catalog as read from ``path`` (else the file is read here).
    Returns whether the file was (or, in a dry run, would be) written.
    ``durable``: flushed to disk before the rename (for what holds people's
    work). ``expected``: the digest of the file as the caller read it (see
    :func:`..fsutil.write_atomic`); if the file changed since,
    :class:`..fsutil.ChangedOnDisk` is raised.
    """
    return put_catalog(catalog, path, date_keys=date_keys, old=old, dry_run=dry_run, durable=durable,
                       expected=expected).changed


@dataclass
class Put:
    """What :func:`put_catalog` did: whether it wrote, and the file as it left it."""

    changed: bool
    #: The bytes it wrote (None: it wrote nothing).
    data: bytes | None = None
    #: What reading those bytes gives (:func:`as_read`), with each entry's line.
    catalog: Catalog | None = None


def put_catalog(catalog: Catalog, path: Path, *, date_keys: tuple[str, ...] = ("PO-Revision-Date",),
                old: Catalog | None = None, dry_run: bool = False, durable: bool = True,
                expected=ANY) -> Put:
    """:func:`write_catalog`, saying what it wrote: the bytes, and the catalog as a
    read of them gives it, line numbers included, from the rendering (so that
    what follows a write need not read the file back and parse it again)."""
    path = Path(path)
    if expected is None and old is None:  # the caller found no file: nothing to compare with (nor
        old_data = None  # to read again: a file made meanwhile stops the write before its rename)
    else:
        try:  # one open and read (an is_file first was a stat more per catalog)
            old_data = read_file(path)
        except (IsADirectoryError, NotAFile):  # not a file: as if none (is_file said so)
            old_data = None
        except OSError as exc:  # a loop of links: as if none too
            if exc.errno != errno.ELOOP:
                raise
            old_data = None
        if expected is not ANY and digest(old_data) != expected:
            raise ChangedOnDisk(path)
    if old_data is not None:
        if old is None:
            try:
                old = decode_catalog(old_data, path, catalog.wrap_width)
            except InputError:  # a broken file is replaced (the caller read it otherwise)
                old = None
        if old is not None:
            for key in date_keys:
                if key in old.metadata:
                    catalog.metadata[key] = old.metadata[key]
            if same_content(old, catalog, date_keys):
                if not old.outdated_layout:
                    return Put(False)
                return Put(True) if dry_run else _put(catalog, path, durable, expected)  # upgraded once, dates kept
    stamp = now()
    for key in date_keys:
        catalog.metadata[key] = stamp
    return Put(True) if dry_run else _put(catalog, path, durable, expected)


def _put(catalog: Catalog, path: Path, durable: bool, expected) -> Put:
    text, entries, starts = _rendered(catalog)
    data = text.encode("utf-8")
    write_atomic(path, data, durable=durable, expected=expected)
    return Put(True, data, as_read(catalog, entries, starts, text))


def same_content(one: Catalog, other: Catalog, date_keys: tuple[str, ...] = ()) -> bool:
    """Whether two catalogs say the same, whatever their layout (dates aside)."""
    def content(catalog: Catalog) -> tuple:
        metadata = sorted((k, v) for k, v in catalog.metadata.items() if k not in date_keys)
        return catalog.header, catalog.header_fuzzy, metadata, catalog.entries
    return content(one) == content(other)
