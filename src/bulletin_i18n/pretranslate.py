"""Machine pre-translation of catalogs: fill what nobody translated yet.

Rules, so that a person's work is never lost:

* only entries with an empty msgstr are filled (not obsolete ones, not the
  header, not plural entries);
* an exact translation-memory hit (a reviewed translation of the same text in
  another catalog) comes first: filled, not fuzzy, noted ``From memory: <origin>``;
* the rest go to the engine in batches: filled, ``fuzzy``, with the extracted
  comment line ``Machine translation: <engine> <version> [<hash>]`` where the
  hash is the first 10 hex digits of the SHA-1 of the msgstr written;
* with ``redo_mt``, fuzzy entries whose msgstr is still exactly what the machine
  wrote (the hash matches) are translated again; once a translator edits the
  msgstr the hash no longer matches and the entry is never touched;
* a reviewed (non-fuzzy, non-empty) entry is never changed.

Placeholders the engine lost are put back by the tool, with a line
``MT check: ...`` for the translator.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TextIO

import polib

from .catalog import CHECK_PREFIX, KEPT_COMMENT_PREFIXES, MEMORY_PREFIX, MT_PREFIX, comment_lines
from .config import Settings
from .engines import Engine, Result, make_engine
from .glossary import Glossary, load_glossary
from .mtcache import MTCache, translate_cached

_PROVENANCE_RE = re.compile(r"^Machine translation: .* \[([0-9a-f]{10})\]$")
#: Segments sent to the engine at once: large enough to amortise each call,
#: small enough for the cache and the progress line to follow along.
BATCH_SIZE = 200

#: ``lookup(msgid) -> (reviewed msgstr, origin)`` for an exact translation-memory hit.
MemoryLookup = Callable[[str], "tuple[str, str] | None"]


@dataclass
class PretranslateStats:
    """What a pre-translation run did."""

    machine: int = 0  # entries filled by the engine (or its cache)
    cached: int = 0  # of which the cache already knew
    memory: int = 0  # entries filled from translation memory
    to_check: int = 0  # entries whose placeholders the tool restored

    def add(self, other: PretranslateStats) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def __str__(self) -> str:
        text = f"{self.machine} machine-translated ({self.cached} from cache), {self.memory} from memory"
        return text + (f", {self.to_check} to check" if self.to_check else "")


# -- entries -----------------------------------------------------------------------


def short_hash(msgstr: str) -> str:
    """The hash written in the provenance line: 10 hex digits of SHA-1."""
    return hashlib.sha1(msgstr.encode("utf-8")).hexdigest()[:10]


def provenance(engine: Engine, msgstr: str) -> str:
    return f"{MT_PREFIX}{engine.name} {engine.version()} [{short_hash(msgstr)}]"


def is_untouched_machine_output(entry: polib.POEntry) -> bool:
    """A fuzzy entry whose msgstr is still exactly what the machine wrote."""
    if "fuzzy" not in entry.flags or not entry.msgstr:
        return False
    hashes = [m.group(1) for m in map(_PROVENANCE_RE.match, comment_lines(entry)) if m]
    return bool(hashes) and hashes[-1] == short_hash(entry.msgstr)


def needs_filling(entry: polib.POEntry, redo_mt: bool = False) -> bool:
    """Whether pre-translation may (re)fill this entry (see the module's rules)."""
    if entry.obsolete or not entry.msgid or entry.msgid_plural:
        return False
    if not entry.msgstr:
        return True
    return redo_mt and is_untouched_machine_output(entry)


def _set_our_lines(entry: polib.POEntry, lines: list[str]) -> None:
    """Replace this tool's lines of the extracted comment, keeping every other line."""
    kept = [line for line in comment_lines(entry) if line and not line.startswith(KEPT_COMMENT_PREFIXES)]
    entry.comment = "\n".join(kept + lines)


def fill_from_memory(entry: polib.POEntry, msgstr: str, origin: str) -> None:
    entry.msgstr = msgstr
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    _set_our_lines(entry, [MEMORY_PREFIX + origin])


def fill_from_engine(entry: polib.POEntry, result: Result, engine: Engine) -> None:
    entry.msgstr = result.text
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    lines = [provenance(engine, result.text)]
    if result.note:
        lines.append(CHECK_PREFIX + result.note)
    _set_our_lines(entry, lines)


# -- catalogs -------------------------------------------------------------------------


def pretranslate_catalog(
    po: polib.POFile, engine: Engine, *, cache: MTCache | None = None,
    glossary: Glossary | None = None, memory: MemoryLookup | None = None, redo_mt: bool = False,
    progress: Progress | None = None,
) -> PretranslateStats:
    """Fill a catalog in memory (the caller writes it); see the module's rules."""
    stats = PretranslateStats()
    for_engine = []
    for entry in po:
        if not needs_filling(entry, redo_mt):
            continue
        hit = memory(entry.msgid) if memory is not None else None
        if hit is not None:
            fill_from_memory(entry, *hit)
            stats.memory += 1
        else:
            for_engine.append(entry)
    if progress is not None:
        progress.advance(stats.memory)
    for start in range(0, len(for_engine), BATCH_SIZE):
        batch = for_engine[start:start + BATCH_SIZE]
        results, cached = translate_cached(engine, [e.msgid for e in batch], cache=cache, glossary=glossary)
        for entry in batch:
            fill_from_engine(entry, results[entry.msgid], engine)
            stats.to_check += bool(results[entry.msgid].note)
        stats.machine += len(batch)
        stats.cached += cached
        if progress is not None:
            progress.advance(len(batch))
    return stats


def count_to_fill(po: polib.POFile, redo_mt: bool = False) -> int:
    return sum(needs_filling(entry, redo_mt) for entry in po)


def pretranslate_files(
    paths: list[Path], engine: Engine, *, cache: MTCache | None = None,
    glossary: Glossary | None = None, memory: MemoryLookup | None = None, redo_mt: bool = False,
    wrap_width: int = 79, stream: TextIO | None = None,
) -> dict[Path, PretranslateStats]:
    """Pre-translate catalog files, writing each as soon as it is done.

    Every catalog is read (and so checked) first. A failure or an interruption
    keeps the catalogs finished before it, and the cache keeps every finished
    batch, so the next run resumes quickly. Progress goes to ``stream``
    (standard error by default).
    """
    from .catalog import read_catalog, write_catalog

    catalogs = {Path(path): read_catalog(path, wrap_width) for path in paths}
    progress = Progress(sum(count_to_fill(po, redo_mt) for po in catalogs.values()), stream=stream)
    report = {}
    for path, po in catalogs.items():
        report[path] = pretranslate_catalog(po, engine, cache=cache, glossary=glossary, memory=memory,
                                            redo_mt=redo_mt, progress=progress)
        write_catalog(po, path)
    progress.finish()
    return report


def pretranslate_project(
    settings: Settings, *, names: list[str] | None = None, langs: list[str] | None = None,
    engine: str | None = None, url: str | None = None, redo_mt: bool = False,
    stream: TextIO | None = None,
) -> dict[Path, PretranslateStats]:
    """``bulletin-i18n pretranslate``: fill the catalogs of the chosen bulletins.

    ``names`` selects bulletins (default: all), ``langs`` target languages
    (default: the project's); ``engine``/``url`` override the settings. Missing
    catalogs are skipped (``extract`` creates them). Returns the stats per
    catalog file.
    """
    from .project import Memories, project_lock, select_sources

    report: dict[Path, PretranslateStats] = {}
    with project_lock(settings):
        sources = select_sources(settings, names)
        work = {}
        for lang in langs or settings.target_langs:
            paths = [settings.catalog_path(settings.name_of(source), lang) for source in sources]
            if any(path.is_file() for path in paths):
                work[lang] = [path for path in paths if path.is_file()]
        # every engine first: a missing one stops the run before anything is written
        engines = {lang: _engine_for(settings, lang, engine, url) for lang in work}
        try:
            with MTCache.for_project(settings.root) as cache:
                memories = Memories(settings)
                for lang, paths in work.items():
                    report.update(pretranslate_files(
                        paths, engines[lang], cache=cache, glossary=_glossary(settings, lang),
                        memory=memories.get(lang), redo_mt=redo_mt, wrap_width=settings.wrap_width,
                        stream=stream,
                    ))
        finally:
            for mt in engines.values():
                mt.close()
    return report


def catalog_filler(settings: Settings, *, engine: str | None = None,
                   url: str | None = None) -> Callable[[polib.POFile, str], int]:
    """Pre-translation for ``sync``: ``fill(po, lang)`` fills a merged catalog in memory.

    Returns how many entries the engine filled. The engine of every target
    language is made here, so that a missing engine or language pair stops sync
    before it writes anything; engines and the cache are kept for the whole run
    and released when the filler is garbage-collected or at exit.
    """
    engines = {lang: _engine_for(settings, lang, engine, url) for lang in settings.target_langs}
    glossaries = {lang: _glossary(settings, lang) for lang in settings.target_langs}
    cache = MTCache.for_project(settings.root)

    def fill(po: polib.POFile, lang: str) -> int:
        todo = count_to_fill(po)
        if not todo:
            return 0
        progress = Progress(todo, label=f"pretranslate {lang}")
        stats = pretranslate_catalog(po, engines[lang], cache=cache, glossary=glossaries[lang],
                                     progress=progress)
        progress.finish()
        return stats.machine

    weakref.finalize(fill, _release, engines, cache)
    return fill


def _release(engines: dict[str, Engine], cache: MTCache) -> None:
    for mt in engines.values():
        mt.close()
    cache.close()


def _engine_for(settings: Settings, lang: str, name: str | None, url: str | None) -> Engine:
    return make_engine(
        name or settings.engine, settings.source_lang, lang, url=url or settings.engine_url,
        concurrency=settings.engine_concurrency, timeout=settings.engine_timeout,
        retries=settings.engine_retries,
    )


def _glossary(settings: Settings, lang: str) -> Glossary:
    return load_glossary(settings.glossary_path, settings.source_lang, lang)


# -- progress -------------------------------------------------------------------------


class Progress:
    """Segments done, rate and time left: one updating line on a terminal,
    a plain line every few seconds (and at the end) otherwise."""

    def __init__(self, total: int, *, stream: TextIO | None = None, label: str = "pretranslate",
                 interval: float = 5.0):
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.interval = interval
        self.tty = self.stream.isatty()
        self._start = self._last = time.monotonic()

    def advance(self, count: int) -> None:
        if not count:
            return
        self.done += count
        now = time.monotonic()
        if self.tty:
            self.stream.write("\r" + self._line(now) + "\033[K")
            self.stream.flush()
        elif now - self._last >= self.interval:
            self._last = now
            print(self._line(now), file=self.stream, flush=True)

    def finish(self) -> None:
        if not self.total:
            return
        line = self._line(time.monotonic())
        self.stream.write(("\r" + line + "\033[K\n") if self.tty else line + "\n")
        self.stream.flush()

    def _line(self, now: float) -> str:
        elapsed = max(now - self._start, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        return (f"{self.label}: {self.done}/{self.total} segments, {rate:.0f}/s, "
                f"{_duration(left)} left" if self.done < self.total else
                f"{self.label}: {self.done} segments in {_duration(elapsed)} ({rate:.0f}/s)")


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"
