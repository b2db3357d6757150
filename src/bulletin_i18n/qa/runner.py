"""The CI gate's judgement of one catalog: counts, thresholds and findings.

A catalog fails when

* it is out of date with its source page or missing (``stale``),
* its translated share of entries is below ``min_translated`` percent
  (``completeness``; fuzzy entries count as translated only with ``allow_fuzzy``),
* it holds a fuzzy entry while ``allow_fuzzy`` is off (``fuzzy``, one per entry),
* a quality rule (:mod:`.rules`) finds an error in a translated entry (and in a
  fuzzy one when fuzzy entries are allowed).

Warnings are reported but do not fail the check. A translator silences a false
positive on one entry with the flag ``ignore-<rule>`` (``#, ignore-numbers``).

Exit status (:attr:`CheckReport.exit_code`): 0 every catalog passed, 1 a
threshold or a rule failed, 2 a catalog could not be read (an ``input``
finding with its ``file:line``; the other catalogs are still checked).

Rules of findings: the quality rules, plus ``stale``, ``completeness``,
``fuzzy``, ``input`` and ``assets`` (a warning: a picture, style sheet or
other asset a source page refers to does not exist; its path is the page's or
the style sheet's, with the line).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Catalog, Counts, Entry, State, show_percent
from ..settings import CheckSettings
from .context import RuleContext, word_count
from .rules import RULES

ERROR, WARNING = "error", "warning"
SNIPPET_LENGTH = 40

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
    #: Of the fuzzy entries (and their source words): the machine's drafts
    #: (:attr:`~bulletin_i18n.model.Entry.machine_draft`).
    machine_entries: int = 0
    machine_words: int = 0

    @property
    def passed(self) -> bool:
        return not any(f.severity == ERROR for f in self.findings)

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


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


def thresholds_for(
    check: CheckSettings, lang: str, *, min_translated: float | None = None,
    allow_fuzzy: bool | None = None, rules: list[str] | None = None,
) -> Thresholds:
    """The thresholds of ``lang``: settings, then its override, then the caller's.

    Value types were checked when the settings were read (and by the command
    line for flags); rule names are checked here, where both meet.
    """
    values = {"min_translated": check.min_translated, "allow_fuzzy": check.allow_fuzzy,
              "rules": check.rules}
    values.update({key.replace("-", "_"): value for key, value in check.languages.get(lang, {}).items()})
    given = {"min_translated": min_translated, "allow_fuzzy": allow_fuzzy, "rules": rules}
    values.update({key: value for key, value in given.items() if value is not None})
    if values["rules"] is None:
        values["rules"] = list(RULES)
    unknown = sorted(set(values["rules"]) - set(RULES))
    if unknown:
        raise InputError(f"unknown check rule {', '.join(unknown)} (known: {', '.join(RULES)})")
    return Thresholds(float(values["min_translated"]), bool(values["allow_fuzzy"]),
                      tuple(rule for rule in RULES if rule in values["rules"]))


def unreadable(exc: InputError, shown: str) -> Finding:
    """An ``input`` finding for a catalog that could not be read."""
    message = str(exc)
    for prefix in (f"{exc.path}:{exc.line}: ", f"{exc.path}: "):
        message = message.removeprefix(prefix)
    return Finding("input", shown, exc.line, "", message)


def check_missing(result: CatalogResult, expected: set[str], source: str) -> None:
    """Count a catalog that does not exist: every text of its page untranslated."""
    for msgid in expected:
        result.entries.add(State.UNTRANSLATED)
        result.words.add(State.UNTRANSLATED, word_count(msgid))
    result.findings.append(Finding("stale", result.path, None, "",
                                   f"no catalog for {source}: run `bulletin-i18n sync`"))


def check_catalog(catalog: Catalog, result: CatalogResult, context: RuleContext,
                  expected: set[str] | None = None, source: str = "") -> None:
    """Count ``catalog`` into ``result`` and add its findings.

    ``expected`` is the set of msgids the current ``source`` page gives (None:
    do not check staleness).
    """
    thresholds = result.thresholds
    entry_findings = []
    for entry in catalog:
        state = entry.state
        words = word_count(entry.msgid)
        result.entries.add(state)
        result.words.add(state, words)
        if entry.machine_draft:
            result.machine_entries += 1
            result.machine_words += words
        if state is State.FUZZY and not thresholds.allow_fuzzy:
            entry_findings.append(_finding(result, entry, "fuzzy",
                                           "fuzzy translation needs review (fuzzy entries are not allowed)"))
        if state is State.TRANSLATED or (state is State.FUZZY and thresholds.allow_fuzzy):
            entry_findings.extend(_finding(result, entry, rule, message)
                                  for rule, message in entry_problems(entry, thresholds.rules, context))
    if expected is not None:
        _check_stale(catalog, result, expected, source)
    percent = result.entries.percent(thresholds.allow_fuzzy)
    if percent < thresholds.min_translated:
        result.findings.append(Finding(
            "completeness", result.path, None, "",
            f"{show_percent(percent)}% of entries translated, below the minimum of "
            f"{thresholds.min_translated:g}%"))
    result.findings.extend(entry_findings)


def _check_stale(catalog: Catalog, result: CatalogResult, expected: set[str], source: str) -> None:
    have = {entry.msgid for entry in catalog.live()}
    new, removed = len(expected - have), len(have - expected)
    if new or removed:
        result.findings.append(Finding(
            "stale", result.path, None, "",
            f"out of date with {source}: {new} new, {removed} removed segments: "
            "run `bulletin-i18n sync`"))


def _finding(result: CatalogResult, entry: Entry, rule: str, message: str) -> Finding:
    severity = RULES[rule].SEVERITY if rule in RULES else ERROR
    return Finding(rule, result.path, entry.line, snippet(entry.msgid), message, severity)


def snippet(msgid: str) -> str:
    """The start of a message, on one line, at most 40 characters."""
    text = " ".join(msgid.split())
    return text if len(text) <= SNIPPET_LENGTH else text[: SNIPPET_LENGTH - 1] + "…"


def entry_problems(entry: Entry, rules: tuple[str, ...], context: RuleContext) -> list[tuple[str, str]]:
    """(rule, message) of every enabled rule the entry's flags do not silence."""
    return [(rule, message)
            for rule in rules if f"ignore-{rule}" not in entry.flags
            for message in RULES[rule].check(entry.msgid, entry.msgstr, context)]
