"""How an :class:`~bulletin_i18n.model.Entry` is written in a PO file, and read back.

The only module that knows the comment lines the tool writes. An entry's
extracted comment (``#.``) holds, one fact per line::

    Element: td > p                       (or: Attribute alt of: td > img)
    <1> = <a href="…">                    what each placeholder stands for
    Glossary: OAS = OEA                   approved terms of the text
    Machine translation: apertium 3.8.3/eng-spa@… [0123456789]
    MT check: placeholders restored by the tool: check their position
    From memory: locales/es/other.po (82% similar)
    From memory: memory/aligned-2019-03.tmx (unreviewed)
    From memory: locales/es/2018-06.po (80% similar) (numbers, dates, names, links updated)

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
    """The extracted comment of an entry, line by line, as written in the file."""
    notes = entry.notes
    lines = []
    if notes.element or notes.attribute:
        lines.append(f"Attribute {notes.attribute} of: {notes.element}" if notes.attribute
                     else f"{_ELEMENT}{notes.element}")
    lines += [f"{p.token} = {p.description}" for p in notes.placeholders]
    lines += [f"{_GLOSSARY}{source} = {target}" for source, target in notes.glossary]
    lines += notes.other
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
    """An extracted comment as the notes, provenance and machine checks it holds."""
    notes, provenance, checks = Notes(), [], []
    for line in _logical_lines(text):
        attribute = _ATTRIBUTE.match(line)
        placeholder = _PLACEHOLDER.match(line)
        machine = _MACHINE.match(line)
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
        elif machine:
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
            notes.other.append(line)
    return notes, provenance, checks


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
    notes, provenance, checks = read_comment(entry.comment or "")
    return Entry(
        msgid=entry.msgid, msgstr=entry.msgstr, msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural or "",
        msgstr_plural={int(k): v for k, v in entry.msgstr_plural.items()},
        flags=list(entry.flags), translator_comment=entry.tcomment or "",
        notes=notes, provenance=provenance, mt_checks=checks,
        references=[(path, line) for path, line in entry.occurrences],
        previous_msgctxt=entry.previous_msgctxt, previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=bool(entry.obsolete), line=entry.linenum,
    )


def catalog_from_polib(po: polib.POFile, wrap_width: int = 79) -> Catalog:
    """A catalog as polib parsed it (header, header fields, entries)."""
    return Catalog(
        entries=[from_polib(entry) for entry in po],
        header=po.header or "", metadata=dict(po.ordered_metadata()),
        header_fuzzy=bool(po.metadata_is_fuzzy), wrap_width=wrap_width,
    )
