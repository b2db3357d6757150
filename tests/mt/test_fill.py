"""Pre-translation of catalogs: what is filled, what is never touched, cache and failures."""

from __future__ import annotations

import copy
import re

import pytest

from bulletin_i18n import placeholders as ph
from bulletin_i18n.model import Catalog, Entry, Notes, Provenance, text_hash
from bulletin_i18n.mt import make_engine
from bulletin_i18n.mt.cache import MTCache
from bulletin_i18n.mt.fill import FillStats, fill_catalog
from bulletin_i18n.po.codec import comment_lines, translator_lines
from bulletin_i18n.po.pofile import write_catalog
from conftest import msgfmt_check
from mt_stub import ApiStub, fake_translation

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
    return f"Machine translation: {engine} [{text_hash(msgstr)}]"


def machine(msgstr: str) -> Provenance:
    return Provenance(Provenance.MACHINE, engine="apertium", version="3.8.3/eng-spa@00000000",
                      hash=text_hash(msgstr))


def sample_catalog() -> Catalog:
    """A catalog as extraction and earlier runs leave it, built by hand."""
    po = Catalog(metadata={"Project-Id-Version": "sedi-2015-04", "Language": "es", "MIME-Version": "1.0",
                           "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"})
    for number, msgid in enumerate(EMPTY, start=1):
        po.append(Entry(msgid, notes=Notes(other=["Placeholders: <1> = <a href>"]),
                        references=[("source/sedi-2015-04.html", str(number))]))
    po.append(Entry(HUMAN[0], HUMAN[1], notes=Notes(other=["Keep: reviewed"])))
    # The machine wrote "Reenviar esto boletín"; a translator corrected it but left it fuzzy.
    po.append(Entry(EDITED[0], EDITED[1], flags=["fuzzy"], provenance=[machine("Reenviar esto boletín")]))
    po.append(Entry(OLD_MT[0], OLD_MT[1], flags=["fuzzy"], notes=Notes(other=["Context: footer"]),
                    provenance=[machine(OLD_MT[1])]))
    po.append(Entry("Old text", obsolete=True))
    return po


def entry(po: Catalog, msgid: str) -> Entry:
    return next(e for e in po if e.msgid == msgid)


def test_empty_entries_filled_fuzzy_with_provenance(apertium, glossary, tmp_path):
    po = sample_catalog()
    human_before = copy.deepcopy(entry(po, HUMAN[0]))
    with MTCache(tmp_path / "cache.sqlite") as cache:
        stats = fill_catalog(po, apertium, cache=cache, glossary=glossary)
    assert (stats.machine, stats.cached, stats.memory, stats.to_check) == (5, 0, 0, 0)
    for msgid in EMPTY:
        filled = entry(po, msgid)
        assert filled.msgstr and filled.msgstr != msgid and "fuzzy" in filled.flags
        assert ph.problems(msgid, filled.msgstr) == []
        assert comment_lines(filled) == ["Placeholders: <1> = <a href>"]
        assert translator_lines(filled) == [
            f"Machine translation: apertium {apertium.version()} [{text_hash(filled.msgstr)}]"]
    assert entry(po, EMPTY[0]).msgstr.startswith(
        "El <1>IV Diálogo Interamericano de Altas Autoridades de MIPYMES</1>")
    assert "Secretario General del OEA, <2>José Miguel Insulza</2>" in entry(po, EMPTY[1]).msgstr
    assert "MIPYMES" in entry(po, EMPTY[3]).msgstr and "MIPYME" in entry(po, EMPTY[4]).msgstr
    assert entry(po, HUMAN[0]) == human_before
    assert entry(po, EDITED[0]).msgstr == EDITED[1]
    assert entry(po, OLD_MT[0]).msgstr == OLD_MT[1]  # no redo_mt: fuzzy machine output stays
    assert entry(po, "Old text").msgstr == ""
    path = tmp_path / "es.po"
    write_catalog(po, path)
    msgfmt_check(path)


def test_redo_mt_redoes_only_untouched_machine_output(apertium, glossary):
    po = sample_catalog()
    edited_before, human_before = copy.deepcopy(entry(po, EDITED[0])), copy.deepcopy(entry(po, HUMAN[0]))
    stats = fill_catalog(po, apertium, glossary=glossary, redo_mt=True)
    assert stats.machine == len(EMPTY) + 1
    redone = entry(po, OLD_MT[0])
    assert redone.msgstr == "También en este asunto:" and "fuzzy" in redone.flags
    assert comment_lines(redone) == ["Context: footer"]
    assert translator_lines(redone) == [machine_line(redone.msgstr, f"apertium {apertium.version()}")]
    assert entry(po, EDITED[0]) == edited_before
    assert entry(po, HUMAN[0]) == human_before


