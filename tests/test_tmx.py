"""TMX 1.4 export of reviewed translations, import back, and project memory."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from lxml import etree

from bulletin_i18n.catalog import merge, read_catalog
from bulletin_i18n.errors import InputError
from bulletin_i18n.memory import Memory
from bulletin_i18n.project import load_bulletin, update_catalogs
from bulletin_i18n.tmx import export_tmx, from_seg, import_tmx, load_tmx_memory, save_tmx_memory, to_seg

from edition_project import NAME, build_project, make_project

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def reviewed(po: polib.POFile) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in po if e.translated() and not e.obsolete}


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    settings = make_project(tmp_path / "a")
    build_project(settings)
    out = tmp_path / "sedi.tmx"
    count = export_tmx(settings, out)
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
    update_catalogs(empty, load_bulletin(empty, empty.sources()[0]))  # writes the template
    po, changes = merge(None, read_catalog(empty.template_path(NAME)), "es",
                        memory=lambda msgid: memory.lookup(msgid, 100.0))
    assert reviewed(po) == pairs
    assert set(changes.from_memory) == set(pairs)


def test_placeholders_round_trip_through_seg():
    message = "<1>Read <2>more</2></1> here<3/>, and <4/>"
    seg = to_seg(message, {1: "link", 3: "image"})
    assert [(el.tag, el.get("type")) for el in seg] == [
        ("bpt", "link"), ("bpt", None), ("ept", None), ("ept", None), ("ph", "image"), ("ph", None)]
    assert from_seg(seg) == message


def test_import_of_foreign_inline_codes(tmp_path):
    path = tmp_path / "cat.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="en-US" segtype="sentence" '
        'datatype="html" o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/>'
        '<body><tu><tuv xml:lang="es-ES"><seg>Lea <bpt i="5">&lt;a href="x"&gt;</bpt>más'
        '<ept i="5">&lt;/a&gt;</ept><ph x="6">&lt;br/&gt;</ph> <hi>ya</hi></seg></tuv>'
        '<tuv xml:lang="en-US"><seg>Read <bpt i="5">&lt;a&gt;</bpt>more<ept i="5">&lt;/a&gt;</ept>'
        '<ph x="6">&lt;br/&gt;</ph> <hi>now</hi></seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert import_tmx(path) == [("es-ES", "Read <5>more</5><6/> now", "Lea <5>más</5><6/> ya")]


def test_unreadable_tmx_is_refused(tmp_path):
    settings = make_project(tmp_path / "p")
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    with pytest.raises(InputError, match="bad.tmx"):
        save_tmx_memory(settings, bad)
    assert not (settings.root / "memory").exists()


def test_foreign_tmx_with_unnumbered_codes_is_a_clear_error(tmp_path):
    from bulletin_i18n.errors import InputError
    from bulletin_i18n.tmx import import_tmx

    path = tmp_path / "agency.tmx"
    path.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
                    '<tu><tuv xml:lang="en"><seg>Go <bpt type="link">&lt;a&gt;</bpt>here</seg></tuv>\n'
                    '<tuv xml:lang="es"><seg>Vaya aquí</seg></tuv></tu></body></tmx>\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_tmx(path)
    assert str(err.value) == f"{path}:3: unusable translation unit: <bpt> needs a numeric i attribute, got None"
