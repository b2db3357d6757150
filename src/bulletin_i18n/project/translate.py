"""Machine pre-translation over a project's catalogs (``pretranslate``, and sync's filler)."""

from __future__ import annotations

import sys
import time
import weakref
from pathlib import Path
from typing import TextIO

from .. import placeholders as ph
from ..errors import InputError, TryAgain
from ..fsutil import ChangedOnDisk, digest
from ..glossary import Glossary, load_glossary
from ..model import Catalog
from ..mt import ENGINES, Engine, EngineError, make_engine
from ..mt.cache import MTCache
from ..mt.fill import FillStats, MemoryLookup, PostEdit, count_to_fill, fill_catalog
from ..settings import Settings, settings_file
from ..tm import postedits
from .memories import Memories
from .project import Project
from .state import memory_path, project_lock, state_path
from .steps import ATTEMPTS, Fill


def mt_cache(settings: Settings) -> MTCache:
    """The project's cache of machine translations."""
    return MTCache(state_path(settings, "mt-cache.sqlite"))


def pretranslate_files(
    paths: list[Path], engine: Engine, *, cache: MTCache | None = None,
    glossary: Glossary | None = None, memory: MemoryLookup | None = None, redo_mt: bool = False,
    wrap_width: int = 79, stream: TextIO | None = None, postedit: PostEdit | None = None,
) -> dict[Path, FillStats]:
    """Pre-translate catalog files, writing each as soon as it is done.

    Every catalog is read (and so checked) first. A failure or an interruption
    keeps the catalogs finished before it, and the cache keeps every finished
    batch, so the next run resumes quickly. Progress goes to ``stream``
    (standard error by default).
    """
    files = Project(Settings(wrap_width=wrap_width))  # reads each file once, writes only what it read
    catalogs = {Path(path): files.read(Path(path)) for path in paths}
    progress = Progress(sum(count_to_fill(po, redo_mt) for po in catalogs.values()), stream=stream)
    report = {}
    for path, po in catalogs.items():
        for _ in range(ATTEMPTS):
            report[path] = fill_catalog(po, engine, cache=cache, glossary=glossary, memory=memory,
                                        redo_mt=redo_mt, progress=progress.advance, postedit=postedit)
            try:
                files.write(po, path)
                break
            except ChangedOnDisk:  # a translator saved it meanwhile: fill their file instead
                files.forget(path)
                po = files.read(path)
        else:
            raise TryAgain(f"{path}: changed on disk {ATTEMPTS} times while it was pre-translated; "
                                "nothing of it was overwritten: run the command again")
    progress.finish()
    return report


def pretranslate_project(
    project: Project, *, names: list[str] | None = None, langs: list[str] | None = None,
    engine: str | None = None, url: str | None = None, redo_mt: bool = False,
    stream: TextIO | None = None,
) -> dict[Path, FillStats]:
    """``bulletin-i18n pretranslate``: fill the catalogs of the chosen bulletins.

    ``names`` selects bulletins (default: all), ``langs`` target languages
    (default: the project's); ``engine``/``url`` override the settings. Missing
    catalogs are skipped (``extract`` creates them). Returns the stats per
    catalog file.
    """
    settings = project.settings
    report: dict[Path, FillStats] = {}
    langs = project.target_langs(langs)
    sources = project.require_sources(names)
    with project_lock(settings):
        work = {}
        for lang in langs:
            paths = [settings.catalog_path(settings.name_of(source), lang) for source in sources]
            if any(path.is_file() for path in paths):
                work[lang] = [path for path in paths if path.is_file()]
        # every engine first: a missing one stops the run before anything is written
        engines = {lang: engine_for(settings, lang, engine, url) for lang in work}
        try:
            with mt_cache(settings) as cache:
                memories = Memories(settings)
                for lang, paths in work.items():
                    report.update(pretranslate_files(
                        paths, engines[lang], cache=cache, glossary=_glossary(settings, lang),
                        memory=memories.get(lang), redo_mt=redo_mt, wrap_width=settings.wrap_width,
                        stream=stream, postedit=load_postedits(settings, lang),
                    ))
        finally:
            for mt in engines.values():
                mt.close()
    return report


