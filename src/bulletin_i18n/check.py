"""The CI gate: are a project's catalogs complete, current and sound?

:func:`run_check` reads every catalog ``locales/<lang>/<name>.po`` of the chosen
bulletins and languages and reports, per catalog, per language and in total, the
entries and source words (words of the msgid outside placeholders) that are
translated, fuzzy, untranslated and obsolete. A catalog fails when

* it is out of date with its source page or missing (``stale``),
* its translated share of entries is below ``min_translated`` percent
  (``completeness``; fuzzy entries count as translated only with ``allow_fuzzy``),
* it holds a fuzzy entry while ``allow_fuzzy`` is off (``fuzzy``, one per entry),
* a quality rule finds an error in a translated entry (and in a fuzzy one when
  fuzzy entries are allowed).

Quality rules (``check.rules`` in the settings; all on by default):

``placeholders`` (error)
    a placeholder missing, extra, of the wrong form, unbalanced or malformed;
``numbers`` (error)
    a number of the source absent from the translation, compared as numbers:
    ``3,197`` = ``3.197`` in Spanish, ``99%`` = ``99 %``, ``$19 million`` =
    ``19 millones`` or ``19.000.000``; ordinals (``17th``) and numbers in words
    are not required. Digit groups may be separated by ``.``/``,``, a no-break
    or thin space, or a plain space before groups of three digits (``12 500``);
    a 24-hour time stands for a 12-hour one (``15:30`` for ``3:30 p.m.``);
``urls`` (error)
    a URL or e-mail address of the text not found unchanged in the translation
    (or as rewritten by the project's ``url_map`` for that language);
``glossary`` (error)
    a glossary term of the source whose approved target is absent from the
    translation (case-insensitive, accent-sensitive, a plural ``s``/``es``
    accepted; terms kept as they are, such as ``SEDI``, are not checked);
``unchanged`` (warning)
    a translation identical to a source of three words or more that are not
    all capitalised names;
``punctuation`` (warning)
    different end punctuation (``. ! ? : ;``), a Spanish ``?``/``!`` without its
    opening ``¿``/``¡``, leading or trailing whitespace added or dropped, a double
    space introduced, unbalanced ``( )``, ``[ ]`` or quotes ``“ ”``/``« »``.

Warnings are reported but do not fail the check.

API: :func:`run_check` gives a :class:`CheckReport` (its ``exit_code``),
:func:`format_report` writes it; :func:`check_project` does both for the
command line.

Silencing a false positive: a translator adds the flag ``ignore-<rule>`` to the
entry in the PO file (``#, ignore-numbers``, ``#, fuzzy, ignore-glossary``); it
silences that rule for that entry only.

Settings (``[check]`` table; caller arguments, i.e. command-line flags, win)::

    [check]
    min_translated = 100        # percent of entries
    allow_fuzzy = false
    rules = ["placeholders", "numbers", "urls", "glossary", "unchanged", "punctuation"]
    [check.languages.es]        # per language overrides of the three keys above
    min_translated = 90

Exit status (:attr:`CheckReport.exit_code`): 0 every catalog passed, 1 a
threshold or a rule failed, 2 a catalog could not be read (reported as an
``input`` finding with its ``file:line``; the other catalogs are still checked).
Unreadable project-level input (settings, glossary, a source page, an unknown
bulletin or rule) raises :class:`~bulletin_i18n.errors.InputError` (status 2).

JSON output (``format_report(report, "json")``), schema version 1::

    {
      "version": 1,
      "passed": true,                 # no finding of severity "error"
      "exit_code": 0,
      "catalogs": [
        {"path": "locales/es/sedi-2015-04.po", "name": "sedi-2015-04",
         "language": "es",
         "entries": {"translated": 40, "fuzzy": 2, "untranslated": 4,
                     "obsolete": 1, "total": 46},          # total excludes obsolete
         "words": {... same keys, counted in source words ...},
         "percent": {"entries": 86.9, "words": 91.2},     # translated, fuzzy excluded
         "thresholds": {"min_translated": 100.0, "allow_fuzzy": false,
                        "rules": ["placeholders", ...]},
         "passed": false}
      ],
      "totals": {"es": {"entries": {...}, "words": {...}, "percent": {...}},
                 "all": {...}},
      "findings": [
        {"rule": "numbers", "severity": "error",
         "path": "locales/es/sedi-2015-04.po", "line": 123,      # null: whole catalog
         "msgid": "The results reported in 2014 are compel…",   # first 40 characters
         "message": "number 3,197 is missing or changed"}
      ]
    }

Rules of findings: the six quality rules, plus ``stale``, ``completeness``,
``fuzzy``, ``input`` and ``assets`` (a warning: a picture, style sheet or
other asset a source page refers to does not exist; its path is the page's or
the style sheet's, with the line). Percentages are rounded down to one decimal.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import asdict, astuple, dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import polib
from babel.numbers import parse_decimal

from . import placeholders
from .catalog import entry_state, read_catalog
from .config import Settings, primary_language
from .errors import InputError
from .glossary import Glossary, load_glossary
from .project import missing_assets, select_sources, source_msgids

RULES = ("placeholders", "numbers", "urls", "glossary", "unchanged", "punctuation")
WARNING_RULES = frozenset({"unchanged", "punctuation"})
ERROR, WARNING = "error", "warning"
FORMATS = ("text", "json", "github")
SCHEMA_VERSION = 1
SNIPPET_LENGTH = 40


# -- results ----------------------------------------------------------------------


@dataclass
class Counts:
    """Entries (or source words) of a catalog by state."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0

    @property
    def total(self) -> int:
        """Live entries or words: obsolete ones excluded."""
        return self.translated + self.fuzzy + self.untranslated

    def percent(self, include_fuzzy: bool = False) -> float:
        """Translated share of the total (100 for an empty catalog)."""
        done = self.translated + (self.fuzzy if include_fuzzy else 0)
        return 100.0 * done / self.total if self.total else 100.0

    def add(self, state: str, amount: int = 1) -> None:
        setattr(self, state, getattr(self, state) + amount)

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(astuple(self), astuple(other))))

    def as_dict(self) -> dict[str, int]:
        return {**asdict(self), "total": self.total}


