"""The editor's command: catalogs up to date, new entries pre-translated, editions built."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..model import Catalog, Counts, State
from .memories import Memories
from .outputs import pages_current
from .parallel import each
from .project import Project
from .reports import BulletinReport, CatalogStatus
from .state import (
    RunState, bulletin_digest, bulletin_paths, keep_hash, memory_key, memory_stamps, present_editions,
    project_lock, remove_stale_temporaries, run_key,
)

if TYPE_CHECKING:
    from .steps import Fill

# The stages a redone bulletin needs (.steps: lxml, the extraction, the PO
# codec, the merge) are read when the first bulletin is redone: a run that
# finds nothing to do starts and ends without them.

#: How often the texts reviewed during a run are offered again to the run's catalogs.
MEMORY_PASSES = 3


def sync(
    project: Project, *, names: list[str] | None = None,
    fill_factory: Callable[[], Fill] | None = None,
    dry_run: bool = False, purge_obsolete: bool = False, include_fuzzy: bool = False,
    force: bool = False, langs: list[str] | None = None, progress=None, jobs: int = 1,
) -> list[BulletinReport]:
    """Update catalogs, pre-translate, build both editions.

    A bulletin whose source, catalogs, glossary and settings are as the last run
    left them is skipped (``force`` redoes it; nothing changes then either). All
    catalogs to update are read first, so a catalog with a syntax error stops the
    run before anything is written. ``fill_factory()`` gives the pre-translation
    step (created only if some bulletin needs it).

    ``langs`` limits the run to some target languages (the state of a
    bulletin is then not recorded: the next full run redoes it).
    ``dry_run`` writes nothing, and counts in ``machine`` the entries the
    engine would fill. ``progress(items, label)`` wraps the loop over
    bulletins (a progress bar).

    ``jobs`` processes share the bulletins to redo (see :mod:`.parallel`) when
    no machine translation fills the catalogs (an engine's process and cache
    stay in this one): the memory is read before they start, and this process
    notes what they wrote in the bulletins' order, then redoes those waiting
    for a fresh text itself, as one process would.
    """
    settings = project.settings
    sources = project.require_sources(names)  # a folder with no bulletin: stop before anything is made
    chosen_langs = project.target_langs(langs)
    partial = chosen_langs != settings.target_langs
    with project_lock(settings, create=not dry_run):
        if not dry_run:
            remove_stale_temporaries(settings)
        state = RunState(settings)
        todo, reports = [], []
        key = run_key(settings)
        stats: dict = {}  # the catalogs' os.stat, taken once for the memory and the digests
        seen = memory_stamps(settings, stats)  # the memory as this run finds it
        memory_changed = state.memory != (key_seen := memory_key(seen, settings))
        editions = present_editions(settings)  # one listing per folder, not a stat per edition
        folders = _Folders(settings)
        for source in sources:
            name = settings.name_of(source)
            recorded = state.digests.get(name) or {}
            # untranslated entries may now be in memory, translated in another catalog
            waiting = memory_changed and any(c[2] for c in recorded.get("counts", {}).values())
            # (none recorded, as in a first run: redone, no digest to make, no file to read for it)
            unchanged = bool(recorded.get("digest")) and recorded["digest"] == bulletin_digest(
                settings, source, key, state.hashes, editions=editions, stats=stats, name=name)
            if not force and not waiting and unchanged:
                reports.append(_skipped_report(folders, name, source, recorded))
                continue
            project.catalogs(name)  # read (and so checked) before anything is written
            todo.append(source)
        memories = Memories(settings, seen)
        glossary = None
        if todo:  # read when a bulletin is to be redone (a bulletin redone later for memory is one of them)
            from ..glossary import load_glossary

            glossary = load_glossary(settings.glossary_path, settings.source_lang,
                                     settings.target_langs[0] if settings.target_langs else "es")
        fill: Fill | None = None  # made when the first bulletin is redone, before it writes

        record_state = not dry_run and not partial
        checker = None
        if todo and record_state:  # each redone bulletin's review page is made from the page as built
            from .checking import Checker

            checker = Checker(project)
        context = _Context(project, glossary, memories, chosen_langs, key, dry_run, purge_obsolete,
                           include_fuzzy, record_state, state.hashes, checker)

        def redo(source) -> BulletinReport:
            nonlocal fill
            if fill is None and fill_factory is not None:
                fill = _would_fill if dry_run else fill_factory()
            report, _ = _redo(context, source, fill=fill, hashes=state.hashes)
            earlier = done.get(source)  # redone for memory: a page its first pass wrote is still written
            if earlier is not None and earlier.review is not None and report.review is not None:
                report.review = ([*earlier.review[0], *(p for p in report.review[0] if p not in earlier.review[0])],
                                 report.review[1])
            keep(report)
            return report

        def keep(report: BulletinReport) -> None:
            if context.record_state:
                state.digests[report.name] = report.state
                state.save_now_and_then()

        parallel = jobs > 1 and len(todo) > 1 and fill_factory is None and not dry_run
        done = {}
        try:
            with (progress or _as_they_are)(todo, "sync") as bulletins:
                if not parallel:
                    for source in bulletins:
                        done[source] = redo(source)
                else:
                    memories.load(chosen_langs)  # every worker looks texts up in the memory as the run found it
                    # the bar moves as results come (``each`` takes the whole list at once)
                    for _, (report, catalogs, hashes) in zip(bulletins, each(_redo_apart, todo, context=context,
                                                                             jobs=jobs)):
                        project.forget(settings.template_path(report.name))  # as the worker wrote them
                        for status in report.catalogs:  # noted here, in the bulletins' order
                            project.forget(status.path)
                            memories.record(status.lang, status.path, catalogs[status.lang])
                        for path, known in hashes.items():
                            if known is None:
                                state.hashes.pop(path, None)
                            else:
                                state.hashes[path] = known
                        keep(report)
                        done[report.source] = report
            # a text that got a reviewed translation during the run reaches every
            # catalog of the run where it waits untranslated (those done before it too)
            for _ in range(MEMORY_PASSES):
                fresh = memories.take_fresh()
                again = [source for source in sources
                         if fresh and _waits_for(project, settings.name_of(source), fresh)]
                if not again:
                    break
                for source in again:
                    done[source] = redo(source)
            if not dry_run and not partial:  # every bulletin waiting for memory has had it, as the run saw the memory
                state.memory = key_seen if memories.seen == seen else memory_key(memories.seen, settings)
        finally:  # an engine that failed for good, Ctrl-C: keep what was finished
            if not dry_run:
                state.save()
                memories.save()
        done_names = {report.name for report in done.values()}
        reports = [r for r in reports if r.name not in done_names] + list(done.values())
        reports.sort(key=lambda r: r.name)
        return reports


def refresh_pages(project: Project, reports: list[BulletinReport], *, whole: bool, progress=None,
                  jobs: int = 1) -> list:
    """After :func:`sync`: the review pages of the bulletins it redid (and of any
    that has none; sync made those of the bulletins it redid in a whole run),
    then the index (see :func:`.publish.refresh_pages`); returns the pages
    written. ``whole``: the reports cover every bulletin of the project; when
    none was redone and the pages are as the run found them, nothing is read
    to know it (the publishing stages are not even loaded)."""
    if whole and pages_current(project.settings, reports):
        return []
    from .publish import refresh_pages as refresh

    return refresh(project, reports, progress=progress or _as_they_are, jobs=jobs)


@dataclass
class _Context:
    """What redoing a bulletin needs of the run (inherited by worker processes)."""

    project: Project
    glossary: object
    memories: Memories
    langs: list[str]
    key: str
    dry_run: bool
    purge_obsolete: bool
    include_fuzzy: bool
    record_state: bool  # the bulletin's digest is kept (not in a dry or partial run)
    hashes: dict  # the run state's, as the run started
    #: check's judge of the review pages, made with each bulletin (None: left to :func:`refresh_pages`)
    checker: object = None


def _redo(context: _Context, source, *, fill=None, hashes: dict, record: bool = True):
    """Parse a bulletin, bring its catalogs up to date, build its editions, and
    (with ``context.checker``) write its review page from the page as read.
    Returns the report (with the digest to keep as its ``state``) and the catalogs."""
    from ..html.editions import page_assets
    from .steps import build_editions, update_catalogs

    project, settings = context.project, context.project.settings
    bulletin = project.load(source)  # one parsed page in memory at a time
    catalogs, statuses = update_catalogs(
        project, bulletin, glossary=context.glossary, memories=context.memories, dry_run=context.dry_run,
        purge_obsolete=context.purge_obsolete, fill=fill, langs=context.langs, record=record,
    )
    # the page's assets, for check's judgement and the build (before the build changes the page)
    assets = page_assets(bulletin.page.root, settings, bulletin.name)
    review = None
    if context.checker is not None:  # from the page as read (before the build changes it: no copy of it)
        from .publish import review_as_built

        review = review_as_built(project, context.checker, bulletin, assets)
    editions, warnings = build_editions(project, bulletin, catalogs, include_fuzzy=context.include_fuzzy,
                                        dry_run=context.dry_run, assets=assets)
    report = BulletinReport(bulletin.name, bulletin.source, statuses, editions, warnings, review=review)
    if context.record_state:
        if bulletin.stat is not None:  # the source's hash, of the bytes read for the bulletin (not read again)
            keep_hash(str(bulletin.source), hashes, bulletin.stat, bulletin.source_hash, bulletin.read_at)
        report.state = {
            # the template and catalogs as written (not read back); the source by its stat (just noted)
            "digest": bulletin_digest(settings, bulletin.source, context.key, hashes, known=project.known_hashes(
                bulletin_paths(settings, bulletin.source)[1:], written=True)),
            "counts": {s.lang: s.counts.as_list() for s in statuses},
        }
    project.release(bulletin.name)  # read again if asked: one bulletin's catalogs in memory at a time
    return report, catalogs


def _redo_apart(context: _Context, source):
    """:func:`_redo` in a worker process: the memory and the run state are the
    parent's to note; returns what the parent needs for them (the catalogs
    written, and the hashes of the bulletin's files, None for one not kept)."""
    hashes = context.hashes  # this worker's own copy
    report, catalogs = _redo(context, source, hashes=hashes, record=False)
    paths = [str(path) for path in bulletin_paths(context.project.settings, source)]
    reviewed = {lang: Catalog(entries=catalog.reviewed()) for lang, catalog in catalogs.items()}  # all record() reads
    return report, reviewed, {path: hashes.get(path) for path in paths}


