"""``bulletin-i18n lint FILE...``: fast checks of the PO files a commit changes.

For the pre-commit hook that runs on every commit: it reads only the files it
is given (no project, no source page, no glossary) and reports

* ``syntax``: what ``msgfmt`` would reject (an unterminated string, a msgid
  without a msgstr, a duplicate message...), found by :func:`..po.pofile.lint`,
  and a file that is not UTF-8;
* ``placeholders``: a translated entry whose placeholders do not match its
  msgid (missing, extra, wrong form, unbalanced), as ``check`` and the build
  see them. Fuzzy and obsolete entries are not checked (the editions do not
  use them), nor entries flagged ``ignore-placeholders``.

Each finding is one line, ``file:line: error [rule] "msgid…": message``, as
``check`` writes its findings. Exit status: 0 nothing found, 1 a finding,
2 a file could not be read at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Entry, State
from ..po.pofile import decode_catalog
from .rules import placeholders
from .runner import snippet, unreadable


@dataclass(frozen=True)
class LintFinding:
    """One problem of a PO file, at a line when known."""

    path: str
    line: int | None
    rule: str  # "syntax" or "placeholders"
    message: str
    msgid: str = ""

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        about = f' "{snippet(self.msgid)}"' if self.msgid else ""
        return f"{where}: error [{self.rule}]{about}: {self.message}"


def lint_file(path: Path | str) -> list[LintFinding]:
    """The findings of one PO file; :class:`InputError` when it cannot be read."""
    shown = str(path)
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {exc.strerror}", path=path) from exc
    try:
        po = decode_catalog(data, path)
    except InputError as exc:
        finding = unreadable(exc, shown)
        return [LintFinding(shown, finding.line, "syntax", finding.message)]
    return [LintFinding(shown, entry.line, "placeholders", message, entry.msgid)
            for entry in po for message in entry_placeholder_problems(entry)]


def entry_placeholder_problems(entry: Entry) -> list[str]:
    """Placeholder problems of a translated entry's msgstr (each plural form) against its msgid."""
    if entry.state in (State.OBSOLETE, State.FUZZY) or "ignore-placeholders" in entry.flags:
        return []
    if entry.msgid_plural:
        pairs = [(entry.msgid if int(n) == 0 else entry.msgid_plural, text)
                 for n, text in sorted(entry.msgstr_plural.items(), key=lambda item: int(item[0]))]
    else:
        pairs = [(entry.msgid, entry.msgstr)]
    return [problem for source, translation in pairs if translation
            for problem in placeholders.check(source, translation, None)]


def lint_files(paths: list[Path | str]) -> tuple[list[LintFinding], list[str], int]:
    """Findings of every file, errors of the files that could not be read, and the exit status."""
    findings: list[LintFinding] = []
    errors: list[str] = []
    for path in paths:
        try:
            findings.extend(lint_file(path))
        except InputError as exc:
            errors.append(str(exc))
    return findings, errors, 2 if errors else 1 if findings else 0