def test_exact_memory_hit_comes_first_and_is_not_fuzzy(apertium):
    po = sample_catalog()
    origin = "locales/es/sedi-2015-03.po"
    memory = {EMPTY[2]: ("<1>» Volver al boletín</1><2/> COMPARTIR CON UN AMIGO:", origin)}.get
    stats = fill_catalog(po, apertium, memory=memory)
    hit = entry(po, EMPTY[2])
    assert (stats.memory, stats.machine) == (1, len(EMPTY) - 1)
    assert hit.msgstr == "<1>» Volver al boletín</1><2/> COMPARTIR CON UN AMIGO:"
    assert "fuzzy" not in hit.flags
    assert comment_lines(hit) == ["Placeholders: <1> = <a href>"]
    assert translator_lines(hit) == [f"From memory: {origin}"]


def test_cached_run_skips_the_engine(apertium, glossary, tmp_path, monkeypatch):
    with MTCache(tmp_path / "cache.sqlite") as cache:
        first = sample_catalog()
        fill_catalog(first, apertium, cache=cache, glossary=glossary)
        monkeypatch.setattr(apertium, "_translate_masked", lambda texts: pytest.fail("engine called"))
        second = sample_catalog()
        stats = fill_catalog(second, apertium, cache=cache, glossary=glossary)
    assert (stats.machine, stats.cached) == (len(EMPTY), len(EMPTY))
    assert [e.msgstr for e in second] == [e.msgstr for e in first]
    assert (tmp_path / "cache.sqlite").is_file()


def test_cache_depends_on_glossary_version(apertium, glossary, tmp_path):
    with MTCache(tmp_path / "cache.sqlite") as cache:
        fill_catalog(sample_catalog(), apertium, cache=cache, glossary=glossary)
        stats = fill_catalog(sample_catalog(), apertium, cache=cache, glossary=None)
        assert stats.cached == 0 and len(cache) == 2 * len(EMPTY)


def test_restored_placeholders_are_noted_for_the_translator(tmp_path):
    def script(request, number):
        return 200, [fake_translation(re.sub(r"__PH1__", "", text)) for text in request.texts]

    po = sample_catalog()
    with ApiStub(script) as stub:
        engine = make_engine("libre", "en", "es", url=stub.url, backoff=0.01)
        stats = fill_catalog(po, engine)
    lost = entry(po, EMPTY[0])  # its </1> came back as __PH1__ and was dropped
    assert ph.problems(EMPTY[0], lost.msgstr) == []
    assert "MT check: placeholders restored by the tool: check their position" in translator_lines(lost)
    assert stats.to_check == 3  # every text whose mask 1 the engine lost


def test_stats_add_up():
    total = FillStats()
    total.add(FillStats(machine=2, cached=1, memory=1, to_check=1))
    total.add(FillStats(machine=3))
    assert str(total) == "5 machine-translated (1 from cache), 1 from memory, 1 to check"


def test_a_cache_written_before_engines_were_recorded_is_upgraded(tmp_path):
    import sqlite3

    path = tmp_path / "mt-cache.sqlite"
    old = sqlite3.connect(str(path))
    old.execute("CREATE TABLE translation (scope TEXT NOT NULL, source TEXT NOT NULL, text TEXT NOT NULL, "
                "note TEXT NOT NULL DEFAULT '', PRIMARY KEY (scope, source)) WITHOUT ROWID")
    old.execute("INSERT INTO translation VALUES ('s', 'Hello', 'Hola', '')")
    old.commit()
    old.close()
    from bulletin_i18n.mt.base import Result

    with MTCache(path) as cache:
        assert cache.get_many("s", ["Hello"]) == {"Hello": Result("Hola")}
        cache.put_many("s", {"Bye": Result("Adiós", engine="apertium", version="3.8"),
                             "Later": Result("Luego", cache=False)})
        assert cache.get_many("s", ["Bye", "Later"]) == {"Bye": Result("Adiós", engine="apertium", version="3.8")}


def test_learned_post_edits_change_the_engine_drafts_only(apertium, glossary):
    po = sample_catalog()
    seen = []

    def postedit(text: str, engine: str) -> str:  # as load_postedits gives it
        seen.append(engine)
        return text.replace("Diálogo Interamericano", "Diálogo Interamericano de alto nivel") \
            .replace("<2>José Miguel Insulza</2>", "José Miguel Insulza")  # loses a placeholder: not written

    stats = fill_catalog(po, apertium, glossary=glossary, postedit=postedit,
                         memory=lambda msgid: ("Región", "tm") if msgid == EMPTY[4] else None)
    assert (stats.machine, stats.memory) == (4, 1)
    assert set(seen) == {"apertium"}
    first = entry(po, EMPTY[0])
    assert first.msgstr.startswith("El <1>IV Diálogo Interamericano de alto nivel de Altas Autoridades")
    assert translator_lines(first) == [machine_line(first.msgstr, f"apertium {apertium.version()}")]
    assert "<2>José Miguel Insulza</2>" in entry(po, EMPTY[1]).msgstr  # the engine's own draft
    assert entry(po, EMPTY[4]).msgstr == "Región"  # a memory hit is not post-edited
