"""What a run says of each bulletin: its catalogs' counts, its editions, its warnings.

Kept apart from :mod:`.steps` (which reads the stages): a run that skips every
bulletin reports them without reading any stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Counts

if TYPE_CHECKING:
    from ..po.merge import MergeChanges


# slots: a run keeps every bulletin's report until it ends (thousands on an archive)
@dataclass(slots=True)
class ChangeCounts:
    """How many messages a merge made new, changed (fuzzy from an old text),
    removed (obsolete), brought back from obsolete, and filled from memory:
    what a run reports of a catalog (the texts themselves are not kept: a run
    over thousands of bulletins keeps every report until it ends)."""

    new: int = 0
    changed: int = 0
    removed: int = 0
    revived: int = 0
    from_memory: int = 0

    @classmethod
    def of(cls, changes: MergeChanges) -> ChangeCounts:
        return cls(len(changes.new), len(changes.changed), len(changes.removed), len(changes.revived),
                   len(changes.from_memory))


@dataclass(slots=True)
class CatalogStatus:
    """A catalog after a run: its counts, and what the run did to it."""

    lang: str
    path: Path
    counts: Counts = field(default_factory=Counts)
    changes: ChangeCounts | None = None
    written: bool = False
    machine: int = 0

    @property
    def completeness(self) -> tuple[int, int]:
        """(translated, live) entries, as the index shows them."""
        return self.counts.translated, self.counts.total


@dataclass(slots=True)
class BulletinReport:
    name: str
    source: Path
    catalogs: list[CatalogStatus] = field(default_factory=list)
    editions: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False
    #: What the run state keeps of a bulletin redone (its digest and counts).
    state: dict | None = None
    #: The review page a sync made with the bulletin: (pages written, the index's
    #: figures of its catalogs); None: left to the pages' refresh.
    review: tuple[list[Path], dict] | None = None
