"""``check`` over a project: every catalog of the chosen bulletins and languages.

:class:`Checker` judges one bulletin at a time; ``check`` runs it over the
chosen bulletins, and the review pages and the index over the ones they show,
so that all three give the same figures.
"""

from __future__ import annotations

from contextlib import nullcontext

from ..errors import InputError
from ..glossary import load_glossary
from ..html.editions import Assets, page_assets
from ..qa.context import RuleContext
from ..qa.report import ANNOTATIONS, format_report, known_format
from ..qa.runner import (
    WARNING, CatalogResult, CheckReport, Finding, check_catalog, check_missing, thresholds_for, unreadable,
)
from ..settings import Settings
from .parallel import each
from .project import Bulletin, Project


class Checker:
    """check's thresholds and rule contexts for the languages ``langs`` (default
    the project's target languages), ready to judge bulletins one by one.

    ``min_translated``, ``allow_fuzzy`` and ``rules`` override the settings for
    every language when given.
    """

    def __init__(self, project: Project, *, langs: list[str] | None = None,
                 min_translated: float | None = None, allow_fuzzy: bool | None = None,
                 rules: list[str] | None = None):
        settings = project.settings
        self.project = project
        self.langs = project.target_langs(langs)
        self.thresholds = {lang: thresholds_for(settings.check, lang, min_translated=min_translated,
                                                allow_fuzzy=allow_fuzzy, rules=rules) for lang in self.langs}
        self.contexts = {lang: RuleContext(settings.source_lang, lang,
                                           load_glossary(settings.glossary_path, settings.source_lang, lang),
                                           settings.url_map.get(lang, {})) for lang in self.langs}

    def bulletin(self, bulletin: Bulletin, assets: Assets | None = None) -> CheckReport:
        """The report of one bulletin: its catalogs, and the assets its page misses.

        The page is read once: its texts tell whether a catalog is stale, its
        links whether an asset is missing. ``assets``: the page's
        (:func:`.page_assets`), when the caller has them already.
        """
        project, settings = self.project, self.project.settings
        report = CheckReport()
        expected = source_msgids(bulletin)
        source = settings.relative(bulletin.source)
        report.pages += [Finding("assets", missing.path, missing.line, "", missing.message, WARNING)
                         for missing in (assets or page_assets(bulletin.page.root, settings, bulletin.name)).missing]
        for lang in self.langs:
            shown = settings.relative(settings.catalog_path(bulletin.name, lang))
            result = CatalogResult(shown, bulletin.name, lang, self.thresholds[lang])
            try:
                catalog = project.catalog(bulletin.name, lang)
            except InputError as exc:
                report.unreadable.append(unreadable(exc, shown))
                continue
            if catalog is None:
                check_missing(result, expected, source)
            else:
                check_catalog(catalog, result, self.contexts[lang], expected, source)
            report.catalogs.append(result)
        return report


def run_check(
    project: Project, *, langs: list[str] | None = None, names: list[str] | None = None,
    min_translated: float | None = None, allow_fuzzy: bool | None = None,
    rules: list[str] | None = None, progress=None, jobs: int = 1,
) -> CheckReport:
    """Check the catalogs of the bulletins ``names`` (default all) in ``langs``
    (default the project's target languages; each must be one of them).

    A folder with no bulletin, or a language with no catalog at all, is an
    :class:`InputError` (exit status 2): a CI job pointed at the wrong folder
    must not pass. ``progress(items, label)`` wraps the loop over bulletins
    (a progress bar). ``jobs`` processes share the bulletins (see
    :mod:`.parallel`); the report is the same whatever their number.
    """
    settings = project.settings
    checker = Checker(project, langs=langs, min_translated=min_translated, allow_fuzzy=allow_fuzzy,
                      rules=rules)
    sources = project.require_sources(names)
    _require_catalogs(settings, checker.langs)
    report = CheckReport()
    with (progress or _as_they_are)(sources, "check") as chosen:
        # the bar moves as results come (``each`` takes the whole list at once)
        for _, one in zip(chosen, each(_check_one, sources, context=checker, jobs=jobs)):
            report.catalogs += one.catalogs
            report.unreadable += one.unreadable
            report.pages += one.pages
    if not names:
        report.orphans = _orphans(settings, checker.langs)
    return report


def _check_one(checker: Checker, source) -> CheckReport:
    """One bulletin's report (in this process or a worker's); its catalogs are
    not kept once judged (a run over many bulletins holds one bulletin's at a time)."""
    bulletin = checker.project.load(source)
    try:
        return checker.bulletin(bulletin)
    finally:
        checker.project.release(bulletin.name)


def _as_they_are(items, label: str):
    """No progress bar: the items as they are."""
    return nullcontext(items)


def _require_catalogs(settings: Settings, langs: list[str]) -> None:
    """Each language has a catalog of some bulletin of the project."""
    names = [settings.name_of(source) for source in settings.sources()]
    for lang in langs:
        paths = [settings.catalog_path(name, lang) for name in names]
        if not any(path.exists() or path.is_symlink() for path in paths):
            folder = settings.relative(settings.locales_path / lang)
            raise InputError(f"no catalogs for {lang}: {folder}/ holds no catalog of this project's "
                             f"{len(names)} bulletin{'s' * (len(names) != 1)}: run `bulletin-i18n sync` "
                             "to make them", path=settings.locales_path / lang)


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


def check_project(project: Project, *, fmt: str = "text", path_prefix: str | None = None,
                  annotations: int | None = ANNOTATIONS, **options) -> tuple[str, int]:
    """What ``bulletin-i18n check`` prints, and its exit status.

    For the ``github`` format: ``path_prefix`` goes before every path (None:
    the project's folder in its git repository, found with git), and at most
    ``annotations`` findings are annotated (None: all).
    """
    known_format(fmt)  # before the work
    report = run_check(project, **options)
    github = {}
    if fmt == "github":
        prefix = repository_prefix(project.settings.root) if path_prefix is None else path_prefix
        github = {"path_prefix": prefix, "limit": annotations}
    return format_report(report, fmt, **github), report.exit_code


def repository_prefix(root) -> str:
    """The folder ``root`` in its git repository, as a path prefix (``site/``;
    empty at the repository's top, or outside any repository)."""
    import subprocess  # read when a report needs the repository's folder

    try:
        done = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
