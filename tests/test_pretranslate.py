"""Pre-translation of catalogs: what is filled, what is never touched, cache and failures."""

from __future__ import annotations

import io
import re

import polib
import pytest

from bulletin_i18n import placeholders as ph
from bulletin_i18n.engines import make_engine
from bulletin_i18n.errors import EngineError
from bulletin_i18n.mtcache import MTCache
from bulletin_i18n.pretranslate import (
    PretranslateStats, Progress, pretranslate_catalog, pretranslate_files, short_hash,
)
from conftest import msgfmt_check
from libre_stub import LibreStub, fake_translation

# Texts of the sample bulletin (sedi-2015-04.html), as extraction writes them.
EMPTY = [
    "The <1>IV Inter-American Dialogue of High Authorities of MSMEs</1> held April 16-17 in Washington, DC",
    "<1/>At the inauguration, the Secretary General of the OAS, <2>José Miguel Insulza</2>, spoke.",
    "<1>» Back to newsletter</1><2/> SHARE WITH A FRIEND:",
    "strengthening institutions that support MSMEs;",
    "MSME Regional Dialogue Boosts Cooperation",
]
HUMAN = ("Videos", "Vídeos")
EDITED = ("Forward this bulletin", "Reenviar este boletín")
OLD_MT = ("Also in this issue:", "Además en este asunto:")


def machine_line(msgstr: str, engine: str = "apertium 3.8.3/eng-spa@00000000") -> str:
    return f"Machine translation: {engine} [{short_hash(msgstr)}]"


def sample_catalog() -> polib.POFile:
    """A catalog as extraction and earlier runs leave it, built by hand."""
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Project-Id-Version": "sedi-2015-04", "Language": "es",
                   "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit"}
    for number, msgid in enumerate(EMPTY, start=1):
        po.append(polib.POEntry(msgid=msgid, msgstr="", comment="Placeholders: <1> = <a href>",
                                occurrences=[("source/sedi-2015-04.html", str(number))]))
    po.append(polib.POEntry(msgid=HUMAN[0], msgstr=HUMAN[1], comment="Keep: reviewed"))
    # The machine wrote "Reenviar esto boletín"; a translator corrected it but left it fuzzy.
    po.append(polib.POEntry(msgid=EDITED[0], msgstr=EDITED[1], flags=["fuzzy"],
                            comment=machine_line("Reenviar esto boletín")))
    po.append(polib.POEntry(msgid=OLD_MT[0], msgstr=OLD_MT[1], flags=["fuzzy"],
                            comment="Context: footer\n" + machine_line(OLD_MT[1])))
    po.append(polib.POEntry(msgid="Old text", msgstr="", obsolete=True))
    return po


def entry(po: polib.POFile, msgid: str) -> polib.POEntry:
    return po.find(msgid, include_obsolete_entries=True)


def test_empty_entries_filled_fuzzy_with_provenance(apertium, glossary, tmp_path):
    po = sample_catalog()
    human_before = str(entry(po, HUMAN[0]))
    with MTCache(tmp_path / "cache.sqlite") as cache:
        stats = pretranslate_catalog(po, apertium, cache=cache, glossary=glossary)
    assert (stats.machine, stats.cached, stats.memory, stats.to_check) == (5, 0, 0, 0)
    for msgid in EMPTY:
        filled = entry(po, msgid)
        assert filled.msgstr and filled.msgstr != msgid and "fuzzy" in filled.flags
        assert ph.problems(msgid, filled.msgstr) == []
        assert filled.comment.split("\n") == [
            "Placeholders: <1> = <a href>",
            f"Machine translation: apertium {apertium.version()} [{short_hash(filled.msgstr)}]",
        ]
    assert entry(po, EMPTY[0]).msgstr.startswith(
        "El <1>IV Diálogo Interamericano de Altas Autoridades de MIPYMES</1>")
    assert "Secretario General del OEA, <2>José Miguel Insulza</2>" in entry(po, EMPTY[1]).msgstr
    assert "MIPYMES" in entry(po, EMPTY[3]).msgstr and "MIPYME" in entry(po, EMPTY[4]).msgstr
    assert str(entry(po, HUMAN[0])) == human_before
    assert entry(po, EDITED[0]).msgstr == EDITED[1]
    assert entry(po, OLD_MT[0]).msgstr == OLD_MT[1]  # no redo_mt: fuzzy machine output stays
    assert entry(po, "Old text").msgstr == ""
    path = tmp_path / "es.po"
    po.save(str(path))
    msgfmt_check(path)


def test_redo_mt_redoes_only_untouched_machine_output(apertium, glossary):
    po = sample_catalog()
    edited_before, human_before = str(entry(po, EDITED[0])), str(entry(po, HUMAN[0]))
    stats = pretranslate_catalog(po, apertium, glossary=glossary, redo_mt=True)
    assert stats.machine == len(EMPTY) + 1
    redone = entry(po, OLD_MT[0])
    assert redone.msgstr == "También en este asunto:" and "fuzzy" in redone.flags
    assert redone.comment.split("\n") == ["Context: footer", machine_line(redone.msgstr, f"apertium {apertium.version()}")]
    assert str(entry(po, EDITED[0])) == edited_before
    assert str(entry(po, HUMAN[0])) == human_before


