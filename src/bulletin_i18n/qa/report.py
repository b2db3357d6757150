"""``check``'s report for people (text), tools (json) and GitHub (workflow commands).

JSON (schema version 1)::

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
         "machine": {"entries": 2, "words": 17},          # of the fuzzy: machine drafts
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

Percentages are rounded down to one decimal: 99.96 is not shown as 100.

GitHub (workflow commands): at most ``limit`` annotations, errors before
warnings, each path behind ``path_prefix`` (the project's folder in its
repository, so that GitHub finds the file); when findings are left out, a
notice gives the totals. The text and JSON formats list every finding.
"""

from __future__ import annotations

import json

from ..model import Counts, show_percent
from .runner import ERROR, CheckReport, Finding

FORMATS = ("text", "json", "github")
SCHEMA_VERSION = 1



def format_report(report: CheckReport, fmt: str = "text", **options) -> str:
    """The report as ``text``, ``json`` or ``github`` (workflow commands; ``options``
    are :func:`format_github`'s)."""
    known_format(fmt)
    if fmt == "github":
        return format_github(report, **options)
    return {"text": format_text, "json": format_json}[fmt](report)


def known_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")


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
    return f"{verdict}: {failed} of {checked} catalogs failed, {plural(errors, 'error')}, {plural(warnings, 'warning')}"


def format_json(report: CheckReport) -> str:
    """The report in the documented JSON schema (version 1)."""
    data = {
        "version": SCHEMA_VERSION,
        "passed": report.passed,
        "exit_code": report.exit_code,
        "catalogs": [{
            "path": r.path, "name": r.name, "language": r.language,
            **_stats(r.entries, r.words),
            "machine": {"entries": r.machine_entries, "words": r.machine_words},
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


#: Annotations ``check --format github`` writes at most, by default: GitHub shows
#: ten errors and ten warnings of a step.
ANNOTATIONS = 10


def format_github(report: CheckReport, *, path_prefix: str = "", limit: int | None = ANNOTATIONS) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…::…``), then the summary.

    ``path_prefix`` goes before each path (``site/`` for a project in the
    repository's ``site`` folder); at most ``limit`` findings (None: all) are
    annotated, errors first, and a notice says how many were left out.
    """
    lines = []
    ranked = sorted(report.findings, key=lambda f: f.severity != ERROR)  # stable: report order within
    shown = ranked if limit is None else ranked[:limit]
    for f in shown:
        props = [f"file={_escape_property(path_prefix + f.path)}"]
        if f.line is not None:
            props.append(f"line={f.line}")
        props.append(f"title={_escape_property(f.rule)}")
        about = f"\"{f.msgid}\": " if f.msgid else ""
        lines.append(f"::{f.severity} {','.join(props)}::{_escape_data(about + f.message)}")
    left = len(ranked) - len(shown)
    if left:
        errors = sum(f.severity == ERROR for f in ranked)
        lines.append(
            f"::notice title=bulletin-i18n check::{_escape_data(plural(len(ranked), 'finding'))} "
            f"({_escape_data(plural(errors, 'error'))}, {_escape_data(plural(len(ranked) - errors, 'warning'))}): "
            f"the {len(shown)} most severe annotated, {left} not: `bulletin-i18n check` "
            "(--format text or json) lists them all")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def plural(count: int, noun: str) -> str:
    """``1 finding``, ``2 findings``."""
    return f"{count} {noun}{'s' * (count != 1)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
