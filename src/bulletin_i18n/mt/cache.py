"""A persistent cache of machine translations, so that no text is sent twice.

One SQLite file per project (the project keeps it in its state folder, not
versioned). A translation is found again only for the same engine and
engine version, language pair, glossary version and source text: upgrading the
engine or editing the glossary gives fresh translations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

from .base import Context, Engine, Result
from ..glossary import Glossary


_SCHEMA = """
CREATE TABLE IF NOT EXISTS translation (
    scope TEXT NOT NULL,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    engine TEXT NOT NULL DEFAULT '',
    version TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (scope, source)
) WITHOUT ROWID
"""
#: Columns added since the first schema: a cache written by an older version gets them.
_ADDED = {"engine": "TEXT NOT NULL DEFAULT ''", "version": "TEXT NOT NULL DEFAULT ''"}


def scope_of(engine: Engine, glossary: Glossary | None) -> str:
    """What, besides the source text, a cached translation depends on."""
    glossary_version = glossary.version if glossary is not None and len(glossary) else "none"
    return f"{engine.key}|{engine.source_lang}>{engine.target_lang}|glossary {glossary_version}"


class MTCache:
    """Machine translations by scope (see :func:`scope_of`) and source text."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # closed by a finalizer that may run on another thread; used by one thread at a time
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute(_SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(translation)")}
        for column, kind in _ADDED.items():
            if column not in columns:
                self._db.execute(f"ALTER TABLE translation ADD COLUMN {column} {kind}")
        self._db.commit()

    def get_many(self, scope: str, sources: list[str]) -> dict[str, Result]:
        """The cached results among ``sources``, by source text."""
        found: dict[str, Result] = {}
        unique = list(dict.fromkeys(sources))
        for start in range(0, len(unique), 500):  # SQLite limits the parameters of a query
            batch = unique[start:start + 500]
            marks = ",".join("?" * len(batch))
            rows = self._db.execute(
                f"SELECT source, text, note, engine, version FROM translation "
                f"WHERE scope = ? AND source IN ({marks})",
                [scope, *batch],
            )
            found.update((source, Result(text, note, engine=engine, version=version))
                         for source, text, note, engine, version in rows)
        return found

    def put_many(self, scope: str, results: dict[str, Result]) -> None:
        """Store results by source text, replacing older ones; committed at once.
        Results not to be cached (:attr:`Result.cache`) or without a text are left out."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO translation (scope, source, text, note, engine, version) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(scope, source, r.text, r.note, r.engine, r.version) for source, r in results.items()
                 if r.cache and r.text],
            )

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM translation").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> MTCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def translate_cached(engine: Engine, texts: list[str], *, cache: MTCache | None = None,
                     glossary: Glossary | None = None,
                     context: Mapping[str, Context] | None = None) -> tuple[dict[str, Result], int]:
    """Translate ``texts`` through the cache; returns (result by text, how many were cached).

    Only texts missing from the cache reach the engine, in one call, and their
    results are stored before returning. A cached translation is found by its
    text alone: the ``context`` a language model reads shapes its first draft.
    """
    unique = list(dict.fromkeys(texts))
    scope = scope_of(engine, glossary)
    found = cache.get_many(scope, unique) if cache is not None else {}
    missing = [text for text in unique if text not in found]
    if missing:
        fresh = dict(zip(missing, engine.translate(missing, glossary, context)))
        if cache is not None:
            cache.put_many(scope, fresh)
        found.update(fresh)
    return found, len(unique) - len(missing)
