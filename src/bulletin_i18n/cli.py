"""The ``bulletin-i18n`` command line: options in, the pipeline's results printed.

Every command parses its options, calls one function of :mod:`.project`, and
prints what it returns; nothing here reads or writes a project's files.

Wording: each file a command writes is reported as ``wrote PATH`` (with what
it holds after a colon); a dry run says ``would write``; ``-v`` also names the
files left as they were (``unchanged PATH``) and lists every file of a long
list, ``-q`` keeps only warnings, errors and check's report.
"""

from __future__ import annotations

import errno
import sys
from contextlib import nullcontext
from pathlib import Path

import click

from . import __version__
from .errors import BulletinError, InputError, UsageError
from .project import Project
from .project.parallel import default_jobs
from .settings import load_settings

#: Exit statuses (the README's table; errors.py gives each error its own).
EXIT_STATUS = """\b
Exit status:
  0   done (check: every catalog passed)
  1   check or lint found a problem
  2   input that cannot be read or used: a file, a catalog, the settings,
      a folder with no bulletins, a file init would overwrite
  3   a machine translation engine is missing or failed
  64  the command was used wrongly: an unknown option, a bad value, a
      language that is not one of target_langs
  75  try again: another run holds the project, or a catalog kept changing
  130 interrupted (Ctrl-C)"""
INTERRUPTED = 130
#: A long list of files written is summed up in one line unless -v.
LISTED = 10