@dataclass(frozen=True)
class Thresholds:
    """What a catalog of one language must meet."""

    min_translated: float
    allow_fuzzy: bool
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One problem, at a catalog's line (None: the catalog as a whole)."""

    rule: str
    path: str
    line: int | None
    msgid: str
    message: str
    severity: str = ERROR


@dataclass
class CatalogResult:
    """Counts and findings of one catalog."""

    path: str
    name: str
    language: str
    thresholds: Thresholds
    entries: Counts = field(default_factory=Counts)
    words: Counts = field(default_factory=Counts)
    findings: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not any(f.severity == ERROR for f in self.findings)


@dataclass
class CheckReport:
    """Everything ``check`` found, with the exit status it implies."""

    catalogs: list[CatalogResult] = field(default_factory=list)
    unreadable: list[Finding] = field(default_factory=list)
    orphans: list[Finding] = field(default_factory=list)  # catalogs without a source
    pages: list[Finding] = field(default_factory=list)  # about source pages: missing assets

    @property
    def findings(self) -> list[Finding]:
        return (self.unreadable + [f for result in self.catalogs for f in result.findings]
                + self.orphans + self.pages)

    @property
    def passed(self) -> bool:
        return not self.unreadable and all(result.passed for result in self.catalogs)

    @property
    def exit_code(self) -> int:
        return 2 if self.unreadable else 0 if self.passed else 1

    def totals(self) -> dict[str, tuple[Counts, Counts]]:
        """(entries, words) per language, then over all catalogs under ``"all"``."""
        totals: dict[str, tuple[Counts, Counts]] = {}
        for result in self.catalogs:
            for key in (result.language, "all"):
                entries, words = totals.get(key, (Counts(), Counts()))
                totals[key] = (entries + result.entries, words + result.words)
        if totals:
            totals["all"] = totals.pop("all")  # last
        return totals


# -- the run ----------------------------------------------------------------------


@dataclass(frozen=True)
class RuleContext:
    """What the quality rules need to know about a language."""

    source_lang: str
    target_lang: str
    glossary: Glossary
    url_map: dict[str, str]