def catalog_filler(settings: Settings, *, engine: str | None = None, url: str | None = None,
                   langs: list[str] | None = None, quiet: bool = False) -> Fill:
    """Pre-translation for ``sync``: ``fill(catalog, lang)`` fills a merged catalog in memory.

    Returns how many entries the engine filled. The engine of every target
    language is made here, so that a missing engine or language pair stops sync
    before it writes anything; engines and the cache are kept for the whole run
    and released when the filler is garbage-collected or at exit. ``langs``:
    only these target languages (default all); ``quiet``: no progress lines
    (a progress bar of the whole run shows instead, or -q).
    """
    langs = langs or settings.target_langs
    engines = {lang: engine_for(settings, lang, engine, url) for lang in langs}
    glossaries = {lang: _glossary(settings, lang) for lang in langs}
    learned = {lang: load_postedits(settings, lang) for lang in langs}
    cache = mt_cache(settings)

    def fill(po: Catalog, lang: str) -> int:
        todo = count_to_fill(po)
        if not todo:
            return 0
        if quiet:
            return fill_catalog(po, engines[lang], cache=cache, glossary=glossaries[lang],
                                postedit=learned[lang]).machine
        progress = Progress(todo, label=f"pretranslate {lang}")
        stats = fill_catalog(po, engines[lang], cache=cache, glossary=glossaries[lang],
                             progress=progress.advance, postedit=learned[lang])
        progress.finish()
        return stats.machine

    weakref.finalize(fill, _release, engines, cache)
    return fill


def _release(engines: dict[str, Engine], cache: MTCache) -> None:
    for mt in engines.values():
        mt.close()
    cache.close()


def engine_for(settings: Settings, lang: str, name: str | None = None, url: str | None = None) -> Engine:
    """The engine of a target language: the one named (``--engine``), else its
    ``[engines.<lang>]`` table, else the top-level ``engine`` setting. An
    engine may be a chain: a list (``engine = ["openai", "apertium"]``) or
    names separated by commas (``--engine openai,apertium``).

    When Apertium has no pair for the language, the error says how to choose
    another engine for that language alone.
    """
    chosen = settings.engine_settings(lang)
    engine = name or chosen["engine"]
    try:
        return make_engine(
            engine, settings.source_lang, lang, url=url or chosen["engine_url"],
            concurrency=chosen["engine_concurrency"], timeout=chosen["engine_timeout"],
            retries=chosen["engine_retries"], model=chosen["openai_model"], batch=chosen["openai_batch"],
        )
    except EngineError as exc:
        if engine != "apertium" or not getattr(exc, "missing_pair", False):
            raise
        others = ", ".join(e for e in ENGINES if e not in ("apertium", "libre", "pseudo"))
        raise EngineError(
            f"{exc}.\nChoose another engine for {lang} alone, in {settings_file(settings.root)}:\n"
            f"    [engines.{lang}]\n    engine = \"libre\"    # or {others}\n"
            "(or run sync with --no-mt: no machine drafts)") from exc


def postedits_path(settings: Settings, lang: str) -> Path:
    return memory_path(settings) / f"postedits-{lang}.tsv"


def plain(text: str) -> str:
    return " ".join(ph.strip(text, " ").split())


def read_postedits(settings: Settings, lang: str):
    """``(engine, rules, dropped rules, digest of the file)`` of ``memory/postedits-<lang>.tsv``
    as people left it; None without the file. A line that is not a rule is an
    :class:`InputError` naming the file and line."""
    path = postedits_path(settings, lang)
    shown = settings.relative(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {exc.strerror}", path=path) from exc
    try:
        text = data.decode("utf-8")
        engine, rules = postedits.loads(text, shown)
    except UnicodeDecodeError as exc:
        raise InputError(f"{shown}: not UTF-8 ({exc.reason})", path=path) from exc
    except postedits.RulesError as exc:
        raise InputError(str(exc), path=path, line=exc.line) from exc
    return engine, rules, postedits.dropped_rules(text), digest(data)


def load_postedits(settings: Settings, lang: str):
    """``postedit(draft, engine name)`` with the rules of ``memory/postedits-<lang>.tsv``
    for drafts of the engine they were learned for; None without the file or rules."""
    found = read_postedits(settings, lang)
    if found is None or not found[1]:
        return None
    engine, rules = found[0], found[1]
    return lambda text, by: postedits.apply(text, rules) if by == engine else text


def _glossary(settings: Settings, lang: str) -> Glossary:
    return load_glossary(settings.glossary_path, settings.source_lang, lang)


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
    """``0.4 s``, ``12 s``, ``3:05``: tenths below ten seconds, so that a short run does not read "0 s"."""
    if seconds < 9.95:
        return f"{seconds:.1f} s"
    seconds = round(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"
