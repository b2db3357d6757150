"""The pipeline over a project's files: extract, build, and the editor's sync.

Each bulletin is parsed once per run: its segments feed the template, the
catalogs are merged (and machine-translated), then both editions are built from
the same parsed page.
"""

from __future__ import annotations

import copy
import fcntl
import hashlib
import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

import polib

from . import __version__
from .build import Rejected, apply_translations
from .catalog import (
    MergeChanges, entry_state, make_template, merge, read_catalog, reviewed_entries, write_catalog,
)
from .config import Settings
from .editions import finish_edition, page_assets, publish_assets
from .errors import BulletinError, InputError
from .extract import Segment, extract_segments
from .fsutil import write_atomic
from .glossary import Glossary, load_glossary
from .htmlio import Page, read_page, serialize
from .memory import Memory
from .tmx import load_tmx_memory, memory_path

STATE_DIR = ".bulletin-i18n"


@dataclass
class Bulletin:
    """One English source page, parsed once."""

    name: str
    source: Path
    page: Page
    segments: list[Segment]


@dataclass
class CatalogStatus:
    lang: str
    path: Path
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    changes: MergeChanges | None = None
    written: bool = False
    machine: int = 0

    @property
    def completeness(self) -> tuple[int, int]:
        """(translated, live) entries, as the index shows them."""
        return self.translated, self.translated + self.fuzzy + self.untranslated


@dataclass
class BulletinReport:
    name: str
    source: Path
    catalogs: list[CatalogStatus] = field(default_factory=list)
    editions: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False


def catalog_status(po: polib.POFile, lang: str, path: Path) -> CatalogStatus:
    """Counts of a catalog's entries by state."""
    status = CatalogStatus(lang, path)
    for entry in po:
        state = entry_state(entry)
        setattr(status, state, getattr(status, state) + 1)
    return status


def load_bulletin(settings: Settings, source: Path) -> Bulletin:
    page = read_page(source)
    return Bulletin(settings.name_of(source), source, page,
                    extract_segments(page.root, settings.source_lang))


def select_sources(settings: Settings, names: list[str] | None = None) -> list[Path]:
    """The project's sources, or those named (by bulletin name or file path)."""
    sources = settings.sources()
    if not names:
        return sources
    chosen = []
    for name in names:
        wanted = [s for s in sources if settings.name_of(s) == name.removesuffix(".html")
                  or s.resolve() == (settings.root / name).resolve() or s.resolve() == Path(name).resolve()]
        if not wanted:
            raise InputError(f"{name}: no such bulletin under {settings.source_dir}/", path=name)
        chosen.extend(w for w in wanted if w not in chosen)
    return chosen


def missing_assets(source: Path, settings: Settings) -> list:
    """The assets a source page refers to that do not exist (:class:`MissingAsset`)."""
    return page_assets(read_page(source).root, settings, settings.name_of(source)).missing


def source_msgids(source: Path, settings: Settings) -> set[str]:
    """The messages the current source would give its catalogs."""
    return {segment.msgid for segment in load_bulletin(settings, source).segments}


# -- catalogs ---------------------------------------------------------------------


