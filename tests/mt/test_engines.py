"""Machine translation engines: pseudo, Apertium (real binary) and LibreTranslate over loopback."""

from __future__ import annotations

import re

import pytest

from bulletin_i18n import placeholders as ph
from bulletin_i18n.mt import Engine, Result, make_engine
from bulletin_i18n.mt.base import RESTORED_NOTE, repair
from bulletin_i18n.errors import EngineError

# Sentences of the sample bulletin (sedi-2015-04.html) as extraction writes them.
DIALOGUE = "The <1>IV Inter-American Dialogue of High Authorities of MSMEs</1> held April 16-17 in Washington, DC"
INSULZA = "<1/>At the inauguration, the Secretary General of the OAS, <2>José Miguel Insulza</2>, spoke."
FOOTER = "<1>» Back to newsletter</1><2/> SHARE WITH A FRIEND:"
GENITIVE = "the government of El Salvador supported the strengthening of the country’s MSME sector."


# -- pseudo -----------------------------------------------------------------------


def test_pseudo_replaces_every_ascii_letter_and_keeps_placeholders():
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    engine = make_engine("pseudo", "en", "es")
    mapped, sample = (r.text for r in engine.translate([f"<1>{letters}</1> <2/>", FOOTER]))
    body = ph.strip(mapped)
    assert len(set(body.strip())) == 52 and not re.search("[A-Za-z]", body)
    assert mapped.startswith("<1>") and mapped.endswith("</1> <2/>")
    assert sample == "<1>» Ɓáçķ ŧó ñéŵšĺéŧŧéŕ</1><2/> ŠĦÁŔÉ ŴÍŦĦ Á ƑŔÍÉÑĐ:"


# -- Apertium ---------------------------------------------------------------------------


def test_apertium_translates_with_placeholders_and_glossary(apertium, glossary):
    results = apertium.translate([DIALOGUE, INSULZA, FOOTER, GENITIVE], glossary)
    dialogue, insulza, footer, genitive = (r.text for r in results)
    assert dialogue.startswith("El <1>IV Diálogo Interamericano de Altas Autoridades de MIPYMES</1>")
    assert "Washington" in dialogue and "abril" in dialogue
    assert insulza.startswith("<1/>En la inauguración, el Secretario General del OEA, <2>José Miguel Insulza</2>")
    assert re.fullmatch(r"<1>» \w+ a newsletter</1><2/> ACCIÓN CON Un AMIGO:", footer)
    # A mask inside a reordered genitive stays whole: the approved term is there.
    assert "MIPYME sector" in genitive and "__" not in genitive
    for source, result in zip([DIALOGUE, INSULZA, FOOTER, GENITIVE], results):
        assert ph.problems(source, result.text) == [] and result.note == ""
        assert "*" not in result.text and result.text == result.text.strip()


def test_apertium_keeps_one_process_and_segments_independent(apertium):
    """An unpunctuated segment must not change the next one (blank-separated batch)."""
    alone = [apertium.translate([text])[0].text for text in ("Back to newsletter", "He said hi.")]
    process = apertium._process
    together = [r.text for r in apertium.translate(["Back to newsletter", "He said hi."])]
    assert together == alone == ["Atrás a newsletter", "Dijo hola."]
    assert apertium._process is process and process.poll() is None


def test_apertium_escapes_stream_format_characters(apertium):
    text = "Price: $5 [approx.] @home a/b {c} ^d \\e"
    out = apertium.translate([text])[0].text
    for token in ("$5", "[", "]", "@", "/", "{c}", "^", "\\"):
        assert token in out


def test_apertium_version_names_release_and_pair(apertium):
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?/eng-spa@[0-9a-f]{8}", apertium.version())


def test_missing_apertium_or_pair_says_what_to_install(monkeypatch, tmp_path):
    with pytest.raises(EngineError, match=r"no eng-xyz language pair \(en->xyz\): Debian and Ubuntu have no "
                                          r"package for it \(`apertium -l` lists the pairs installed\)$"):
        make_engine("apertium", "en", "xyz")
    from bulletin_i18n.mt import apertium

    monkeypatch.delenv("APERTIUM_DATADIR", raising=False)
    monkeypatch.setattr(apertium, "_APERTIUM_DATA_DIRS", (str(tmp_path),))  # a machine without the pair
    with pytest.raises(EngineError, match=r"no eng-spa language pair .*: sudo apt-get install apertium-en-es$"):
        make_engine("apertium", "en", "es")
    monkeypatch.setenv("PATH", "")
    with pytest.raises(EngineError, match=r"apertium is not installed: sudo apt-get install apertium apertium-en-es"):
        make_engine("apertium", "en", "es")


def test_unknown_engine_and_libre_without_url_are_clear():
    with pytest.raises(EngineError, match="unknown engine 'babel'.*apertium, pseudo, google"):
        make_engine("babel", "en", "es")
    with pytest.raises(EngineError, match="--engine-url"):
        make_engine("libre", "en", "es")


# -- placeholder repair -------------------------------------------------------------------


class Mangler(Engine):
    """An engine that loses, repeats and swaps masks, as real engines sometimes do."""

    name = "mangler"

    def version(self) -> str:
        return "0"

    def _translate_masked(self, texts: list[str]) -> list[str]:
        return [re.sub(r"__PH(\d+)__", lambda m: {"0": "__PH1__", "1": "", "2": "__PH2__ __PH2__"}.get(
            m.group(1), m.group(0)), text) for text in texts]


def test_lost_placeholders_are_restored_with_a_note():
    source = "Read <1>the report</1> and <2/> the <3>annex</3>."
    result = Mangler("en", "es").translate([source])[0]
    assert ph.problems(source, result.text) == []
    assert result.note == RESTORED_NOTE
    assert result.text == "Read the report and <2/> the <3>annex</3>. <1></1>"


@pytest.mark.parametrize("garbled", [
    "El coche </1>rojo<1> y <3>azul</3>.",
    "El <1>coche <3>rojo</1> y azul</3> <2/><2/> <9/>.",
    "El coche",
    "<1><3>x</1></3> <2>y</2>",
])
def test_repair_always_gives_what_the_build_accepts(garbled):
    source = "The <1>red <2/> car</1> and <3>blue</3> one <4/>."
    assert ph.problems(source, repair(source, garbled)) == []


def test_result_is_text_and_note():
    assert Result("Hola") == Result("Hola", "")


def test_urls_and_email_addresses_survive_every_engine(apertium):
    text = "Email us at support@discount.boat or visit http://www.oas.org/en/sedi/?id=3 today."
    pseudo = make_engine("pseudo", "en", "es").translate([text])[0].text
    real = apertium.translate([text])[0].text
    for output in (pseudo, real):
        assert "support@discount.boat" in output and "http://www.oas.org/en/sedi/?id=3" in output, output
    assert "ŧóđáý" in pseudo and "hoy" in real
