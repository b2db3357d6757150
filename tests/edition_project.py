"""A built test project: the sample bulletin, a Spanish catalog in every review
state, both editions, for the tests of editions, review pages, TMX and browsers."""

from __future__ import annotations

import shutil
from pathlib import Path

from bulletin_i18n.settings import Settings, load_settings
from bulletin_i18n.model import Provenance
from bulletin_i18n.project import Project
from bulletin_i18n.project.steps import build_editions, update_catalogs

from conftest import SAMPLE, SAMPLE_IMAGES

NAME = "sedi-2015-04"
#: Reviewed translations written as a translator would.
SPANISH = {
    "MSME Regional Dialogue Boosts Cooperation": "El diálogo regional de MIPYME impulsa la cooperación",
    "strengthening institutions that support MSMEs;":
        "fortalecimiento de las instituciones que apoyan a las MIPYME;",
    "innovation and internationalization of <1>SMEs</1>; and":
        "innovación e internacionalización de las <1>PYME</1>; y",
    "Videos": "Vídeos",
    "Also in this issue:": "También en este número",  # a punctuation finding of check
}
#: Left untranslated: the date line, to be localised at build.
UNTRANSLATED = {"| April 2015"}
MACHINE = Provenance(Provenance.MACHINE, engine="pseudo", version="1.0", hash="0123456789")
MEMORY = Provenance(Provenance.MEMORY, origin="locales/es/other.po")


def make_project(root: Path, name: str = NAME, **settings) -> Settings:
    """A project in ``root`` with the sample as ``source/<name>.html`` and its
    pictures under ``source/images/``; ``settings`` override the defaults."""
    page = root / "source" / f"{name}.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE, page)
    shutil.copytree(SAMPLE_IMAGES, page.parent / "images", dirs_exist_ok=True)
    project = load_settings(root)
    for key, value in settings.items():
        setattr(project, key, value)
    return project


def review_state(index: int, msgid: str) -> str:
    """The state the test catalog gives its ``index``-th entry."""
    if msgid in SPANISH:
        return "reviewed"
    if msgid in UNTRANSLATED:
        return "untranslated"
    return ("reviewed", "machine", "reviewed", "memory", "reviewed", "fuzzy", "untranslated")[index % 7]


def fill_catalog(po) -> None:
    """Translate each entry as :func:`review_state` says: real Spanish where known,
    else the English marked ``ES``, placeholders kept."""
    for index, entry in enumerate(po):
        state = review_state(index, entry.msgid)
        if state == "untranslated":
            continue
        entry.msgstr = SPANISH.get(entry.msgid) or f"ES {entry.msgid}"
        if state != "reviewed":
            entry.flags.append("fuzzy")
        extra = {"machine": MACHINE, "memory": MEMORY}.get(state)
        if extra:
            entry.provenance.append(extra)


def build_project(settings: Settings, name: str = NAME) -> list[Path]:
    """Catalogs (filled by :func:`fill_catalog`) and both editions; assets published."""
    source = settings.source_path / f"{name}.html"
    project = Project(settings)
    catalogs, _ = update_catalogs(project, project.load(source))
    fill_catalog(catalogs["es"])
    project.write(catalogs["es"], settings.catalog_path(name, "es"))
    written, warnings = build_editions(project, project.load(source), project.existing_catalogs(name))
    assert warnings == []
    return written
