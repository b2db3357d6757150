"""The commands that write what people read: ``extract``, ``build``, ``review``, the index.

The review pages and the index are made from ``check``'s own judgement of each
catalog (:class:`~.checking.Checker`) and from the build's own judgement of each
translation (:func:`~bulletin_i18n.html.apply.apply_translations`): what they
show is what ``check`` prints and what readers of the editions see. The
index's figures of a bulletin are kept in ``.bulletin-i18n/index.json`` under
the digest of everything they depend on, so that a run that changed one
bulletin judges that one again, not all.
"""

from __future__ import annotations

import copy
import hashlib
import json
import posixpath
from contextlib import nullcontext
from pathlib import Path

from ..errors import InputError
from ..fsutil import files_under, under, write_atomic
from ..glossary import load_glossary
from ..html.apply import apply_translations, locate
from ..html.editions import edition_langs, page_assets
from ..model import Catalog, State
from ..po.template import make_template
from ..review.index import Figures, IndexRow, index_page, render_row, row_key, rows_in
from ..review.pages import SHOWN_AS_STATUS, Column, review_page
from .checking import Checker
from .memories import Memories
from .outputs import FIGURES_FILE, INDEX_FILE, REVIEW_DIR, review_pages, review_path
from .parallel import each
from .project import Bulletin, Project
from .state import RunState, bulletin_digest, present_editions, project_lock, run_key, state_path, tool_key
from .steps import BulletinReport, CatalogStatus, build_editions, update_catalogs



def as_they_are(items, label: str):
    """No progress bar: ``progress(items, label)`` as the commands call it, giving the items."""
    return nullcontext(items)


def extract_project(project: Project, names: list[str] | None = None, *,
                    purge_obsolete: bool = False, progress=as_they_are, jobs: int = 1) -> list[CatalogStatus]:
    """``extract``: write each bulletin's template and bring its catalogs up to date
    (every catalog is read, and so checked, before anything is written).
    ``jobs`` processes share the bulletins (see :mod:`.parallel`)."""
    settings = project.settings
    sources = project.require_sources(names)
    glossary = load_glossary(settings.glossary_path, settings.source_lang, settings.target_langs[0])
    statuses = []
    with project_lock(settings):
        for source in sources:
            project.catalogs(settings.name_of(source))
        memories = Memories(settings)
        parallel = jobs > 1 and len(sources) > 1
        if parallel:  # every worker looks up the memory as the run found it
            memories.load(settings.target_langs)
        context = (project, glossary, memories, purge_obsolete, not parallel)
        with progress(sources, "extract") as chosen:
            # the bar moves as results come (``each`` takes the whole list at once)
            for _, (catalogs, done) in zip(chosen, each(_extract_one, sources, context=context, jobs=jobs)):
                for status in done if parallel else []:  # noted here, in the bulletins' order
                    project.forget(status.path)  # as the worker wrote it
                    memories.record(status.lang, status.path, catalogs[status.lang])
                statuses += done
        memories.save()
    return statuses


def _extract_one(context, source: Path):
    project, glossary, memories, purge_obsolete, record = context
    bulletin = project.load(source)
    catalogs, done = update_catalogs(project, bulletin, glossary=glossary, memories=memories,
                                     purge_obsolete=purge_obsolete, record=record)
    project.release(bulletin.name)  # as written, not kept: one bulletin's catalogs in memory at a time
    if record:
        return {}, done
    # what the parent notes in the memory: the reviewed entries (a whole catalog
    # sent back from a worker took longer to unpickle than to make)
    return {lang: Catalog(entries=catalog.reviewed()) for lang, catalog in catalogs.items()}, done


def build_project(project: Project, names: list[str] | None = None, *, include_fuzzy: bool = False,
                  langs: list[str] | None = None, progress=as_they_are, jobs: int = 1) -> list[BulletinReport]:
    """``build``: the editions of each bulletin (the source language's, and those
    of ``langs``, default every target language) from its catalogs as they are,
    then the index (whose figures of each bulletin are made from the page as it
    was read for the build). ``jobs`` processes share the bulletins."""
    settings = project.settings
    langs = project.target_langs(langs)
    sources = project.require_sources(names)
    reports, fresh = [], {}
    with project_lock(settings):
        # the editions there are, listed once (the digests say which exist: a stat each was
        # thousands of failing ones on a first build); a bulletin's own are written after its digest
        context = (project, Checker(project), run_key(settings), _known_hashes(settings), langs, include_fuzzy,
                   present_editions(settings))
        with progress(sources, "build") as chosen:
            for _, (report, figures) in zip(chosen, each(_build_one, sources, context=context, jobs=jobs)):
                reports.append(report)
                fresh[report.name] = figures
        write_index(project, fresh)
    return reports


