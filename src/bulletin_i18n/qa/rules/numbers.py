"""``numbers`` (error): a number of the source absent from the translation,
compared as numbers: ``3,197`` = ``3.197`` in Spanish, ``99%`` = ``99 %``,
``$19 million`` = ``19 millones`` or ``19.000.000``; ordinals (``17th``) and
numbers in words are not required. Digit groups may be separated by ``.``/``,``,
a no-break or thin space, or a plain space before groups of three digits
(``12 500``); a 24-hour time stands for a 12-hour one (``15:30`` for ``3:30 p.m.``)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache


from ... import placeholders
from ...languages import primary_language
from ..context import RuleContext

NAME = "numbers"
SEVERITY = "error"

_NUMBER_RE = re.compile(r"(?<!\w)\d+(?:[.,\u00a0\u202f\u2009]\d+)*(?P<suffix>[^\W\d_]*)")
#: Words after a number that multiply it, by language (10 ** exponent).
SCALE_WORDS = {
    "en": {"thousand": 3, "million": 6, "millions": 6, "billion": 9, "billions": 9,
           "trillion": 12, "trillions": 12},
    "es": {"mil": 3, "millón": 6, "millones": 6, "mil millones": 9, "millardo": 9,
           "millardos": 9, "billón": 12, "billones": 12},
}


def check(source: str, translation: str, context: RuleContext) -> list[str]:
    found: set[Decimal] = set(_bare_scales(translation, context.target_lang))
    found |= _other_writings(placeholders.strip(translation, " "))
    for _, values in numbers_in(translation, context.target_lang, (context.target_lang, context.source_lang)):
        found |= values
    return [f"number {shown} is missing or changed"
            for shown, values in numbers_in(source, context.source_lang, (context.source_lang,))
            if not values & found]


def numbers_in(text: str, lang: str, locales: tuple[str, ...]) -> list[tuple[str, set[Decimal]]]:
    """Each number of ``text`` (outside placeholders and URLs) with the values it
    may stand for: read in each of ``locales``, with and without a scale word of
    ``lang`` after it. Ordinals and numbers glued to letters are left out."""
    plain = placeholders.strip(text, " ")
    if placeholders.may_hold_url(plain):
        plain = placeholders.URL_RE.sub(" ", plain)
    scale_re = _scale_re(primary_language(lang))
    result = []
    for match in _NUMBER_RE.finditer(plain):
        if match.group("suffix"):
            continue
        token = match.group(0)
        values = {value for locale in locales for value in _parse(token, locale)}
        scale = scale_re.match(plain, match.end()) if scale_re else None
        if scale:
            factor = Decimal(10) ** SCALE_WORDS[primary_language(lang)][scale.group(1).lower()]
            values |= {value * factor for value in values}
            token = plain[match.start():scale.end()]
        if values:
            result.append((token, values))
    return result


_SPACE_GROUPED = re.compile(r"(?<![\w.,])\d{1,3}(?: \d{3})+(?![\w.,]?\d)")
_CLOCK = re.compile(r"(?<![\w:])(\d{1,2}):(\d{2})(?![\w:])")


def _other_writings(text: str) -> set[Decimal]:
    """Values a translation writes in ways the locale's parser does not read:
    digits grouped by plain spaces ("12 500", the RAE's style) and a 24-hour
    clock for a 12-hour one ("15:30" for "3:30 p.m.")."""
    values = {Decimal(m.group(0).replace(" ", "")) for m in _SPACE_GROUPED.finditer(text)}
    for match in _CLOCK.finditer(text):
        hour = int(match.group(1))
        if 12 < hour < 24:
            values.add(Decimal(hour - 12))
        if hour == 0:
            values.add(Decimal(12))
    return values


def _bare_scales(text: str, lang: str) -> list[Decimal]:
    """The values of scale words written without a figure: "un millón" is 1,000,000."""
    scale_re = _scale_re(primary_language(lang))
    if scale_re is None:
        return []
    words = SCALE_WORDS[primary_language(lang)]
    return [Decimal(10) ** words[re.sub(r"\s+", " ", m.group(1).lower())]
            for m in scale_re.finditer(" " + text)]


@lru_cache(maxsize=8192)  # Babel's parser is slow, and the same figures come back in every catalog
def _parse(token: str, locale: str) -> tuple[Decimal, ...]:
    from babel.numbers import parse_decimal  # read when a figure is to be compared

    digits = re.sub(r"[\u00a0\u202f\u2009]", "", token)
    try:
        return (parse_decimal(digits, locale=locale.replace("-", "_")),)
    except ValueError:  # not a number in this locale (or an unknown locale)
        return ()


@lru_cache
def _scale_re(lang: str) -> re.Pattern[str] | None:
    words = sorted(SCALE_WORDS.get(lang, {}), key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"\s+({alternatives})(?!\w)", re.IGNORECASE)
