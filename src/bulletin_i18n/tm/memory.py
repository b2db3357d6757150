"""Translation memory: the reviewed translations of a project's catalogs.

A segment translated and reviewed (not fuzzy) in one bulletin's catalog is
offered to every other catalog of the same language: exactly when the text is
identical, as a fuzzy suggestion when it is only similar. Boilerplate such as
footers and share links is then translated once.

Imported pairs may be unreviewed (an aligned archive of past editions, TMX
units marked ``x-review`` = ``unreviewed``): their hits say so
(``Hit.reviewed``), so that they fill entries as fuzzy suggestions only.
"""

from __future__ import annotations


from .. import placeholders as ph
from ..model import Hit


class Memory:
    """Translated (msgid -> msgstr) pairs of one language, with where each came
    from and whether a person reviewed it."""

    def __init__(self) -> None:
        self._pairs: dict[str, tuple[str, str]] = {}
        self._unreviewed: set[str] = set()  # msgids whose pair nobody reviewed
        self._keys: list[str] | None = None  # the msgids, listed once for fuzzy lookups

    def __len__(self) -> int:
        return len(self._pairs)

    def add(self, msgid: str, msgstr: str, origin: str, reviewed: bool = True) -> None:
        """Keep a pair; the first pair of a msgid wins."""
        if msgid and msgstr and msgid not in self._pairs and not ph.problems(msgid, msgstr):
            self._pairs[msgid] = (msgstr, origin)
            if not reviewed:
                self._unreviewed.add(msgid)
            self._keys = None

    def lookup(self, msgid: str, threshold: float = 75.0, exclude: str | None = None) -> Hit | None:
        """The exact pair for ``msgid``, else the most similar one above ``threshold``."""
        exact = self._pairs.get(msgid)
        if exact is not None and exact[1] != exclude:
            return Hit(msgid, exact[0], exact[1], 100.0, True, msgid not in self._unreviewed)
        if not self._pairs:  # nothing translated yet (an archive just taken in): nothing similar
            return None
        from rapidfuzz import fuzz, process  # read when a text is not in memory as it is (about 10 ms)

        if self._keys is None:
            self._keys = list(self._pairs)
        for key, score, _ in process.extract(msgid, self._keys, scorer=fuzz.ratio,
                                             score_cutoff=threshold, limit=8):
            msgstr, origin = self._pairs[key]
            # not itself, not from the catalog asking, and a suggestion the build can use
            if key != msgid and origin != exclude and not ph.problems(msgid, msgstr):
                return Hit(key, msgstr, origin, float(score), False, key not in self._unreviewed)
        return None

    def __call__(self, msgid: str) -> tuple[str, str] | None:
        """Exact reviewed hit as (msgstr, origin), the form ``pretranslate`` takes
        (it fills them as reviewed, so unreviewed pairs are not given)."""
        return None if msgid in self._unreviewed else self._pairs.get(msgid)