def _build_one(context, source: Path):
    project, checker, key, hashes, langs, include_fuzzy, editions = context
    bulletin = project.load(source)
    catalogs = project.existing_catalogs(bulletin.name, langs)
    # of the files as read (each read once): a later save makes it stale; the template, which
    # the build does not read, by its stat (``hashes`` is this run's copy of the state's)
    settings = project.settings
    known = project.known_hashes([settings.catalog_path(bulletin.name, lang) for lang in settings.target_langs])
    known[str(source)] = bulletin.source_hash
    digest = bulletin_digest(settings, source, key, hashes, editions=editions, known=known)
    # the page's assets, for check's judgement and the build (before the build changes the page)
    assets = page_assets(bulletin.page.root, project.settings, bulletin.name)
    figures = _figures(project, _judged(project, checker, bulletin, assets))
    written, warnings = build_editions(project, bulletin, catalogs, include_fuzzy=include_fuzzy, assets=assets)
    project.release(bulletin.name)
    return BulletinReport(bulletin.name, source, editions=written, warnings=warnings), (digest, figures)


# -- review pages and the index ------------------------------------------------------


def _href(target: Path, page: Path) -> str:
    """A relative link from ``page`` to ``target`` (both under the output folder)."""
    return posixpath.relpath(target.as_posix(), page.parent.as_posix())


def not_used(bulletin: Bulletin, catalog: Catalog) -> dict[str, list[str]]:
    """The translations (reviewed or fuzzy) of ``catalog`` the build refuses, by
    msgid, with the build's reasons: what :func:`apply_translations` says on a
    copy of the page."""
    translations = {e.msgid: e.msgstr for e in catalog if e.state in (State.TRANSLATED, State.FUZZY)}
    if not any(translations.values()):  # nothing to apply, nothing refused (no copy of the page to make)
        return {}
    tree = copy.deepcopy(bulletin.page.root)
    refused: dict[str, list[str]] = {}
    for rejected in apply_translations(bulletin.segments, locate(tree, bulletin.extraction.anchors),
                                       translations.get):
        reasons = refused.setdefault(rejected.segment.msgid, [])
        reasons += [reason for reason in rejected.reasons if reason not in reasons]
    return refused


def _judged(project: Project, checker: Checker, bulletin: Bulletin, assets=None):
    """check's report of a bulletin; an unreadable catalog stops the command, as it would build."""
    report = checker.bulletin(bulletin, assets)
    if report.unreadable:
        first = report.unreadable[0]
        where = first.path if first.line is None else f"{first.path}:{first.line}"
        raise InputError(f"{where}: {first.message}", path=first.path, line=first.line)
    return report


def _figures(project: Project, report) -> dict[str, Figures | None]:
    """The index's figures of a bulletin's catalogs (None: no catalog yet)."""
    settings = project.settings
    return {result.language: Figures.of(result)
            if project.catalog(result.name, result.language) is not None else None
            for result in report.catalogs if result.language in settings.target_langs}


def _write_review(project: Project, bulletin: Bulletin, report, langs: list[str]) -> list[Path]:
    settings = project.settings
    name = bulletin.name
    # the page's messages as its template lists them, made from the page read (not read from the file)
    template = make_template(bulletin.segments, settings.relative(bulletin.source))
    findings: dict[tuple[str, int], list] = {}
    for finding in report.findings:
        if finding.line is not None and finding.rule not in SHOWN_AS_STATUS:
            findings.setdefault((finding.path, finding.line), []).append(finding)
    page = review_path(settings, name)
    columns = []
    for lang in langs:
        catalog = project.catalog(name, lang)
        columns.append(Column(lang, settings.relative(settings.catalog_path(name, lang)), catalog,
                              not_used(bulletin, catalog) if catalog is not None else {}))
    editions = [(lang, _href(settings.edition_path(name, lang), page)) for lang in edition_langs(settings)]
    html = review_page(name, template, columns, findings, editions, settings.source_lang)
    return [page] if write_atomic(page, html, durable=False) else []


def _reviews(project: Project, sources: list[Path], langs: list[str] | None, progress, jobs: int = 1,
             known: dict[str, str] | None = None) -> tuple[list[Path], dict[str, tuple[str, dict]]]:
    """Review pages of ``sources``; returns the pages written and, by bulletin,
    the index's figures with the digest they were made at. ``known``: digests
    the caller computed this run before anything was read for the pages."""
    settings = project.settings
    langs = project.target_langs(langs)
    known = known or {}
    # the run state's hashes, read only if a digest is to be made here
    # the run state's hashes and the run's key, made only if a digest is to be made here
    unknown = any(settings.name_of(s) not in known for s in sources)
    hashes = _known_hashes(settings) if unknown else {}
    context = (project, Checker(project), run_key(settings) if unknown else None, hashes, langs, known)
    written, fresh = [], {}
    with progress(sources, "review") as chosen:
        for _, (name, pages, figures) in zip(chosen, each(_review_one, sources, context=context, jobs=jobs)):
            written += pages
            fresh[name] = figures
    return written, fresh


