"""The aligner on plain data: beads, inline markup mapped or left out, and why.

The pages are this project's fixtures (tests/fixtures/align/), read through
the real extractor into plain segments; the aligner sees nothing else.
"""

from __future__ import annotations

import pytest

from bulletin_i18n.html.extract import extract_segments
from bulletin_i18n.html.page import read_page
from bulletin_i18n.model import Placeholder, Segment
from bulletin_i18n.tm.align import (
    Mark, MarkupError, Unit, align_pages, map_marks, mark_of, renumber, split_message,
)
from conftest import ALIGN_EN, ALIGN_ES


@pytest.fixture(scope="module")
def alignment():
    en = extract_segments(read_page(ALIGN_EN).root, "en")
    es = extract_segments(read_page(ALIGN_ES).root, "es")
    return align_pages(en, es)


def pairs_by_msgid(alignment) -> dict[str, str]:
    return {pair.msgid: pair.msgstr for pair in alignment.pairs}


# -- beads ------------------------------------------------------------------------------


def test_one_to_one_pairs_texts_and_attributes(alignment):
    found = pairs_by_msgid(alignment)
    assert found["Regional Cooperation Bulletin - March 2024"] == "Boletín de Cooperación Regional - marzo de 2024"
    assert found["Council approves the 2024 work plan"] == "El Consejo aprueba el plan de trabajo 2024"
    assert found["Inter-American Development Bank"] == "Banco Interamericano de Desarrollo"  # abbr title
    assert found["Participants of the energy forum in Santiago"] == "Participantes del foro de energía en Santiago"
    assert found["Happy Christmas and a Happy GNU-year!"] == "¡Feliz Navidad y próspero año-GNU!"
    assert found["Registration closes on 15 April; more information at <1>training@example.org</1>."] == \
        "Las inscripciones cierran el 15 de abril; más información en <1>training@example.org</1>."
    by_en = {pair.en: pair for pair in alignment.pairs}
    assert by_en[(11,)].es == (11,) and by_en[(11,)].bead == "1:1"
    assert all(0.5 <= pair.confidence <= 1.0 for pair in alignment.pairs)


def test_split_paragraph_gives_one_pair_with_both_spanish_texts(alignment):
    [pair] = [p for p in alignment.pairs if p.bead == "1:2"]
    assert pair.en == (6,) and pair.es == (6, 7)
    assert pair.msgid == ("The plan gives priority to digital innovation in small enterprises. "
                          "It also creates a regional fund for the internationalization of cooperatives.")
    assert pair.msgstr == ("El plan da prioridad a la innovación digital en las pequeñas empresas. "
                           "También crea un fondo regional para la internacionalización de las cooperativas.")


def test_merged_paragraph_is_cut_at_the_sentence_end(alignment):
    merged = sorted((p for p in alignment.pairs if p.bead == "2:1"), key=lambda p: p.en)
    assert [(p.en, p.es) for p in merged] == [((7,), (8,)), ((8,), (8,))]
    assert [p.msgstr for p in merged] == [
        "La Secretaria General Ana Robles inauguró la sesión en Washington.",
        "Asistieron cuarenta delegaciones de los Estados miembros.",
    ]
    assert merged[1].msgid == "Forty delegations from the member states attended the meeting."


def test_paragraph_on_one_side_only_is_left_out(alignment):
    reasons = {(item.en, item.es): (item.reason, item.en_text or item.es_text) for item in alignment.left_out}
    assert reasons[((17,), ())] == ("no Spanish counterpart",
                                    "Photographs of the course can be requested from the press office.")
    assert reasons[((), (13,))] == ("only in the Spanish edition",
                                    "Un grupo de trabajo preparará la segunda edición del curso en Tegucigalpa.")
    # the segments after them still pair with their counterparts
    assert pairs_by_msgid(alignment)["Upcoming events"] == "Próximos eventos"


def test_coverage_counts_english_segments_with_a_partner(alignment):
    assert alignment.en_count == 24 and alignment.es_count == 24
    assert len(alignment.pairs) == 22
    assert alignment.coverage == pytest.approx(22 / 24)