class Memories:
    """Translation memory per language, built on first use.

    The reviewed pairs of each catalog are cached in the project's state folder
    by file size and time, so a run reads again only the catalogs that changed.
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self._by_lang: dict[str, Memory] = {}
        self._records: dict[str, dict] = {}
        self._dirty: set[str] = set()

    def get(self, lang: str) -> Memory:
        if lang not in self._by_lang:
            self._by_lang[lang] = self._load(lang)
        return self._by_lang[lang]

    def lookup(self, lang: str, exclude: str) -> Callable[[str], object]:
        """A lookup for one catalog, that reads the memory only if it is asked."""
        return lambda msgid: self.get(lang).lookup(msgid, self.settings.fuzzy_threshold, exclude)

    def _cache_path(self, lang: str) -> Path:
        return self.settings.root / STATE_DIR / f"memory-{lang}.json"

    def _cached(self, lang: str) -> dict:
        if lang not in self._records:
            try:
                self._records[lang] = json.loads(self._cache_path(lang).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._records[lang] = {}
        return self._records[lang]

    def _load(self, lang: str) -> Memory:
        cached = self._cached(lang)
        memory = Memory()
        for path in sorted((self.settings.locales_path / lang).rglob("*.po")):
            origin = self.settings.relative(path)
            record = cached.get(origin)
            if record is None or record[0] != _stamp(path):
                try:
                    self.record(lang, path, read_catalog(path, self.settings.wrap_width))
                except InputError:
                    continue  # reported when that catalog itself is read
                record = cached[origin]
            for msgid, msgstr in record[1]:
                memory.add(msgid, msgstr, origin)
        for msgid, msgstr, origin in load_tmx_memory(self.settings, lang):
            memory.add(msgid, msgstr, origin)  # the project's own translations win
        return memory

    def record(self, lang: str, path: Path, catalog: polib.POFile) -> None:
        """Note the reviewed pairs of a catalog as it now is on disk."""
        pairs = [[e.msgid, e.msgstr] for e in reviewed_entries(catalog)]
        self._cached(lang)[self.settings.relative(path)] = [_stamp(path), pairs]
        self._dirty.add(lang)

    def save(self) -> None:
        for lang in sorted(self._dirty):
            write_atomic(self._cache_path(lang), json.dumps(self._records[lang], ensure_ascii=False),
                         durable=False)
        self._dirty.clear()


def _stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def update_catalogs(
    settings: Settings, bulletin: Bulletin, *, glossary: Glossary | None = None,
    memories: Memories | None = None, dry_run: bool = False, purge_obsolete: bool = False,
    fill: Callable[[polib.POFile, str], int] | None = None,
    olds: dict[str, polib.POFile | None] | None = None,
) -> tuple[dict[str, polib.POFile], list[CatalogStatus]]:
    """Write the bulletin's template and bring each language's catalog up to date.

    Every existing catalog is read (and so checked) before anything is written,
    unless the caller already read them (``olds``: lang -> catalog or None).
    ``fill(po, lang)`` may pre-translate a merged catalog before it is written;
    it returns how many entries it filled.
    """
    source_ref = settings.relative(bulletin.source)
    template = make_template(
        bulletin.segments, source_ref, project=settings.project_name,
        bugs_address=settings.bugs_address, glossary=glossary, wrap_width=settings.wrap_width,
    )
    template_path = settings.template_path(bulletin.name)
    if olds is None:
        olds = read_existing(settings, bulletin.name)
    write_catalog(template, template_path, date_keys=("POT-Creation-Date",), dry_run=dry_run)
    catalogs, statuses = {}, []
    for lang, old in olds.items():
        path = settings.catalog_path(bulletin.name, lang)
        lookup = memories.lookup(lang, settings.relative(path)) if memories else None
        po, changes = merge(old, template, lang, threshold=settings.fuzzy_threshold,
                            memory=lookup, purge_obsolete=purge_obsolete)
        filled = fill(po, lang) if fill else 0
        written = write_catalog(po, path, old=old, dry_run=dry_run)
        if memories is not None and not dry_run:
            memories.record(lang, path, po)
        status = catalog_status(po, lang, path)
        status.changes, status.written, status.machine = changes, written, filled
        catalogs[lang] = po
        statuses.append(status)
    return catalogs, statuses


def read_existing(settings: Settings, name: str) -> dict[str, polib.POFile | None]:
    """Each target language's catalog of a bulletin, or None where there is none yet."""
    return {lang: (read_catalog(path, settings.wrap_width) if path.is_file() else None)
            for lang in settings.target_langs
            for path in [settings.catalog_path(name, lang)]}


def read_catalogs(settings: Settings, name: str) -> dict[str, polib.POFile]:
    """The catalogs of a bulletin as they are on disk (missing ones are skipped)."""
    return {lang: po for lang, po in read_existing(settings, name).items() if po is not None}


# -- editions ---------------------------------------------------------------------


def _usable(po: polib.POFile, include_fuzzy: bool) -> dict[str, str]:
    """The translations an edition shows: reviewed ones, and fuzzy ones if asked."""
    shown = ("translated", "fuzzy") if include_fuzzy else ("translated",)
    return {entry.msgid: entry.msgstr for entry in po if entry_state(entry) in shown}


