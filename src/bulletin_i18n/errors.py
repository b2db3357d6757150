"""Errors a user can act on: each names the file and, where known, the line.

Each kind of error has its own exit status (the README's "Exit status" table;
``bulletin-i18n --help`` says it too): 1 a check or lint found a problem, 2
input that cannot be read or used, 3 a machine translation engine, 64 a
command used wrongly, 75 a run that may succeed if tried again.
"""

from __future__ import annotations

import re
from pathlib import Path


def line_in(message: str) -> int | None:
    """The line number a library's error message names ("... line 12 ..."), if any."""
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


class BulletinError(Exception):
    """Base of the errors the command line reports without a traceback."""

    exit_code = 1


class InputError(BulletinError):
    """Input that cannot be read: a file, a catalog or settings with an error."""

    exit_code = 2

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.line = line

    def __reduce__(self):  # raised in a worker process (--jobs), reported by the parent
        return type(self), (str(self), self.path, self.line)


class EngineError(BulletinError):
    """A machine translation engine that is missing or failed for good."""

    exit_code = 3


class UsageError(BulletinError):
    """A command used wrongly: an option's value the project cannot take (as
    sysexits' EX_USAGE; click's own usage errors exit with it too)."""

    exit_code = 64


class TryAgain(BulletinError):
    """A run that may succeed later: another run holds the project, or a file kept
    changing under this one (as sysexits' EX_TEMPFAIL)."""

    exit_code = 75
