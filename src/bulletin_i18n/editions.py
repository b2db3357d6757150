"""What makes a built page an edition of its language."""

from __future__ import annotations

from lxml import etree



def finish_edition(root: etree._Element, *, settings, name: str, lang: str, segments=()) -> None:
    """Make a built page the ``lang`` edition of bulletin ``name``.

    ``segments`` are the page's segments (translated in place for a target
    language), in document order.
    """
    root.set("lang", lang)
    if root.get("xml:lang") is not None:
        root.set("xml:lang", lang)
