"""The editor's command: catalogs up to date, new entries pre-translated, editions built."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Callable

from ..glossary import load_glossary
from ..model import Catalog, Counts, State
from ..mt.fill import count_to_fill
from .memories import Memories
from .project import Project
from .state import (
    RunState, bulletin_digest, memory_key, memory_stamps, project_lock, remove_stale_temporaries, run_key,
)
from .steps import BulletinReport, CatalogStatus, Fill, build_editions, update_catalogs

#: How often the texts reviewed during a run are offered again to the run's catalogs.
MEMORY_PASSES = 3


def sync(
    project: Project, *, names: list[str] | None = None,
    fill_factory: Callable[[], Fill] | None = None,
    dry_run: bool = False, purge_obsolete: bool = False, include_fuzzy: bool = False,
    force: bool = False, langs: list[str] | None = None, progress=None,
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
    """
    settings = project.settings
    project.require_sources(names)  # a folder with no bulletin: stop before anything is made
    chosen_langs = project.target_langs(langs)
    partial = chosen_langs != settings.target_langs
    with project_lock(settings, create=not dry_run):
        if not dry_run:
            remove_stale_temporaries(settings)
        state = RunState(settings)
        glossary = load_glossary(settings.glossary_path, settings.source_lang,
                                 settings.target_langs[0] if settings.target_langs else "es")
        todo, reports = [], []
        key = run_key(settings)
        seen = memory_stamps(settings)  # the memory as this run finds it
        memory_changed = state.memory != memory_key(seen)
        for source in project.sources(names):
            name = settings.name_of(source)
            recorded = state.digests.get(name) or {}
            # untranslated entries may now be in memory, translated in another catalog
            waiting = memory_changed and any(c[2] for c in recorded.get("counts", {}).values())
            unchanged = recorded.get("digest") == bulletin_digest(settings, source, key, state.hashes)
            if not force and not waiting and unchanged:
                reports.append(_skipped_report(project, name, source, recorded))
                continue
            project.catalogs(name)  # read (and so checked) before anything is written
            todo.append(source)
        memories = Memories(settings, seen)
        fill: Fill | None = None  # made when the first bulletin is redone, before it writes

        def redo(source) -> BulletinReport:
            nonlocal fill
            if fill is None and fill_factory is not None:
                fill = _would_fill if dry_run else fill_factory()
            bulletin = project.load(source)  # one parsed page in memory at a time
            catalogs, statuses = update_catalogs(
                project, bulletin, glossary=glossary, memories=memories, dry_run=dry_run,
                purge_obsolete=purge_obsolete, fill=fill, langs=chosen_langs,
            )
            editions, warnings = build_editions(project, bulletin, catalogs,
                                                include_fuzzy=include_fuzzy, dry_run=dry_run)
            if not dry_run and not partial:
                state.digests[bulletin.name] = {
                    "digest": bulletin_digest(settings, bulletin.source, key, state.hashes),
                    "counts": {s.lang: s.counts.as_list() for s in statuses},
                }
                state.save_now_and_then()
            return BulletinReport(bulletin.name, bulletin.source, statuses, editions, warnings)

        try:
            done = {}
            with (progress or _as_they_are)(todo, "sync") as bulletins:
                for source in bulletins:
                    done[source] = redo(source)
            # a text that got a reviewed translation during the run reaches every
            # catalog of the run where it waits untranslated (those done before it too)
            for _ in range(MEMORY_PASSES):
                fresh = memories.take_fresh()
                again = [source for source in project.sources(names)
                         if fresh and _waits_for(project, settings.name_of(source), fresh)]
                if not again:
                    break
                for source in again:
                    done[source] = redo(source)
            if not dry_run and not partial:  # every bulletin waiting for memory has had it, as the run saw the memory
                state.memory = memory_key(memories.seen)
        finally:  # an engine that failed for good, Ctrl-C: keep what was finished
            if not dry_run:
                state.save()
                memories.save()
        done_names = {report.name for report in done.values()}
        reports = [r for r in reports if r.name not in done_names] + list(done.values())
        reports.sort(key=lambda r: r.name)
        return reports


def _would_fill(catalog: Catalog, lang: str) -> int:
    """A dry run's pre-translation: how many entries the engine would fill, none filled."""
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


def _skipped_report(project: Project, name: str, source, recorded: dict) -> BulletinReport:
    settings = project.settings
    statuses = [CatalogStatus(lang, settings.catalog_path(name, lang), Counts(*counts))
                for lang, counts in recorded.get("counts", {}).items()]
    editions = [settings.edition_path(name, lang) for lang in [settings.source_lang, *settings.target_langs]]
    return BulletinReport(name, source, statuses, editions, skipped=True)
