"""Formatting for the GitHub Action's check step (scripts/github-action-check).

Standard library only: it runs with whichever Python runs the tool.

    prefix WORKSPACE PROJECT       the project folder relative to the workspace, as a path prefix
                                   (check --format github --path-prefix puts it before its paths)
    error STDERR_FILE              an error annotation with what check wrote on stderr
    summary REPORT ERRORS PREFIX STATUS
                                   the job summary in Markdown, from `check --format json`
"""

from __future__ import annotations

import json
import os
import sys

MAX_FINDINGS = 100  # rows of the findings table; the JSON report has them all


def prefix(workspace: str, project: str) -> str:
    """``site/`` for a project in ``<workspace>/site``; empty at the root."""
    relative = os.path.relpath(os.path.abspath(project), os.path.abspath(workspace))
    return "" if relative == "." else relative.replace(os.sep, "/") + "/"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def error(stderr_path: str) -> str:
    with open(stderr_path, encoding="utf-8", errors="replace") as handle:
        text = handle.read().strip() or "check did not run (no output)"
    return f"::error title=bulletin-i18n check::{escape_data(text)}"


def cell(value) -> str:
    """A table cell: text as it is (no markup from a message), on one line."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def summary(report_path: str, stderr_path: str, path_prefix: str, status: int) -> str:
    """The job summary: a verdict, a table of the catalogs (and totals), the findings."""
    try:
        with open(report_path, encoding="utf-8") as handle:
            report = json.load(handle)
    except (OSError, ValueError):
        with open(stderr_path, encoding="utf-8", errors="replace") as handle:
            reason = handle.read().strip()
        return (f"### {_title(path_prefix)}: could not run (exit status {status})\n\n"
                + "".join(f"    {line}\n" for line in reason.splitlines()) + "\n")
    findings = report["findings"]
    errors = sum(f["severity"] == "error" for f in findings)
    warnings = len(findings) - errors
    verdict = "passed" if status == 0 else "failed"
    lines = [f"### {_title(path_prefix)}: {verdict}", "",
             f"{plural(len(report['catalogs']), 'catalog')}, {plural(errors, 'error')}, "
             f"{plural(warnings, 'warning')}", "",
             "| catalog | lang | translated | fuzzy | untranslated | % entries | % words | result |",
             "|---|---|--:|--:|--:|--:|--:|---|"]
    for catalog in report["catalogs"]:
        lines.append(_row(path_prefix + catalog["path"], catalog["language"], catalog,
                          "passed" if catalog["passed"] else "**FAILED**"))
    if len(report["catalogs"]) > 1:
        for key, totals in report["totals"].items():
            lines.append(_row("**total**" if key == "all" else f"total {key}",
                              "" if key == "all" else key, totals, ""))
    if findings:
        lines += ["", "| where | severity | rule | message |", "|---|---|---|---|"]
        for f in findings[:MAX_FINDINGS]:
            where = path_prefix + f["path"] + ("" if f["line"] is None else f":{f['line']}")
            about = f"\"{f['msgid']}\": " if f["msgid"] else ""
            lines.append(f"| {cell(where)} | {f['severity']} | {f['rule']} | {cell(about + f['message'])} |")
        if len(findings) > MAX_FINDINGS:
            lines.append(f"\n{len(findings) - MAX_FINDINGS} more findings: see the annotations and the step's log.")
    return "\n".join(lines) + "\n\n"


def _title(path_prefix: str) -> str:
    """The heading names the project when it is not the repository's root (one action, two projects)."""
    return "bulletin-i18n check" + (f" of {path_prefix.rstrip('/')}" if path_prefix else "")


def _row(path: str, lang: str, stats: dict, result: str) -> str:
    entries, percent = stats["entries"], stats["percent"]
    cells = [path, lang, f"{entries['translated']}/{entries['total']}", entries["fuzzy"],
             entries["untranslated"], f"{percent['entries']:.1f}", f"{percent['words']:.1f}", result]
    return "| " + " | ".join(cell(value) for value in cells) + " |"


def main(argv: list[str]) -> int:
    command, args = argv[0], argv[1:]
    if command == "prefix":
        print(prefix(*args))
    elif command == "error":
        print(error(args[0]))
    elif command == "summary":
        sys.stdout.write(summary(args[0], args[1], args[2], int(args[3])))
    else:
        print(f"unknown command {command!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
