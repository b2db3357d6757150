"""``controls`` (error): a control character a page cannot carry (NUL, ESC, BEL, a
vertical tab…). The build never writes one into an edition: it keeps the English."""

from __future__ import annotations

import unicodedata

from ... import placeholders
from ..context import RuleContext

NAME = "controls"
SEVERITY = "error"


def check(source: str, translation: str, context: RuleContext) -> list[str]:
    return [f"control character U+{ord(char):04X} ({unicodedata.name(char, 'control')}) cannot be "
            "written into a page" for char in dict.fromkeys(placeholders.CONTROLS.findall(translation))]
