"""TMX export of a project's reviewed translations, and import as its memory."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from lxml import etree

from bulletin_i18n.errors import InputError
from bulletin_i18n.po.merge import merge
from bulletin_i18n.po.pofile import read_catalog
from bulletin_i18n.project import Project
from bulletin_i18n.project.exchange import export_tmx
from bulletin_i18n.project.memories import load_tmx_memory, save_tmx_memory
from bulletin_i18n.project.steps import update_catalogs
from bulletin_i18n.tm.memory import Memory
from bulletin_i18n.tm.tmx import import_tmx
from edition_project import NAME, build_project, make_project

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def reviewed(po) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in po.reviewed()}


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    settings = make_project(tmp_path / "a")
    build_project(settings)
    out = tmp_path / "sedi.tmx"
    count = export_tmx(Project(settings), out)
    pairs = reviewed(read_catalog(settings.catalog_path(NAME, "es")))
    assert count == len(pairs) > 10
    return out, pairs


def test_export_is_tmx_14_with_inline_elements(exported):
    out, pairs = exported
    data = out.read_bytes()
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">")
    root = etree.fromstring(data)
    assert (root.tag, root.get("version")) == ("tmx", "1.4")
    header = root.find("header")
    for attribute in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "datatype"):
        assert header.get(attribute)
    assert header.get("srclang") == "en"
    units = root.findall("body/tu")
    assert len(units) == len(pairs)
    assert {tuple(tuv.get(XML_LANG) for tuv in tu.findall("tuv")) for tu in units} == {("en", "es")}
    assert {tu.findtext("prop[@type='x-origin']") for tu in units} == {"locales/es/sedi-2015-04.po"}
    [unit] = [tu for tu in units if tu.findtext("tuv/seg") == "innovation and internationalization of "]
    seg = unit.find("tuv[@{http://www.w3.org/XML/1998/namespace}lang='es']/seg")
    assert etree.tostring(seg, encoding="unicode") == (
        '<seg>innovación e internacionalización de las <bpt i="1" x="1" type="x-abbr">&lt;1&gt;</bpt>'
        'PYME<ept i="1">&lt;/1&gt;</ept>; y</seg>')


def test_import_into_an_empty_project_reproduces_the_translations(exported, tmp_path):
    out, pairs = exported
    assert {(source, target) for _, source, target in import_tmx(out)} == set(pairs.items())
    empty = make_project(tmp_path / "b")
    stored, count = save_tmx_memory(empty, out)
    assert stored == empty.root / "memory" / "sedi.tmx" and count == len(pairs)
    memory = Memory()
    for msgid, msgstr, origin in load_tmx_memory(empty, "es"):
        assert origin == "memory/sedi.tmx"
        memory.add(msgid, msgstr, origin)
    assert load_tmx_memory(empty, "fr") == []
    project = Project(empty)
    update_catalogs(project, project.load(empty.sources()[0]))  # writes the template
    po, changes = merge(None, read_catalog(empty.template_path(NAME)), "es",
                        memory=lambda msgid: memory.lookup(msgid, 100.0))
    assert reviewed(po) == pairs
    assert set(changes.from_memory) == set(pairs)


def test_unreadable_tmx_is_refused(tmp_path):
    settings = make_project(tmp_path / "p")
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    with pytest.raises(InputError, match="bad.tmx"):
        save_tmx_memory(settings, bad)
    assert not (settings.root / "memory").exists()




def test_export_into_a_folder_that_does_not_exist_is_refused(tmp_path):
    settings = make_project(tmp_path / "a")
    build_project(settings)
    with pytest.raises(InputError, match="no such folder"):
        export_tmx(Project(settings), tmp_path / "nowhere" / "x.tmx")
    assert not (tmp_path / "nowhere").exists()


def test_a_translation_with_a_control_character_is_left_out_of_the_export(tmp_path):
    settings = make_project(tmp_path / "a")
    build_project(settings)
    path = settings.catalog_path(NAME, "es")
    po = polib.pofile(str(path))
    po.find("Videos").msgstr = "Víd\x1beos"
    po.save(str(path))
    out = tmp_path / "x.tmx"
    count = export_tmx(Project(settings), out)
    pairs = {source: target for _, source, target in import_tmx(out)}
    assert "Videos" not in pairs and count == len(pairs) > 10
