"""Translation memory: the reviewed translations of a project's catalogs.

A segment translated and reviewed (not fuzzy) in one bulletin's catalog is
offered to every other catalog of the same language: exactly when the text is
identical, as a fuzzy suggestion when it is only similar. Boilerplate such as
footers and share links is then translated once.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from . import placeholders as ph


@dataclass(frozen=True)
class Hit:
    msgid: str
    msgstr: str
    origin: str
    score: float
    exact: bool


class Memory:
    """Reviewed (msgid -> msgstr) pairs of one language, with where each came from."""

    def __init__(self) -> None:
        self._pairs: dict[str, tuple[str, str]] = {}

    def __len__(self) -> int:
        return len(self._pairs)

    def add(self, msgid: str, msgstr: str, origin: str) -> None:
        if msgid and msgstr and not ph.problems(msgid, msgstr):
            self._pairs.setdefault(msgid, (msgstr, origin))

    def lookup(self, msgid: str, threshold: float = 75.0, exclude: str | None = None) -> Hit | None:
        """The exact pair for ``msgid``, else the most similar one above ``threshold``."""
        exact = self._pairs.get(msgid)
        if exact is not None and exact[1] != exclude:
            return Hit(msgid, exact[0], exact[1], 100.0, True)
        keys = [key for key, (_, origin) in self._pairs.items() if origin != exclude and key != msgid]
        if not keys:
            return None
        match = process.extractOne(msgid, keys, scorer=fuzz.ratio, score_cutoff=threshold)
        if match is None:
            return None
        msgstr, origin = self._pairs[match[0]]
        if ph.problems(msgid, msgstr):
            return None  # a suggestion must at least keep the build working
        return Hit(match[0], msgstr, origin, float(match[1]), False)

    def __call__(self, msgid: str) -> tuple[str, str] | None:
        """Exact hit as (msgstr, origin), the form ``pretranslate`` takes."""
        exact = self._pairs.get(msgid)
        return exact
