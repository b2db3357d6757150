"""Translations back into a parsed page.

:func:`locate` finds the nodes of each segment's :class:`~.extract.Anchor` in a
tree (the page the segments were extracted from, or any copy of it made before
it changed). :func:`apply_translations` then puts each usable translation in
place. A translation is used only when its placeholders match its source (any
order, any well-formed nesting); otherwise the segment keeps its English text
and the caller is told why. Translated text is set as text: lxml escapes it,
so markup typed by a translator shows as characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from .. import placeholders as ph
from ..model import Segment
from .extract import Anchor


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
    Returns the translations rejected for their placeholders.
    """
    rejected = []
    for segment, place in zip(segments, located):
        translation = lookup(segment.msgid)
        if not translation:
            continue
        reasons = ph.problems(segment.msgid, translation)
        reasons += [f"control character U+{ord(char):04X} cannot be written into a page"
                    for char in dict.fromkeys(ph.CONTROLS.findall(translation))]
        if reasons:
            rejected.append(Rejected(segment, translation, reasons))
            continue
        if segment.attribute:
            _apply_attribute(segment, place, translation)
        else:
            _apply_text(segment, place, translation)
    return rejected


def _apply_attribute(segment: Segment, place: Located, translation: str) -> None:
    literals = {p.number: p.literal for p in segment.placeholders}
    parts = []
    for item in ph.parse(translation):
        parts.append(item if isinstance(item, str) else literals[item.number] or "")
    place.element.set(segment.attribute, place.prefix + "".join(parts) + place.suffix)


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
    writer = _Writer({p.number: p.literal for p in segment.placeholders}, place.nodes)
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