def build_editions(
    settings: Settings, bulletin: Bulletin, catalogs: dict[str, polib.POFile], *,
    include_fuzzy: bool = False, dry_run: bool = False,
) -> tuple[list[Path], list[str]]:
    """Write ``output/<source lang>/`` and ``output/<lang>/`` editions of a bulletin.

    The page is modified in place: build from a freshly loaded bulletin.
    Returns the written paths and warnings (``file:line`` of each translation
    that was not used).
    """
    root = bulletin.page.root
    assets = page_assets(root, settings, bulletin.name)
    written, warnings = [], [str(missing) for missing in assets.missing]
    langs = [lang for lang in settings.target_langs if lang in catalogs]
    # the source edition first, from the same tree the translations then go into
    finish_edition(root, settings=settings, name=bulletin.name, lang=settings.source_lang,
                   segments=bulletin.segments)
    path = settings.edition_path(bulletin.name, settings.source_lang)
    if not dry_run:
        write_atomic(path, serialize(bulletin.page), durable=False)
        publish_assets(assets)
    written.append(path)
    pristine = copy.deepcopy(root) if len(langs) > 1 else None
    for index, lang in enumerate(langs):
        tree, segments = root, bulletin.segments
        if index > 0:
            tree = copy.deepcopy(pristine)
            segments = extract_segments(tree, settings.source_lang)
        rejected = apply_translations(segments, _usable(catalogs[lang], include_fuzzy).get)
        warnings.extend(_rejection_warnings(settings, bulletin, lang, rejected))
        finish_edition(tree, settings=settings, name=bulletin.name, lang=lang, segments=segments)
        path = settings.edition_path(bulletin.name, lang)
        if not dry_run:
            write_atomic(path, serialize(bulletin.page, tree), durable=False)
        written.append(path)
    return written, warnings


def _rejection_warnings(settings: Settings, bulletin: Bulletin, lang: str,
                        rejected: list[Rejected]) -> list[str]:
    if not rejected:
        return []
    path = settings.catalog_path(bulletin.name, lang)
    lines = {}
    if path.is_file():
        lines = {e.msgid: e.linenum for e in read_catalog(path, settings.wrap_width)}
    source_ref = settings.relative(bulletin.source)
    return [
        f"{settings.relative(path)}:{lines.get(r.segment.msgid, '?')}: translation not used "
        f"({'; '.join(r.reasons)}): English kept at {source_ref}:{r.segment.line}"
        for r in rejected
    ]


# -- incremental runs and locking -------------------------------------------------