def _review_one(context, source: Path):
    project, checker, key, hashes, langs, known = context
    name = project.settings.name_of(source)
    # before reading: a later save makes it stale
    digest = known.get(name) or bulletin_digest(project.settings, source, key, hashes)
    bulletin = project.load(source)
    report = _judged(project, checker, bulletin)
    pages, figures = _write_review(project, bulletin, report, langs), _figures(project, report)
    project.release(bulletin.name)
    return bulletin.name, pages, (digest, figures)


def review_as_built(project: Project, checker: Checker, bulletin: Bulletin, assets=None):
    """A bulletin's review page, by ``sync`` as it redoes the bulletin (its page
    as read, its catalogs as written): the pages written and the index's figures,
    or None when a catalog cannot be read (the pages' refresh then says so)."""
    report = checker.bulletin(bulletin, assets)
    if report.unreadable:
        return None
    return _write_review(project, bulletin, report, checker.langs), _figures(project, report)


def write_reviews(project: Project, names: list[str] | None = None, *, langs: list[str] | None = None,
                  progress=as_they_are) -> list[Path]:
    """Review pages of the bulletins ``names`` (default all), with a column per
    language of ``langs`` (default all); returns the pages written."""
    return _reviews(project, project.require_sources(names), langs, progress)[0]


def review_project(project: Project, names: list[str] | None = None, *, langs: list[str] | None = None,
                   progress=as_they_are, jobs: int = 1) -> list[Path]:
    """``review``: review pages of the bulletins ``names`` (default all), then the index."""
    project.target_langs(langs)
    sources = project.require_sources(names)
    with project_lock(project.settings):
        written, fresh = _reviews(project, sources, langs, progress, jobs)
        return written + write_index(project, fresh)


def refresh_pages(project: Project, reports: list[BulletinReport], *, progress=as_they_are,
                  jobs: int = 1) -> list[Path]:
    """After ``sync``: the review pages of the bulletins it redid (and of those
    that have none yet), then the index; returns the pages written (in the
    reports' order, then the index). The pages sync made as it redid a
    bulletin (``report.review``) are not made again: their figures go to the
    index, at the digest sync made."""
    settings = project.settings
    pages = review_pages(settings)
    # the digests sync made of each bulletin (after writing it, before the pages read it)
    known = {r.name: r.state["digest"] for r in reports if r.state and r.state.get("digest")}
    # pages sync made as it redid a bulletin, with the figures it judged (at that digest)
    made = {r.name: r.review for r in reports if r.review is not None and r.name in known}
    sources = [r.source for r in reports
               if r.name not in made and (not r.skipped or f"{r.name}.html" not in pages)]
    with project_lock(settings):
        written, fresh = _reviews(project, sources, None, progress, jobs, known)
        order = {review_path(settings, r.name): index for index, r in enumerate(reports)}
        written = sorted(written + [page for done, _ in made.values() for page in done], key=order.__getitem__)
        fresh.update({name: (known[name], figures) for name, (_, figures) in made.items()})
        return written + write_index(project, fresh, {name: digest for name, digest in known.items()
                                                      if name not in fresh})


