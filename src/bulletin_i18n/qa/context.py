"""What the quality rules know about a language, and the words of a message."""

from __future__ import annotations

from dataclasses import dataclass

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


def word_count(msgid: str) -> int:
    """Words of a message outside its placeholders."""
    return len(words(msgid))
