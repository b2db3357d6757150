"""The ``bulletin-i18n`` command line: options in, the pipeline's results printed.

Every command parses its options, calls one function of :mod:`.project`, and
prints what it returns; nothing here reads or writes a project's files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import BulletinError, InputError
from .project import Project
from .settings import load_settings


class _Group(click.Group):
    """Report tool errors as one clear line and an exit status, not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BulletinError as exc:
            click.echo(f"bulletin-i18n: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # a file the tool could not read or write: say which, no traceback
            project = ctx.obj if isinstance(ctx.obj, Project) else None
            name = exc.filename and (project.relative(Path(exc.filename)) if project else exc.filename)
            where = f"{name}: " if name else ""
            click.echo(f"bulletin-i18n: error: {where}{exc.strerror or exc}", err=True)
            sys.exit(InputError.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "directory", type=click.Path(file_okay=False, path_type=Path), default=".", metavar="DIR",
              help="Run in the project folder DIR instead of the current one (like git -C).")
@click.version_option(__version__, prog_name="bulletin-i18n")
@click.pass_context
def main(ctx: click.Context, directory: Path) -> None:
    """Turn English HTML bulletins into aligned editions through gettext catalogs.

    A project is a folder with source/ (English bulletins), locales/ (one POT per
    bulletin and one PO per language) and output/ (the editions). Settings live in
    bulletin-i18n.toml or [tool.bulletin-i18n] of pyproject.toml.

    Editors run `sync` after adding or changing bulletins; translators edit
    locales/<lang>/*.po in Poedit or Weblate; CI runs `check`.
    """
    if not directory.is_dir():
        raise click.BadParameter(f"{directory}: no such folder", param_hint="-C")
    ctx.obj = Project(load_settings(directory))


pass_project = click.pass_obj
bulletins_argument = click.argument("bulletins", nargs=-1, metavar="[BULLETIN]...")


@main.command()
@bulletins_argument
@click.option("--purge-obsolete", is_flag=True, help="Drop obsolete (#~) entries instead of keeping them.")
@pass_project
def extract(project: Project, bulletins: tuple[str, ...], purge_obsolete: bool) -> None:
    """Write locales/<name>.pot and update locales/<lang>/<name>.po.

    Existing translations are kept; changed texts get their old translation as a
    fuzzy suggestion; removed texts become obsolete. BULLETIN is a name such as
    sedi-2015-04 or a path under source/; by default every bulletin.
    """
    from .project.publish import extract_project

    for status in extract_project(project, list(bulletins), purge_obsolete=purge_obsolete):
        click.echo(f"{project.relative(status.path)}: {_counts(status.counts)}"
                   + ("" if status.written else " (unchanged)"))


@main.command()
@bulletins_argument
@click.option("--include-fuzzy", is_flag=True, help="Use fuzzy (unreviewed) translations too.")
@pass_project
def build(project: Project, bulletins: tuple[str, ...], include_fuzzy: bool) -> None:
    """Write output/<lang>/<name>.html for the source and every target language.

    Untranslated and fuzzy entries show the English text. A translation whose
    placeholders do not match its source is not used: the build warns with the
    catalog's file:line and keeps the English text.
    """
    from .project.publish import build_project

    for report in build_project(project, list(bulletins), include_fuzzy=include_fuzzy):
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
        for path in report.editions:
            click.echo(f"wrote {project.relative(path)}")


@main.command()
@bulletins_argument
@click.option("--engine", metavar="NAME", help="apertium (offline, default), openai (a language model), google, deepl, "
              "microsoft, mymemory, libre, or pseudo (pseudo-localisation for testing); several names separated "
              "by commas make a chain: openai,apertium.")
@click.option("--engine-url", metavar="URL", help="Server of the engine, e.g. a self-hosted LibreTranslate, or "
              "Ollama, vLLM or LM Studio for openai (http://localhost:11434/v1).")
@click.option("--lang", "langs", multiple=True, metavar="LANG", help="Only this target language (repeatable).")
@click.option("--redo-mt", is_flag=True,
              help="Also redo fuzzy entries the machine wrote, unless a translator edited them.")
@pass_project
def pretranslate(project: Project, bulletins: tuple[str, ...], engine: str | None,
                 engine_url: str | None, langs: tuple[str, ...], redo_mt: bool) -> None:
    """Fill empty entries by machine translation, marked fuzzy for review.

    A reviewed (non-fuzzy) translation is never changed, nor a fuzzy one a
    translator edited. Each machine translation is marked fuzzy and names its
    engine in an extracted comment. Reviewed translations of other bulletins
    are used first (translation memory); glossary terms are enforced; results
    are cached in .bulletin-i18n/mt-cache.sqlite. Online engines read their API
    keys from LIBRE_API_KEY, DEEPL_API_KEY or MICROSOFT_API_KEY; openai reads
    OPENAI_API_KEY, and its model from the openai_model setting or OPENAI_MODEL.
    """
    from .project.translate import pretranslate_project

    report = pretranslate_project(project, names=list(bulletins), langs=list(langs) or None,
                                  engine=engine, url=engine_url, redo_mt=redo_mt)
    for path, stats in report.items():
        click.echo(f"{project.relative(path)}: {stats}")


@main.command()
@bulletins_argument
@click.option("--no-mt", is_flag=True, help="Do not pre-translate new entries by machine.")
@click.option("--engine", metavar="NAME", help="Machine translation engine, or a chain (openai,apertium) "
              "(default: the `engines` or `engine` setting, apertium).")
@click.option("--engine-url", metavar="URL", help="Server of the engine (LibreTranslate: a self-hosted URL; "
              "openai: Ollama, vLLM, LM Studio).")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--purge-obsolete", is_flag=True, help="Drop obsolete (#~) entries.")
@click.option("--include-fuzzy", is_flag=True, help="Use fuzzy translations in the editions.")
@click.option("--force", is_flag=True, help="Redo bulletins that did not change since the last run.")
@pass_project
def sync(project: Project, bulletins: tuple[str, ...], no_mt: bool, engine: str | None,
         engine_url: str | None, dry_run: bool, purge_obsolete: bool, include_fuzzy: bool,
         force: bool) -> None:
    """Update catalogs, pre-translate new entries, and build both editions.

    The editor's one command after adding or changing English bulletins. It keeps
    every translation: unchanged texts keep theirs, changed texts get the old one
    as a fuzzy suggestion (#| shows the old English), removed texts become
    obsolete (#~), and texts translated in another bulletin come from memory.
    Bulletins unchanged since the last run are skipped; a second run changes
    nothing.
    """
    from .project.publish import write_index
    from .project.sync import sync as run_sync
    from .project.translate import catalog_filler

    settings = project.settings
    fill_factory = None if no_mt else (lambda: catalog_filler(settings, engine=engine, url=engine_url))
    reports = run_sync(project, names=list(bulletins), fill_factory=fill_factory, dry_run=dry_run,
                       purge_obsolete=purge_obsolete, include_fuzzy=include_fuzzy, force=force)
    if not dry_run:
        write_index(project, {(r.name, s.lang): s.completeness for r in reports for s in r.catalogs})
    click.echo(format_sync_summary(project, reports, dry_run))


def format_sync_summary(project: Project, reports, dry_run: bool) -> str:
    """A table a person reads at a glance: one line per bulletin and language."""
    lines = []
    header = f"{'bulletin':<28} {'lang':<4} {'translated':>10} {'fuzzy':>6} {'untransl.':>9} {'obsolete':>8}  this run"
    lines.append(header)
    for report in reports:
        for status in report.catalogs:
            if report.skipped:
                run = "unchanged (skipped)"
            else:
                c = status.changes
                parts = [f"{len(c.new)} new", f"{len(c.changed)} changed", f"{len(c.removed)} removed"]
                if c.revived:
                    parts.append(f"{len(c.revived)} back from obsolete")
                if c.from_memory:
                    parts.append(f"{len(c.from_memory)} from memory")
                if status.machine:
                    parts.append(f"{status.machine} machine-translated")
                run = ", ".join(parts)
            counts = status.counts
            lines.append(f"{report.name:<28} {status.lang:<4} {counts.translated:>10} {counts.fuzzy:>6} "
                         f"{counts.untranslated:>9} {counts.obsolete:>8}  {run}")
        for warning in report.warnings:
            lines.append(f"  warning: {warning}")
    done = [r for r in reports if not r.skipped]
    verb = "would write" if dry_run else "wrote"
    if done:
        lines.append(f"Editions {verb}: " + ", ".join(
            project.relative(p) for r in done for p in r.editions))
    else:
        lines.append("Nothing changed since the last sync.")
    if dry_run:
        lines.append("Dry run: no file was written.")
    return "\n".join(lines)


@main.command()
@bulletins_argument
@click.option("--lang", "langs", multiple=True, metavar="LANG", help="Only this target language (repeatable).")
@click.option("--min-translated", type=click.FloatRange(0, 100), default=None,
              help="Minimum percentage of translated entries (default: the setting, 100).")
@click.option("--allow-fuzzy/--no-allow-fuzzy", default=None,
              help="Count fuzzy entries as translated (default: the setting, no).")
@click.option("--rules", default=None, metavar="LIST",
              help="Comma-separated quality rules: placeholders, numbers, urls, glossary, "
                   "unchanged, punctuation (default: the setting, all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="text for people, json for tools, github for annotations.")
@pass_project
def check(project: Project, bulletins: tuple[str, ...], langs: tuple[str, ...],
          min_translated: float | None, allow_fuzzy: bool | None, rules: str | None, fmt: str) -> None:
    """Fail when a catalog is incomplete, fuzzy, out of date or breaks a quality rule.

    Exit status: 0 all passed; 1 a threshold or a quality rule failed; 2 a
    catalog or the settings could not be read. A translator silences a false
    positive on one entry with the flag ignore-<rule> (e.g. `#, ignore-numbers`).
    """
    from .project.checking import check_project

    output, code = check_project(
        project, fmt=fmt, langs=list(langs) or None, names=list(bulletins) or None,
        min_translated=min_translated, allow_fuzzy=allow_fuzzy,
        rules=[r.strip() for r in rules.split(",") if r.strip()] if rules else None,
    )
    click.echo(output, nl=False)
    sys.exit(code)


@main.command()
@bulletins_argument
@pass_project
def review(project: Project, bulletins: tuple[str, ...]) -> None:
    """Write output/review/<name>.html: English and translations side by side.

    One row per segment in page order, with its status (reviewed, fuzzy from
    machine or memory, untranslated), its catalog file:line and its check
    findings; placeholders show as ‹1›…‹/1›. Also writes output/index.html.
    A static page: open it in any browser, no network needed.
    """
    from .project.publish import write_index, write_reviews
    from .project.state import project_lock

    with project_lock(project.settings):
        for path in write_reviews(project, list(bulletins) or None) + write_index(project):
            click.echo(f"wrote {project.relative(path)}")


@main.command("export-tmx")
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The TMX file to write.")
@click.option("--lang", "langs", multiple=True, metavar="LANG", help="Only this target language (repeatable).")
@pass_project
def export_tmx_command(project: Project, out: Path, langs: tuple[str, ...]) -> None:
    """Write the reviewed translations of all catalogs as TMX 1.4.

    Placeholders become TMX inline elements (bpt/ept/ph), so CAT tools keep them.
    """
    from .project.exchange import export_tmx

    count = export_tmx(project, out, langs=list(langs) or None)
    click.echo(f"wrote {count} translation units to {out}")


@main.command("import-tmx")
@click.argument("tmx_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_project
def import_tmx_command(project: Project, tmx_file: Path) -> None:
    """Keep a TMX file as translation memory (under memory/) for sync and pretranslate.

    Its pairs fill matching entries at the next sync, noted "From memory:";
    the project's own reviewed translations win over imported ones.
    """
    from .project.exchange import import_tmx

    target, count = import_tmx(project, tmx_file)
    click.echo(f"kept {count} translation pairs as {project.relative(target)}")


@main.command()
@click.argument("pages", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path),
                metavar="[EN.html ES.html]...")
@click.option("--en", "en_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              help="Folder of English pages, paired by name with those of --es.")
@click.option("--es", "es_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              help="Folder of their published Spanish editions (may be the --en folder).")
@click.option("--trust", is_flag=True, help="Use the aligned pairs as reviewed translations, not fuzzy ones.")
@pass_project
def align(project: Project, pages: tuple[Path, ...], en_dir: Path | None, es_dir: Path | None,
          trust: bool) -> None:
    """Align published Spanish editions with their English pages, as memory.

    Pairs each English segment with the Spanish text that translates it, and
    writes memory/aligned-<name>.tmx (used by sync, fuzzy unless --trust). When
    the English page is a bulletin of the project (source/<name>.html), its
    empty catalog entries are filled too. Folders pair X.en.html with
    X.es.html, and X.html with X.html (.xhtml alike). Prints the pairs aligned,
    and what was left out and why.
    """
    from .project.align import align_into_project, format_report, pair_folders

    if len(pages) % 2:
        raise click.BadParameter("give pages in pairs: EN.html ES.html", param_hint="PAGES")
    if (en_dir is None) != (es_dir is None):
        raise click.BadParameter("--en and --es go together", param_hint="--en/--es")
    work = [(pages[k], pages[k + 1], None) for k in range(0, len(pages), 2)]
    if en_dir is not None:
        work += pair_folders(en_dir, es_dir)
    if not work:
        raise click.UsageError("nothing to align: give EN.html ES.html, or --en DIR --es DIR with pairs in them")
    reports = align_into_project(project, work, trusted=trust)
    click.echo(format_report(project, reports, trusted=trust))


def _counts(counts) -> str:
    return (f"{counts.translated} translated, {counts.fuzzy} fuzzy, "
            f"{counts.untranslated} untranslated, {counts.obsolete} obsolete")


@main.command("lint")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
def lint_command(files: tuple[Path, ...]) -> None:
    """Check PO files for syntax errors and placeholder problems (fast: for pre-commit).

    Reads only the files named: what msgfmt would reject, and translated
    entries whose placeholders do not match their msgid. Prints file:line:
    message per finding. Exit status: 0 none; 1 a finding; 2 a file could not
    be read.
    """
    from .qa.lint import lint_files

    findings, errors, code = lint_files(list(files))
    for finding in findings:
        click.echo(str(finding))
    for error in errors:
        click.echo(f"bulletin-i18n: error: {error}", err=True)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