class _Group(click.Group):
    """Report tool errors as one clear line and an exit status, not a traceback;
    click's own usage errors exit with 64 (EX_USAGE), not 2 (unreadable input)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            exc.show()
            sys.exit(UsageError.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("bulletin-i18n: interrupted", err=True)
            sys.exit(INTERRUPTED)
        except OSError as exc:
            if exc.errno != errno.EPIPE:  # output closed early (| head): nothing to say
                raise
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_STATUS)
@click.option("-C", "directory", type=click.Path(file_okay=False, path_type=Path), default=".", metavar="DIR",
              help="Run in the project folder DIR instead of the current one (like git -C).")
@click.option("-q", "--quiet", count=True, help="Print only warnings, errors and check's report.")
@click.option("-v", "--verbose", count=True, help="Also name the files left unchanged, and list every file written.")
@click.version_option(__version__, prog_name="bulletin-i18n")
@click.pass_context
def main(ctx: click.Context, directory: Path, quiet: int, verbose: int) -> None:
    """Turn English HTML bulletins into aligned editions through gettext catalogs.

    A project is a folder with source/ (English bulletins), locales/ (one POT per
    bulletin and one PO per language) and output/ (the editions). Settings live in
    bulletin-i18n.toml or [tool.bulletin-i18n] of pyproject.toml; `init` makes a
    new project.

    Editors run `sync` after adding or changing bulletins; translators edit
    locales/<lang>/*.po in Poedit or Weblate; CI runs `check`.
    """
    if not directory.is_dir():
        raise click.BadParameter(f"{directory}: no such folder", param_hint="-C")
    ctx.meta["verbosity"] = verbose - quiet
    ctx.obj = Project(load_settings(directory))


pass_project = click.pass_obj
bulletins_argument = click.argument("bulletins", nargs=-1, metavar="[BULLETIN]...")
jobs_option = click.option(
    "-j", "--jobs", type=click.IntRange(1), default=None, metavar="N",
    help="Worker processes sharing the bulletins (default: the number of CPUs); the files written are "
         "the same whatever N.")
lang_option = click.option("--lang", "langs", multiple=True, metavar="LANG",
                           help="Only this target language (repeatable).")


def verbosity() -> int:
    """-v minus -q: 0 by default, below 0 quiet, above 0 verbose."""
    return click.get_current_context().meta.get("verbosity", 0)


def say(text: str, *, level: int = 0) -> None:
    """Print ``text`` when the verbosity is at least ``level`` (warnings and errors go to stderr unasked)."""
    if verbosity() >= level:
        click.echo(text)


def warn(text: str) -> None:
    click.echo(f"warning: {text}", err=True)


def progress(items, label: str):
    """A progress bar on standard error when it is a terminal (and not -q);
    the items as they are otherwise. Passed to the project's commands."""
    items = list(items)
    if verbosity() < 0 or len(items) < 2 or not sys.stderr.isatty():
        return nullcontext(items)
    return click.progressbar(items, label=f"{label:<8}", file=sys.stderr, show_pos=True, show_eta=True)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def report_written(project: Project, paths: list[Path], what: str, whats: str | None = None, *,
                   verb: str = "wrote") -> None:
    """``wrote PATH`` for each file; a long list in one line unless -v."""
    if not paths:
        return
    if len(paths) <= LISTED or verbosity() > 0:
        for path in paths:
            say(f"{verb} {project.relative(path)}")
        return
    folders = sorted({project.relative(path.parent) + "/" for path in paths})
    shown = ", ".join(folders[:3]) + (", …" if len(folders) > 3 else "")
    say(f"{verb} {plural(len(paths), what, whats)} under {shown} (-v lists them)")


@main.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]")
@pass_project
def init(project: Project, folder: Path | None) -> None:
    """Make a new project in DIR (default: the current folder, or -C's).

    Creates source/ and locales/, bulletin-i18n.toml with every setting at its
    default and explained (commented out), an empty glossary
    glossary/en-es.csv, and a .gitignore that keeps the tool's state
    (.bulletin-i18n/) and the generated output/ out of git. Refuses, writing
    nothing, where a project's settings already are; files that exist (a
    glossary, a .gitignore) are kept, the .gitignore completed.
    """
    from .project.init import init_project

    root = project.settings.root / folder if folder is not None else project.settings.root
    created = init_project(root)

    def shown(path: Path) -> str:
        """As the user named it: the folder (-C DIR, then DIR) and the path in it."""
        return (root / Path(path).relative_to(root)).as_posix()

    if created.folders:
        say("made " + ", ".join(f"{shown(path)}/" for path in created.folders))
    for path in created.files:
        say(f"wrote {shown(path)}")
    for path in created.kept:
        say(f"unchanged {shown(path)} (it was there)", level=1)
    here = "" if root == Path(".") else f"-C {root.as_posix()} "
    say(f"Next: put the English bulletins in {shown(root / 'source')}/, then run `bulletin-i18n {here}sync`.")


def location_options(command):
    """gettext's ``--add-location[=full|file|never]`` and ``--no-location``: the
    ``add_location`` setting for this run."""
    def set_location(ctx: click.Context, param: click.Parameter, value: str | bool | None) -> None:
        if value:
            ctx.find_object(Project).settings.add_location = "never" if value is True else value

    command = click.option("--no-location", is_flag=True, expose_value=False, callback=set_location,
                           help="No #: references (add_location = \"never\").")(command)
    return click.option("--add-location", "add_location", type=click.Choice(["full", "file", "never"]),
                        is_flag=False, flag_value="full", default=None, expose_value=False,
                        callback=set_location, metavar="[full|file|never]",
                        help="References with file and line, the file only, or none "
                             "(default: the add_location setting, full).")(command)


@main.command()
@bulletins_argument
@click.option("--purge-obsolete", is_flag=True, help="Drop obsolete (#~) entries instead of keeping them.")
@location_options
@jobs_option
@pass_project
def extract(project: Project, bulletins: tuple[str, ...], purge_obsolete: bool, jobs: int | None) -> None:
    """Write locales/<name>.pot and update locales/<lang>/<name>.po.

    Existing translations are kept; changed texts get their old translation as a
    fuzzy suggestion; removed texts become obsolete. BULLETIN is a name such as
    sedi-2015-04 or a path under source/; by default every bulletin.
    """
    from .project.publish import extract_project

    statuses = extract_project(project, list(bulletins), purge_obsolete=purge_obsolete, progress=progress,
                                jobs=jobs or default_jobs())
    for status in statuses:
        if status.written:
            say(f"wrote {project.relative(status.path)}: {_counts(status.counts)}")
        else:
            say(f"unchanged {project.relative(status.path)}: {_counts(status.counts)}", level=1)
    unchanged = sum(not status.written for status in statuses)
    if unchanged and verbosity() == 0:
        say(f"{plural(unchanged, 'catalog')} unchanged (-v names them)")


@main.command()
@bulletins_argument
@lang_option
@click.option("--include-fuzzy", is_flag=True, help="Use fuzzy (unreviewed) translations too.")
@jobs_option
@pass_project
def build(project: Project, bulletins: tuple[str, ...], langs: tuple[str, ...], include_fuzzy: bool,
          jobs: int | None) -> None:
    """Write output/<lang>/<name>.html for the source and every target language.

    Untranslated and fuzzy entries show the English text. A translation whose
    placeholders do not match its source is not used: the build warns with the
    catalog's file:line and keeps the English text. Also writes output/index.html.
    """
    from .project.publish import build_project

    reports = build_project(project, list(bulletins), include_fuzzy=include_fuzzy, langs=list(langs) or None,
                            progress=progress, jobs=jobs or default_jobs())
    for report in reports:
        for warning in report.warnings:
            warn(warning)
    report_written(project, [path for report in reports for path in report.editions], "edition")


@main.command()
@bulletins_argument
@click.option("--engine", metavar="NAME", help="apertium (offline, default), openai (a language model), google, deepl, "
              "microsoft, mymemory, libre, or pseudo (pseudo-localisation for testing); several names separated "
              "by commas make a chain: openai,apertium.")
@click.option("--engine-url", metavar="URL", help="Server of the engine, e.g. a self-hosted LibreTranslate, or "
              "Ollama, vLLM or LM Studio for openai (http://localhost:11434/v1).")
@lang_option
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
    Each target language uses its own engine when the settings give one
    ([engines.fr]).
    """
    from .project.translate import pretranslate_project

    report = pretranslate_project(project, names=list(bulletins), langs=project.target_langs(list(langs)),
                                  engine=engine, url=engine_url, redo_mt=redo_mt,
                                  stream=None if verbosity() >= 0 else _Discard())
    for path, stats in report.items():
        if stats.machine or stats.memory:
            say(f"wrote {project.relative(path)}: {stats}")
        else:
            say(f"unchanged {project.relative(path)}: nothing to fill", level=1)


class _Discard:
    """A stream that keeps nothing (progress lines under -q)."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


@main.command()
@bulletins_argument
@lang_option
@click.option("--no-mt", is_flag=True, help="Do not pre-translate new entries by machine.")
@click.option("--engine", metavar="NAME", help="Machine translation engine, or a chain (openai,apertium) "
              "(default: the `engine` setting, apertium).")
@click.option("--engine-url", metavar="URL", help="Server of the engine (LibreTranslate: a self-hosted URL; "
              "openai: Ollama, vLLM, LM Studio).")
@click.option("--dry-run", is_flag=True,
              help="Report what would change, and how many entries would be machine-translated; write nothing.")
@click.option("--purge-obsolete", is_flag=True, help="Drop obsolete (#~) entries.")
@click.option("--include-fuzzy", is_flag=True, help="Use fuzzy translations in the editions.")
@click.option("--force", is_flag=True, help="Redo bulletins that did not change since the last run.")
@location_options
@jobs_option
@pass_project
def sync(project: Project, bulletins: tuple[str, ...], langs: tuple[str, ...], no_mt: bool, engine: str | None,
         engine_url: str | None, dry_run: bool, purge_obsolete: bool, include_fuzzy: bool,
         force: bool, jobs: int | None) -> None:
    """Update catalogs, pre-translate new entries, build both editions, refresh the review pages.

    The editor's one command after adding or changing English bulletins. It keeps
    every translation: unchanged texts keep theirs, changed texts get the old one
    as a fuzzy suggestion (#| shows the old English), removed texts become
    obsolete (#~), and texts translated in another bulletin come from memory.
    Bulletins unchanged since the last run are skipped; a second run changes
    nothing. The review pages of the bulletins it redid, and the index, are
    written again.
    """
    from .project.sync import refresh_pages
    from .project.sync import sync as run_sync

    settings = project.settings
    jobs = jobs or default_jobs()
    chosen = project.target_langs(list(langs))
    bar = sys.stderr.isatty() and verbosity() >= 0

    def fill_factory():
        from .project.translate import catalog_filler  # the engines are read when a bulletin needs them

        return catalog_filler(settings, engine=engine, url=engine_url, langs=chosen, quiet=bar or verbosity() < 0)

    reports = run_sync(project, names=list(bulletins), fill_factory=None if no_mt else fill_factory,
                       dry_run=dry_run, purge_obsolete=purge_obsolete, include_fuzzy=include_fuzzy, force=force,
                       langs=list(langs) or None, progress=progress, jobs=jobs)
    pages = [] if dry_run else refresh_pages(project, reports, whole=not bulletins, progress=progress, jobs=jobs)
    for report in reports:
        for warning in report.warnings:
            warn(warning)
    if verbosity() >= 0:
        click.echo(format_sync_summary(project, reports, dry_run, engines={
            lang: _engine_name(engine or settings.engine_settings(lang)["engine"]) for lang in chosen}
            if not no_mt else None))
    verb = "would write" if dry_run else "wrote"
    report_written(project, [p for r in reports if not r.skipped for p in r.editions], "edition", verb=verb)
    report_written(project, pages, "page")
    if dry_run:
        say("Dry run: no file was written.")


def _engine_name(engine: str | list[str]) -> str:
    """An engine or a chain of them as the summary names it ("openai, then apertium")."""
    names = engine.split(",") if isinstance(engine, str) else engine
    return ", then ".join(name.strip() for name in names)


def format_sync_summary(project: Project, reports, dry_run: bool, engines: dict[str, str] | None = None) -> str:
    """A table a person reads at a glance: one line per bulletin and language,
    then what the engines did (or would do)."""
    lines = []
    header = f"{'bulletin':<28} {'lang':<4} {'translated':>10} {'fuzzy':>6} {'untransl.':>9} {'obsolete':>8}  this run"
    lines.append(header)
    machine: dict[str, int] = {}
    for report in reports:
        for status in report.catalogs:
            if report.skipped:
                run = "unchanged (skipped)"
            else:
                c = status.changes
                parts = [f"{c.new} new", f"{c.changed} changed", f"{c.removed} removed"]
                if c.revived:
                    parts.append(f"{c.revived} back from obsolete")
                if c.from_memory:
                    parts.append(f"{c.from_memory} from memory")
                if status.machine:
                    parts.append(f"{status.machine} {'to machine-translate' if dry_run else 'machine-translated'}")
                    machine[status.lang] = machine.get(status.lang, 0) + status.machine
                run = ", ".join(parts)
            counts = status.counts
            lines.append(f"{report.name:<28} {status.lang:<4} {counts.translated:>10} {counts.fuzzy:>6} "
                         f"{counts.untranslated:>9} {counts.obsolete:>8}  {run}")
    if not any(not r.skipped for r in reports):
        lines.append("Nothing changed since the last sync.")
    if engines is not None and (dry_run or machine):
        done = ", ".join(f"{lang}: {plural(machine.get(lang, 0), 'entry', 'entries')} by {name}"
                         for lang, name in engines.items())
        lines.append(f"{'Would machine-translate' if dry_run else 'Machine-translated'} {done}"
                     + (" (fuzzy until reviewed)" if not dry_run else ""))
    return "\n".join(lines)


@main.command()
@bulletins_argument
@lang_option
@click.option("--min-translated", type=click.FloatRange(0, 100), default=None,
              help="Minimum percentage of translated entries (default: the setting, 100).")
@click.option("--allow-fuzzy/--no-allow-fuzzy", default=None,
              help="Count fuzzy entries as translated (default: the setting, no).")
@click.option("--rules", default=None, metavar="LIST",
              help="Comma-separated quality rules: placeholders, controls, numbers, urls, glossary, "
                   "unchanged, punctuation (default: the setting, all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="text for people, json for tools, github for annotations.")
@click.option("--path-prefix", default=None, metavar="PREFIX",
              help="github: put PREFIX before each path (default: the project's folder in its git "
                   "repository, found with git).")
@click.option("--max-annotations", type=click.IntRange(0), default=10, show_default=True, metavar="N",
              help="github: annotate at most N findings, errors first; a notice gives the totals.")
@jobs_option
@pass_project
def check(project: Project, bulletins: tuple[str, ...], langs: tuple[str, ...],
          min_translated: float | None, allow_fuzzy: bool | None, rules: str | None, fmt: str,
          path_prefix: str | None, max_annotations: int, jobs: int | None) -> None:
    """Fail when a catalog is incomplete, fuzzy, out of date or breaks a quality rule.

    Exit status: 0 all passed; 1 a threshold or a quality rule failed; 2 a
    catalog or the settings could not be read, or there is nothing to check
    (no bulletin in the folder, no catalog of a language). A translator
    silences a false positive on one entry with the flag ignore-<rule> (e.g.
    `#, ignore-numbers`).
    """
    from .project.checking import check_project

    if path_prefix:
        path_prefix = path_prefix.strip("/") + "/"
    output, code = check_project(
        project, fmt=fmt, langs=list(langs) or None, names=list(bulletins) or None,
        min_translated=min_translated, allow_fuzzy=allow_fuzzy,
        rules=[r.strip() for r in rules.split(",") if r.strip()] if rules else None,
        path_prefix=path_prefix, annotations=max_annotations,
        progress=progress if fmt == "text" else None, jobs=jobs or default_jobs(),
    )
    click.echo(output, nl=False)
    sys.exit(code)


@main.command()
@bulletins_argument
@lang_option
@jobs_option
@pass_project
def review(project: Project, bulletins: tuple[str, ...], langs: tuple[str, ...], jobs: int | None) -> None:
    """Write output/review/<name>.html: English and translations side by side.

    One row per segment in page order; each translation's badge says what
    readers of the edition see: reviewed, has findings, not used (English
    shown, with the build's reason), machine draft, fuzzy, untranslated; with
    its catalog file:line and its check findings, and for a changed English
    text the earlier one with the changed words marked. Filters by status and
    finding, and a search. Also writes output/index.html. A static page: open
    it in any browser, no network needed.
    """
    from .project.publish import review_project

    report_written(project, review_project(project, list(bulletins) or None, langs=list(langs) or None,
                                           progress=progress, jobs=jobs or default_jobs()), "page")


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

    count = export_tmx(project, out, langs=project.target_langs(list(langs)))
    say(f"wrote {out}: {plural(count, 'translation unit')}")


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
    say(f"wrote {project.relative(target)}: {plural(count, 'translation pair')}")


@main.command()
@click.argument("pages", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path),
                metavar="[EN.html ES.html]...")
@click.option("--en", "en_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              help="Folder of English pages, paired by name with those of --es.")
@click.option("--es", "es_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              help="Folder of their published Spanish editions (may be the --en folder).")
@click.option("--trust", is_flag=True, help="Use the aligned pairs as reviewed translations, not fuzzy ones.")
@click.option("--learn/--no-learn", default=True, show_default=True,
              help="Learn post-edits of the engine's drafts from every aligned page "
                   "(memory/postedits-<lang>.tsv; drafts the archive's English with the engine, through the cache).")
@pass_project
def align(project: Project, pages: tuple[Path, ...], en_dir: Path | None, es_dir: Path | None,
          trust: bool, learn: bool) -> None:
    """Align published Spanish editions with their English pages, as memory.

    Pairs each English segment with the Spanish text that translates it, and
    writes memory/aligned-<name>.tmx (used by sync, fuzzy unless --trust). When
    the English page is a bulletin of the project (source/<name>.html), its
    empty catalog entries are filled too. Folders pair X.en.html with
    X.es.html, and X.html with X.html (.xhtml alike). Prints the pairs aligned,
    and what was left out and why.

    Then learns post-edits: the edits people made again and again to the
    engine's drafts of the aligned English, which sync and pretranslate apply
    to that engine's drafts. A rule you put out of use (# before its line) or
    whose published words you changed stays as you left it.
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
    reports = align_into_project(project, work, trusted=trust, learn=learn)
    say(format_report(project, reports, trusted=trust))


def _counts(counts) -> str:
    return (f"{counts.translated} translated, {counts.fuzzy} fuzzy, "
            f"{counts.untranslated} untranslated, {counts.obsolete} obsolete")


@main.command("export-xliff")
@bulletins_argument
@click.option("--version", "version", type=click.Choice(["1.2", "2.0"]), default="2.0", show_default=True,
              help="XLIFF version: 2.0, or 1.2 for tools that read only 1.2.")
@click.option("--lang", "langs", multiple=True, metavar="LANG", help="Only this target language (repeatable).")
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write <name>.<lang>.xlf in (default: xliff/ in the project).")
@pass_project
def export_xliff_command(project: Project, bulletins: tuple[str, ...], version: str, langs: tuple[str, ...],
                         out: Path | None) -> None:
    """Write each catalog as XLIFF for CAT tools (Trados, memoQ, OmegaT…).

    One file per bulletin and language, every message with its state, notes and
    context; placeholders are inline codes the CAT tool protects. Bring the
    translations back with import-xliff.
    """
    from .project.xliff import export_xliff

    for path, count in export_xliff(project, out if out is not None else project.settings.root / "xliff",
                                    version=version, langs=list(langs) or None, names=list(bulletins)):
        click.echo(f"wrote {path} ({count} units, XLIFF {version})")


@main.command("import-xliff")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
                metavar="FILE...")
@pass_project
def import_xliff_command(project: Project, files: tuple[Path, ...]) -> None:
    """Write the translations of XLIFF files (from export-xliff) back into the catalogs.

    The rules of a translator's edit: a translation whose inline codes do not
    match its English is refused (file:line), a reviewed (final) unit is no
    longer fuzzy, any other translated unit is fuzzy. Exit status 1 when a
    translation was refused.
    """
    from .project.xliff import import_xliff

    report = import_xliff(project, list(files))
    for line in report.refused + report.skipped:
        click.echo(line, err=True)
    for path in report.written:
        click.echo(f"wrote {project.relative(path)}")
    click.echo(f"{report.updated} translations imported, {len(report.refused)} refused, "
               f"{len(report.skipped)} skipped; {len(report.unchanged)} catalogs unchanged")
    if report.refused:
        sys.exit(1)


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