def write_index(project: Project, fresh: dict[str, tuple[str, dict]] | None = None,
                known: dict[str, str] | None = None) -> list[Path]:
    """Write ``output/index.html``; returns it in a list if it changed.

    ``fresh`` holds figures the caller just made, by bulletin, with the
    digest they were made at; the others come from ``.bulletin-i18n/index.json``
    when nothing they depend on changed, else from check. ``known`` holds the
    digests of bulletins the caller computed this run (sync's, of the
    bulletins it skipped), not computed again. When every bulletin's figures
    are the kept ones and the index exists, it is as they would write it
    (its editions and review links are in the digests, or in ``fresh``):
    nothing is written.
    """
    settings = project.settings
    fresh, known = fresh or {}, known or {}
    kept = _read_figures(settings)
    key, hashes = None, None  # the run's key and state's hashes, made if a digest is to be made
    checker = None
    page = settings.output_path / INDEX_FILE
    all_kept = bool(not fresh and page.is_file())
    names, found, figures_now = [], {}, {}
    as_kept = {}  # bulletins whose kept entry, row and all, may be taken as it is (below)
    for source in settings.sources():
        name = settings.name_of(source)
        digest, figures = fresh.get(name, (None, None))
        if figures is None:
            digest = known.get(name)
            if not digest:
                hashes = _known_hashes(settings) if hashes is None else hashes
                key = run_key(settings) if key is None else key
                digest = bulletin_digest(settings, source, key, hashes)
            if kept.get(name, {}).get("digest") == digest:
                if fresh and digest == known.get(name) and _noted_row(kept[name]):  # a sync's pages
                    names.append(name)
                    as_kept[name] = source
                    continue
                figures = _kept_figures(kept[name])
            if figures is None:
                all_kept = False
                checker = checker or Checker(project)
                figures = _figures(project, _judged(project, checker, project.load(source)))
        names.append(name)
        found[name] = figures
        figures_now[name] = {"digest": digest, "figures": {
            lang: None if f is None else f.as_dict() for lang, f in figures.items()}}
    if all_kept and figures_now.keys() == kept.keys():
        return []
    # the pages there are, by one listing per folder; links as _href makes them (all under output/)
    output, langs = settings.output_folder, edition_langs(settings)
    there = {folder: set(files_under(under(output, folder), _is_page, files_only=True))
             for folder in [REVIEW_DIR, *langs]}
    # a row whose inputs are those of the kept one is taken from the index as written
    # (checked by its hash: a page changed by hand, or written by another version, is not)
    old_rows = _written_rows(page) if any("row" in entry for entry in kept.values()) else {}
    code = tool_key()  # a row rendered by another version of the tool is made again
    rendered = []  # each row's HTML (its IndexRow and figures let go once rendered: thousands)
    for name in names:
        file = f"{name}.html"
        if name in as_kept:
            # the digest covers the figures, the editions there are, the settings and the
            # tool: the kept row stands if it is as written and links the pages there are
            entry, line = kept[name], old_rows.get(name)
            if line is not None and hashlib.sha1(line.encode()).hexdigest() == entry["row"][1] \
                    and _links_as_listed(line, file, there, langs):
                figures_now[name] = {"digest": entry["digest"], "figures": entry["figures"], "row": entry["row"]}
                rendered.append(line)
                continue
            figures = _kept_figures(entry)
            if figures is None:
                checker = checker or Checker(project)
                figures = _figures(project, _judged(project, checker, project.load(as_kept[name])))
            found[name] = figures
            figures_now[name] = {"digest": entry["digest"], "figures": {
                lang: None if f is None else f.as_dict() for lang, f in figures.items()}}
        row = IndexRow(name, review=f"{REVIEW_DIR}/{file}" if file in there[REVIEW_DIR] else None,
                       figures=found.pop(name))
        row.editions = [(lang, f"{lang}/{file}") for lang in langs if file in there[lang]]
        key = row_key(row, figures_now[name]["figures"], settings.target_langs, code)
        noted = kept.get(name, {}).get("row")
        kept_key, kept_hash = noted if isinstance(noted, list) and len(noted) == 2 else (None, None)
        line = old_rows.get(name) if key == kept_key else None
        if line is None or hashlib.sha1(line.encode()).hexdigest() != kept_hash:
            line = render_row(row, settings.target_langs)
        rendered.append(line)
        figures_now[name]["row"] = [key, hashlib.sha1(line.encode()).hexdigest()]
    write_atomic(state_path(settings, FIGURES_FILE), json.dumps(figures_now, sort_keys=True, separators=(",", ":")) + "\n",
                 durable=False)
    return [page] if write_atomic(page, index_page([], settings.target_langs, rendered), durable=False) else []


def _is_page(name: str) -> bool:
    return name.endswith(".html")


def _noted_row(entry: dict) -> bool:
    row = entry.get("row")
    return isinstance(row, list) and len(row) == 2 and isinstance(row[1], str)


def _links_as_listed(line: str, file: str, there: dict[str, set[str]], langs: list[str]) -> bool:
    """Whether a written row links the review page and the editions there are, and no other
    (as :func:`render_row` writes links: ``href="<folder>/<file>"``)."""
    return all((f'href="{folder}/{file}"' in line) == (file in there[folder]) for folder in [REVIEW_DIR, *langs])


def _written_rows(page: Path) -> dict[str, str]:
    """The rows of the index as it is on disk, by bulletin name."""
    try:
        return rows_in(page.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _known_hashes(settings) -> dict:
    """The hashes of files the last sync read, by size and time (read, not written:
    a file whose size or time changed is read again)."""
    return dict(RunState(settings).hashes)


def _read_figures(settings) -> dict:
    try:
        data = json.loads(state_path(settings, FIGURES_FILE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _kept_figures(kept: dict) -> dict[str, Figures | None] | None:
    """Figures read back from the state folder (None: unreadable, made again)."""
    try:
        return {lang: None if data is None else Figures.from_dict(data) for lang, data in kept["figures"].items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
