"""sync: the catalog lifecycle, no translator's work ever lost."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from bulletin_i18n.errors import BulletinError
from bulletin_i18n.po.pofile import read_catalog
from bulletin_i18n.project import Project
from bulletin_i18n.project import sync as syncing
from bulletin_i18n.project.state import project_lock
from bulletin_i18n.project.translate import catalog_filler
from bulletin_i18n.settings import load_settings
from bulletin_i18n.html.extract import extract_segments
from conftest import REVISION, cli, msgfmt_check, parse_html

NAME = "sedi-2015-04"
CLI = [sys.executable, "-m", "bulletin_i18n.cli"]


def sync(settings, **options):
    """One sync run, as the command makes it (a fresh view of the project's files)."""
    return syncing.sync(Project(settings), **options)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and ".bulletin-i18n" not in p.parts}


def translate_everything(path: Path) -> None:
    """A translator's pass: every entry reviewed (placeholders kept)."""
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = "ES " + entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(path))


def test_revision_keeps_translations_and_marks_what_changed(project):
    settings = load_settings(project)
    sync(settings)
    po_path = settings.catalog_path(NAME, "es")
    translate_everything(po_path)
    shutil.copy(REVISION, project / "source" / f"{NAME}.html")
    [report] = sync(settings)
    po = read_catalog(po_path)
    msgfmt_check(po_path)
    live = {e.msgid: e for e in po if not e.obsolete}
    # unchanged paragraphs (one of them re-indented) keep their reviewed translation
    for msgid in ("MSME Regional Dialogue Boosts Cooperation", "Videos",
                  "Member states also agreed to continue convening the Dialogue every two years with the "
                  "support of international and regional organizations working in the field, as well as "
                  "academics and other actors. In this regard, the Mexican Government offered to host the "
                  "next edition of the Inter-American Dialogue of High Authorities of Small and Medium "
                  "Enterprises in 2017."):
        assert live[msgid].msgstr == "ES " + msgid and not live[msgid].fuzzy
    # each edited text: fuzzy, its old translation, the old English as #| msgid
    edits = {
        "SEDI News | April 2015 (corrected)": "SEDI News | April 2015",
        "Subscribe button": "Subscribe buttom",
    }
    for new, old in edits.items():
        entry = live[new]
        assert entry.fuzzy and entry.msgstr == "ES " + old and entry.previous_msgid == old
    keynote = next(e for m, e in live.items() if "introductory keynote address" in m)
    assert keynote.fuzzy and "introduction key note address" in keynote.previous_msgid
    assert keynote.msgstr == "ES " + keynote.previous_msgid
    # the removed paragraph is obsolete, the new one is empty
    obsolete = [e for e in po if e.obsolete]
    assert [e.msgid for e in obsolete] == [
        "The content, membership, and operation modalities of this follow-up mechanism will be "
        "defined in coordination with Member States."]
    new = next(e for m, e in live.items() if m.startswith("Representatives of the National Commission"))
    assert new.msgstr == "" and not new.fuzzy
    text = po_path.read_text(encoding="utf-8")
    assert '#| msgid "Subscribe buttom"' in text and '#~ "The content, membership, and operation' in text
    (status,) = report.catalogs
    assert (status.changes.changed, status.changes.new, status.changes.removed) == (4, 1, 1)
    # a second sync changes no byte
    before = snapshot(project)
    [again] = sync(settings)
    assert again.skipped and snapshot(project) == before
    sync(settings, force=True)
    assert snapshot(project) == before


def test_dry_run_writes_nothing(project):
    settings = load_settings(project)
    before = snapshot(project)
    [report] = sync(settings, dry_run=True)
    assert snapshot(project) == before
    assert report.catalogs[0].changes.new == 45


def test_syntax_error_stops_before_any_write(project):
    settings = load_settings(project)
    shutil.copy(project / "source" / f"{NAME}.html", project / "source" / "b-second.html")
    sync(settings)
    broken = settings.catalog_path(NAME, "es")
    lines = broken.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith('msgid "Videos"'))
    lines[at] = 'msgid "Videos'
    broken.write_text("\n".join(lines), encoding="utf-8")
    (project / "source" / "b-second.html").write_text(
        (project / "source" / "b-second.html").read_text(encoding="utf-8").replace("Videos", "Films"),
        encoding="utf-8")
    before = snapshot(project)
    result = subprocess.run(CLI + ["-C", str(project), "sync", "--no-mt"], capture_output=True, text=True)
    assert result.returncode == 2
    assert f"locales/es/{NAME}.po:{at + 1}: invalid catalog: msgid must be followed" in result.stderr
    assert snapshot(project) == before


def test_second_run_is_refused_while_one_holds_the_lock(project):
    settings = load_settings(project)
    with project_lock(settings):
        result = subprocess.run(CLI + ["-C", str(project), "sync", "--no-mt"], capture_output=True, text=True)
    assert result.returncode == 75  # try again
    assert f"another bulletin-i18n run (pid {os.getpid()}) is working in this project" in result.stderr
    with pytest.raises(BulletinError):
        with project_lock(settings), project_lock(load_settings(project)):
            pass


