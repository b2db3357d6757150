"""The commands that write what people read: ``extract``, ``build``, ``review``, the index."""

from __future__ import annotations

import posixpath
from pathlib import Path

from ..errors import InputError
from ..fsutil import write_atomic
from ..glossary import load_glossary
from ..html.editions import edition_langs
from ..review.index import IndexRow, index_page
from ..review.pages import SHOWN_AS_STATUS, Column, review_page
from .checking import run_check
from .memories import Memories
from .project import Project
from .state import project_lock
from .steps import BulletinReport, CatalogStatus, build_editions, update_catalogs

REVIEW_DIR = "review"
INDEX_FILE = "index.html"


def extract_project(project: Project, names: list[str] | None = None, *,
                    purge_obsolete: bool = False) -> list[CatalogStatus]:
    """``extract``: write each bulletin's template and bring its catalogs up to date
    (every catalog is read, and so checked, before anything is written)."""
    settings = project.settings
    glossary = load_glossary(settings.glossary_path, settings.source_lang, settings.target_langs[0])
    statuses = []
    with project_lock(settings):
        sources = project.sources(names)
        for source in sources:
            project.catalogs(settings.name_of(source))
        memories = Memories(settings)
        for source in sources:
            _, done = update_catalogs(project, project.load(source), glossary=glossary, memories=memories,
                                      purge_obsolete=purge_obsolete)
            statuses += done
        memories.save()
    return statuses


def build_project(project: Project, names: list[str] | None = None, *,
                  include_fuzzy: bool = False) -> list[BulletinReport]:
    """``build``: both editions of each bulletin from its catalogs as they are, then the index."""
    settings = project.settings
    counts, reports = {}, []
    with project_lock(settings):
        for source in project.sources(names):
            bulletin = project.load(source)
            catalogs = project.existing_catalogs(bulletin.name)
            for lang, po in catalogs.items():
                counts[bulletin.name, lang] = CatalogStatus(lang, Path(), po.counts()).completeness
            written, warnings = build_editions(project, bulletin, catalogs, include_fuzzy=include_fuzzy)
            reports.append(BulletinReport(bulletin.name, source, editions=written, warnings=warnings))
        write_index(project, counts)
    return reports


# -- review pages and the index ------------------------------------------------------


def review_path(settings, name: str) -> Path:
    return settings.output_path / REVIEW_DIR / f"{name}.html"


def _href(target: Path, page: Path) -> str:
    """A relative link from ``page`` to ``target`` (both under the output folder)."""
    return posixpath.relpath(target.as_posix(), page.parent.as_posix())


def check_findings(project: Project, names: list[str] | None = None) -> dict[tuple[str, int], list]:
    """``check``'s findings on catalog entries, by (catalog path, line).
    A fuzzy entry's finding is its status, not listed."""
    found: dict[tuple[str, int], list] = {}
    for finding in run_check(project, names=names).findings:
        if finding.line is not None and finding.rule not in SHOWN_AS_STATUS:
            found.setdefault((finding.path, finding.line), []).append(finding)
    return found


def write_reviews(project: Project, names: list[str] | None = None) -> list[Path]:
    """Review pages of the bulletins ``names`` (default all); returns the pages written."""
    chosen = project.names(names)
    findings = check_findings(project, chosen)
    return [path for name in chosen for path in write_review(project, name, findings=findings)]


def write_review(project: Project, name: str, *, findings: dict | None = None) -> list[Path]:
    """Write ``output/review/<name>.html``; returns it in a list if it changed."""
    settings = project.settings
    if findings is None:
        findings = check_findings(project, [name])
    template = project.template(name)
    if template is None:
        path = settings.template_path(name)
        raise InputError(f"{settings.relative(path)}: no template: run `bulletin-i18n sync` first", path=path)
    page = review_path(settings, name)
    columns = [Column(lang, settings.relative(settings.catalog_path(name, lang)), project.catalog(name, lang))
               for lang in settings.target_langs]
    editions = [(lang, _href(settings.edition_path(name, lang), page)) for lang in edition_langs(settings)]
    html = review_page(name, template, columns, findings, editions, settings.source_lang)
    return [page] if write_atomic(page, html, durable=False) else []


def write_index(project: Project, counts: dict[tuple[str, str], tuple[int, int]] | None = None) -> list[Path]:
    """Write ``output/index.html``; returns it in a list if it changed.

    ``counts`` maps (bulletin, language) to (translated, total) entries where
    the caller knows them (sync does); the other catalogs are read.
    """
    settings = project.settings
    counts = counts or {}
    page = settings.output_path / INDEX_FILE
    rows = []
    for source in settings.sources():
        name = settings.name_of(source)
        review = review_path(settings, name)
        row = IndexRow(name, review=_href(review, page) if review.is_file() else None)
        row.editions = [(lang, _href(settings.edition_path(name, lang), page))
                        for lang in edition_langs(settings) if settings.edition_path(name, lang).is_file()]
        for lang in settings.target_langs:
            if (name, lang) in counts:
                row.completeness[lang] = counts[name, lang]
            else:
                catalog = project.catalog(name, lang)
                row.completeness[lang] = None if catalog is None else \
                    CatalogStatus(lang, Path(), catalog.counts()).completeness
        rows.append(row)
    return [page] if write_atomic(page, index_page(rows, settings.target_langs), durable=False) else []
