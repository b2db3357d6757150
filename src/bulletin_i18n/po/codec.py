"""How an :class:`~bulletin_i18n.model.Entry` is written in a PO file, and read back.

The only module that knows the comment lines the tool writes. An entry's
extracted comment (``#.``) holds what the page says about the text, one fact
per line, made again from the page at every merge::

    Element: td > p                       (or: Attribute alt of: td > img)
    <1> = <a href="…">                    what each placeholder stands for
    Glossary: OAS = OEA                   approved terms of the text

Where its translation came from is written as translator comments (``# ``),
after the translator's own lines, because those are what ``msgmerge``,
``msgcat``, Poedit and Translate Toolkit keep (``msgmerge`` replaces the
extracted comments with the template's, and drops flags it does not know)::

    # Machine translation: apertium 3.8.3/eng-spa@… [0123456789]
    # MT check: placeholders restored by the tool: check their position
    # From memory: locales/es/other.po (82% similar)
    # From memory: memory/aligned-2019-03.tmx (unreviewed)
    # From memory: locales/es/2018-06.po (80% similar) (numbers, dates, names, links updated)

Catalogs written by earlier versions, with these lines in the extracted
comment, are read as well; the catalog is marked ``outdated_layout`` so that
it is written once in the new place.

The hash of a machine translation is the first 10 hex digits of the SHA-1 of
the msgstr the engine wrote: it tells untouched machine output from output a
translator edited. A memory pair nobody reviewed (an aligned archive, see
``bulletin-i18n align``) is noted ``(unreviewed)``, after the similarity of a
fuzzy hit. A similar hit whose English differed only in placeables (numbers,
dates, URLs, names, placeholders), which the tool changed in the translation
as in the English, is noted ``(numbers, dates, names, links updated)``. Lines
the tool does not know are kept as they are.

Everything else of a PO entry (flags, translator comments, references,
previous msgids) maps one to one onto the entry's fields.
"""

from __future__ import annotations

import re

import polib

from ..model import Catalog, Entry, Notes, Placeholder, Provenance
from .. import placeholders as ph

_ELEMENT = "Element: "
_ATTRIBUTE = re.compile(r"^Attribute (\S+) of: (.*)$")
_PLACEHOLDER = re.compile(r"^<(\d+)(/?)> = (.*)$")
_GLOSSARY = "Glossary: "
_MACHINE = re.compile(r"^Machine translation: (\S+) (.*) \[([0-9a-f]{10})\]$")
_MACHINE_START = "Machine translation: "
_CHECK = "MT check: "
_MEMORY = re.compile(r"^From memory: (.*?)(?: \((\d+(?:\.\d+)?)% similar\))?( \(unreviewed\))?"
                     r"( \(numbers, dates, names, links updated\))?$")
_MEMORY_START = "From memory: "
_UNREVIEWED = " (unreviewed)"
_UPDATED = " (numbers, dates, names, links updated)"
#: How each logical line starts; anything else after a long piece continues the
#: line before it (a writer that wraps extracted comments splits a line in pieces).
_LINE_STARTS = re.compile(
    r"(Element|Attribute|Glossary|Machine translation|MT check|From memory)\b|<\d+/?> = ")
#: The shortest piece a writer wrapping at 79 columns leaves before a break.
_WRAPPED = 50


# -- extracted comments -------------------------------------------------------------


def comment_lines(entry: Entry) -> list[str]:
    """The extracted comment of an entry (``#.``), line by line, as written in the file."""
    notes = entry.notes
    lines = []
    if notes.element or notes.attribute:
        lines.append(f"Attribute {notes.attribute} of: {notes.element}" if notes.attribute
                     else f"{_ELEMENT}{notes.element}")
    lines += [f"{p.token} = {p.description}" for p in notes.placeholders]
    lines += [f"{_GLOSSARY}{source} = {target}" for source, target in notes.glossary]
    lines += notes.other
    return lines


def translator_lines(entry: Entry) -> list[str]:
    """The translator comment of an entry (``# ``), line by line: the
    translator's own, then where the translation came from."""
    lines = entry.translator_comment.split("\n") if entry.translator_comment else []
    for origin in entry.provenance:
        if origin.kind == Provenance.MACHINE:
            lines.append(f"{_MACHINE_START}{origin.engine} {origin.version} [{origin.hash}]")
        else:
            similar = "" if origin.similarity is None else f" ({origin.similarity:.0f}% similar)"
            unreviewed = "" if origin.reviewed else _UNREVIEWED
            updated = _UPDATED if origin.updated else ""
            lines.append(f"{_MEMORY_START}{origin.origin}{similar}{unreviewed}{updated}")
    lines += [f"{_CHECK}{note}" for note in entry.mt_checks]
    return lines


