"""Language codes: the one place that splits and compares them."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=256)  # a run asks for the same few codes thousands of times
def primary_language(code: str) -> str:
    """The primary subtag of a language code, lower case: "es-MX" and "es_419" give "es"."""
    return re.split(r"[-_]", code.strip())[0].lower()


def same_language(code: str, other: str) -> bool:
    """Whether two codes name the same language ("es" and "es-ES" do)."""
    return primary_language(code) == primary_language(other)


def babel_locale(code: str) -> str:
    """A language code as Babel writes locales ("es-MX" -> "es_MX")."""
    return code.strip().replace("-", "_")


# -- what Babel (CLDR) says of the languages bulletins are most often in -----------------
#
# Committed, so that a run that writes an edition or a review page does not read
# Babel and its locale data (about 20 ms: most of a sync that redoes one bulletin);
# a test checks each entry against Babel (:func:`cldr_from_babel`). Another
# language asks Babel.

#: language: (the month names, "wide"; "<month> <year>" as the yMMMM skeleton
#: writes each month, the year as {}; the language's own name)
_CLDR: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "ca": (
        ('de gener', 'de febrer', 'de març', 'd’abril', 'de maig', 'de juny', 'de juliol', 'd’agost', 'de setembre', 'd’octubre', 'de novembre', 'de desembre'),
        ('gener del {}', 'febrer del {}', 'març del {}', 'abril del {}', 'maig del {}', 'juny del {}', 'juliol del {}', 'agost del {}', 'setembre del {}', 'octubre del {}', 'novembre del {}', 'desembre del {}'),
        'català'),
    "de": (
        ('Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'),
        ('Januar {}', 'Februar {}', 'März {}', 'April {}', 'Mai {}', 'Juni {}', 'Juli {}', 'August {}', 'September {}', 'Oktober {}', 'November {}', 'Dezember {}'),
        'Deutsch'),
    "en": (
        ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'),
        ('January {}', 'February {}', 'March {}', 'April {}', 'May {}', 'June {}', 'July {}', 'August {}', 'September {}', 'October {}', 'November {}', 'December {}'),
        'English'),
    "es": (
        ('enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'),
        ('enero de {}', 'febrero de {}', 'marzo de {}', 'abril de {}', 'mayo de {}', 'junio de {}', 'julio de {}', 'agosto de {}', 'septiembre de {}', 'octubre de {}', 'noviembre de {}', 'diciembre de {}'),
        'español'),
    "fr": (
        ('janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'),
        ('janvier {}', 'février {}', 'mars {}', 'avril {}', 'mai {}', 'juin {}', 'juillet {}', 'août {}', 'septembre {}', 'octobre {}', 'novembre {}', 'décembre {}'),
        'français'),
    "it": (
        ('gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'),
        ('gennaio {}', 'febbraio {}', 'marzo {}', 'aprile {}', 'maggio {}', 'giugno {}', 'luglio {}', 'agosto {}', 'settembre {}', 'ottobre {}', 'novembre {}', 'dicembre {}'),
        'italiano'),
    "pt": (
        ('janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'),
        ('janeiro de {}', 'fevereiro de {}', 'março de {}', 'abril de {}', 'maio de {}', 'junho de {}', 'julho de {}', 'agosto de {}', 'setembro de {}', 'outubro de {}', 'novembro de {}', 'dezembro de {}'),
        'português'),
}


def cldr_from_babel(lang: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """An entry of :data:`_CLDR` as Babel gives it."""
    import datetime

    from babel import Locale
    from babel.dates import format_skeleton, get_month_names

    names = get_month_names("wide", locale=lang)
    formats = tuple(format_skeleton("yMMMM", datetime.date(2000, month, 1), locale=lang).replace("2000", "{}")
                    for month in range(1, 13))
    return tuple(names[month] for month in range(1, 13)), formats, Locale.parse(lang).get_display_name(lang)


def month_names(lang: str) -> dict[int, str]:
    """The month names of a language (1 to 12), "wide" (Babel's ``get_month_names``)."""
    known = _CLDR.get(lang)
    if known is not None:
        return dict(enumerate(known[0], 1))
    from babel.dates import get_month_names

    return dict(get_month_names("wide", locale=lang))


def month_year(year: int, month: int, lang: str) -> str:
    """A month of a year as the language writes it ("abril de 2015"; Babel's
    ``format_skeleton("yMMMM", ...)``)."""
    known = _CLDR.get(lang)
    if known is not None and 1000 <= year <= 9999:
        return known[1][month - 1].format(year)
    import datetime

    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", datetime.date(year, month, 1), locale=lang)


@lru_cache(maxsize=64)  # asked for on every page; Babel parses the locale each time
def language_name(lang: str) -> str:
    """The language's own name ("español"), or its code when Babel does not know it."""
    known = _CLDR.get(babel_locale(lang))
    if known is not None:
        return known[2]
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(babel_locale(lang)).get_display_name(babel_locale(lang)) or lang
    except (ValueError, UnknownLocaleError):
        return lang
