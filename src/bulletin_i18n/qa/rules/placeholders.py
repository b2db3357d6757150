"""``placeholders`` (error): a placeholder missing, extra, of the wrong form,
unbalanced or malformed. Order and nesting may differ from the source."""

from __future__ import annotations

from ... import placeholders
from ..context import RuleContext

NAME = "placeholders"
SEVERITY = "error"


def check(source: str, translation: str, context: RuleContext) -> list[str]:
    try:
        return placeholders.problems(source, translation)
    except placeholders.PlaceholderError as exc:
        return [f"the source's placeholders are malformed: {exc}"]
