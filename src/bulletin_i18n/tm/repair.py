"""A fuzzy memory hit repaired where the two English texts differ only in placeables.

"FSFE Newsletter - June 2018" translated "Boletín de la FSFE - junio de 2018"
is a hit for "FSFE Newsletter - October 2011": the texts differ in a month name
and a number only, so the same change is made in the Spanish, giving "Boletín
de la FSFE - octubre de 2011". Placeables are:

* placeholder tokens (``<1>``, ``</1>``, ``<2/>``): renumbered;
* URLs and e-mail addresses: replaced as written;
* numbers: found in the translation by value (``3,197`` = ``3.197`` =
  ``3197``), written in the translation's own style (its group and decimal
  separators), else as the target language writes them (Babel's symbols);
* English month and weekday names: found in the translation as the target
  language names them (Babel), replaced in the same case (``junio`` →
  ``octubre``, ``Junio`` → ``Octubre``);
* names (a capitalised word or an acronym) that the translation keeps as they are.

Anything else that differs, a placeable the translation does not hold exactly
as often as the English, or a result whose placeholders do not match, and the
hit is left as it is (None). Plain data in and out: no file, no settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache


from .. import placeholders as ph
from ..languages import babel_locale, primary_language

_NUMBER = r"\d(?:[\d,.]*\d)?"
_NAME = r"(?<![\w&])(?:[A-Z][\w&-]*[\w])(?![\w&])|(?<![\w&])[A-Z](?![\w&])"
#: Where a number's digits are grouped by threes in the target language only
#: from five digits on (1500, 15.000), as CLDR's minimum grouping digits say.
_MIN_GROUPING = {"es": 2, "pt": 2, "it": 1, "fr": 1, "de": 1}


@dataclass(frozen=True)
class Repair:
    """A translation with its placeables updated, and what changed (old, new)."""

    text: str
    changes: tuple[tuple[str, str], ...]


def repair_placeables(old_source: str, old_target: str, new_source: str, lang: str) -> Repair | None:
    """``old_target`` (the translation of ``old_source``) made to translate
    ``new_source``, when the two English texts differ only in placeables; None
    when they differ otherwise or the change cannot be made safely."""
    if old_source == new_source:
        return None
    old_items, new_items = _placeables(old_source), _placeables(new_source)
    if _skeleton(old_source, old_items) != _skeleton(new_source, new_items):
        return None
    if [kind for kind, *_ in old_items] != [kind for kind, *_ in new_items]:
        return None
    names = _Names(lang)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in old_target
    changes: list[tuple[str, str]] = []
    renumber: dict[int, int] = {}
    changed: dict[tuple[str, str], str] = {}  # (kind, key of the old value) -> new text
    for (kind, old_text, _), (_, new_text, _) in zip(old_items, new_items):
        if kind == "token":
            old_number, new_number = int(re.sub(r"\D", "", old_text)), int(re.sub(r"\D", "", new_text))
            if renumber.setdefault(old_number, new_number) != new_number:
                return None
            continue
        key = _key(kind, old_text, names)
        if key is None or _key(kind, new_text, names) is None:
            return None
        if old_text == new_text or _key(kind, new_text, names) == key:
            if changed.get((kind, key), new_text) != new_text:
                return None  # the same old value becomes two new ones
            continue
        if changed.setdefault((kind, key), new_text) != new_text:
            return None
    for (kind, key), new_text in changed.items():
        old_text = next(text for k, text, _ in old_items if k == kind and _key(k, text, names) == key)
        found = _find(kind, key, old_text, old_target, names)
        wanted = sum(1 for k, text, _ in old_items if k == kind and _key(k, text, names) == key)
        if len(found) != wanted:
            return None
        for start, end in found:
            replacement = _render(kind, new_text, old_text, old_target[start:end], lang, names)
            if replacement is None:
                return None
            edits.append((start, end, replacement))
        changes.append((old_text, new_text))
    if any(old != new for old, new in renumber.items()):
        for token in ph.tokens(old_target):
            if token.number not in renumber:
                return None
            edits.append((token.start, token.end, ph.token_text(renumber[token.number], token.role)))
        changes += [(f"<{old}>", f"<{new}>") for old, new in renumber.items() if old != new]
    if not edits:
        return None
    edits.sort()
    if any(a[1] > b[0] for a, b in zip(edits, edits[1:])):
        return None  # overlapping changes: not safe
    text = old_target
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    if ph.problems(new_source, text):
        return None
    return Repair(text, tuple(changes))


# -- placeables in English ------------------------------------------------------------


def _placeables(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(kind, text, span) of the placeables of an English text, in order."""
    spans: list[tuple[str, str, tuple[int, int]]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for _, _, (s, e) in spans)

    for token in ph.tokens(text):
        spans.append(("token", token.text, (token.start, token.end)))
    for start, end, url in ph.urls_in(text):
        if free(start, end):
            spans.append(("url", url, (start, end)))
    for match in _english_calendar().finditer(text):
        if free(*match.span()):
            spans.append(("calendar", match.group(0), match.span()))
    for match in re.finditer(_NUMBER, text):
        if free(*match.span()) and not _glued(text, *match.span()):
            spans.append(("number", match.group(0), match.span()))
    for match in re.finditer(_NAME, text):
        if free(*match.span()):
            spans.append(("name", match.group(0), match.span()))
    return sorted(spans, key=lambda item: item[2])


def _glued(text: str, start: int, end: int) -> bool:
    """A number inside a word ("MP3", "H2O") is no placeable of its own."""
    return (start > 0 and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha())


def _skeleton(text: str, items: list) -> str:
    out, pos = [], 0
    for kind, _, (start, end) in items:
        out.append(text[pos:start])
        out.append(f"\0{kind}\0")
        pos = end
    out.append(text[pos:])
    return " ".join("".join(out).split())


