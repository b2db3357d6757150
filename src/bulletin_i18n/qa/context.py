"""What the quality rules know about a language, and the words of a message."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import placeholders
from ..glossary import Glossary


@dataclass(frozen=True)
class RuleContext:
    """What the quality rules need to know about a language."""

    source_lang: str
    target_lang: str
    glossary: Glossary
    url_map: dict[str, str]


def words(text: str) -> list[str]:
    """The words of a message outside its placeholders."""
    return [word for word in placeholders.strip(text, " ").split() if any(c.isalnum() for c in word)]


@lru_cache(maxsize=16384)  # every catalog of a bulletin, and check, the index and review pages, count the same texts
def word_count(msgid: str) -> int:
    """Words of a message outside its placeholders."""
    return len(words(msgid))
