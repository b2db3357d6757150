"""``bulletin-i18n align`` (project/align.py): pages paired, memory written and
read by sync, catalogs filled.

The command runs in-process (click's runner) in a fresh project folder, on
the aligner's fixtures (tests/fixtures/align/). (Named apart from
tests/tm/test_align.py: test modules share one namespace, as in the rest of
the suite.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from bulletin_i18n.po.pofile import read_catalog, write_catalog
from bulletin_i18n.project import align as aligning
from bulletin_i18n.project.align import pair_folders
from bulletin_i18n.tm.memory import Memory
from bulletin_i18n.tm.tmx import import_tmx
from conftest import ALIGN_EN, ALIGN_ES, cli


def run(root: Path, *args) -> str:
    result = cli("-C", root, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def new_project(root: Path, bulletin: bool = True) -> Path:
    (root / "source").mkdir(parents=True)
    if bulletin:
        shutil.copy(ALIGN_EN, root / "source" / "weekly.html")
    return root


def catalog(root: Path):
    return read_catalog(root / "locales" / "es" / "weekly.po")


def memory_notes(entry) -> list[str]:
    return [f"{p.origin}{'' if p.reviewed else ' (unreviewed)'}" for p in entry.provenance]


# -- folders -----------------------------------------------------------------------------


def test_pair_folders_by_file_name(tmp_path):
    en, es = tmp_path / "en", tmp_path / "es"
    for path in [en / "a.en.html", en / "a.es.html", en / "b.html", es / "b.html", en / "sub" / "c.xhtml",
                 es / "sub" / "c.xhtml", en / "d.en.xhtml", en / "d.es.xhtml", en / "lonely.html"]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<p>x</p>", encoding="utf-8")
    found = [(e.relative_to(tmp_path).as_posix(), s.relative_to(tmp_path).as_posix(), n)
             for e, s, n in pair_folders(en, es)]
    assert found == [("en/b.html", "es/b.html", "b"), ("en/sub/c.xhtml", "es/sub/c.xhtml", "sub/c")]
    same = [(e.name, s.name, n) for e, s, n in pair_folders(en, en)]
    assert same == [("a.en.html", "a.es.html", "a"), ("d.en.xhtml", "d.es.xhtml", "d")]


# -- memory, sync and catalogs -------------------------------------------------------------


def test_a_tmx_that_sync_reads_as_fuzzy_archive_memory(tmp_path):
    root = new_project(tmp_path / "p")
    out = run(root, "align", ALIGN_EN, ALIGN_ES)
    assert "weekly: 22 of 24 English segments aligned (92%) with weekly.es.html, 3 left out" in out
    assert "wrote memory/aligned-weekly.tmx (22 units, fuzzy until reviewed)" in out
    assert "left out en 14 es 15: markup differs: English has 2 <a>, Spanish has <a>" in out
    assert "left out en 18: no Spanish counterpart: 'Photographs of the course" in out
    tmx = root / "memory" / "aligned-weekly.tmx"
    units = etree.parse(str(tmx)).getroot().findall("body/tu")
    assert {u.findtext("prop[@type='x-origin']") for u in units} == {"archive weekly.es.html"}
    assert {u.findtext("prop[@type='x-review']") for u in units} == {"unreviewed"}
    [red] = [u for u in units if u.findtext("prop[@type='x-align']").startswith("1:1 en 10 es 10")]
    assert etree.tostring(red.findall("tuv")[1].find("seg"), encoding="unicode") == \
        '<seg>El coche <bpt i="1" x="1" type="link">&lt;1&gt;</bpt>rojo<ept i="1">&lt;/1&gt;</ept></seg>'
    assert ("es", "The <1>red</1> car", "El coche <1>rojo</1>", False) in import_tmx(tmx, with_review=True)

    # the English page given is not the bulletin's file: only memory was written
    assert not (root / "locales").exists()
    run(root, "sync", "--no-mt")
    po = catalog(root)
    entry = po.find("The <1>red</1> car")
    assert entry.msgstr == "El coche <1>rojo</1>" and entry.fuzzy
    assert memory_notes(entry) == ["memory/aligned-weekly.tmx (unreviewed)"]
    text = (root / "locales" / "es" / "weekly.po").read_text(encoding="utf-8")
    assert "\n# From memory: memory/aligned-weekly.tmx (unreviewed)\n" in text
    filled = [e for e in po if e.msgstr]
    assert len(filled) == 22 and all(e.fuzzy for e in filled)
    assert po.find("Read <1>the final report</1> and <2>the statistical annex</2>.").msgstr == ""
    edition = (root / "output" / "es" / "weekly.html").read_text(encoding="utf-8")
    assert 'The <a href="https://example.org/cars">red</a> car' in edition  # fuzzy: English shown
    assert "El coche" not in edition


def test_trust_gives_reviewed_entries_and_build_reproduces_the_published_edition(tmp_path):
    root = new_project(tmp_path / "p")
    out = run(root, "align", "--trust", root / "source" / "weekly.html", ALIGN_ES)
    assert "filled 22 empty entries of locales/es/weekly.po" in out and "(fuzzy)" not in out
    po = catalog(root)
    entry = po.find("The <1>red</1> car")
    assert entry.msgstr == "El coche <1>rojo</1>" and not entry.fuzzy
    assert memory_notes(entry) == ["archive weekly.es.html"]
    assert etree.parse(str(root / "memory" / "aligned-weekly.tmx")).getroot() \
        .findtext("body/tu/prop[@type='x-review']") == "trusted"
    run(root, "build")
    edition = (root / "output" / "es" / "weekly.html").read_text(encoding="utf-8")
    assert 'El coche <a href="https://example.org/cars">rojo</a>' in edition
    assert "Consulte el <a href=\"https://example.org/map\">mapa de los centros participantes</a> y el " \
           "<a href=\"https://example.org/calendar\">calendario de cursos</a> para las fechas." in edition
    assert "Asistieron cuarenta delegaciones de los Estados miembros." in edition
    assert "El próximo curso de <em>Open Data</em> comienza en mayo" in edition
    # trusted memory: a later sync of another bulletin with the same text takes it as reviewed
    memory = Memory()
    for _, source, target, reviewed in import_tmx(root / "memory" / "aligned-weekly.tmx", with_review=True):
        memory.add(source, target, "m", reviewed)
    assert memory("The <1>red</1> car") == ("El coche <1>rojo</1>", "m")


def test_a_persons_translation_is_never_overwritten(tmp_path):
    root = new_project(tmp_path / "p")
    run(root, "extract")
    po = catalog(root)
    po.find("Upcoming events").msgstr = "Eventos venideros"
    training = po.find("Training for customs officers")
    training.msgstr = "Formación de aduaneros"
    training.flags.append("fuzzy")
    write_catalog(po, root / "locales" / "es" / "weekly.po")
    out = run(root, "align", root / "source" / "weekly.html", ALIGN_ES)
    assert "filled 20 empty entries of locales/es/weekly.po (fuzzy)" in out
    po = catalog(root)
    assert po.find("Upcoming events").msgstr == "Eventos venideros" and not po.find("Upcoming events").fuzzy
    training = po.find("Training for customs officers")
    assert training.msgstr == "Formación de aduaneros" and training.fuzzy and training.provenance == []
    red = po.find("The <1>red</1> car")
    assert red.msgstr == "El coche <1>rojo</1>" and red.fuzzy
    assert memory_notes(red) == ["archive weekly.es.html (unreviewed)"]
    run(root, "sync", "--no-mt")
    po = catalog(root)
    assert po.find("Upcoming events").msgstr == "Eventos venideros" and not po.find("Upcoming events").fuzzy
    assert po.find("Training for customs officers").msgstr == "Formación de aduaneros"
    assert po.find("The <1>red</1> car").msgstr == "El coche <1>rojo</1>"


def test_a_translators_save_during_align_is_filled_not_overwritten(tmp_path, monkeypatch):
    root = new_project(tmp_path / "p")
    run(root, "extract")
    path = root / "locales" / "es" / "weekly.po"
    fill, saves = aligning._fill, []

    def fill_after_a_save(po, found, **options):
        if not saves:  # once: after align read the catalog, before it writes
            saved = catalog(root)
            saved.find("Upcoming events").msgstr = "Eventos venideros"
            write_catalog(saved, path)
            saves.append(path)
        return fill(po, found, **options)

    monkeypatch.setattr(aligning, "_fill", fill_after_a_save)
    out = run(root, "align", root / "source" / "weekly.html", ALIGN_ES)
    assert saves and "filled 21 empty entries of locales/es/weekly.po (fuzzy)" in out
    po = catalog(root)
    assert po.find("Upcoming events").msgstr == "Eventos venideros" and not po.find("Upcoming events").fuzzy
    assert po.find("The <1>red</1> car").msgstr == "El coche <1>rojo</1>"


def test_whole_folders(tmp_path):
    root = new_project(tmp_path / "p", bulletin=False)
    archive = tmp_path / "archive"
    (archive / "en").mkdir(parents=True)
    (archive / "es").mkdir()
    shutil.copy(ALIGN_EN, archive / "en" / "march.html")
    shutil.copy(ALIGN_ES, archive / "es" / "march.html")
    shutil.copy(ALIGN_EN, archive / "en" / "april.en.html")
    shutil.copy(ALIGN_ES, archive / "en" / "april.es.html")
    out = run(root, "align", "--en", archive / "en", "--es", archive / "es")
    assert "march: 22 of 24 English segments aligned" in out
    assert sorted(p.name for p in (root / "memory").iterdir()) == ["aligned-march.tmx", "postedits-es.tsv"]
    out = run(root, "align", "--en", archive / "en", "--es", archive / "en")
    assert "april: 22 of 24 English segments aligned" in out
    assert sorted(p.name for p in (root / "memory").iterdir()) == \
        ["aligned-april.tmx", "aligned-march.tmx", "postedits-es.tsv"]


@pytest.mark.parametrize("args, message", [
    ((ALIGN_EN,), "give pages in pairs: EN.html ES.html"),
    (("--en", ALIGN_EN.parent), "--en and --es go together"),
    ((), "nothing to align"),
])
def test_what_cannot_be_aligned_is_refused(tmp_path, args, message):
    root = new_project(tmp_path / "p", bulletin=False)
    result = cli("-C", root, "align", *args)
    assert result.returncode == 64  # a usage error
    assert message in result.stderr
    assert not (root / "memory").exists()


def test_post_edits_learned_from_the_archive_shape_the_next_drafts(tmp_path):
    root = new_project(tmp_path / "p", bulletin=False)
    archive = tmp_path / "archive"
    (archive / "en").mkdir(parents=True)
    (archive / "es").mkdir()
    for name in ("march", "april"):  # two editions with the same texts: each edit is seen on two pages
        shutil.copy(ALIGN_EN, archive / "en" / f"{name}.html")
        shutil.copy(ALIGN_ES, archive / "es" / f"{name}.html")
    out = run(root, "align", "--en", archive / "en", "--es", archive / "es")
    assert "post-edits of apertium drafts from 44 pairs of 2 aligned pages: wrote memory/postedits-es.tsv" in out
    rules = (root / "memory" / "postedits-es.tsv").read_text(encoding="utf-8")
    assert "\n^\tFormación\tpara\tCapacitación\t2\t2\n" in rules  # "Training for…": "Capacitación para…"
    (root / "source" / "news.html").write_text(
        "<html><body><h2>Training for public officials in Quito</h2></body></html>", encoding="utf-8")
    run(root, "sync")
    draft = read_catalog(root / "locales" / "es" / "news.po").find("Training for public officials in Quito")
    assert draft.msgstr == "Capacitación para funcionarios públicos en Quito" and draft.fuzzy
    # a rule a person put out of use stays so when align learns again; --no-learn leaves the file alone
    path = root / "memory" / "postedits-es.tsv"
    path.write_text(rules.replace("\n^\tFormación", "\n#^\tFormación"), encoding="utf-8")
    out = run(root, "align", "--en", archive / "en", "--es", archive / "es")
    assert "(1 dropped by people, kept out of use)" in out
    assert "\n#^\tFormación\tpara\tCapacitación\t2\t2\n" in path.read_text(encoding="utf-8")
    assert "\n^\tFormación" not in path.read_text(encoding="utf-8")
    path.write_text(rules, encoding="utf-8")
    out = run(root, "align", "--no-learn", "--en", archive / "en", "--es", archive / "es")
    assert "post-edits" not in out and path.read_text(encoding="utf-8") == rules
    # a rules file a person broke is named with its line
    (root / "memory" / "postedits-es.tsv").write_text(rules + "no tabs here\n", encoding="utf-8")
    (root / "source" / "more.html").write_text("<html><body><p>Another text.</p></body></html>", encoding="utf-8")
    result = cli("-C", root, "sync")
    assert result.returncode == 2
    assert f"memory/postedits-es.tsv:{rules.count(chr(10)) + 1}: not a rule" in result.stderr


def test_the_projects_its_rules_decide_what_is_aligned(tmp_path):
    """A text the project does not translate (no_translate) is not aligned, so the
    memory holds the texts the catalogs hold, and the catalog is filled as usual."""
    root = new_project(tmp_path / "p")
    (root / "bulletin-i18n.toml").write_text('no_translate = ["td.footer", "p.date"]\n', encoding="utf-8")
    run(root, "sync", "--no-mt")
    out = run(root, "align", root / "source" / "weekly.html", ALIGN_ES)
    assert "weekly: 20 of 22 English segments aligned" in out
    sources = {source for _, source, _ in import_tmx(root / "memory" / "aligned-weekly.tmx")}
    assert "March 2024" not in sources and not any("subscribed" in s for s in sources)
    assert "Upcoming events" in sources
    entries = {e.msgid: e for e in catalog(root)}
    assert "March 2024" not in entries and entries["Upcoming events"].msgstr