def bulletin_digest(settings: Settings, source: Path, shared_key: str) -> str:
    """A digest of everything a bulletin's outputs depend on.

    ``shared_key`` (:func:`run_key`) covers what all bulletins share.
    """
    digest = hashlib.sha256(shared_key.encode())
    name = settings.name_of(source)
    paths = [source, settings.template_path(name)]
    paths += [settings.catalog_path(name, lang) for lang in settings.target_langs]
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    outputs = [settings.edition_path(name, lang) for lang in [settings.source_lang, *settings.target_langs]]
    digest.update(b"".join(b"1" if p.is_file() else b"0" for p in outputs))
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _tool_key() -> str:
    """The tool's version and code: a changed tool redoes every bulletin once."""
    code = hashlib.sha256(__version__.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        code.update(module.read_bytes())
    return code.hexdigest()


def run_key(settings: Settings) -> str:
    """What every bulletin depends on: the tool, the settings, the glossary, the
    imported memory and the assets beside the bulletins (read once a run)."""
    digest = hashlib.sha256(f"{_tool_key()}\0{_settings_key(settings)}\0{_assets_key(settings)}\0".encode())
    shared = [settings.glossary_path] if settings.glossary_path else []
    for path in shared + sorted(memory_path(settings).glob("*.tmx")):
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def _assets_key(settings: Settings) -> str:
    """Changes when a file beside the bulletins (an image, a style sheet) changes."""
    return _stamps_key(p for p in settings.source_path.rglob("*") if p.is_file() and p.suffix != ".html")


def _stamps_key(paths) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def memory_key(settings: Settings) -> str:
    """A key that changes whenever a catalog or an imported memory may have changed."""
    return _stamps_key([*settings.locales_path.rglob("*.po"), *memory_path(settings).glob("*.tmx")])


def _settings_key(settings: Settings) -> str:
    from dataclasses import asdict

    data = asdict(settings)
    data.pop("root", None)
    return json.dumps(data, sort_keys=True, default=str)


class State:
    """What the last run saw: a digest per bulletin, and the translation memory's key."""

    def __init__(self, settings: Settings):
        self.path = settings.root / STATE_DIR / "state.json"
        try:
            data = json.loads(self.path.read_text())
            self.digests, self.memory = data["bulletins"], data["memory"]
        except (OSError, ValueError, KeyError, TypeError):
            self.digests, self.memory = {}, None

    def save(self) -> None:
        data = {"bulletins": self.digests, "memory": self.memory}
        write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n", durable=False)
        self._saved = time.monotonic()

    def save_now_and_then(self, every: float = 2.0) -> None:
        """Save progress of a long run (a killed run then redoes less)."""
        if time.monotonic() - getattr(self, "_saved", 0.0) >= every:
            self.save()


@contextmanager
def project_lock(settings: Settings) -> Iterator[None]:
    """Hold the project's lock, or refuse at once if another run holds it."""
    path = settings.root / STATE_DIR / "lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise BulletinError(
                f"another bulletin-i18n run (pid {holder}) is working in this project; "
                "try again when it has finished"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


# -- sync -------------------------------------------------------------------------


def _remove_stale_temporaries(settings: Settings) -> None:
    """Temporary files of a run that was killed before it could rename them."""
    for folder in (settings.locales_path, settings.output_path):
        if folder.is_dir():
            for tmp in folder.rglob(".*.tmp"):
                tmp.unlink(missing_ok=True)


def sync(
    settings: Settings, *, names: list[str] | None = None,
    fill_factory: Callable[[], Callable[[polib.POFile, str], int]] | None = None,
    dry_run: bool = False, purge_obsolete: bool = False, include_fuzzy: bool = False,
    force: bool = False,
) -> list[BulletinReport]:
    """The editor's command: update catalogs, pre-translate, build both editions.

    A bulletin whose source, catalogs, glossary and settings are as the last run
    left them is skipped (``force`` redoes it; nothing changes then either). All
    catalogs to update are read first, so a catalog with a syntax error stops the
    run before anything is written. ``fill_factory()`` gives the pre-translation
    step (created only if some bulletin needs it).
    """
    with project_lock(settings):
        if not dry_run:
            _remove_stale_temporaries(settings)
        state = State(settings)
        glossary = load_glossary(settings.glossary_path, settings.source_lang,
                                 settings.target_langs[0] if settings.target_langs else "es")
        todo, reports = [], []
        key = run_key(settings)
        memory_changed = state.memory != memory_key(settings)
        for source in select_sources(settings, names):
            name = settings.name_of(source)
            recorded = state.digests.get(name) or {}
            # untranslated entries may now be in memory, translated in another catalog
            waiting = memory_changed and any(c[2] for c in recorded.get("counts", {}).values())
            if not force and not waiting and recorded.get("digest") == bulletin_digest(settings, source, key):
                reports.append(_skipped_report(settings, name, source, recorded))
                continue
            todo.append((source, read_existing(settings, name)))
        memories = Memories(settings)
        fill = None
        try:
            for source, olds in todo:
                bulletin = load_bulletin(settings, source)  # one parsed page in memory at a time
                if fill is None and fill_factory is not None and not dry_run:
                    fill = fill_factory()
                catalogs, statuses = update_catalogs(
                    settings, bulletin, glossary=glossary, memories=memories, dry_run=dry_run,
                    purge_obsolete=purge_obsolete, fill=fill, olds=olds,
                )
                editions, warnings = build_editions(settings, bulletin, catalogs,
                                                    include_fuzzy=include_fuzzy, dry_run=dry_run)
                report = BulletinReport(bulletin.name, bulletin.source, statuses, editions, warnings)
                reports.append(report)
                if not dry_run:
                    state.digests[bulletin.name] = {
                        "digest": bulletin_digest(settings, bulletin.source, key),
                        "counts": {s.lang: [s.translated, s.fuzzy, s.untranslated, s.obsolete]
                                   for s in statuses},
                    }
                    state.save_now_and_then()
            if not dry_run:  # every bulletin waiting for memory has had it
                state.memory = memory_key(settings)
        finally:  # an engine that failed for good, Ctrl-C: keep what was finished
            if not dry_run:
                state.save()
                memories.save()
        reports.sort(key=lambda r: r.name)
        return reports


def _skipped_report(settings: Settings, name: str, source: Path, recorded: dict) -> BulletinReport:
    statuses = [CatalogStatus(lang, settings.catalog_path(name, lang), *counts)
                for lang, counts in recorded.get("counts", {}).items()]
    editions = [settings.edition_path(name, lang) for lang in [settings.source_lang, *settings.target_langs]]
    return BulletinReport(name, source, statuses, editions, skipped=True)