@lru_cache(maxsize=None)
def _english_calendar() -> re.Pattern[str]:
    names = [name for name in _calendar_names("en") if name[:1].isupper()]
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?!\w)")


@lru_cache(maxsize=None)
def _calendar_names(lang: str) -> dict[str, tuple[str, int, str]]:
    """Month and weekday names of a language, as Babel has them in dates
    ("format" context), lower-cased (English: as written), to (kind, number, width)."""
    from babel import Locale, UnknownLocaleError  # read when a text holds a placeable to repair

    try:
        locale = Locale.parse(babel_locale(lang))
    except (ValueError, UnknownLocaleError):
        return {}
    found: dict[str, tuple[str, int, str]] = {}
    for width in ("wide", "abbreviated"):
        for kind, table in (("month", locale.months), ("day", locale.days)):
            for number, name in table["format"][width].items():
                name = name if lang == "en" else name.rstrip(".").lower()
                found.setdefault(name, (kind, number, width))
    return found


class _Names:
    """Calendar names of English and of the target language."""

    def __init__(self, lang: str):
        self.lang = primary_language(lang)
        self.english = {name.lower(): value[:2] for name, value in _calendar_names("en").items()}
        self.target = _calendar_names(lang)
        self.spelled: dict[tuple[str, int, str], str] = {}
        for name, value in self.target.items():
            self.spelled.setdefault(value, name)

    def written(self, key: tuple[str, int]) -> list[str]:
        return [name for name, value in self.target.items() if value[:2] == key]


def _key(kind: str, text: str, names: _Names):
    """What a placeable stands for: a number's value, a calendar name's (kind, number)."""
    if kind == "number":
        return _value(text, "en")
    if kind == "calendar":
        return names.english.get(text.lower())
    return text


def _value(text: str, lang: str) -> Decimal | None:
    """A number as written in a language (English: "3,197.5"; Spanish: "3.197,5")."""
    group = "," if lang == "en" else _symbols(lang)[1]
    decimal = "." if lang == "en" else _symbols(lang)[0]
    if group and group in text and not re.fullmatch(rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+(?:{re.escape(decimal)}\d+)?", text):
        return None
    try:
        return Decimal(text.replace(group, "").replace(decimal, "."))
    except InvalidOperation:
        return None


@lru_cache(maxsize=None)
def _symbols(lang: str) -> tuple[str, str]:
    """(decimal, group) symbols of a language, from Babel."""
    from babel import UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        return get_decimal_symbol(babel_locale(lang)), get_group_symbol(babel_locale(lang))
    except (ValueError, UnknownLocaleError):
        return ".", ","


# -- placeables in the translation ------------------------------------------------------------


def _find(kind: str, key, old_text: str, target: str, names: _Names) -> list[tuple[int, int]]:
    """Where the translation holds the placeable ``old_text`` (of value ``key``)."""
    if kind in ("url", "name"):
        return [m.span() for m in re.finditer(rf"(?<![\w@/.]){re.escape(old_text)}(?![\w@/])", target)]
    if kind == "number":
        return [m.span() for m in re.finditer(_NUMBER, target)
                if not _glued(target, *m.span())
                and key in (_value(m.group(0), "en"), _value(m.group(0), names.lang), _plain(m.group(0)))]
    spelled = names.written(key)
    if not spelled:
        return []
    pattern = r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, spelled), key=len, reverse=True)) + r")(?!\w)"
    return [m.span() for m in re.finditer(pattern, target, re.IGNORECASE)]


def _plain(text: str) -> Decimal | None:
    """A number written without separators of any language ("3197")."""
    return Decimal(text) if text.isdigit() else None


def _render(kind: str, new_text: str, old_text: str, old_written: str, lang: str, names: _Names) -> str | None:
    """How the translation writes the new placeable, in the style it wrote the old one."""
    if kind in ("url", "name"):
        return new_text
    if kind == "number":
        return _render_number(new_text, old_text, old_written, names.lang)
    old_name = names.target.get(old_written.lower().rstrip("."))
    new_key = names.english.get(new_text.lower())
    name = names.spelled.get((*new_key, old_name[2])) if old_name and new_key else None
    if name is None:
        return None
    if old_written.isupper() and len(old_written) > 1:
        return name.upper()
    if old_written[:1].isupper():
        return name[:1].upper() + name[1:]
    return name


def _render_number(new_text: str, old_text: str, old_written: str, lang: str) -> str | None:
    """A new English number as the translation wrote the old one."""
    if old_written == old_text and not re.search(r"[,.]", new_text):
        return new_text  # no separator either way: the digits as they are
    value = _value(new_text, "en")
    if value is None:
        return None
    decimal, group = _symbols(lang)
    if old_written != old_text:  # the translation's own separators, where it shows them
        digits_only = re.sub(r"\d", "", old_written)
        if "." in old_text and old_written[-(len(old_text.split(".")[1]) + 1)] in ",.":
            decimal = old_written[-(len(old_text.split(".")[1]) + 1)]
        grouped = [c for c in digits_only if c != decimal]
        if grouped:
            group = grouped[0]
        elif "," in old_text:
            group = ""  # the translation drops the grouping
    whole, _, fraction = new_text.replace(",", "").partition(".")
    minimum = _MIN_GROUPING.get(lang, 1)
    if group and re.match(rf"\d{re.escape(group)}\d{{3}}(?!\d)", old_written):
        minimum = 1  # the translation groups four digits too (3.197)
    if group and len(whole) >= 4 + (minimum - 1):
        whole = f"{int(whole):,}".replace(",", group)
    return whole + (decimal + fraction if fraction else "")
