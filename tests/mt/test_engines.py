"""Machine translation engines: pseudo, Apertium (real binary) and LibreTranslate over loopback."""

from __future__ import annotations

import random
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
    assert re.fullmatch(r"<1>» \w+ a boletín</1><2/> ACCIÓN CON Un AMIGO:", footer), footer
    # A mask inside a reordered genitive stays whole: the approved term is there.
    assert "MIPYME sector" in genitive and "__" not in genitive
    for source, result in zip([DIALOGUE, INSULZA, FOOTER, GENITIVE], results):
        assert ph.problems(source, result.text) == [] and result.note == ""
        assert "*" not in result.text and result.text == result.text.strip()


def test_apertium_keeps_its_processes_and_segments_independent(apertium):
    """An unpunctuated segment must not change the next one (blank-separated batch)."""
    alone = [apertium.translate([text])[0].text for text in ("Back to newsletter", "He said hi.")]
    parts = ("analyser", "check", "tagger", "rest")
    processes = [apertium._stages[part].process for part in parts]
    together = [r.text for r in apertium.translate(["Back to newsletter", "He said hi."])]
    assert together == alone == ["Atrás a newsletter", "Dijo hola."]
    assert [apertium._stages[part].process for part in parts] == processes
    assert all(process.poll() is None for process in processes)
    # a part that died between two calls is started again, with the others
    processes[3].kill()
    processes[3].wait()
    assert apertium.translate(["He said hi."])[0].text == "Dijo hola."
    assert apertium._stages["rest"].process is not processes[3]


# Segments whose drafts changed with what the process had translated before: a
# word whose readings the tagger's model never saw ("known", "thanks") changed
# how it tags every later unknown word ("Insulza stated": past or participle),
# and "Learn" after a placeholder mask.
TAGGER_STATE = [
    "It is well-known.",
    "<1>Learn more about the projects</1>",
    "At the inauguration, the Secretary General of the OAS, <1>José Miguel Insulza</1>, stated that "
    "it is clear.",
    "Thanks to <1>Tross</1>, the volunteers stated their case.",
    "Insulza stated it.",
    "The <1>known</1> issues of <2>Unicode</2> are listed.",
    "Back to newsletter",
    "Apples, pears, etc",
    "Order Details",
    "Is it <1>known</1>?",
]


def test_apertium_drafts_do_not_depend_on_batch_order_or_size(apertium):
    """Every draft is the one a fresh process gives the segment alone, whatever
    came before it, in any order and any batch size."""
    texts = TAGGER_STATE + [DIALOGUE, INSULZA, FOOTER, GENITIVE]
    fresh = []
    for text in texts:
        with make_engine("apertium", "en", "es") as engine:
            fresh.append(engine.translate([text])[0].text)
    assert fresh[2].endswith("declaró que es claro.") and fresh[4] == "Insulza Lo declaró."
    assert fresh[1] == "<1>Aprende más sobre los proyectos</1>"
    rng = random.Random(13)
    for _ in range(4):
        order = list(range(len(texts)))
        rng.shuffle(order)
        got, start = {}, 0
        while start < len(order):
            size = rng.randint(1, 6)
            batch = order[start:start + size]
            got.update(zip(batch, (r.text for r in apertium.translate([texts[i] for i in batch]))))
            start += size
        assert [got[i] for i in range(len(texts))] == fresh
    # the known trigger first, in one batch: the draft after it is still the fresh one
    assert apertium.translate(["It is well-known.", "Insulza stated it."])[1].text == "Insulza Lo declaró."


@pytest.mark.parametrize("source, plain_source", [
    ("All the <1>volunteers</1> came.", "All the volunteers came."),
    ("An <1>interview</1> with the <2>new members</2>.", "An interview with the new members."),
    ("<1>Free Software that Complies</1>", "Free Software that Complies"),
    ("The <1>new members</1> of the <2>Organization</2> met.", "The new members of the Organization met."),
])
def test_apertium_agrees_across_inline_markup_as_on_plain_text(apertium, source, plain_source):
    """Placeholders go as Apertium's word-bound blanks: the words around them
    agree as in the plain text, and each pair moves with its words."""
    with_markup, plain = (r.text for r in apertium.translate([source, plain_source]))
    assert ph.strip(with_markup) == plain
    assert ph.problems(source, with_markup) == []


def test_apertium_moves_pairs_with_their_words_and_keeps_nesting(apertium):
    red, nested, quoted, footer = (r.text for r in apertium.translate([
        "The <1>red</1> car.", "Read <1>the <2>big</2> report</1> now.",
        'He said <1>"hello there"</1> today.', FOOTER]))
    assert red == "El coche <1>rojo</1>."
    assert nested == "Leído <1>el informe <2>grande</2></1> ahora."
    assert quoted == 'Dijo <1>"hola allí"</1> hoy.'
    assert footer.startswith("<1>» ") and "</1><2/>" in footer


def test_apertium_markup_lost_with_a_dropped_word_is_made_whole(apertium):
    """"do" has no word of its own in Spanish: its pair comes back through the
    masked second try, or is repaired with a note."""
    source = "I <1>do</1> not know <2/> it."
    result = apertium.translate([source])[0]
    assert ph.problems(source, result.text) == []
    assert "sé" in result.text or "saber" in result.text


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
