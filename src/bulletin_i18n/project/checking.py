"""``check`` over a project: every catalog of the chosen bulletins and languages."""

from __future__ import annotations

from ..errors import InputError
from ..glossary import load_glossary
from ..html.editions import page_assets
from ..qa.context import RuleContext
from ..qa.report import format_report, known_format
from ..qa.runner import (
    WARNING, CatalogResult, CheckReport, Finding, check_catalog, check_missing, thresholds_for, unreadable,
)
from ..settings import Settings
from .project import Project


def run_check(
    project: Project, *, langs: list[str] | None = None, names: list[str] | None = None,
    min_translated: float | None = None, allow_fuzzy: bool | None = None,
    rules: list[str] | None = None,
) -> CheckReport:
    """Check the catalogs of the bulletins ``names`` (default all) in ``langs``
    (default the project's target languages).

    ``min_translated``, ``allow_fuzzy`` and ``rules`` override the settings for
    every language when given. Each page is read once: its texts tell whether a
    catalog is stale, its links whether an asset is missing.
    """
    settings = project.settings
    report = CheckReport()
    langs = list(langs or settings.target_langs)
    thresholds = {lang: thresholds_for(settings.check, lang, min_translated=min_translated,
                                       allow_fuzzy=allow_fuzzy, rules=rules) for lang in langs}
    contexts = {lang: RuleContext(settings.source_lang, lang,
                                  load_glossary(settings.glossary_path, settings.source_lang, lang),
                                  settings.url_map.get(lang, {})) for lang in langs}
    for source in project.sources(names):
        bulletin = project.load(source)
        expected = source_msgids(bulletin)
        report.pages += [Finding("assets", missing.path, missing.line, "", missing.message, WARNING)
                         for missing in page_assets(bulletin.page.root, settings, bulletin.name).missing]
        for lang in langs:
            path = settings.catalog_path(bulletin.name, lang)
            shown = settings.relative(path)
            result = CatalogResult(shown, bulletin.name, lang, thresholds[lang])
            try:
                catalog = project.catalog(bulletin.name, lang)
            except InputError as exc:
                report.unreadable.append(unreadable(exc, shown))
                continue
            if catalog is None:
                check_missing(result, expected, settings.relative(source))
            else:
                check_catalog(catalog, result, contexts[lang], expected, settings.relative(source))
            report.catalogs.append(result)
    if not names:
        report.orphans = _orphans(settings, langs)
    return report


def source_msgids(bulletin) -> set[str]:
    """The messages a bulletin's page gives its catalogs today."""
    return {segment.msgid for segment in bulletin.segments}


def _orphans(settings: Settings, langs: list[str]) -> list[Finding]:
    """A warning for each catalog whose bulletin is no longer under ``source/``."""
    names = {settings.name_of(source) for source in settings.sources()}
    found = []
    for lang in langs:
        folder = settings.locales_path / lang
        for path in sorted(folder.rglob("*.po")):
            name = path.relative_to(folder).with_suffix("").as_posix()
            if name not in names:
                found.append(Finding(
                    "stale", settings.relative(path), None, "",
                    f"no {settings.source_dir}/{name}.html for this catalog: restore the bulletin, "
                    "or delete the catalog if the bulletin is retired", WARNING))
    return found


def check_project(project: Project, *, fmt: str = "text", **options) -> tuple[str, int]:
    """What ``bulletin-i18n check`` prints, and its exit status."""
    known_format(fmt)  # before the work
    report = run_check(project, **options)
    return format_report(report, fmt), report.exit_code
