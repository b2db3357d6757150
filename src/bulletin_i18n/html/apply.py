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


def locate(root: etree._Element, anchors: list[Anchor]) -> list[Located]:
    """The anchors' nodes in ``root`` (the tree they were found in, or a copy of it)."""
    nodes = list(root.iter())

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
        reasons = _problems(segment, place, translation)
        if reasons:
            rejected.append(Rejected(segment, translation, reasons))
            continue
        if segment.attribute:
            _apply_attribute(segment, place, translation)
        else:
            _apply_text(segment, place, translation)
    return rejected


def _problems(segment: Segment, place: Located, translation: str) -> list[str]:
    """Why a translation cannot be used in place of its segment (none: it can)."""
    reasons = ph.problems(segment.msgid, translation)
    reasons += [f"control character U+{ord(char):04X} cannot be written into a page"
                for char in dict.fromkeys(ph.CONTROLS.findall(translation))]
    if not reasons:
        reasons += _raw_text_problems(segment, place, translation)
    return reasons


def _raw_text_problems(segment: Segment, place: Located, translation: str) -> list[str]:
    """A translation inside an element a browser reads as raw text (a <noscript>)
    must not hold its end tag, which would end it there in a browser.

    The written page escapes it (text, and attribute values: see
    :func:`.page.serialize`); a translation that tries it is still no
    translation, and the English is kept with a warning.
    """
    holder = place.element.getparent() if segment.attribute else place.parent
    if holder is None:
        return []
    written = _written(ph.parse(translation), _literals(segment))
    reasons = []
    for element in (holder, *holder.iterancestors()):
        if element.tag in _RAW_TEXT_AROUND:
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


def _apply_attribute(segment: Segment, place: Located, translation: str) -> None:
    value = _written(ph.parse(translation), _literals(segment))
    place.element.set(segment.attribute, place.prefix + value + place.suffix)


def _apply_text(segment: Segment, place: Located, translation: str) -> None:
    parent, prev = place.parent, place.prev
    for item in place.items:
        parent.remove(item)
    if prev is None:
        parent.text = None
        index = 0
    else:
        prev.tail = None
        index = parent.index(prev) + 1
    writer = _Writer(_literals(segment), place.nodes)
    slot = _Slot(prev, "tail") if prev is not None else _Slot(parent, "text")
    slot.append(place.prefix)
    slot = writer.emit(ph.parse(translation), parent, index, slot)
    slot.append(place.suffix)


class _Slot:
    """A place text goes: an element's ``text`` or its ``tail``."""

    __slots__ = ("element", "name")

    def __init__(self, element: etree._Element, name: str):
        self.element, self.name = element, name

    def append(self, text: str) -> None:
        if text:
            current = getattr(self.element, self.name) or ""
            setattr(self.element, self.name, current + text)


class _Writer:
    def __init__(self, literals: dict[int, str | None], nodes: dict[int, etree._Element | None]):
        self.literals = literals
        self.nodes = nodes

    def emit(self, items: list, parent: etree._Element, index: int, slot: _Slot) -> _Slot:
        """Write parsed message ``items`` into ``parent`` from child ``index`` on."""
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
                self.emit(item.children, element, 0, _Slot(element, "text"))
            parent.insert(index, element)
            index += 1
            slot = _Slot(element, "tail")
        return slot
