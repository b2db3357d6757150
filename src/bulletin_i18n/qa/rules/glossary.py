"""``glossary`` (error): a glossary term of the source whose approved target is
absent from the translation (case-insensitive, accent-sensitive, a plural
``s``/``es`` accepted, and in Spanish gender and number endings; terms kept as
they are, such as ``SEDI``, are not checked)."""

from __future__ import annotations

import re
import unicodedata

from ... import placeholders
from ...languages import primary_language
from ..context import RuleContext

NAME = "glossary"
SEVERITY = "error"

def check(source: str, translation: str, context: RuleContext) -> list[str]:
    plain = placeholders.strip(translation, " ")
    return [f"glossary: {term.source!r} should be translated {term.target!r}"
            for term in context.glossary.find(placeholders.strip(source, " "))
            if term.target != term.source and not has_term(plain, term.target, context.target_lang)]


def has_term(text: str, target: str, lang: str = "") -> bool:
    """Whether ``target`` is in ``text`` as whole words, ignoring case, maybe plural.

    In Spanish each word may also change gender and number ("Secretario
    General" is met by "Secretaria General", "pequeñas y medianas empresas" by
    "la pequeña y mediana empresa"): the reviewer, not the check, judges those.
    """
    words = unicodedata.normalize("NFC", target).split()
    if primary_language(lang) == "es":
        pattern = r"\s+".join(_inflected(word) for word in words)
    else:
        pattern = r"\s+".join(map(re.escape, words)) + "(?:e?s)?"
    return re.search(rf"(?<!\w){pattern}(?!\w)", unicodedata.normalize("NFC", text),
                     re.IGNORECASE) is not None


def _inflected(word: str) -> str:
    """A Spanish word with its gender and number endings left open."""
    match = re.fullmatch(r"(.+?)(os|as|o|a)", word, re.IGNORECASE)
    if match and len(match.group(1)) > 1:
        return re.escape(match.group(1)) + "(?:o|a|os|as)"
    return re.escape(word) + "(?:e?s)?"
