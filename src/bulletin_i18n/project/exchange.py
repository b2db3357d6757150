"""TMX exchange of a project's translations: export for CAT tools, import as memory."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..tm.tmx import write_tmx
from .memories import save_tmx_memory
from .project import Project
from .state import project_lock


def reviewed_units(project: Project, langs: list[str] | None = None):
    """(lang, entry, catalog path) of every reviewed translation of the project's catalogs."""
    settings = project.settings
    for name in project.names():
        for lang in langs or settings.target_langs:
            catalog = project.catalog(name, lang)
            if catalog is not None:
                origin = settings.relative(settings.catalog_path(name, lang))
                for entry in catalog.reviewed():
                    yield lang, entry, origin


def export_tmx(project: Project, out_path: Path, langs: list[str] | None = None) -> int:
    """Write the reviewed translations of the project as TMX; returns the number of units.
    The folder it goes in must exist (a mistyped path is not created)."""
    if not Path(out_path).parent.is_dir():
        raise InputError(f"{out_path}: no such folder {Path(out_path).parent}", path=out_path)
    return write_tmx(reviewed_units(project, langs), out_path, project.settings.source_lang)


def import_tmx(project: Project, path: Path) -> tuple[Path, int]:
    """Keep a TMX file as the project's memory; returns where, and how many pairs."""
    with project_lock(project.settings):
        return save_tmx_memory(project.settings, path)