def read_comment(text: str) -> tuple[Notes, list[Provenance], list[str]]:
    """An extracted comment as the notes, provenance and machine checks it holds
    (provenance and checks: as earlier versions wrote them)."""
    notes, provenance, checks = Notes(), [], []
    for line in _logical_lines(text):
        # the lines of nearly every entry, first (neither is a provenance nor a check)
        if line.startswith(_ELEMENT) and not notes.element:
            notes.element = line[len(_ELEMENT):]
            continue
        placeholder = _PLACEHOLDER.match(line) if line.startswith("<") else None
        if placeholder:
            number, atomic, description = placeholder.groups()
            notes.placeholders.append(Placeholder(int(number), ph.ATOMIC if atomic else ph.PAIRED, description))
            continue
        attribute = _ATTRIBUTE.match(line)
        placeholder = _PLACEHOLDER.match(line)
        if _origin(line, provenance, checks):
            continue
        if line.startswith(_ELEMENT) and not notes.element:
            notes.element = line[len(_ELEMENT):]
        elif attribute and not notes.element:
            notes.attribute, notes.element = attribute.groups()
        elif placeholder:
            number, atomic, description = placeholder.groups()
            notes.placeholders.append(Placeholder(int(number), ph.ATOMIC if atomic else ph.PAIRED, description))
        elif line.startswith(_GLOSSARY) and " = " in line:
            source, target = line[len(_GLOSSARY):].split(" = ", 1)
            notes.glossary.append((source, target))
        else:
            notes.other.append(line)
    return notes, provenance, checks


def read_translator_comment(text: str) -> tuple[str, list[Provenance], list[str]]:
    """A translator comment as the translator's own lines, and the provenance and
    machine checks the tool wrote there."""
    own, provenance, checks = [], [], []
    for line in (text or "").split("\n") if text else []:
        if not _origin(line, provenance, checks):
            own.append(line)
    return "\n".join(own), provenance, checks


def _origin(line: str, provenance: list[Provenance], checks: list[str]) -> bool:
    """Whether a comment line is a provenance or a machine check (added to the lists)."""
    machine = _MACHINE.match(line)
    if machine:
        engine, version, digest = machine.groups()
        provenance.append(Provenance(Provenance.MACHINE, engine=engine, version=version, hash=digest))
    elif line.startswith(_MEMORY_START):
        origin, similar, unreviewed, updated = _MEMORY.match(line).groups()
        provenance.append(Provenance(Provenance.MEMORY, origin=origin,
                                     similarity=float(similar) if similar else None,
                                     reviewed=not unreviewed, updated=bool(updated)))
    elif line.startswith(_CHECK):
        checks.append(line[len(_CHECK):])
    else:
        return False
    return True


def _logical_lines(text: str) -> list[str]:
    """The lines of an extracted comment, a line that another writer wrapped
    (polib wraps ``#.`` lines at the file's width) joined again: a piece that
    starts with none of the known beginnings, after a piece long enough to have
    been wrapped, continues it."""
    lines: list[str] = []
    previous = ""
    for piece in (text or "").split("\n"):
        if lines and piece and len(previous) >= _WRAPPED and not _LINE_STARTS.match(piece):
            lines[-1] += piece if previous.endswith("-") else " " + piece  # broken after a hyphen
        elif piece:
            lines.append(piece)
        previous = piece
    return lines


# -- polib's objects ------------------------------------------------------------------


def from_polib(entry: polib.POEntry) -> Entry:
    """An entry as polib parsed it."""
    notes, old_provenance, old_checks = read_comment(entry.comment or "")
    comment, provenance, checks = read_translator_comment(entry.tcomment or "")
    return Entry(
        msgid=entry.msgid, msgstr=entry.msgstr, msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural or "",
        msgstr_plural={int(k): v for k, v in entry.msgstr_plural.items()},
        flags=list(entry.flags), translator_comment=comment,
        notes=notes, provenance=old_provenance + provenance, mt_checks=old_checks + checks,
        references=[(path, line) for path, line in entry.occurrences],
        previous_msgctxt=entry.previous_msgctxt, previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=bool(entry.obsolete), line=entry.linenum,
    )


def catalog_from_polib(po: polib.POFile, wrap_width: int = 79) -> Catalog:
    """A catalog as polib parsed it (header, header fields, entries)."""
    entries = [from_polib(entry) for entry in po]
    # provenance in the extracted comment: written by an earlier version
    outdated = any(_MACHINE_START in e.comment or _MEMORY_START in e.comment or _CHECK in e.comment
                   for e in po if e.comment)
    return Catalog(
        entries=entries,
        header=po.header or "", metadata=dict(po.ordered_metadata()),
        header_fuzzy=bool(po.metadata_is_fuzzy), wrap_width=wrap_width, outdated_layout=outdated,
    )