def run_check(
    settings: Settings, *, langs: list[str] | None = None, names: list[str] | None = None,
    min_translated: float | None = None, allow_fuzzy: bool | None = None,
    rules: list[str] | None = None,
) -> CheckReport:
    """Check the catalogs of the bulletins ``names`` (default all) in ``langs``
    (default the project's target languages).

    ``min_translated``, ``allow_fuzzy`` and ``rules`` override the settings for
    every language when given.
    """
    report = CheckReport()
    langs = list(langs or settings.target_langs)
    thresholds = {lang: thresholds_for(settings, lang, min_translated=min_translated,
                                       allow_fuzzy=allow_fuzzy, rules=rules) for lang in langs}
    contexts = {lang: RuleContext(settings.source_lang, lang,
                                  load_glossary(settings.glossary_path, settings.source_lang, lang),
                                  settings.url_map.get(lang, {})) for lang in langs}
    for source in select_sources(settings, names):
        name = settings.name_of(source)
        expected = source_msgids(source, settings)
        report.pages += [Finding("assets", missing.path, missing.line, "", missing.message, WARNING)
                         for missing in missing_assets(source, settings)]
        for lang in langs:
            path = settings.catalog_path(name, lang)
            shown = settings.relative(path)
            result = CatalogResult(shown, name, lang, thresholds[lang])
            if not path.is_file():
                _check_missing(result, expected, settings.relative(source))
            else:
                try:
                    po = read_catalog(path, settings.wrap_width)
                except InputError as exc:
                    report.unreadable.append(Finding("input", shown, exc.line, "", _reason(exc, path)))
                    continue
                check_catalog(po, result, contexts[lang], expected, settings.relative(source))
            report.catalogs.append(result)
    if not names:
        report.orphans = _orphans(settings, langs)
    return report


def _orphans(settings: Settings, langs: list[str]) -> list[Finding]:
    """A warning for each catalog whose bulletin is no longer under ``source/``."""
    names = {settings.name_of(source) for source in settings.sources()}
    found = []
    for lang in langs:
        folder = settings.locales_path / lang
        for path in sorted(folder.rglob("*.po")):
            name = path.relative_to(folder).with_suffix("").as_posix()
            if name not in names:
                found.append(Finding(
                    "stale", settings.relative(path), None, "",
                    f"no {settings.source_dir}/{name}.html for this catalog: restore the bulletin, "
                    "or delete the catalog if the bulletin is retired", WARNING))
    return found


def check_project(
    settings: Settings, *, fmt: str = "text", langs: list[str] | None = None,
    names: list[str] | None = None, min_translated: float | None = None,
    allow_fuzzy: bool | None = None, rules: list[str] | None = None,
) -> tuple[str, int]:
    """What ``bulletin-i18n check`` prints, and its exit status."""
    _known_format(fmt)  # before the work
    report = run_check(settings, langs=langs, names=names, min_translated=min_translated,
                       allow_fuzzy=allow_fuzzy, rules=rules)
    return format_report(report, fmt), report.exit_code


def thresholds_for(
    settings: Settings, lang: str, *, min_translated: float | None = None,
    allow_fuzzy: bool | None = None, rules: list[str] | None = None,
) -> Thresholds:
    """The thresholds of ``lang``: settings, then its override, then the caller's.

    Value types were checked when the settings were read (and by the command
    line for flags); rule names are checked here, where both meet.
    """
    check = settings.check
    values = {"min_translated": check.min_translated, "allow_fuzzy": check.allow_fuzzy,
              "rules": check.rules}
    values.update({key.replace("-", "_"): value for key, value in check.languages.get(lang, {}).items()})
    given = {"min_translated": min_translated, "allow_fuzzy": allow_fuzzy, "rules": rules}
    values.update({key: value for key, value in given.items() if value is not None})
    unknown = sorted(set(values["rules"]) - set(RULES))
    if unknown:
        raise InputError(f"unknown check rule {', '.join(unknown)} (known: {', '.join(RULES)})")
    return Thresholds(float(values["min_translated"]), bool(values["allow_fuzzy"]),
                      tuple(rule for rule in RULES if rule in values["rules"]))


