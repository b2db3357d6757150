"""Pre-translation over a project: files written one by one, progress, sync's filler."""

from __future__ import annotations

import io
import re

import polib
import pytest

from bulletin_i18n import placeholders as ph
from bulletin_i18n.errors import EngineError
from bulletin_i18n.mt import make_engine
from bulletin_i18n.mt.cache import MTCache
from bulletin_i18n.project import Project
from bulletin_i18n.project.steps import update_catalogs
from bulletin_i18n.project.translate import Progress, catalog_filler, pretranslate_files, pretranslate_project
from bulletin_i18n.settings import load_settings
from conftest import ROOT, cli, extracted, msgfmt_check
from mt_stub import ApiStub, fake_translation


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
    def script(request, number):
        if any("Bulletin 1" in text for text in request.texts):
            return 500, "down"
        return 200, [fake_translation(text) for text in request.texts]

    log = io.StringIO()
    with ApiStub(script) as stub, MTCache(tmp_path / "cache.sqlite") as cache:
        engine = make_engine("libre", "en", "es", url=stub.url, retries=1, backoff=0.01)
        with pytest.raises(EngineError, match="gave up after 2 attempts"):
            pretranslate_files(paths, engine, cache=cache, stream=log)
        assert len(cache) == 1
    done = polib.pofile(str(paths[0]))[0]
    assert done.msgstr == "ES Bulletin 0: the <1>OAS</1> news."
    assert "fuzzy" in done.flags and done.tcomment.startswith("Machine translation: libre ")
    assert paths[1].read_bytes() == before


def test_files_report_and_progress_lines(tmp_path, glossary):
    paths = write_catalogs(tmp_path, 3)
    log = io.StringIO()
    with ApiStub() as stub:
        engine = make_engine("libre", "en", "es", url=stub.url)
        report = pretranslate_files(paths, engine, glossary=glossary, stream=log)
    assert [str(stats) for stats in report.values()] == ["1 machine-translated (0 from cache), 0 from memory"] * 3
    assert polib.pofile(str(paths[2]))[0].msgstr == "ES Bulletin 2: the <1>OEA</1> news."
    assert re.fullmatch(r"pretranslate: 3 segments in \d\.\d s \(\d+/s\)\n", log.getvalue())  # not "0 s"


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
    assert out.endswith("pretranslate: 10 segments in 0.0 s (" + out.rsplit("(", 1)[1])
    assert out.count("\n") == 1


def test_project_catalogs_pretranslated_then_left_alone(project):
    """Over a real project: extraction's catalogs, the project's cache and memory."""
    settings = extracted(project)
    path = settings.catalog_path("sedi-2015-04", "es")
    report = pretranslate_project(Project(settings), engine="pseudo", stream=io.StringIO())
    po = polib.pofile(str(path))
    assert report[path].machine == len(po) > 20
    assert all(e.msgstr and "fuzzy" in e.flags and not ph.problems(e.msgid, e.msgstr) for e in po)
    assert any(e.msgstr == "Ṽíđéóš" for e in po)
    msgfmt_check(path)
    before = path.read_bytes()
    again = pretranslate_project(Project(settings), engine="pseudo", stream=io.StringIO())
    assert again[path].machine == 0 and path.read_bytes() == before
    assert (project / ".bulletin-i18n" / "mt-cache.sqlite").is_file()


def test_catalog_filler_for_sync(project):
    settings = load_settings(project)
    fill = catalog_filler(settings, engine="apertium")
    bulletins = Project(settings)
    catalogs, statuses = update_catalogs(bulletins, bulletins.load(settings.sources()[0]), fill=fill)
    po = catalogs["es"]
    assert statuses[0].machine == len(po) > 20
    assert all(e.msgstr and "fuzzy" in e.flags and not ph.problems(e.msgid, e.msgstr) for e in po)
    assert any("OEA" in e.msgstr for e in po)


def test_real_apertium_on_the_sample_bulletin(project):
    """The issue's bar: every empty entry filled and fuzzy, placeholders intact,
    glossary terms enforced, human entries byte-identical."""
    settings = extracted(project)
    path = settings.catalog_path("sedi-2015-04", "es")
    reviewed = polib.pofile(str(ROOT / "locales" / "es" / "sedi-2015-04.po"))
    po = polib.pofile(str(path))
    human = [e for e in po if e.msgid.startswith(("El Salvador’s Recognition", "Videos", "The OAS facilitated"))]
    for entry in human:
        entry.msgstr = reviewed.find(entry.msgid).msgstr
    po.save(str(path))
    human_text = {e.msgid: str(e) for e in polib.pofile(str(path)) if e.msgstr}
    assert len(human_text) == 3

    pretranslate_project(Project(settings), engine="apertium", stream=io.StringIO())
    po = polib.pofile(str(path))
    msgfmt_check(path)
    for entry in po:
        if entry.msgid in human_text:
            assert str(entry) == human_text[entry.msgid]
            continue
        assert entry.msgstr and entry.fuzzy, entry.msgid
        assert ph.problems(entry.msgid, entry.msgstr) == [], entry.msgid
        assert "Machine translation: apertium 3.8" in entry.tcomment
        if re.search(r"\bOAS\b", entry.msgid):
            assert "OEA" in entry.msgstr and not re.search(r"\bOAS\b", entry.msgstr), entry.msgstr
        if re.search(r"\bMSMEs\b", entry.msgid):
            assert "MIPYMES" in entry.msgstr, entry.msgstr


def test_missing_engine_writes_nothing(project):
    settings = extracted(project)
    before = {p: p.read_bytes() for p in settings.locales_path.rglob("*.po*")}
    result = cli("-C", project, "pretranslate", "--engine", "nonesuch")
    assert result.returncode == 3 and "unknown engine 'nonesuch'" in result.stderr
    assert {p: p.read_bytes() for p in settings.locales_path.rglob("*.po*")} == before
    assert not (project / ".bulletin-i18n" / "mt-cache.sqlite").exists()


def test_an_engine_chain_from_the_settings_drafts_with_the_model_and_falls_back(project, monkeypatch):
    """engine = ["openai", "apertium"]: the model's drafts where its answers
    keep their placeholders, Apertium's where not; each entry names its engine."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)  # a local server needs none

    def model(request, number):
        # loses the placeholders of every text that has some
        return 200, ["ES " + ph.strip(text) for text in request.texts]

    with ApiStub(model) as stub:
        (project / "bulletin-i18n.toml").write_text(
            f'engine = ["openai", "apertium"]\nengine_url = "{stub.url}"\nopenai_model = "llama-stub"\n'
            "openai_batch = 8\n", encoding="utf-8")
        settings = extracted(project)
        path = settings.catalog_path("sedi-2015-04", "es")
        pretranslate_project(Project(settings), stream=io.StringIO())
        assert stub.requests and all(r.body["model"] == "llama-stub" for r in stub.requests)
        assert max(len(r.texts) for r in stub.requests) <= 8
    msgfmt_check(path)
    po = polib.pofile(str(path))
    engines = {}
    for entry in po:
        assert "fuzzy" in entry.flags and not ph.problems(entry.msgid, entry.msgstr)
        engine = re.search(r"Machine translation: (\S+) ", entry.tcomment).group(1)
        engines.setdefault(engine, []).append(entry)
        assert (engine == "apertium") == bool(ph.TOKEN_RE.search(entry.msgid))
    assert engines["openai"][0].msgstr.startswith("ES ") and "Machine translation: openai llama-stub [" in (
        engines["openai"][0].tcomment)
    assert len(engines["apertium"]) > 5