def test_plain_units_skip_an_unrelated_paragraph():
    en = [Unit("Annual report 2023", "h1"),
          Unit("The Council met 4 times and adopted 12 resolutions on regional trade.", "p"),
          Unit("A paragraph that the translator did not translate at all.", "p"),
          Unit("Contact: <1>info@example.org</1>", "p", marks=(Mark(1, "paired", "a", "mailto:info@example.org"),))]
    es = [Unit("Informe anual 2023", "h1"),
          Unit("El Consejo se reunió 4 veces y adoptó 12 resoluciones sobre comercio regional.", "p"),
          Unit("Contacto: <1>info@example.org</1>", "p", marks=(Mark(1, "paired", "a", "mailto:info@example.org"),))]
    result = align_pages(en, es)
    assert [(p.en, p.es, p.msgstr) for p in result.pairs] == [
        ((0,), (0,), "Informe anual 2023"),
        ((1,), (1,), "El Consejo se reunió 4 veces y adoptó 12 resoluciones sobre comercio regional."),
        ((3,), (2,), "Contacto: <1>info@example.org</1>"),
    ]
    assert [(i.en, i.reason) for i in result.left_out] == [((2,), "no Spanish counterpart")]


# -- inline markup ------------------------------------------------------------------------


def test_reordered_inline_markup_takes_the_english_numbers(alignment):
    found = pairs_by_msgid(alignment)
    assert found["The <1>red</1> car"] == "El coche <1>rojo</1>"
    # two links swapped by the translator: matched by their targets
    assert found["See the <1>calendar of courses</1> and the <2>map of the participating centres</2> "
                 "for the dates."] == \
        "Consulte el <2>mapa de los centros participantes</2> y el <1>calendario de cursos</1> para las fechas."
    # <em lang="en"> is not Spanish text in the Spanish page: it comes back inside the English pair
    assert found["The next course on <1>Open Data</1> starts in May in Lima, with 30 places for public officials."] \
        == "El próximo curso de <1>Open Data</1> comienza en mayo en Lima, con 30 plazas para funcionarios públicos."


def test_markup_that_cannot_be_mapped_is_left_out_with_the_reason(alignment):
    [item] = [i for i in alignment.left_out if i.en == (13,)]
    assert item.es == (14,)
    assert item.reason == "markup differs: English has 2 <a>, Spanish has <a>"
    assert item.en_text == "Read <1>the final report</1> and <2>the statistical annex</2>."
    assert "Read <1>the final report</1> and <2>the statistical annex</2>." not in pairs_by_msgid(alignment)


def test_map_marks_by_target_then_order_and_styles():
    en = [Mark(1, "paired", "a", "https://x.org/en/a"), Mark(2, "paired", "mark"), Mark(3, "atomic", "img", "i.png")]
    es = [Mark(1, "atomic", "img", "i.png"), Mark(2, "paired", "strong"), Mark(3, "paired", "a", "https://x.org/es/a")]
    mapping = map_marks(en, es)
    assert {k: v.number for k, v in mapping.items()} == {1: 3, 2: 2, 3: 1}
    assert renumber("<1/> <2>Ojo</2>: <3>aquí</3>", es, "<1>here</1> <2>Mind</2> <3/>", en) == \
        "<3/> <2>Ojo</2>: <1>aquí</1>"
    with pytest.raises(MarkupError, match="English has <a>, Spanish has <code>"):
        map_marks([Mark(1, "paired", "a", "x")], [Mark(1, "paired", "code")])


def test_markup_on_one_side_only_that_the_reader_does_not_see_differ():
    # a link the translator added: its text is kept, the link is not (the English has none)
    assert renumber("<1>Problemas de texto</1> (artículo de un blog)", [Mark(1, "paired", "a", "https://x.org/b")],
                    "Text problems", []) == "Problemas de texto (artículo de un blog)"
    code = Mark(1, "atomic", "code", text="lang")
    assert renumber("hay un atributo <1/> <2> y también otro</2>", [code, Mark(2, "paired", "a")],
                    "there is a <1/> attribute and another", [code]) == "hay un atributo <1/> y también otro"
    # a word the Spanish page keeps in English (<span lang="en">), plain text in the English page
    assert renumber('"392 visitas" en proporción a "<1/>"', [Mark(1, "atomic", "span", text="views")],
                    "\"392 views\" as a ratio to 'views'", []) == '"392 visitas" en proporción a "views"'
    # code the English marks up and the Spanish writes plainly, once: the placeholder goes there
    english = "searching for '<1/>' in the registry"
    french = [Mark(1, "atomic", "span", text="French")]
    assert renumber("al buscar \"French\" (francés) en el registro", [], english, french) == \
        "al buscar \"<1/>\" (francés) en el registro"
    # twice, or not at all: which one is meant is not known
    with pytest.raises(MarkupError, match="English has <span>, Spanish has none"):
        renumber("buscar French o French", [], english, french)
    with pytest.raises(MarkupError, match="English has <code>, Spanish has none"):
        renumber("en el atributo del título", [], "in the <1/> attribute", [Mark(1, "atomic", "code", text="title")])
    # a text cut short in its description is not searched for
    with pytest.raises(MarkupError):
        renumber("Se reunió el Inter-American Committee.", [], "The <1/> met.",
                 [Mark(1, "atomic", "em", text="Inter-American Committee…")])


