"""What the pipeline does to one bulletin: its catalogs brought up to date, its editions built.

Each bulletin is parsed once per run: its segments feed the template, the
catalogs are merged (and machine-translated), then both editions are built
from the same parsed page.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Callable

from ..errors import TryAgain
from ..fsutil import ChangedOnDisk, write_atomic
from ..glossary import Glossary
from ..html.apply import Rejected, apply_translations, locate
from ..html.editions import Assets, finish_edition, page_assets, publish_assets, segment_ids
from ..html.page import serialize
from ..model import Catalog, State
from ..po.merge import merge
from ..po.template import make_template
from .memories import Memories
from .project import Bulletin, Project
from .reports import BulletinReport, CatalogStatus, ChangeCounts

#: ``fill(catalog, lang) -> entries filled``: pre-translation of a merged catalog.
Fill = Callable[[Catalog, str], int]
#: How often a catalog that changes under a run is read and merged again.
ATTEMPTS = 5

__all__ = ["ATTEMPTS", "BulletinReport", "CatalogStatus", "Fill", "build_editions", "update_catalogs"]


def update_catalogs(
    project: Project, bulletin: Bulletin, *, glossary: Glossary | None = None,
    memories: Memories | None = None, dry_run: bool = False, purge_obsolete: bool = False,
    fill: Fill | None = None, langs: list[str] | None = None, record: bool = True,
) -> tuple[dict[str, Catalog], list[CatalogStatus]]:
    """Write the bulletin's template and bring each language's catalog up to date.

    Every existing catalog is read (and so checked) before anything is
    written. ``fill(catalog, lang)`` may pre-translate a merged catalog before
    it is written; it returns how many entries it filled. ``langs``: only
    these target languages' catalogs (default all). ``record=False`` leaves
    noting the written catalogs in ``memories`` to the caller (a worker
    process's results are noted by the parent, in the bulletins' order).
    """
    settings = project.settings
    olds = project.catalogs(bulletin.name, langs)
    template = make_template(
        bulletin.segments, settings.relative(bulletin.source), project=settings.project_name,
        bugs_address=settings.bugs_address, glossary=glossary, wrap_width=settings.wrap_width,
        add_location=settings.add_location,
    )
    # a template holds nobody's work: it is made again from the page if lost
    project.write(template, settings.template_path(bulletin.name), date_keys=("POT-Creation-Date",),
                  dry_run=dry_run, durable=False)
    catalogs, statuses = {}, []
    for lang in olds:
        path = settings.catalog_path(bulletin.name, lang)
        lookup = memories.lookup(lang, settings.relative(path)) if memories else None
        for _ in range(ATTEMPTS):
            old = project.catalog(bulletin.name, lang)
            po, changes = merge(old, template, lang, threshold=settings.fuzzy_threshold,
                                memory=lookup, purge_obsolete=purge_obsolete)
            filled = fill(po, lang) if fill else 0
            try:  # flushed to disk when it holds someone's work; else made again if lost
                written = project.write(po, path, old=old, dry_run=dry_run,
                                        durable=any(e.msgstr or e.msgstr_plural for e in po))
                break
            except ChangedOnDisk:  # a translator saved it meanwhile: merge their file instead
                project.forget(path)
        else:
            raise TryAgain(f"{settings.relative(path)}: changed on disk {ATTEMPTS} times while this run "
                                "merged it; nothing of it was overwritten: run the command again")
        if memories is not None and record and not dry_run:
            memories.record(lang, path, po)
        catalogs[lang] = po
        statuses.append(CatalogStatus(lang, path, po.counts(), ChangeCounts.of(changes), written, filled))
    return catalogs, statuses


def _usable(catalog: Catalog, include_fuzzy: bool) -> dict[str, str]:
    """The translations an edition shows: reviewed ones, and fuzzy ones if asked."""
    shown = (State.TRANSLATED, State.FUZZY) if include_fuzzy else (State.TRANSLATED,)
    return {entry.msgid: entry.msgstr for entry in catalog if entry.state in shown}


def build_editions(
    project: Project, bulletin: Bulletin, catalogs: dict[str, Catalog], *,
    include_fuzzy: bool = False, dry_run: bool = False, assets: Assets | None = None,
) -> tuple[list[Path], list[str]]:
    """Write ``output/<source lang>/`` and ``output/<lang>/`` editions of a bulletin.

    The page is changed in place: build from a freshly loaded bulletin.
    Returns the written paths and warnings (``file:line`` of each translation
    that was not used, and of each asset that does not exist). ``assets``: the
    page's (:func:`.page_assets` of the page as read), when the caller has them.
    """
    settings = project.settings
    root = bulletin.page.root
    if assets is None:
        assets = page_assets(root, settings, bulletin.name)
    source_ref = settings.relative(bulletin.source)
    written = []
    warnings = [f"{source_ref}:{line}: {message}" for line, message in bulletin.page.warnings]
    warnings += [str(missing) for missing in assets.missing]
    langs = [lang for lang in settings.target_langs if lang in catalogs]
    # every edition starts from the page as read (the anchors are positions in it)
    pristine = copy.deepcopy(root) if langs else None
    anchors = bulletin.extraction.anchors
    ids = segment_ids(bulletin.segments) if settings.segment_ids else None  # the same in every edition
    finish_edition(root, settings=settings, name=bulletin.name, lang=settings.source_lang,
                   segments=bulletin.segments, located=locate(root, anchors), ids=ids)
    path = settings.edition_path(bulletin.name, settings.source_lang)
    if not dry_run:
        write_atomic(path, serialize(bulletin.page), durable=False)
        publish_assets(assets)
    written.append(path)
    for index, lang in enumerate(langs):
        tree = pristine if index == len(langs) - 1 else copy.deepcopy(pristine)
        nodes = list(tree.iter())  # the page as read: its anchors' and its assets' places
        located = locate(tree, anchors, nodes)
        asset_elements = assets.elements_in(nodes)  # (found again, not by a walk of the page)
        rejected = apply_translations(bulletin.segments, located, _usable(catalogs[lang], include_fuzzy).get)
        warnings.extend(_rejection_warnings(project, bulletin, lang, catalogs[lang], rejected))
        finish_edition(tree, settings=settings, name=bulletin.name, lang=lang,
                       segments=bulletin.segments, located=located, asset_elements=asset_elements, ids=ids)
        path = settings.edition_path(bulletin.name, lang)
        if not dry_run:
            write_atomic(path, serialize(bulletin.page, tree), durable=False)
        written.append(path)
    return written, warnings


def _rejection_warnings(project: Project, bulletin: Bulletin, lang: str, catalog: Catalog,
                        rejected: list[Rejected]) -> list[str]:
    if not rejected:
        return []
    settings = project.settings
    path = settings.catalog_path(bulletin.name, lang)
    # the line in the file as written (a merged catalog knows none yet)
    on_disk = project.catalog(bulletin.name, lang)
    lines = {e.msgid: e.line for e in on_disk} if on_disk is not None else {}
    source_ref = settings.relative(bulletin.source)
    return [
        f"{settings.relative(path)}:{lines.get(r.segment.msgid, '?')}: translation not used "
        f"({'; '.join(r.reasons)}): English kept at {source_ref}:{r.segment.line}"
        for r in rejected
    ]
