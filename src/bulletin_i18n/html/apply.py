"""Translations back into a parsed page.

:func:`locate` finds the nodes of each segment's :class:`~.extract.Anchor` in a
tree (the page the segments were extracted from, or any copy of it made before
it changed). :func:`apply_translations` then puts each usable translation in
place. A translation is used only when its placeholders match its source (any
order, any well-formed nesting), it holds no control character a page cannot
carry, and, inside an element a browser reads as raw text (a ``<noscript>``),
not that element's end tag; otherwise the segment keeps its English text and
the caller is told why. Translated text is set as text: the written page
escapes it (see :func:`.page.serialize`), so markup typed by a translator
shows as characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from .. import placeholders as ph
from ..model import Segment
from .extract import Anchor
from .page import RAW_TEXT

#: Elements a browser reads as raw text up to their end tag: RAW_TEXT, and
#: noscript for a browser that runs scripts (libxml2 reads its content as
#: markup, as a browser without scripts does).
_RAW_TEXT_AROUND = RAW_TEXT | {"noscript"}


@dataclass
class Located:
    """A segment's anchor resolved to the nodes of one tree."""

    parent: etree._Element | None
    prev: etree._Element | None
    items: list
    prefix: str
    suffix: str
    element: etree._Element | None
    nodes: dict[int, etree._Element | None] = field(default_factory=dict)  # by placeholder number


def locate(root: etree._Element, anchors: list[Anchor], nodes: list | None = None) -> list[Located]:
    """The anchors' nodes in ``root`` (the tree they were found in, or a copy of it);
    ``nodes``: ``list(root.iter())``, when the caller has it."""
    nodes = list(root.iter()) if nodes is None else nodes

    def at(index):
        return None if index is None else nodes[index]

    return [Located(at(a.parent), at(a.prev), [nodes[i] for i in a.items], a.prefix, a.suffix,
                    at(a.element), {number: at(i) for number, i in enumerate(a.nodes, 1)})
            for a in anchors]


@dataclass
class Rejected:
    """A translation the build did not use, and why."""

    segment: Segment
    translation: str
    reasons: list[str]


def apply_translations(
    segments: list[Segment], located: list[Located], lookup: Callable[[str], str | None]
) -> list[Rejected]:
    """Replace each segment's text by ``lookup(msgid)`` where that is usable.

    ``lookup`` returns the translation to use, or None to keep the source text.
    Returns the translations rejected, with the reasons.
    """
    rejected = []
    for segment, place in zip(segments, located):
        translation = lookup(segment.msgid)
        if not translation:
            continue
        reasons = ph.problems(segment.msgid, translation)
        reasons += [f"control character U+{ord(char):04X} cannot be written into a page"
                    for char in dict.fromkeys(ph.CONTROLS.findall(translation))]
        if not reasons:
            items = ph.parse(translation)
            reasons = _raw_text_problems(segment, place, items)
        if reasons:
            rejected.append(Rejected(segment, translation, reasons))
        elif segment.attribute:
            _apply_attribute(segment, place, items)
        else:
            _apply_text(segment, place, items)
    return rejected


def _raw_text_problems(segment: Segment, place: Located, items: list) -> list[str]:
    """A translation inside an element a browser reads as raw text (a <noscript>)
    must not hold its end tag, which would end it there in a browser.

    The written page escapes it (text, and attribute values: see
    :func:`.page.serialize`); a translation that tries it is still no
    translation, and the English is kept with a warning.
    """
    holder = place.element.getparent() if segment.attribute else place.parent
    if holder is None:
        return []
    around = ([holder] if holder.tag in _RAW_TEXT_AROUND else []) + list(holder.iterancestors(*_RAW_TEXT_AROUND))
    if not around:  # (nearly every text: nothing to write out)
        return []
    written = _written(items, _literals(segment))
    reasons = []
    for element in around:
        found = re.search(f"</{element.tag}", written, re.IGNORECASE | re.ASCII)
        if found:
            reasons.append(f'"{found.group()}" would end the <{element.tag}> around this text in a browser')
    return reasons


def _literals(segment: Segment) -> dict[int, str | None]:
    return {p.number: p.literal for p in segment.placeholders}


def _written(items: list, literals: dict[int, str | None]) -> str:
    """The characters a parsed message writes: its text, and the literal of each
    placeholder that keeps one (a merge tag)."""
    parts = []
    for item in items:
        if isinstance(item, str):
            parts.append(item)
        else:
            parts.append((literals[item.number] or "") + _written(item.children, literals))
    return "".join(parts)


def _apply_attribute(segment: Segment, place: Located, items: list) -> None:
    value = _written(items, _literals(segment))
    place.element.set(segment.attribute, place.prefix + value + place.suffix)


def _apply_text(segment: Segment, place: Located, items: list) -> None:
    parent, prev = place.parent, place.prev
    for item in place.items:
        parent.remove(item)
    if prev is None:
        parent.text = None
        slot = _Slot(parent, "text")
    else:
        prev.tail = None
        slot = _Slot(prev, "tail")
    slot.append(place.prefix)
    slot = _Writer(_literals(segment), place.nodes).emit(items, slot)
    slot.append(place.suffix)
    slot.close()


class _Slot:
    """A place text goes, an element's ``text`` or its ``tail``, and the text
    gathered for it (set once: appending to lxml's text one piece at a time
    would copy it each time)."""

    __slots__ = ("element", "name", "parts")

    def __init__(self, element: etree._Element, name: str):
        self.element, self.name = element, name
        self.parts: list[str] = []

    def append(self, text: str) -> None:
        self.parts.append(text)

    def close(self) -> None:
        """Set the text gathered (the slot's text was None before)."""
        setattr(self.element, self.name, "".join(self.parts) or None)

    def put(self, element: etree._Element) -> _Slot:
        """Close, and put ``element`` where the text ends: after the element whose
        tail this is, or first in the one whose text this is. Returns the slot of
        the element's tail."""
        self.close()
        if self.name == "tail":
            self.element.addnext(element)
        else:
            self.element.insert(0, element)
        return _Slot(element, "tail")


class _Writer:
    def __init__(self, literals: dict[int, str | None], nodes: dict[int, etree._Element | None]):
        self.literals = literals
        self.nodes = nodes

    def emit(self, items: list, slot: _Slot) -> _Slot:
        """Write parsed message ``items`` from ``slot`` on: text into it, each
        element after it. Returns the slot where the text after them goes."""
        for item in items:
            if isinstance(item, str):
                slot.append(item)
                continue
            literal = self.literals[item.number]
            if literal is not None:
                slot.append(literal)
                continue
            element = self.nodes[item.number]
            element.tail = None
            if item.kind == ph.PAIRED:
                element.text = None
                for child in list(element):
                    element.remove(child)
                self.emit(item.children, _Slot(element, "text")).close()
            slot = slot.put(element)
        return slot