def test_killed_sync_leaves_every_catalog_valid(project):
    source = (project / "source" / f"{NAME}.html").read_text(encoding="utf-8")
    for number in range(60):
        (project / "source" / f"b{number:02}.html").write_text(
            source.replace("April 2015", f"Issue {number}"), encoding="utf-8")
    settings = load_settings(project)
    for delay in (0.6, 0.9, 1.2):
        process = subprocess.Popen(CLI + ["-C", str(project), "sync", "--no-mt", "--force"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        catalogs = [*settings.locales_path.rglob("*.pot"), *settings.locales_path.rglob("*.po")]
        for path in catalogs:  # (a killed run may leave a temporary file, never a catalog)
            catalog = read_catalog(path)  # raises on a half-written file
            assert len([e for e in catalog if not e.obsolete]) == 45
        for path in settings.output_path.rglob("*.html"):
            assert path.read_bytes().rstrip().endswith(b"</html>")
    sync(settings)
    written = sorted(settings.locales_path.rglob("*.po"))
    assert len(written) == 61
    assert not list(settings.locales_path.rglob(".*.tmp"))
    msgfmt_check(written[0])


def test_unchanged_bulletins_are_not_redone(project):
    settings = load_settings(project)
    for number in range(3):
        shutil.copy(project / "source" / f"{NAME}.html", project / "source" / f"b{number}.html")
    sync(settings)
    shutil.copy(REVISION, project / "source" / "b1.html")
    reports = {r.name: r for r in sync(settings)}
    assert [name for name, r in reports.items() if not r.skipped] == ["b1"]


def test_missing_engine_stops_sync_before_any_write(project):
    before = snapshot(project)
    result = cli("-C", project, "sync", "--engine", "nonesuch")
    assert result.returncode == 3
    assert "unknown engine 'nonesuch': choose one of apertium, pseudo" in result.stderr
    assert snapshot(project) == before


def test_sync_pretranslates_new_entries_with_apertium(project):
    settings = load_settings(project)
    [report] = sync(settings, fill_factory=lambda: catalog_filler(settings))
    (status,) = report.catalogs
    assert status.machine == status.counts.fuzzy == 45 and status.counts.untranslated == 0
    es = settings.edition_path(NAME, "es").read_text(encoding="utf-8")
    assert ">MSME Regional Dialogue Boosts Cooperation</h1>" in es  # unreviewed: not published
    sync(settings, include_fuzzy=True, force=True)
    assert "OEA" in settings.edition_path(NAME, "es").read_text(encoding="utf-8")


def test_entries_still_empty_are_filled_from_memory_before_the_engine(project):
    settings = load_settings(project)
    shutil.copy(project / "source" / f"{NAME}.html", project / "source" / "b-other.html")
    sync(settings)
    other = settings.catalog_path("b-other", "es")
    po = polib.pofile(str(other))
    po.find("Send").msgstr = "Enviar"
    po.save(str(other))
    sync(settings, fill_factory=lambda: catalog_filler(settings))
    entry = polib.pofile(str(settings.catalog_path(NAME, "es"))).find("Send")
    assert (entry.msgstr, entry.fuzzy) == ("Enviar", False)
    assert "From memory: locales/es/b-other.po" in entry.tcomment
    assert "Machine translation" not in entry.tcomment


def test_sync_of_one_bulletin_keeps_the_index_of_all(project):
    shutil.copy(project / "source" / f"{NAME}.html", project / "source" / "b-other.html")
    assert cli("-C", project, "sync", "--no-mt").returncode == 0
    other = project / "locales" / "es" / "b-other.po"
    po = polib.pofile(str(other))
    po.find("Send").msgstr = "Enviar"
    po.save(str(other))
    result = cli("-C", project, "sync", "--no-mt", NAME)
    assert result.returncode == 0, result.stderr
    index = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "no catalog" not in index
    # the other read from its catalog; this one took "Send" from memory
    assert index.count("1/45 entries reviewed (2.2%)") == 2


def test_an_image_added_later_reaches_the_editions(project):
    settings = load_settings(project)
    (project / "source" / "images" / "tross.jpg").unlink()
    [report] = sync(settings)
    assert report.warnings == [
        "source/sedi-2015-04.html:56: asset images/tross.jpg not found (no source/images/tross.jpg)"]
    (project / "source" / "images" / "tross.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    [report] = sync(settings)
    assert not report.skipped and report.warnings == []
    assert (project / "output" / "en" / "images" / "tross.jpg").read_bytes() == b"\xff\xd8 not really a jpeg"
    es = settings.edition_path(NAME, "es").read_text(encoding="utf-8")
    assert 'src="../en/images/tross.jpg"' in es


def test_control_characters_in_a_page_or_a_translation_never_stop_sync(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "c.html").write_bytes(
        b"<html><body><pre>Line one\x0bcontinued</pre><p>Send it</p></body></html>")
    settings = load_settings(tmp_path)
    [report] = sync(settings)
    assert report.warnings == ["source/c.html:1: 1 control character (first U+000B) that a page cannot carry: "
                               "vertical tabs and form feeds read as spaces, the others dropped"]
    path = settings.catalog_path("c", "es")
    msgfmt_check(path)
    po = polib.pofile(str(path))
    po.find("Send it").msgstr = "Envíe\x1b\x0b"
    po.save(str(path))
    [report] = sync(settings, force=True)
    line = polib.pofile(str(path)).find("Send it").linenum
    assert report.warnings == [
        "source/c.html:1: 1 control character (first U+000B) that a page cannot carry: "
        "vertical tabs and form feeds read as spaces, the others dropped",
        f"locales/es/c.po:{line}: translation not used (control character U+001B cannot be written into "
        "a page; control character U+000B cannot be written into a page): English kept at source/c.html:1"]
    assert b"\x1b" not in settings.edition_path("c", "es").read_bytes()
    assert sync(settings, force=True)[0].catalogs[0].written is False  # read back as written


def test_a_translators_save_during_sync_is_merged_not_overwritten(project):
    """A save between sync's read of a catalog and its write: sync merges the saved file."""
    settings = load_settings(project)
    sync(settings)
    path = settings.catalog_path(NAME, "es")
    shutil.copy(REVISION, project / "source" / f"{NAME}.html")  # sync has work to do
    saves = []

    def translator_saves_meanwhile():
        def fill(catalog, lang):
            if not saves:  # once: after sync read and merged the catalog, before it writes
                po = polib.pofile(str(path))
                po.find("Videos").msgstr = "Vídeos"
                po.save(str(path))
                saves.append(path)
            return 0
        return fill

    [report] = sync(settings, fill_factory=translator_saves_meanwhile)
    assert saves and report.catalogs[0].written
    po = polib.pofile(str(path))
    assert po.find("Videos").msgstr == "Vídeos"  # the save survived
    revised = {s.msgid for s in extract_segments(parse_html(REVISION))}
    assert {e.msgid for e in po if not e.obsolete} == revised  # and the revision merged into it


def test_a_catalog_that_keeps_changing_stops_the_run_without_overwriting(project):
    settings = load_settings(project)
    sync(settings)
    path = settings.catalog_path(NAME, "es")
    shutil.copy(REVISION, project / "source" / f"{NAME}.html")

    saves = []

    def always_saving():
        def fill(catalog, lang):
            po = polib.pofile(str(path))
            po.find("Videos").msgstr = f"Vídeos {len(saves)}"
            po.save(str(path))
            saves.append(path)
            return 0
        return fill

    with pytest.raises(BulletinError, match="changed on disk 5 times while this run merged it; nothing of it"):
        sync(settings, fill_factory=always_saving)
    assert polib.pofile(str(path)).find("Videos").msgstr == "Vídeos 4"  # the last save, as it was made


def test_a_translation_reviewed_during_a_run_reaches_the_catalogs_done_before_it(project):
    """Campaign case: B.po gains a reviewed entry while sync runs; A, done first, has the same text empty."""
    settings = load_settings(project)
    shutil.copy(project / "source" / f"{NAME}.html", project / "source" / "a-first.html")
    sync(settings)
    later = settings.catalog_path(NAME, "es")  # done after a-first
    saved = []

    def translator_reviews_later_meanwhile():
        def fill(catalog, lang):
            if not saved:  # while a-first is being done
                po = polib.pofile(str(later))
                po.find("Send").msgstr = "Enviar"
                po.save(str(later))
                saved.append(later)
            return 0
        return fill

    reports = sync(settings, force=True, fill_factory=translator_reviews_later_meanwhile)
    assert saved and all(not r.skipped for r in reports)
    first = polib.pofile(str(settings.catalog_path("a-first", "es"))).find("Send")
    assert (first.msgstr, first.fuzzy) == ("Enviar", False)  # in the same run
    assert "From memory: locales/es/sedi-2015-04.po" in first.tcomment
    # and the next run has nothing left to do
    assert all(r.skipped for r in sync(settings))


def test_a_save_behind_the_runs_back_is_offered_at_the_next_run(project):
    """B.po is saved after this run read the memory: the next sync still offers its new pair to A."""
    settings = load_settings(project)
    shutil.copy(project / "source" / f"{NAME}.html", project / "source" / "a-first.html")
    sync(settings)
    later = settings.catalog_path(NAME, "es")
    saved = []

    def save_after_everything_read():
        def fill(catalog, lang):
            return 0
        return fill

    real_memories = syncing.Memories

    class SavingAfterLoad(real_memories):
        def _load(self, lang):
            memory = super()._load(lang)
            if not saved:  # the translator saves just after the memory was read
                po = polib.pofile(str(later))
                po.find("Videos").msgstr = "Vídeos"
                po.save(str(later))
                saved.append(later)
            return memory

    syncing.Memories = SavingAfterLoad
    try:
        shutil.copy(REVISION, project / "source" / "a-first.html")  # a-first has work: memory is read
        sync(settings, fill_factory=save_after_everything_read)
    finally:
        syncing.Memories = real_memories
    assert saved
    first = polib.pofile(str(settings.catalog_path("a-first", "es"))).find("Videos")
    if first.msgstr != "Vídeos":  # not seen in that run: the next one must offer it
        [report] = [r for r in sync(settings) if r.name == "a-first"]
        assert not report.skipped
    first = polib.pofile(str(settings.catalog_path("a-first", "es"))).find("Videos")
    assert (first.msgstr, first.fuzzy) == ("Vídeos", False)


def test_dry_run_says_what_the_engine_would_do_and_leaves_no_file(project):
    everything = lambda: sorted(str(p.relative_to(project)) for p in project.rglob("*"))  # noqa: E731
    before = everything()
    result = cli("-C", project, "sync", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "45 new, 0 changed, 0 removed, 45 to machine-translate" in result.stdout
    assert "Would machine-translate es: 45 entries by apertium" in result.stdout
    assert result.stdout.endswith("would write output/en/sedi-2015-04.html\nwould write output/es/sedi-2015-04.html\n"
                                  "Dry run: no file was written.\n")
    assert everything() == before  # not even .bulletin-i18n/lock
    assert "Would machine-translate" not in cli("-C", project, "sync", "--dry-run", "--no-mt").stdout
    # after a real run, what a changed text would cost
    assert cli("-C", project, "sync", "--engine", "pseudo").returncode == 0
    shutil.copy(REVISION, project / "source" / f"{NAME}.html")
    before = snapshot(project)
    result = cli("-C", project, "sync", "--dry-run", "--engine", "pseudo")
    assert "1 new, 4 changed, 1 removed, 1 to machine-translate" in result.stdout
    assert snapshot(project) == before


def test_sync_refreshes_the_review_pages_it_touched(project):
    assert cli("-C", project, "sync", "--engine", "pseudo").returncode == 0
    page = project / "output" / "review" / f"{NAME}.html"
    assert page.read_text(encoding="utf-8").count('<td lang="es" data-status="machine"') == 45
    path = project / "locales" / "es" / f"{NAME}.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid == "Videos":
            entry.msgstr, entry.flags = "Vídeos", []
    po.save(str(path))
    result = cli("-C", project, "sync", "--engine", "pseudo")
    assert result.returncode == 0 and "wrote output/review/sedi-2015-04.html" in result.stdout
    text = page.read_text(encoding="utf-8")
    assert text.count('<td lang="es" data-status="machine"') == 44
    assert text.count('<td lang="es" data-status="reviewed"') == 1
    index = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "1/45 entries reviewed (2.2%)" in index and "44 machine drafts" in index
    # a run that changed nothing leaves them; a page deleted is made again
    assert "review" not in cli("-C", project, "sync").stdout
    page.unlink()
    assert "wrote output/review/sedi-2015-04.html" in cli("-C", project, "sync").stdout


def test_sync_of_one_language_leaves_the_others(project):
    (project / "bulletin-i18n.toml").write_text('target_langs = ["es", "fr"]\n[engines.fr]\nengine = "pseudo"\n')
    result = cli("-C", project, "sync", "--lang", "fr")  # Apertium has no English-French pair: not needed
    assert result.returncode == 0, result.stderr
    assert (project / "locales" / "fr" / f"{NAME}.po").is_file()
    assert not (project / "locales" / "es").exists()
    assert "Machine-translated fr: 45 entries by pseudo" in result.stdout
    # the state is not recorded for a partial run: the full run does the rest
    full = cli("-C", project, "sync", "--no-mt")
    assert (project / "locales" / "es" / f"{NAME}.po").is_file(), full.stderr
    assert "unchanged (skipped)" not in full.stdout


def test_a_pair_apertium_lacks_names_the_other_engines(project):
    (project / "bulletin-i18n.toml").write_text('target_langs = ["es", "fr"]\n')
    before = snapshot(project)
    result = cli("-C", project, "sync")
    assert result.returncode == 3
    assert result.stderr == (
        "bulletin-i18n: error: apertium has no eng-fra language pair (en->fr): Debian and Ubuntu have no "
        "package for it (`apertium -l` lists the pairs installed).\n"
        "Choose another engine for fr alone, in bulletin-i18n.toml:\n"
        "    [engines.fr]\n"
        '    engine = "libre"    # or google, deepl, microsoft, mymemory, openai\n'
        "(or run sync with --no-mt: no machine drafts)\n")
    assert "apertium-en-fr" not in result.stderr and snapshot(project) == before


# -- living with the translators' tools ---------------------------------------------------

def resave_with_translate_toolkit(path: Path) -> None:
    """What Weblate does to a catalog it saves: Translate Toolkit's PO writer."""
    from translate.storage import pypo

    store = pypo.pofile.parsefile(str(path))
    store.savefile(str(path))


def resave_with_polib(path: Path) -> None:
    polib.pofile(str(path), wrapwidth=76).save(str(path))


TOOLS = {
    "msgcat": lambda po, pot: subprocess.run(["msgcat", "-o", po, po], check=True),
    "msgcat -w 79": lambda po, pot: subprocess.run(["msgcat", "-w", "79", "-o", po, po], check=True),
    "msgcat -w 60": lambda po, pot: subprocess.run(["msgcat", "-w", "60", "-o", po, po], check=True),
    "msgcat --no-wrap": lambda po, pot: subprocess.run(["msgcat", "--no-wrap", "-o", po, po], check=True),
    "msgmerge --update": lambda po, pot: subprocess.run(
        ["msgmerge", "--quiet", "--update", "--backup=none", po, pot], check=True),
    "msgmerge --previous -o": lambda po, pot: subprocess.run(
        ["msgmerge", "--quiet", "--previous", "-o", po, po, pot], check=True),
    "translate-toolkit": lambda po, pot: resave_with_translate_toolkit(po),
    "polib": lambda po, pot: resave_with_polib(po),
}


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("wrap_width", [79, 0])
def test_a_tools_save_is_left_alone_and_the_machine_marks_survive_it(project, tool, wrap_width):
    (project / "bulletin-i18n.toml").write_text(f'engine = "pseudo"\nwrap_width = {wrap_width}\n', encoding="utf-8")
    assert cli("-C", project, "sync").returncode == 0
    settings = load_settings(project)
    po_path, pot_path = settings.catalog_path(NAME, "es"), settings.template_path(NAME)
    written = po_path.read_bytes()
    assert written.count(b"\n# Machine translation: pseudo ") == 45
    if tool in ("msgcat", "msgcat -w 79") and wrap_width == 79 or tool == "msgcat --no-wrap" and wrap_width == 0:
        TOOLS[tool](po_path, pot_path)
        assert po_path.read_bytes() == written  # the tool's layout is GNU's: nothing to do
    else:
        TOOLS[tool](po_path, pot_path)
    saved, template = po_path.read_bytes(), pot_path.read_bytes()
    # a sync after the tool's save changes no content, so it writes no byte of the catalogs
    assert cli("-C", project, "sync").returncode == 0
    assert (po_path.read_bytes(), pot_path.read_bytes()) == (saved, template)
    # the provenance is still read: the review page and --redo-mt see the machine's work
    assert cli("-C", project, "review").returncode == 0
    page = (project / "output" / "review" / f"{NAME}.html").read_text(encoding="utf-8")
    assert page.count(">machine draft</") >= 45
    redo = cli("-C", project, "pretranslate", "--redo-mt")
    assert "45 machine-translated" in redo.stdout
    assert po_path.read_bytes() == saved  # the same engine, the same output: nothing to write


def test_a_translators_edit_in_another_layout_is_kept_as_saved(project):
    """Poedit, Weblate: one translation edited and approved, the header updated, lines
    wrapped the tool's way; sync keeps the file byte for byte."""
    (project / "bulletin-i18n.toml").write_text('engine = "pseudo"\n', encoding="utf-8")
    cli("-C", project, "sync")
    po_path = load_settings(project).catalog_path(NAME, "es")
    po = polib.pofile(str(po_path), wrapwidth=70)
    entry = next(e for e in po if e.msgid.startswith("The authorities responsible"))
    entry.msgstr, entry.flags = "Las autoridades responsables…", []
    entry.tcomment = "Revisado por Ana"  # the editor replaced the machine's note
    po.metadata["PO-Revision-Date"] = "2026-05-01 10:00+0200"
    po.metadata["Last-Translator"] = "Ana <ana@example.org>"
    po.metadata["X-Generator"] = "Poedit 3.4.2"
    po.save(str(po_path))
    saved = po_path.read_bytes()
    assert cli("-C", project, "sync").returncode == 0
    assert po_path.read_bytes() == saved
    assert read_catalog(po_path).find(entry.msgid).state.value == "translated"


def test_a_catalog_written_by_the_previous_version_is_upgraded_once(project):
    """Provenance among the extracted comments (#.), as the previous version wrote it."""
    (project / "bulletin-i18n.toml").write_text('engine = "pseudo"\n', encoding="utf-8")
    cli("-C", project, "sync")
    po_path = load_settings(project).catalog_path(NAME, "es")
    current = po_path.read_text(encoding="utf-8")
    # move each "# Machine translation" line below the entry's extracted comments, as "#."
    old_lines, moved = [], None
    for line in current.split("\n"):
        if line.startswith("# Machine translation: "):
            moved = "#." + line[1:]
            continue
        if moved and not line.startswith("#."):
            old_lines.append(moved)
            moved = None
        old_lines.append(line)
    po_path.write_text("\n".join(old_lines), encoding="utf-8")
    assert po_path.read_text(encoding="utf-8").count("\n#. Machine translation: pseudo ") == 45
    stamp = read_catalog(po_path).metadata["PO-Revision-Date"]
    assert "45 machine-translated" in cli("-C", project, "pretranslate", "--redo-mt").stdout
    assert cli("-C", project, "sync", "--force").returncode == 0
    assert po_path.read_text(encoding="utf-8") == current.replace(
        read_catalog(po_path).metadata["PO-Revision-Date"], stamp)  # written once, dates kept
    upgraded = po_path.read_bytes()
    assert cli("-C", project, "sync", "--force").returncode == 0
    assert po_path.read_bytes() == upgraded


def test_add_location_file_stops_line_numbers_from_churning(project):
    """add_location = "file" (or --add-location=file): a paragraph added at the top of a
    bulletin changes no reference below it; --no-location writes none."""
    (project / "bulletin-i18n.toml").write_text('add_location = "file"\n', encoding="utf-8")
    assert cli("-C", project, "sync", "--no-mt").returncode == 0
    po_path = load_settings(project).catalog_path(NAME, "es")
    before = po_path.read_text(encoding="utf-8")
    assert before.count("\n#: source/sedi-2015-04.html\n") == 45 and "sedi-2015-04.html:" not in before
    page = project / "source" / f"{NAME}.html"
    text = page.read_text(encoding="utf-8")
    assert "<body" in text
    page.write_text(text.replace("<body", "<!-- a\nnew\nline -->\n<body", 1), encoding="utf-8")
    assert cli("-C", project, "sync", "--no-mt").returncode == 0
    assert po_path.read_text(encoding="utf-8") == before
    assert "unchanged" not in cli("-C", project, "sync", "--no-mt", "--add-location=full").stdout
    assert "sedi-2015-04.html:" in po_path.read_text(encoding="utf-8")  # with lines, they moved
    cli("-C", project, "sync", "--no-mt")
    subprocess.run(["msgcat", "-o", po_path.with_suffix(".gnu"), po_path], check=True)
    assert po_path.with_suffix(".gnu").read_bytes() == po_path.read_bytes()
    # the flags override the setting for a run
    assert cli("-C", project, "sync", "--no-mt", "--add-location").returncode == 0
    assert "\n#: source/sedi-2015-04.html:" in po_path.read_text(encoding="utf-8")
    assert cli("-C", project, "extract", "--no-location").returncode == 0
    assert "\n#:" not in po_path.read_text(encoding="utf-8")
    assert "\n#:" not in load_settings(project).template_path(NAME).read_text(encoding="utf-8")
    (project / "bulletin-i18n.toml").write_text('add_location = "lines"\n', encoding="utf-8")
    refused = cli("-C", project, "sync", "--no-mt")
    assert refused.returncode == 2
    assert "bulletin-i18n.toml:1: setting 'add_location' should be one of \"full\", \"file\", \"never\"" in refused.stderr
def test_a_similar_memory_hit_comes_with_the_new_dates_and_numbers(tmp_path):
    """An earlier bulletin's reviewed title for a new one: the month, year and
    count updated as in the English, fuzzy, noted; the catalog msgfmt-clean."""
    (tmp_path / "source").mkdir()
    page = "<html><head><title>{title}</title></head><body><p>{title}</p><p>{count} new members</p></body></html>"
    (tmp_path / "source" / "nl-201806.html").write_text(
        page.format(title="FSFE Newsletter - June 2018", count="1,250"), encoding="utf-8")
    settings = load_settings(tmp_path)
    sync(settings)
    old = settings.catalog_path("nl-201806", "es")
    po = polib.pofile(str(old))
    po.find("FSFE Newsletter - June 2018").msgstr = "Boletín de la FSFE - junio de 2018"
    po.find("1,250 new members").msgstr = "1.250 miembros nuevos"
    po.save(str(old))
    (tmp_path / "source" / "nl-201110.html").write_text(
        page.format(title="FSFE Newsletter - October 2011", count="3,197"), encoding="utf-8")
    sync(settings)
    path = settings.catalog_path("nl-201110", "es")
    msgfmt_check(path)
    po = polib.pofile(str(path))
    title, members = po.find("FSFE Newsletter - October 2011"), po.find("3,197 new members")
    assert (title.msgstr, title.fuzzy) == ("Boletín de la FSFE - octubre de 2011", True)
    assert title.previous_msgid == "FSFE Newsletter - June 2018"
    assert "From memory: locales/es/nl-201806.po (" in title.tcomment
    assert title.tcomment.endswith("% similar) (numbers, dates, names, links updated)")
    assert (members.msgstr, members.fuzzy) == ("3.197 miembros nuevos", True)


FOOTER = ("\u00a9 2015 Organization of American States. 17th Street & Constitution Ave., N.W., "
          "Washington, D.C. 20006, USA. All rights reserved.")


def test_a_settings_selector_keeps_the_footer_address_out_of_every_catalog(project):
    """no_translate = ["p.legal"]: the address's entry becomes obsolete, its
    translation kept, and the Spanish edition shows the English address."""
    assert cli("-C", project, "sync", "--engine", "pseudo").returncode == 0
    catalog = project / "locales" / "es" / f"{NAME}.po"
    translate_everything(catalog)
    before = {e.msgid: e.msgstr for e in polib.pofile(str(catalog))}
    assert before[FOOTER] == f"ES {FOOTER}"

    (project / "bulletin-i18n.toml").write_text('no_translate = ["p.legal"]\n')
    result = cli("-C", project, "sync", "--engine", "pseudo")
    assert result.returncode == 0, result.stderr
    after = polib.pofile(str(catalog))
    live = {e.msgid: e.msgstr for e in after if not e.obsolete}
    obsolete = {e.msgid: e.msgstr for e in after.obsolete_entries()}
    assert set(before) - set(live) == {FOOTER}  # exactly the address's entry left
    assert obsolete[FOOTER] == f"ES {FOOTER}"  # its translation kept
    assert all(live[msgid] == before[msgid] for msgid in live)
    template = polib.pofile(str(project / "locales" / f"{NAME}.pot"))
    assert FOOTER not in {e.msgid for e in template}

    assert cli("-C", project, "build").returncode == 0
    edition = (project / "output" / "es" / f"{NAME}.html").read_text(encoding="utf-8")
    text = " ".join(parse_html(project / "output" / "es" / f"{NAME}.html").text_content().split())
    assert FOOTER in text and f"ES {FOOTER}" not in edition
    assert "ES Also in this issue:" in text

    # a rules file in the settings does the same; its content is part of the run's key
    (project / "rules").mkdir()
    rules = project / "rules" / "footer.xml"
    rules.write_text('<its:rules xmlns:its="http://www.w3.org/2005/11/its" xmlns:h="http://www.w3.org/1999/xhtml"'
                     ' version="2.0"/>\n')
    (project / "bulletin-i18n.toml").write_text('its_rules = ["rules/footer.xml"]\n')
    assert cli("-C", project, "sync", "--engine", "pseudo").returncode == 0
    assert FOOTER in {e.msgid for e in polib.pofile(str(catalog)) if not e.obsolete}
    rules.write_text('<its:rules xmlns:its="http://www.w3.org/2005/11/its" xmlns:h="http://www.w3.org/1999/xhtml"'
                     ' version="2.0">\n<its:translateRule selector="//h:p[@class=\'legal\']" translate="no"/>\n'
                     '</its:rules>\n')
    assert cli("-C", project, "sync", "--engine", "pseudo").returncode == 0
    assert FOOTER not in {e.msgid for e in polib.pofile(str(catalog)) if not e.obsolete}

    # a rules file the settings' file links (xlink:href): its change is picked up too
    linked = project / "rules" / "legal.xml"
    linked.write_text('<its:rules xmlns:its="http://www.w3.org/2005/11/its" xmlns:h="http://www.w3.org/1999/xhtml"'
                      ' version="2.0">\n<its:translateRule selector="//h:p[@class=\'legal\']" translate="no"/>\n'
                      '</its:rules>\n')
    rules.write_text('<its:rules xmlns:its="http://www.w3.org/2005/11/its" xmlns:xlink="http://www.w3.org/1999/xlink"'
                     ' version="2.0" xlink:href="legal.xml"/>\n')
    assert cli("-C", project, "sync", "--engine", "pseudo").returncode == 0
    assert FOOTER not in {e.msgid for e in polib.pofile(str(catalog)) if not e.obsolete}
    linked.write_text(linked.read_text().replace('translate="no"', 'translate="yes"'))
    assert cli("-C", project, "sync", "--engine", "pseudo").returncode == 0
    assert FOOTER in {e.msgid for e in polib.pofile(str(catalog)) if not e.obsolete}

    rules.write_text('<its:rules xmlns:its="http://www.w3.org/2005/11/its" version="2.0">\n'
                     '<its:translateRule selector="//h:p" translate="no"/>\n</its:rules>\n')
    result = cli("-C", project, "sync", "--engine", "pseudo")
    assert result.returncode == 2 and "footer.xml:2: invalid selector '//h:p'" in result.stderr


def test_a_translators_save_of_the_same_size_and_time_is_seen(project):
    """A translator's save that keeps the catalog's size and its time stamp (a
    copy that keeps times, a clock of whole seconds) is still seen by the next
    sync: the run state compares the inode and change time too, as git does."""
    settings = load_settings(project)
    sync(settings, fill_factory=None)
    path = settings.catalog_path(NAME, "es")
    translate_everything(path)
    sync(settings)
    old = time.time() - 60  # long before this run: its hash is kept (not racily clean)
    os.utime(path, (old, old))
    assert all(report.skipped for report in sync(settings))
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert 'msgstr "ES Videos"' in text
    time.sleep(0.05)  # more than a tick of the file system's clock
    path.write_text(text.replace('msgstr "ES Videos"', 'msgstr "SE Videos"'), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    [report] = sync(settings)
    assert not report.skipped
    edition = settings.edition_path(NAME, "es").read_text(encoding="utf-8")
    assert "SE Videos" in edition and "ES Videos" not in edition


#: What a sync that finds nothing to do never needs (the stages, their libraries).
STAGES = ("lxml", "uniseg", "rapidfuzz", "babel", "bulletin_i18n.po.pofile", "bulletin_i18n.html.extract",
          "bulletin_i18n.project.steps", "bulletin_i18n.project.publish", "bulletin_i18n.mt.apertium")


def test_a_sync_that_finds_nothing_to_do_reads_no_stage(project):
    """Nothing changed: sync knows it, and that the pages are current, without
    importing a stage (the start-up is most of such a run)."""
    script = ("import sys\nfrom bulletin_i18n.cli import main\n"
              "try:\n    main(['-q', '-C', sys.argv[1], 'sync', '--no-mt'])\nexcept SystemExit as exit:\n"
              "    assert not exit.code, exit.code\n"
              f"print(sorted(m for m in sys.modules if m.split('.')[0] in {STAGES!r} or m in {STAGES!r}))\n")
    first = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "lxml.etree" in first.stdout and "bulletin_i18n.project.publish" in first.stdout  # it did the work
    before = snapshot_outputs(project)
    assert f"output/review/{NAME}.html" in before and "output/index.html" in before
    again = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "[]"
    assert snapshot_outputs(project) == before  # editions, review page and index as they were


def snapshot_outputs(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "output").rglob("*")) if p.is_file()}


def test_the_stages_of_a_redone_bulletin_read_their_heavy_libraries_when_used():
    """Reading the stages a redone bulletin needs leaves the fuzzy matcher, Babel,
    uniseg and subprocess unread: each is imported where first used (a changed
    bulletin without dates or fuzzy matches never needs them)."""
    script = ("import sys\nimport bulletin_i18n.project.steps, bulletin_i18n.project.publish\n"
              "print(sorted(m for m in ('rapidfuzz', 'babel', 'uniseg', 'subprocess') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_project_named_another_way_is_the_same_project(project, monkeypatch):
    """``-C site`` after ``-C /home/me/site`` (or a run from another folder): the
    digests and the memory's key are made from the project's root, so nothing
    is redone."""
    assert not any(report.skipped for report in sync(load_settings(project)))
    old = time.time() - 60  # long before the runs: the files' hashes are kept (not racily clean)
    for path in project.rglob("*"):
        os.utime(path, (old, old))
    sync(load_settings(project))
    assert all(report.skipped for report in sync(load_settings(project)))
    monkeypatch.chdir(project.parent)
    assert all(report.skipped for report in sync(load_settings(project.name)))
    monkeypatch.chdir(project)
    assert all(report.skipped for report in sync(load_settings(".")))
    assert all(report.skipped for report in sync(load_settings(project)))
    files = json.loads((project / ".bulletin-i18n" / "state.json").read_text(encoding="utf-8"))["files"]
    assert f"source/{NAME}.html" in files and f"locales/es/{NAME}.po" in files  # named from the root
    assert not any(os.path.isabs(path) or path.startswith(project.name) for path in files)


def test_a_redone_bulletin_is_not_read_back_and_what_it_wrote_is_what_its_files_say(project, monkeypatch):
    """A sync that redoes a bulletin reads its catalog once (before the merge): the
    review page and the bulletin's digest are made of what it wrote, not of the
    files read back; and they are what the files give (the page ``review`` makes
    from them, the digest of their bytes). The catalog holds a translator's work,
    obsolete entries, fuzzy ones with their previous texts."""
    from bulletin_i18n.po import pofile
    from bulletin_i18n.project import publish, state
    from bulletin_i18n.project.state import RunState, bulletin_digest, run_key

    settings = load_settings(project)
    po_path = settings.catalog_path(NAME, "es")
    sync(settings)
    translate_everything(po_path)
    shutil.copy(REVISION, project / "source" / f"{NAME}.html")
    decoded, hashed = [], []
    real_decode, real_read = pofile.decode_catalog, state.read_bytes
    monkeypatch.setattr(pofile, "decode_catalog", lambda data, path, *a: decoded.append(str(path)) or
                        real_decode(data, path, *a))
    monkeypatch.setattr(state, "read_bytes", lambda path, *a: hashed.append(str(path)) or real_read(path, *a))
    real_review, reviewed = publish.review_as_built, []
    monkeypatch.setattr(publish, "review_as_built", lambda *a: reviewed.append(len(decoded)) or real_review(*a))
    real_write, written = Project.write, []

    def write(self, catalog, path, **options):
        done = real_write(self, catalog, path, **options)
        written.append((path, done, len(decoded), len(hashed)))
        return done

    monkeypatch.setattr(Project, "write", write)
    [report] = sync(settings)
    # the catalog was written, and nothing was parsed between its write and the review page
    assert [(path, done) for path, done, _, _ in written][-1] == (po_path, True)
    assert reviewed == [written[-1][2]] and decoded[0] == str(po_path)
    # nor read again for the digest: hashed from the bytes written
    assert str(po_path) in hashed[:written[-1][3]]  # (the digest that found the bulletin changed)
    after = hashed[written[0][3]:]
    assert str(po_path) not in after and str(settings.template_path(NAME)) not in after
    monkeypatch.undo()
    po = read_catalog(po_path)
    assert any(e.obsolete for e in po) and any(e.fuzzy and e.previous_msgid for e in po)
    # the digest kept is that of the files as they are
    recorded = RunState(settings).digests[NAME]["digest"]
    assert recorded == bulletin_digest(settings, settings.source_path / f"{NAME}.html", run_key(settings), {})
    # the review page is the one made from the files
    page = publish.review_path(settings, NAME)
    made = page.read_bytes()
    assert f"locales/es/{NAME}.po:" in made.decode("utf-8")
    page.unlink()
    assert publish.write_reviews(Project(settings)) == [page]
    assert page.read_bytes() == made


def test_a_first_sync_reads_each_source_once_and_keeps_its_hash(project, monkeypatch):
    """With no digest recorded, a bulletin is redone without one being made first:
    its page is read once, for the bulletin, and the hash kept for the next run
    is that of the bytes read (the next run skips it without reading it)."""
    import hashlib

    from bulletin_i18n.html import page as page_module
    from bulletin_i18n.project import state
    from bulletin_i18n.project.state import RunState

    settings = load_settings(project)
    source = project / "source" / f"{NAME}.html"
    old = time.time() - 60
    os.utime(source, (old, old))  # not racily clean: its hash is kept
    reads = []
    for module, name in ((page_module, "read_with_stat"), (state, "read_bytes")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda path, *a, real=real: reads.append(str(path)) or real(path, *a))
    [report] = sync(settings)
    assert not report.skipped and reads.count(str(source)) == 1
    kept = RunState(settings).hashes[str(source)]
    assert kept[2] == hashlib.sha256(source.read_bytes()).hexdigest() and kept[0] == source.stat().st_size
    del reads[:]
    [again] = sync(settings)
    assert again.skipped and str(source) not in reads
