"""What makes a built page an edition of its language."""

from __future__ import annotations

from lxml import etree



def finish_edition(root: etree._Element, lang: str) -> None:
    """Declare the edition's language on a built page."""
    root.set("lang", lang)
    if root.get("xml:lang") is not None:
        root.set("xml:lang", lang)
