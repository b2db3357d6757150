"""Translation memory: the reviewed translations of a project's catalogs.

A segment translated and reviewed (not fuzzy) in one bulletin's catalog is
offered to every other catalog of the same language: exactly when the text is
identical, as a fuzzy suggestion when it is only similar. Boilerplate such as
footers and share links is then translated once.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from .. import placeholders as ph
from ..model import Hit


class Memory:
    """Reviewed (msgid -> msgstr) pairs of one language, with where each came from."""

    def __init__(self) -> None:
        self._pairs: dict[str, tuple[str, str]] = {}
        self._keys: list[str] | None = None  # the msgids, listed once for fuzzy lookups

    def __len__(self) -> int:
        return len(self._pairs)

    def add(self, msgid: str, msgstr: str, origin: str) -> None:
        if msgid and msgstr and not ph.problems(msgid, msgstr):
            self._pairs.setdefault(msgid, (msgstr, origin))
            self._keys = None

    def lookup(self, msgid: str, threshold: float = 75.0, exclude: str | None = None) -> Hit | None:
        """The exact pair for ``msgid``, else the most similar one above ``threshold``."""
        exact = self._pairs.get(msgid)
        if exact is not None and exact[1] != exclude:
            return Hit(msgid, exact[0], exact[1], 100.0, True)
        if self._keys is None:
            self._keys = list(self._pairs)
        for key, score, _ in process.extract(msgid, self._keys, scorer=fuzz.ratio,
                                             score_cutoff=threshold, limit=8):
            msgstr, origin = self._pairs[key]
            # not itself, not from the catalog asking, and a suggestion the build can use
            if key != msgid and origin != exclude and not ph.problems(msgid, msgstr):
                return Hit(key, msgstr, origin, float(score), False)
        return None

    def __call__(self, msgid: str) -> tuple[str, str] | None:
        """Exact hit as (msgstr, origin), the form ``pretranslate`` takes."""
        exact = self._pairs.get(msgid)
        return exact