def _reason(exc: InputError, path: Path) -> str:
    """An InputError's message without the ``file:line:`` it starts with."""
    message = str(exc)
    for prefix in (f"{path}:{exc.line}: ", f"{path}: "):
        message = message.removeprefix(prefix)
    return message


def _check_missing(result: CatalogResult, expected: set[str], source: str) -> None:
    for msgid in expected:
        result.entries.add("untranslated")
        result.words.add("untranslated", word_count(msgid))
    result.findings.append(Finding("stale", result.path, None, "",
                                   f"no catalog for {source}: run `bulletin-i18n sync`"))


def check_catalog(po: polib.POFile, result: CatalogResult, context: RuleContext,
                  expected: set[str] | None = None, source: str = "") -> None:
    """Count ``po`` into ``result`` and add its findings.

    ``expected`` is the set of msgids the current ``source`` page gives (None:
    do not check staleness).
    """
    thresholds = result.thresholds
    entry_findings = []
    for entry in po:
        state = entry_state(entry)
        result.entries.add(state)
        result.words.add(state, word_count(entry.msgid))
        if state == "fuzzy" and not thresholds.allow_fuzzy:
            entry_findings.append(_finding(result, entry, "fuzzy",
                                           "fuzzy translation needs review (fuzzy entries are not allowed)"))
        if state == "translated" or (state == "fuzzy" and thresholds.allow_fuzzy):
            entry_findings.extend(_finding(result, entry, rule, message)
                                  for rule, message in entry_problems(entry, thresholds.rules, context))
    if expected is not None:
        _check_stale(po, result, expected, source)
    percent = result.entries.percent(thresholds.allow_fuzzy)
    if percent < thresholds.min_translated:
        result.findings.append(Finding(
            "completeness", result.path, None, "",
            f"{show_percent(percent)}% of entries translated, below the minimum of "
            f"{thresholds.min_translated:g}%"))
    result.findings.extend(entry_findings)


def word_count(msgid: str) -> int:
    """Words of a message outside its placeholders."""
    return len(_words(msgid))


def _words(text: str) -> list[str]:
    return [word for word in placeholders.strip(text, " ").split() if any(c.isalnum() for c in word)]


def _check_stale(po: polib.POFile, result: CatalogResult, expected: set[str], source: str) -> None:
    have = {entry.msgid for entry in po if not entry.obsolete}
    new, removed = len(expected - have), len(have - expected)
    if new or removed:
        result.findings.append(Finding(
            "stale", result.path, None, "",
            f"out of date with {source}: {new} new, {removed} removed segments: "
            "run `bulletin-i18n sync`"))


def _finding(result: CatalogResult, entry: polib.POEntry, rule: str, message: str) -> Finding:
    severity = WARNING if rule in WARNING_RULES else ERROR
    return Finding(rule, result.path, entry.linenum, snippet(entry.msgid), message, severity)


def snippet(msgid: str) -> str:
    """The start of a message, on one line, at most 40 characters."""
    text = " ".join(msgid.split())
    return text if len(text) <= SNIPPET_LENGTH else text[: SNIPPET_LENGTH - 1] + "…"


# -- quality rules ----------------------------------------------------------------


def entry_problems(entry: polib.POEntry, rules: tuple[str, ...], context: RuleContext) -> list[tuple[str, str]]:
    """(rule, message) of every enabled rule the entry's flags do not silence."""
    return [(rule, message)
            for rule in rules if f"ignore-{rule}" not in entry.flags
            for message in RULE_FUNCTIONS[rule](entry.msgid, entry.msgstr, context)]


def _placeholders(source: str, translation: str, context: RuleContext) -> list[str]:
    try:
        return placeholders.problems(source, translation)
    except placeholders.PlaceholderError as exc:
        return [f"the source's placeholders are malformed: {exc}"]


_NUMBER_RE = re.compile(r"(?<!\w)\d+(?:[.,\u00a0\u202f\u2009]\d+)*(?P<suffix>[^\W\d_]*)")
_URL_RE = placeholders.URL_RE
_URL_TRAILING = placeholders.URL_TRAILING
#: Words after a number that multiply it, by language (10 ** exponent).
SCALE_WORDS = {
    "en": {"thousand": 3, "million": 6, "millions": 6, "billion": 9, "billions": 9,
           "trillion": 12, "trillions": 12},
    "es": {"mil": 3, "millón": 6, "millones": 6, "mil millones": 9, "millardo": 9,
           "millardos": 9, "billón": 12, "billones": 12},
}


