"""export-xliff and import-xliff on a project: valid files, a round trip, a translator's rules."""

from __future__ import annotations

import shutil

from lxml import etree

from bulletin_i18n.po.pofile import read_catalog
from bulletin_i18n.settings import load_settings
from bulletin_i18n.tm.xliff import NS_12, NS_20
from conftest import ROOT, cli
from xliff_rules import check_structure

NAME = "sedi-2015-04"


def reviewed_project(project):
    """The sample with the repository's reviewed Spanish catalog, a few entries made
    fuzzy or untranslated again."""
    (project / "bulletin-i18n.toml").write_text('engine = "pseudo"\n', encoding="utf-8")
    (project / "locales" / "es").mkdir(parents=True)
    shutil.copy(ROOT / "locales" / "es" / f"{NAME}.po", project / "locales" / "es" / f"{NAME}.po")
    assert cli("-C", project, "sync", "--no-mt").returncode == 0
    path = load_settings(project).catalog_path(NAME, "es")
    text = path.read_text(encoding="utf-8")
    text = text.replace('msgstr "Noticias de la SEDI | abril de 2015"', 'msgstr ""', 1)
    assert text.count('msgstr ""\n\n') >= 1
    path.write_text(text, encoding="utf-8")
    return path


def test_exports_follow_the_specifications_and_an_unchanged_import_changes_no_byte(project):
    po_path = reviewed_project(project)
    before = po_path.read_bytes()
    for version in ("1.2", "2.0"):
        out = project / f"x{version}"
        result = cli("-C", project, "export-xliff", "--version", version, "-o", out)
        assert result.returncode == 0 and f"({len(read_catalog(po_path).live())} units, XLIFF {version})" in result.stdout
        data = (out / f"{NAME}.es.xlf").read_bytes()
        assert check_structure(data) == 45
        imported = cli("-C", project, "import-xliff", out / f"{NAME}.es.xlf")
        assert imported.returncode == 0
        assert "0 translations imported, 0 refused, 0 skipped; 1 catalogs unchanged" in imported.stdout
        assert po_path.read_bytes() == before
    # Translate Toolkit reads the 1.2 export: its units are the catalog's messages
    from translate.storage import xliff

    store = xliff.xlifffile.parsefile(str(project / "x1.2" / f"{NAME}.es.xlf"))
    units = [u for u in store.units if not u.isheader()]
    catalog = read_catalog(po_path)
    assert len(units) == len(catalog.live()) == 45
    assert sum(u.isapproved() for u in units) == 44 and not units[0].target


def test_round_trip_export_translate_import_build(project):
    po_path = reviewed_project(project)
    assert cli("-C", project, "export-xliff", "-o", project / "out").returncode == 0
    path = project / "out" / f"{NAME}.es.xlf"
    tree = etree.parse(str(path))
    ns = {"x": NS_20}
    units = tree.getroot().findall(".//x:unit", ns)
    # the CAT tool: the empty title translated and confirmed, a linked text edited and reviewed
    title = next(u for u in units if u.findtext("x:segment/x:source", namespaces=ns) == "SEDI News | April 2015")
    segment = title.find("x:segment", ns)
    etree.SubElement(segment, f"{{{NS_20}}}target").text = "Noticias SEDI | abril de 2015"
    segment.set("state", "final")
    linked = next(u for u in units if u.find("x:segment/x:target/x:pc", ns) is not None)
    target = linked.find("x:segment/x:target", ns)
    target.text = "NUEVO " + (target.text or "")
    linked.find("x:segment", ns).set("state", "reviewed")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    result = cli("-C", project, "import-xliff", path)
    assert result.returncode == 0 and "2 translations imported, 0 refused" in result.stdout
    catalog = read_catalog(po_path)
    entry = catalog.find("SEDI News | April 2015")
    assert (entry.msgstr, entry.fuzzy) == ("Noticias SEDI | abril de 2015", False)
    edited = next(e for e in catalog if e.msgstr.startswith("NUEVO "))
    assert not edited.fuzzy and "<1>" in edited.msgstr
    # the layout is still GNU's, and build puts the new translations in the Spanish edition
    import subprocess

    assert subprocess.run(["msgcat", "-o", "-", po_path], capture_output=True, check=True).stdout == \
        po_path.read_bytes()
    assert cli("-C", project, "build").returncode == 0
    edition = (project / "output" / "es" / f"{NAME}.html").read_text(encoding="utf-8")
    assert "<title>Noticias SEDI | abril de 2015</title>" in edition and "NUEVO " in edition


def test_a_translation_whose_codes_do_not_match_is_refused_with_its_line(project):
    po_path = reviewed_project(project)
    before = po_path.read_bytes()
    assert cli("-C", project, "export-xliff", "--version", "1.2", "-o", project / "out").returncode == 0
    path = project / "out" / f"{NAME}.es.xlf"
    tree = etree.parse(str(path))
    ns = {"x": NS_12}
    target = next(t for t in tree.getroot().iterfind(".//x:target", ns) if t.find("x:bpt", ns) is not None)
    for code in target.findall("x:ept", ns):
        target.remove(code)  # a CAT tool that lost the closing code
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    line = etree.parse(str(path)).getroot().xpath("//x:target[x:bpt and not(x:ept)]", namespaces=ns)[0].sourceline
    result = cli("-C", project, "import-xliff", path)
    assert result.returncode == 1
    assert f"{path}:{line}: translation refused, its inline codes do not match the English" in result.stderr
    assert po_path.read_bytes() == before
    # a translation changed in the catalog since the export is not overwritten
    text = po_path.read_text(encoding="utf-8").replace('msgstr "» Boletines anteriores"',
                                                       'msgstr "» Boletines pasados"')
    po_path.write_text(text, encoding="utf-8")
    tree = etree.parse(str(project / "out" / f"{NAME}.es.xlf"))
    for target in tree.getroot().iterfind(".//x:target", ns):
        if target.text == "» Boletines anteriores":
            target.text = "» Números anteriores"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    result = cli("-C", project, "import-xliff", path)
    assert "was translated again in locales/es/sedi-2015-04.po since the export" in result.stderr
    assert read_catalog(po_path).find("» Previous newsletters").msgstr == "» Boletines pasados"
