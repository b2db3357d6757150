"""Catalog -> HTML: put translations back into a parsed page.

Each segment of :mod:`.extract` knows where it sits. A translation is used only
when its placeholders match its source (any order, any well-formed nesting);
otherwise the segment keeps its English text and a warning names the catalog
line. Translated text is set as text: lxml escapes it, so markup typed by a
translator shows as characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from lxml import etree

from . import placeholders as ph
from .extract import Segment


@dataclass
class Rejected:
    """A translation the build did not use, and why."""

    segment: Segment
    translation: str
    reasons: list[str]


def apply_translations(
    segments: list[Segment], lookup: Callable[[str], str | None]
) -> list[Rejected]:
    """Replace each segment's text by ``lookup(msgid)`` where that is usable.

    ``lookup`` returns the translation to use, or None to keep the source text.
    Returns the translations rejected for their placeholders.
    """
    rejected = []
    for segment in segments:
        translation = lookup(segment.msgid)
        if not translation:
            continue
        reasons = ph.problems(segment.msgid, translation)
        if reasons:
            rejected.append(Rejected(segment, translation, reasons))
            continue
        if segment.attribute:
            _apply_attribute(segment, translation)
        else:
            _apply_text(segment, translation)
    return rejected


def _apply_attribute(segment: Segment, translation: str) -> None:
    by_number = {item.number: item for item in segment.placeholders}
    parts = []
    for item in ph.parse(translation):
        parts.append(item if isinstance(item, str) else by_number[item.number].literal or "")
    segment.element.set(segment.attribute, "".join(parts))


def _apply_text(segment: Segment, translation: str) -> None:
    parent, prev = segment.parent, segment.prev
    for item in segment.items:
        parent.remove(item)
    if prev is None:
        parent.text = None
        index = 0
    else:
        prev.tail = None
        index = parent.index(prev) + 1
    writer = _Writer({item.number: item for item in segment.placeholders})
    slot = _Slot(prev, "tail") if prev is not None else _Slot(parent, "text")
    slot.append(segment.prefix)
    slot = writer.emit(ph.parse(translation), parent, index, slot)
    slot.append(segment.suffix)


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
    def __init__(self, by_number):
        self.by_number = by_number

    def emit(self, items: list, parent: etree._Element, index: int, slot: _Slot) -> _Slot:
        """Write parsed message ``items`` into ``parent`` from child ``index`` on."""
        for item in items:
            if isinstance(item, str):
                slot.append(item)
                continue
            placeholder = self.by_number[item.number]
            if placeholder.literal is not None:
                slot.append(placeholder.literal)
                continue
            element = placeholder.element
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
