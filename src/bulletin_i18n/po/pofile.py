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
import gettext
import re
from functools import lru_cache
from pathlib import Path

import polib

from ..errors import InputError, line_in
from ..fsutil import ANY, ChangedOnDisk, digest, write_atomic
from ..model import Catalog, Entry
from .codec import catalog_from_polib, comment_lines

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
        raise InputError(f"{path}:{line}: not UTF-8 ({exc.reason})", path=path, line=line) from exc
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
        po = polib.pofile(_Lines(text), wrapwidth=wrap_width, check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        line = line_in(str(exc))
        where = f"{path}:{line}" if line else str(path)
        raise InputError(f"{where}: invalid catalog: {exc}", path=path, line=line) from exc
    plural_forms = po.metadata.get("Plural-Forms")
    problem = _plural_forms_problem(plural_forms, text) if plural_forms is not None else None
    if problem:
        line, why = problem
        raise InputError(f"{path}:{line}: invalid catalog: {why}", path=path, line=line)
    return catalog_from_polib(po, wrap_width)



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


# -- lint ----------------------------------------------------------------------


_KEYWORD = re.compile(r'(?:#~\s*)?(?:#\|\s*)?(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(.*)$')
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"\s*$')
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
    try:
        gettext.c2py(form.group(2))
    except (ValueError, SyntaxError, RecursionError):
        return line, f"Plural-Forms: {form.group(2)!r} is not a plural expression gettext understands"
    return None


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
    """A catalog as PO text, the way GNU gettext lays it out.

    Written here rather than by polib, whose writer (``textwrap`` on every
    field) took half the time of a run: messages are wrapped greedily at
    spaces to the catalog's ``wrap_width`` columns, multi-line messages break
    after each ``\\n``, references wrap between files, and extracted comments
    are never wrapped (as xgettext writes them). polib, msgfmt, Poedit and
    Weblate read the result.
    """
    width = catalog.wrap_width
    out = [_header_comment(line) for line in catalog.header.split("\n")] if catalog.header else []
    if catalog.header_fuzzy:
        out.append("#, fuzzy")
    out += _field("msgid", "", "", width)
    metadata = "".join(f"{key}: {value}\n" for key, value in ordered_metadata(catalog.metadata))
    out.append('msgstr ""')
    out += [f'"{_escape(line)}"' for line in metadata.splitlines(keepends=True)]
    out.append("")
    for entry in catalog.live() + [e for e in catalog if e.obsolete]:
        out += _entry_lines(entry, width)
        out.append("")
    return "\n".join(out)


def _header_comment(line: str) -> str:
    if not line:
        return "#"
    return f"#{line}" if line[:1] in ",:" else f"# {line}"


def _entry_lines(entry: Entry, width: int) -> list[str]:
    obsolete = entry.obsolete
    lines = [f"# {line}".rstrip() for line in entry.translator_comment.split("\n")] \
        if entry.translator_comment else []
    if not obsolete:
        lines += [f"#. {line}".rstrip() for line in comment_lines(entry)]
    if entry.references and not obsolete:
        lines += _references(entry.references, width)
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
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


def _escape(text: str) -> str:
    """A string as gettext writes it (write-po.c): backslash, quote and the C
    escapes \\a \\b \\f \\n \\r \\t \\v; every other character as it is."""
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
            .replace("\n", "\\n").replace("\a", "\\a").replace("\b", "\\b").replace("\f", "\\f")
            .replace("\v", "\\v"))


_LINE_BREAK = re.compile("(?<=\n)")


@lru_cache(maxsize=8)
def _line_re(room: int) -> re.Pattern[str]:
    """Greedy wrapping by regex: the rest if it fits, else the longest run of
    ``room`` columns ending in a space, else one long word."""
    return re.compile(rf".{{1,{room}}}$|.{{0,{room - 1}}} |[^ ]+ *")


def _field(keyword: str, value: str, mark: str, width: int) -> list[str]:
    """``keyword "value"``, wrapped as gettext does: on one line if it fits and
    holds no line break but at its end, else from the next line on, broken
    after each line break and at spaces to the width."""
    escaped = _escape(value)
    single = f'{mark}{keyword} "{escaped}"'
    multiline = "\n" in value[:-1]
    if (len(single) <= width or width <= 0) and not multiline:
        return [single]
    lines = [f'{mark}{keyword} ""']
    line_re = _line_re(max(width - len(mark) - 2, 2)) if width > 0 else None
    for piece in _LINE_BREAK.split(value) if multiline else [value]:
        if piece:
            piece = _escape(piece)
            lines += [f'{mark}"{line}"' for line in (line_re.findall(piece) if line_re else [piece])]
    return lines


def _references(references: list[tuple[str, str]], width: int) -> list[str]:
    refs = [f"{path}:{line}" if line else path for path, line in references]
    lines, line = [], "#:"
    for ref in refs:
        if line != "#:" and len(line) + 1 + len(ref) > width:
            lines.append(line)
            line = "#:"
        line += " " + ref
    lines.append(line)
    return lines


def write_catalog(catalog: Catalog, path: Path, *, date_keys: tuple[str, ...] = ("PO-Revision-Date",),
                  old: Catalog | None = None, dry_run: bool = False, durable: bool = True,
                  expected=ANY) -> bool:
    """Write a catalog if it changed, setting its dates only if its content did.

    An identical file is not rewritten, so a second run changes no byte. When
    ``old`` (the catalog as read from ``path``) holds the same content in
    another layout (a translator's editor wraps lines its own way), the file
    is rewritten in this tool's layout but keeps its dates. Returns whether
    the file was (or, in a dry run, would be) written. ``durable``: flushed to
    disk before the rename (for what holds people's work). ``expected``: the
    digest of the file as the caller read it (see :func:`..fsutil.write_atomic`);
    if the file changed since, :class:`..fsutil.ChangedOnDisk` is raised.
    """
    path = Path(path)
    old_data = path.read_bytes() if path.is_file() else None
    if expected is not ANY and digest(old_data) != expected:
        raise ChangedOnDisk(path)
    old_text = old_data.decode("utf-8-sig") if old_data is not None else None
    if old_text is not None:
        for key in date_keys:
            match = re.search(rf'^"{re.escape(key)}: ([^"\\]*)\\n"$', old_text, re.M)
            if match:
                catalog.metadata[key] = match.group(1)
        text = render(catalog)
        if text == old_text:
            return False
        if old is not None and same_content(old, catalog, date_keys):
            if not dry_run:
                write_atomic(path, text, durable=durable, expected=expected)
            return True
    stamp = now()
    for key in date_keys:
        catalog.metadata[key] = stamp
    if not dry_run:
        write_atomic(path, render(catalog), durable=durable, expected=expected)
    return True


def same_content(one: Catalog, other: Catalog, date_keys: tuple[str, ...] = ()) -> bool:
    """Whether two catalogs say the same, whatever their layout (dates aside)."""
    def content(catalog: Catalog) -> tuple:
        metadata = sorted((k, v) for k, v in catalog.metadata.items() if k not in date_keys)
        return catalog.header, catalog.header_fuzzy, metadata, catalog.entries
    return content(one) == content(other)