def _numbers(source: str, translation: str, context: RuleContext) -> list[str]:
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
    plain = _URL_RE.sub(" ", placeholders.strip(text, " "))
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


def _parse(token: str, locale: str) -> list[Decimal]:
    digits = re.sub(r"[\u00a0\u202f\u2009]", "", token)
    try:
        return [parse_decimal(digits, locale=locale.replace("-", "_"))]
    except ValueError:  # not a number in this locale (or an unknown locale)
        return []


@lru_cache
def _scale_re(lang: str) -> re.Pattern[str] | None:
    words = sorted(SCALE_WORDS.get(lang, {}), key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"\s+({alternatives})(?!\w)", re.IGNORECASE)


def _urls(source: str, translation: str, context: RuleContext) -> list[str]:
    return [f"{'e-mail address' if '@' in url and '://' not in url else 'URL'} {url} is missing or changed"
            for url in urls_in(source)
            if not any(accepted in translation for accepted in _accepted_urls(url, context.url_map))]


def urls_in(text: str) -> list[str]:
    """URLs and e-mail addresses written in a message's text."""
    return [url for _, _, url in placeholders.urls_in(text)]


def _accepted_urls(url: str, url_map: dict[str, str]) -> list[str]:
    """The URL itself and its rewrite by the language's ``url_map``, if any."""
    return [url] + [to + url[len(prefix):] for prefix, to in url_map.items() if url.startswith(prefix)]


def _glossary(source: str, translation: str, context: RuleContext) -> list[str]:
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


def _unchanged(source: str, translation: str, context: RuleContext) -> list[str]:
    words = _words(source)
    if translation != source or len(words) < 3 or all(_is_name(word) for word in words):
        return []
    return ["the translation is identical to the source"]


def _is_name(word: str) -> bool:
    """A capitalised word, an acronym or a word without letters."""
    letters = [c for c in word if c.isalpha()]
    return not letters or letters[0].isupper()


_END_MARKS = ".!?:;…"
_CLOSERS = "\"'”’»)]"
_PAIRS = {"( )": ("(", ")"), "[ ]": ("[", "]"), "quotes": ("“«", "”»")}
#: Languages whose questions and exclamations open with ¿ and ¡.
_OPENING_MARKS = {"es": {"?": "¿", "!": "¡"}}


def _punctuation(source: str, translation: str, context: RuleContext) -> list[str]:
    found = []
    source, translation = (_URL_RE.sub(_url_as_word, text) for text in (source, translation))
    want, got = _end_mark(source), _end_mark(translation)
    if want != got:
        found.append(f"ends with {_describe_mark(got)}, the source with {_describe_mark(want)}")
    for mark, opening in _OPENING_MARKS.get(primary_language(context.target_lang), {}).items():
        if translation.count(mark) > translation.count(opening):
            found.append(f"{mark} without its opening {opening}")
    for side, strip in (("leading", str.lstrip), ("trailing", str.rstrip)):
        if (strip(source) != source) != (strip(translation) != translation):
            found.append(f"{side} whitespace differs from the source")
    if "  " in translation and "  " not in source:
        found.append("double space")
    for name, (opening, closing) in _PAIRS.items():
        if _imbalance(translation, opening, closing) != _imbalance(source, opening, closing):
            found.append(f"unbalanced {name}")
    return found


def _url_as_word(match: re.Match) -> str:
    """A URL as a plain word (its "?" is no question), keeping the punctuation after it."""
    url = match.group(0)
    return "url" + url[len(url.rstrip(_URL_TRAILING)):]


def _end_mark(text: str) -> str:
    """The final punctuation mark of a message, before any closing quote or bracket."""
    plain = placeholders.strip(text).rstrip().rstrip(_CLOSERS)
    return plain[-1] if plain and plain[-1] in _END_MARKS else ""


def _describe_mark(mark: str) -> str:
    return f"'{mark}'" if mark else "no punctuation"


def _imbalance(text: str, opening: str, closing: str) -> int:
    return sum(text.count(c) for c in opening) - sum(text.count(c) for c in closing)