def test_exact_memory_hit_comes_first_and_is_not_fuzzy(apertium):
    po = sample_catalog()
    origin = "locales/es/sedi-2015-03.po"
    memory = {EMPTY[2]: ("<1>» Volver al boletín</1><2/> COMPARTIR CON UN AMIGO:", origin)}.get
    stats = pretranslate_catalog(po, apertium, memory=memory)
    hit = entry(po, EMPTY[2])
    assert (stats.memory, stats.machine) == (1, len(EMPTY) - 1)
    assert hit.msgstr == "<1>» Volver al boletín</1><2/> COMPARTIR CON UN AMIGO:"
    assert "fuzzy" not in hit.flags
    assert hit.comment.split("\n") == ["Placeholders: <1> = <a href>", f"From memory: {origin}"]


def test_cached_run_skips_the_engine(apertium, glossary, tmp_path, monkeypatch):
    with MTCache.for_project(tmp_path) as cache:
        first = sample_catalog()
        pretranslate_catalog(first, apertium, cache=cache, glossary=glossary)
        monkeypatch.setattr(apertium, "_translate_masked", lambda texts: pytest.fail("engine called"))
        second = sample_catalog()
        stats = pretranslate_catalog(second, apertium, cache=cache, glossary=glossary)
    assert (stats.machine, stats.cached) == (len(EMPTY), len(EMPTY))
    assert [e.msgstr for e in second] == [e.msgstr for e in first]
    assert (tmp_path / ".bulletin-i18n" / "mt-cache.sqlite").is_file()


def test_cache_depends_on_glossary_version(apertium, glossary, tmp_path):
    with MTCache(tmp_path / "cache.sqlite") as cache:
        pretranslate_catalog(sample_catalog(), apertium, cache=cache, glossary=glossary)
        stats = pretranslate_catalog(sample_catalog(), apertium, cache=cache, glossary=None)
        assert stats.cached == 0 and len(cache) == 2 * len(EMPTY)


def test_restored_placeholders_are_noted_for_the_translator(tmp_path):
    script = lambda params, n: (200, fake_translation(re.sub(r"__PH1__", "", params["q"])))  # noqa: E731
    po = sample_catalog()
    with LibreStub(script) as stub:
        engine = make_engine("libre", "en", "es", url=stub.url, backoff=0.01)
        stats = pretranslate_catalog(po, engine)
    lost = entry(po, EMPTY[0])  # its </1> came back as __PH1__ and was dropped
    assert ph.problems(EMPTY[0], lost.msgstr) == []
    assert "MT check: placeholders restored by the tool: check their position" in lost.comment.split("\n")
    assert stats.to_check == 3  # every text whose mask 1 the engine lost


def write_catalogs(folder, count):
    paths = []
    for number in range(count):
        po = polib.POFile(wrapwidth=79)
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        po.append(polib.POEntry(msgid=f"Bulletin {number}: the <1>OAS</1> news.", msgstr=""))
        path = folder / f"b{number}.po"
        po.save(str(path))
        paths.append(path)
    return paths


def test_files_written_one_by_one_and_kept_after_a_failure(tmp_path):
    """The second catalog's server failure keeps the first catalog on disk."""
    paths = write_catalogs(tmp_path, 2)
    before = paths[1].read_bytes()
    script = lambda params, n: (500, "down") if "Bulletin 1" in params["q"] else (200, fake_translation(params["q"]))  # noqa: E731
    log = io.StringIO()
    with LibreStub(script) as stub, MTCache(tmp_path / "cache.sqlite") as cache:
        engine = make_engine("libre", "en", "es", url=stub.url, retries=1, backoff=0.01)
        with pytest.raises(EngineError, match="gave up after 2 attempts"):
            pretranslate_files(paths, engine, cache=cache, stream=log)
        assert len(cache) == 1
    done = polib.pofile(str(paths[0]))[0]
    assert done.msgstr == "ES Bulletin 0: the <1>OAS</1> news."
    assert "fuzzy" in done.flags and done.comment.startswith("Machine translation: libre ")
    assert paths[1].read_bytes() == before


def test_files_report_and_progress_lines(tmp_path, glossary):
    paths = write_catalogs(tmp_path, 3)
    log = io.StringIO()
    with LibreStub() as stub:
        engine = make_engine("libre", "en", "es", url=stub.url)
        report = pretranslate_files(paths, engine, glossary=glossary, stream=log)
    assert [str(stats) for stats in report.values()] == ["1 machine-translated (0 from cache), 0 from memory"] * 3
    assert polib.pofile(str(paths[2]))[0].msgstr == "ES Bulletin 2: the <1>OEA</1> news."
    assert re.fullmatch(r"pretranslate: 3 segments in \d+ s \(\d+/s\)\n", log.getvalue())