def _would_fill(catalog: Catalog, lang: str) -> int:
    """A dry run's pre-translation: how many entries the engine would fill, none filled."""
    from ..mt.fill import count_to_fill

    return count_to_fill(catalog)


def _as_they_are(items, label: str):
    return nullcontext(items)


def _waits_for(project: Project, name: str, fresh: dict[str, set[str]]) -> bool:
    """Whether a bulletin's catalog holds an untranslated text that became fresh."""
    for lang, texts in fresh.items():
        catalog = project.catalog(name, lang) if lang in project.settings.target_langs else None
        if catalog is not None and any(e.state is State.UNTRANSLATED and e.msgid in texts for e in catalog):
            return True
    return False


class _Folders:
    """The folders of a bulletin's catalogs and editions, per language, as paths made once."""

    def __init__(self, settings):
        self.settings = settings
        self.catalogs = {lang: settings.locales_path / lang for lang in settings.target_langs}
        self.editions = [settings.output_path / lang for lang in [settings.source_lang, *settings.target_langs]]

    def catalog(self, lang: str):
        return self.catalogs.get(lang) or self.settings.locales_path / lang


def _skipped_report(folders: _Folders, name: str, source, recorded: dict) -> BulletinReport:
    # settings.catalog_path and edition_path, from folders made once (a run skips thousands)
    statuses = [CatalogStatus(lang, folders.catalog(lang) / f"{name}.po", Counts(*counts))
                for lang, counts in recorded.get("counts", {}).items()]
    editions = [folder / f"{name}.html" for folder in folders.editions]
    return BulletinReport(name, source, statuses, editions, skipped=True, state=recorded)