def test_the_same_code_on_both_sides_is_evidence_of_a_pair():
    def segment(text: str, kept: list[str]) -> Segment:
        return Segment(text, 1, "div > p", placeholders=tuple(
            Placeholder(n, "atomic", f"<code> {word!r} (not translated)") for n, word in enumerate(kept, 1)))

    codes = ["Description", "language", "Subtag", "fr"]
    en = segment("Your lookup will have matched the <1/> field. Verify that this record's type reads <2/>. "
                 "Wanted: whatever the <3/> field holds, so <4/>.", codes)
    es = segment("Su búsqueda coincidirá con el campo <1/>. Verifique que el tipo de este registro sea <2/>. "
                 "Lo que busca es el valor del campo <3/>, es decir <4/>.", codes)
    [pair] = align_pages([en], [es]).pairs
    assert pair.msgstr == es.msgid
    without = align_pages([segment(en.msgid, ["a", "b", "c", "d"])], [es])
    assert without.pairs == [] and "no word in common" in without.left_out[0].reason


def test_marks_are_read_from_the_placeholders_descriptions():
    assert mark_of(Placeholder(1, "paired", '<a href="https://x.org/a" title="More">')) == \
        Mark(1, "paired", "a", "https://x.org/a")
    assert mark_of(Placeholder(2, "atomic", '<img src="i.png" alt="A map">')) == Mark(2, "atomic", "img", "i.png")
    assert mark_of(Placeholder(3, "atomic", "<br> (line break)")) == Mark(3, "atomic", "br")
    assert mark_of(Placeholder(4, "atomic", "<em lang=\"en\"> 'Open Data' (not translated)")) == \
        Mark(4, "atomic", "em", text="Open Data")
    assert mark_of(Placeholder(5, "atomic", "*|FNAME|* (keep as is)", literal="*|FNAME|*")) == \
        Mark(5, "atomic", "#literal", text="*|FNAME|*")
    assert mark_of(Placeholder(6, "atomic", "<!--[if mso]>--> (comment)")) == \
        Mark(6, "atomic", "#comment", text="[if mso]>")


def test_text_kept_untranslated_and_cut_in_its_description_comes_from_the_english_pair():
    # the extractor cuts a kept element's text at 40 characters in its description
    english = "The <1>Inter-American Committee against Terrorism</1> met."
    en = Segment(english, 1, "p", placeholders=(Placeholder(1, "paired", "<em>"),))
    es = Segment("Se reunió el <1/>.", 1, "p", placeholders=(
        Placeholder(1, "atomic", "<em lang=\"en\"> 'Inter-American Committee against Terrori…' (not translated)"),))
    [pair] = align_pages([en], [es], min_confidence=0.0).pairs
    assert pair.msgstr == "Se reunió el <1>Inter-American Committee against Terrorism</1>."
    other = Segment("Se reunió el <1/>.", 1, "p", placeholders=(
        Placeholder(1, "atomic", "<em lang=\"en\"> 'Organization of American States and its…' (not translated)"),))
    result = align_pages([en], [other], min_confidence=0.0)
    assert result.pairs == []
    assert "<em> is kept untranslated in Spanish" in result.left_out[0].reason


def test_split_message_only_at_a_sentence_end_outside_markup():
    assert split_message("Uno dos tres. Cuatro cinco seis.", 0.5) == ("Uno dos tres.", "Cuatro cinco seis.")
    assert split_message("<1>Uno dos tres. Cuatro cinco</1> seis", 0.5) is None
    assert split_message("Uno dos tres cuatro cinco seis", 0.5) is None
