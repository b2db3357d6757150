"""The ``bulletin-i18n`` command line: a thin layer over the pipeline functions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .config import Settings, load_settings
from .errors import BulletinError
from .glossary import load_glossary
from .project import (
    Memories, build_editions, load_bulletin, project_lock, read_catalogs, select_sources,
    update_catalogs,
)


class _Group(click.Group):
    """Report tool errors as one clear line and an exit status, not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BulletinError as exc:
            click.echo(f"bulletin-i18n: error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "directory", type=click.Path(file_okay=False, path_type=Path), default=".",
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
    ctx.obj = load_settings(directory)


pass_settings = click.pass_obj
bulletins_argument = click.argument("bulletins", nargs=-1, metavar="[BULLETIN]...")


@main.command()
@bulletins_argument
@click.option("--purge-obsolete", is_flag=True, help="Drop obsolete (#~) entries instead of keeping them.")
@pass_settings
def extract(settings: Settings, bulletins: tuple[str, ...], purge_obsolete: bool) -> None:
    """Write locales/<name>.pot and update locales/<lang>/<name>.po.

    Existing translations are kept; changed texts get their old translation as a
    fuzzy suggestion; removed texts become obsolete. BULLETIN is a name such as
    sedi-2015-04 or a path under source/; by default every bulletin.
    """
    glossary = load_glossary(settings.glossary_path, settings.source_lang, settings.target_langs[0])
    with project_lock(settings):
        memories = Memories(settings)
        for source in select_sources(settings, list(bulletins)):
            bulletin = load_bulletin(settings, source)
            _, statuses = update_catalogs(settings, bulletin, glossary=glossary, memories=memories,
                                          purge_obsolete=purge_obsolete)
            for status in statuses:
                click.echo(f"{settings.relative(status.path)}: {_counts(status)}"
                           + ("" if status.written else " (unchanged)"))


@main.command()
@bulletins_argument
@click.option("--include-fuzzy", is_flag=True, help="Use fuzzy (unreviewed) translations too.")
@pass_settings
def build(settings: Settings, bulletins: tuple[str, ...], include_fuzzy: bool) -> None:
    """Write output/<lang>/<name>.html for the source and every target language.

    Untranslated and fuzzy entries show the English text. A translation whose
    placeholders do not match its source is not used: the build warns with the
    catalog's file:line and keeps the English text.
    """
    for source in select_sources(settings, list(bulletins)):
        bulletin = load_bulletin(settings, source)
        written, warnings = build_editions(settings, bulletin, read_catalogs(settings, bulletin.name),
                                           include_fuzzy=include_fuzzy)
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
        for path in written:
            click.echo(f"wrote {settings.relative(path)}")


def _counts(status) -> str:
    return (f"{status.translated} translated, {status.fuzzy} fuzzy, "
            f"{status.untranslated} untranslated, {status.obsolete} obsolete")


if __name__ == "__main__":  # pragma: no cover
    main()
