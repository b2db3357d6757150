"""``unchanged`` (warning): a translation identical to a source of three words or
more that are not all capitalised names."""

from __future__ import annotations

from ..context import RuleContext, words

NAME = "unchanged"
SEVERITY = "warning"

def check(source: str, translation: str, context: RuleContext) -> list[str]:
    if translation != source:  # (most translations: no need for the source's words)
        return []
    found = words(source)
    if len(found) < 3 or all(_is_name(word) for word in found):
        return []
    return ["the translation is identical to the source"]


def _is_name(word: str) -> bool:
    """A capitalised word, an acronym or a word without letters."""
    letters = [c for c in word if c.isalpha()]
    return not letters or letters[0].isupper()