RULE_FUNCTIONS = {
    "placeholders": _placeholders,
    "numbers": _numbers,
    "urls": _urls,
    "glossary": _glossary,
    "unchanged": _unchanged,
    "punctuation": _punctuation,
}


# -- output -----------------------------------------------------------------------


def format_report(report: CheckReport, fmt: str = "text") -> str:
    """The report as ``text``, ``json`` or ``github`` (workflow commands)."""
    _known_format(fmt)
    return {"text": format_text, "json": format_json, "github": format_github}[fmt](report)


def _known_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")


def show_percent(value: float) -> str:
    """A percentage rounded down to one decimal: 99.96 is not shown as 100."""
    return f"{math.floor(value * 10) / 10:.1f}"


def format_text(report: CheckReport) -> str:
    """A table of the catalogs and totals, then the findings, then a summary."""
    rows = [("catalog", "lang", "translated", "fuzzy", "untranslated", "obsolete",
             "% entries", "% words", "result")]
    rows += [_row(r.path, r.language, r.entries, r.words, "ok" if r.passed else "FAILED")
             for r in report.catalogs]
    totals = report.totals()
    if len(report.catalogs) > 1:
        rows += [_row("total" if key == "all" else f"total {key}", "" if key == "all" else key,
                      entries, words, "") for key, (entries, words) in totals.items()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    if report.findings:
        lines.append("")
        lines += [_text_finding(f) for f in report.findings]
    lines += ["", summary(report)]
    return "\n".join(lines) + "\n"


def _row(path: str, lang: str, entries: Counts, words: Counts, result: str) -> tuple[str, ...]:
    return (path, lang, f"{entries.translated}/{entries.total}", str(entries.fuzzy),
            str(entries.untranslated), str(entries.obsolete), show_percent(entries.percent()),
            show_percent(words.percent()), result)


def _text_finding(finding: Finding) -> str:
    where = finding.path if finding.line is None else f"{finding.path}:{finding.line}"
    about = f" \"{finding.msgid}\"" if finding.msgid else ""
    return f"{where}: {finding.severity} [{finding.rule}]{about}: {finding.message}"


def summary(report: CheckReport) -> str:
    """One line: passed or failed, with the numbers of findings and catalogs."""
    errors = sum(f.severity == ERROR for f in report.findings)
    warnings = len(report.findings) - errors
    failed = sum(not r.passed for r in report.catalogs) + len(report.unreadable)
    checked = len(report.catalogs) + len(report.unreadable)
    verdict = "check passed" if report.passed else "check failed"
    return (f"{verdict}: {failed} of {checked} catalogs failed, "
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")


def format_json(report: CheckReport) -> str:
    """The report in the documented JSON schema (version 1)."""
    data = {
        "version": SCHEMA_VERSION,
        "passed": report.passed,
        "exit_code": report.exit_code,
        "catalogs": [{
            "path": r.path, "name": r.name, "language": r.language,
            **_stats(r.entries, r.words),
            "thresholds": {"min_translated": r.thresholds.min_translated,
                           "allow_fuzzy": r.thresholds.allow_fuzzy, "rules": list(r.thresholds.rules)},
            "passed": r.passed,
        } for r in report.catalogs],
        "totals": {key: _stats(entries, words) for key, (entries, words) in report.totals().items()},
        "findings": [{"rule": f.rule, "severity": f.severity, "path": f.path, "line": f.line,
                      "msgid": f.msgid, "message": f.message} for f in report.findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _stats(entries: Counts, words: Counts) -> dict:
    return {"entries": entries.as_dict(), "words": words.as_dict(),
            "percent": {"entries": float(show_percent(entries.percent())),
                        "words": float(show_percent(words.percent()))}}


def format_github(report: CheckReport) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…::…``), then the summary."""
    lines = []
    for f in report.findings:
        props = [f"file={_escape_property(f.path)}"]
        if f.line is not None:
            props.append(f"line={f.line}")
        props.append(f"title={_escape_property(f.rule)}")
        about = f"\"{f.msgid}\": " if f.msgid else ""
        lines.append(f"::{f.severity} {','.join(props)}::{_escape_data(about + f.message)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