def test_progress_on_a_terminal_rewrites_one_line():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    progress = Progress(10, stream=screen)
    progress.advance(4)
    progress.advance(6)
    progress.finish()
    out = screen.getvalue()
    assert out.startswith("\rpretranslate: 4/10 segments, ") and " left\033[K" in out
    assert out.endswith("pretranslate: 10 segments in 0 s (" + out.rsplit("(", 1)[1])
    assert out.count("\n") == 1


def test_stats_add_up():
    total = PretranslateStats()
    total.add(PretranslateStats(machine=2, cached=1, memory=1, to_check=1))
    total.add(PretranslateStats(machine=3))
    assert str(total) == "5 machine-translated (1 from cache), 1 from memory, 1 to check"


def test_project_catalogs_pretranslated_then_left_alone(project):
    """Over a real project: extraction's catalogs, the project's cache and memory."""
    from bulletin_i18n.config import load_settings
    from bulletin_i18n.project import load_bulletin, update_catalogs
    from bulletin_i18n.pretranslate import pretranslate_project

    settings = load_settings(project)
    for source in settings.sources():
        update_catalogs(settings, load_bulletin(settings, source))
    path = settings.catalog_path("sedi-2015-04", "es")
    report = pretranslate_project(settings, engine="pseudo", stream=io.StringIO())
    po = polib.pofile(str(path))
    assert report[path].machine == len(po) > 20
    assert all(e.msgstr and "fuzzy" in e.flags and not ph.problems(e.msgid, e.msgstr) for e in po)
    assert any(e.msgstr == "Ṽíđéóš" for e in po)
    msgfmt_check(path)
    before = path.read_bytes()
    again = pretranslate_project(settings, engine="pseudo", stream=io.StringIO())
    assert again[path].machine == 0 and path.read_bytes() == before
    assert (project / ".bulletin-i18n" / "mt-cache.sqlite").is_file()


def test_catalog_filler_for_sync(project):
    from bulletin_i18n.config import load_settings
    from bulletin_i18n.project import load_bulletin, update_catalogs
    from bulletin_i18n.pretranslate import catalog_filler

    settings = load_settings(project)
    fill = catalog_filler(settings, engine="apertium")
    catalogs, statuses = update_catalogs(settings, load_bulletin(settings, settings.sources()[0]), fill=fill)
    po = catalogs["es"]
    assert statuses[0].machine == len(po) > 20
    assert all(e.msgstr and "fuzzy" in e.flags and not ph.problems(e.msgid, e.msgstr) for e in po)
    assert any("OEA" in e.msgstr for e in po)


def test_real_apertium_on_the_sample_bulletin(project):
    """The issue's bar: every empty entry filled and fuzzy, placeholders intact,
    glossary terms enforced, human entries byte-identical."""
    import re

    from bulletin_i18n.config import load_settings
    from bulletin_i18n.pretranslate import pretranslate_project
    from bulletin_i18n.project import load_bulletin, update_catalogs
    from conftest import ROOT

    settings = load_settings(project)
    update_catalogs(settings, load_bulletin(settings, settings.sources()[0]))
    path = settings.catalog_path("sedi-2015-04", "es")
    reviewed = polib.pofile(str(ROOT / "locales" / "es" / "sedi-2015-04.po"))
    po = polib.pofile(str(path))
    human = [e for e in po if e.msgid.startswith(("El Salvador’s Recognition", "Videos", "The OAS facilitated"))]
    for entry in human:
        entry.msgstr = reviewed.find(entry.msgid).msgstr
    po.save(str(path))
    human_text = {e.msgid: str(e) for e in polib.pofile(str(path)) if e.msgstr}
    assert len(human_text) == 3

    pretranslate_project(settings, engine="apertium", stream=io.StringIO())
    po = polib.pofile(str(path))
    msgfmt_check(path)
    for entry in po:
        if entry.msgid in human_text:
            assert str(entry) == human_text[entry.msgid]
            continue
        assert entry.msgstr and entry.fuzzy, entry.msgid
        assert ph.problems(entry.msgid, entry.msgstr) == [], entry.msgid
        assert "Machine translation: apertium 3.8" in entry.comment
        if re.search(r"\bOAS\b", entry.msgid):
            assert "OEA" in entry.msgstr and not re.search(r"\bOAS\b", entry.msgstr), entry.msgstr
        if re.search(r"\bMSMEs\b", entry.msgid):
            assert "MIPYMES" in entry.msgstr, entry.msgstr


def test_missing_engine_writes_nothing(project):
    import subprocess
    import sys

    from bulletin_i18n.config import load_settings
    from bulletin_i18n.project import load_bulletin, update_catalogs

    settings = load_settings(project)
    update_catalogs(settings, load_bulletin(settings, settings.sources()[0]))
    before = {p: p.read_bytes() for p in settings.locales_path.rglob("*.po*")}
    result = subprocess.run([sys.executable, "-m", "bulletin_i18n.cli", "-C", str(project), "pretranslate",
                             "--engine", "nonesuch"], capture_output=True, text=True)
    assert result.returncode == 3 and "unknown engine 'nonesuch'" in result.stderr
    assert {p: p.read_bytes() for p in settings.locales_path.rglob("*.po*")} == before
    assert not (project / ".bulletin-i18n" / "mt-cache.sqlite").exists()
