"""Post-editing of machine drafts: Spanish ¿ and ¡, glossary terms in the case of the English."""

from __future__ import annotations

import pytest

from bulletin_i18n import placeholders as ph
from bulletin_i18n.glossary import Glossary, load_glossary
from bulletin_i18n.model import Entry
from bulletin_i18n.mt import make_engine
from bulletin_i18n.mt.postedit import postedit, term_in_case_of
from bulletin_i18n.qa.context import RuleContext
from bulletin_i18n.qa.runner import entry_problems
from conftest import GLOSSARY


@pytest.mark.parametrize("draft, edited", [
    ("Es bien?", "¿Es bien?"),
    ("Hola! Qué tal?", "¡Hola! ¿Qué tal?"),
    ("¿Qué? No!", "¿Qué? ¡No!"),
    ("Si quieres, ¿vienes?", "Si quieres, ¿vienes?"),  # already opened: left alone
    ('Lee el artículo "Por qué Unicode?" hoy.', 'Lee el artículo "¿Por qué Unicode?" hoy.'),
    ("Lo dijo (por qué?) ayer.", "Lo dijo (¿por qué?) ayer."),
    ("La pregunta: qué es?", "La pregunta: ¿qué es?"),
    ("<1>Qué es</1> esto?", "<1>¿Qué es</1> esto?"),
    ("<1/>Vienes? Sí.", "<1/>¿Vienes? Sí."),
    ("<1>» Qué es?</1>", "<1>» ¿Qué es?</1>"),
    ("- Vienes? Sí!", "- ¿Vienes? ¡Sí!"),
    ("Versión 3.5 ya está aquí!", "¡Versión 3.5 ya está aquí!"),
    ("Qué?!", "¡¿Qué?!"),
    # a short lead-in before a comma stays outside, as Spanish writes it
    ("Por ejemplo, seguirá siendo capaz?", "Por ejemplo, ¿seguirá siendo capaz?"),
    ("Además, funciona!", "Además, ¡funciona!"),
    ("<1>Por ejemplo</1>, vienes?", "<1>Por ejemplo</1>, ¿vienes?"),
    ("Por qué, si es así, no vienes?", "¿Por qué, si es así, no vienes?"),  # a question word opens it
    ("Si quieres venir mañana por la tarde, vienes?", "¿Si quieres venir mañana por la tarde, vienes?"),
    ("Visita http://x.org/?id=3 hoy.", "Visita http://x.org/?id=3 hoy."),  # a URL's ? is no question
    ("?", "?"),
    ("Ni pregunta ni exclamación.", "Ni pregunta ni exclamación."),
])
def test_spanish_questions_and_exclamations_get_their_opening_marks(draft, edited):
    assert postedit(draft, "es") == edited
    assert ph.strip(postedit(draft, "es-MX")) == ph.strip(edited)
    assert ph.problems(draft, postedit(draft, "es")) == []


def test_other_languages_keep_their_punctuation():
    assert postedit("Is it good? Yes!", "en") == "Is it good? Yes!"
    assert postedit("C'est bien ? Oui !", "fr") == "C'est bien ? Oui !"


def test_punctuation_check_has_nothing_left_to_say_about_opening_marks():
    context = RuleContext("en", "es", Glossary([]), {})
    for msgid, draft in [("Is it good? Yes!", "Es bien? Sí!"), ("<1>Why Unicode?</1>", "<1>Por qué Unicode?</1>")]:
        found = [m for _, m in entry_problems(Entry(msgid, postedit(draft, "es")), ("punctuation",), context)]
        assert not [m for m in found if "without its opening" in m], found
        before = [m for _, m in entry_problems(Entry(msgid, draft), ("punctuation",), context)]
        assert [m for m in before if "without its opening" in m]


@pytest.mark.parametrize("matched, target, written", [
    ("newsletter", "boletín", "boletín"),
    ("Newsletter", "boletín", "Boletín"),
    ("NEWSLETTER", "boletín", "BOLETÍN"),
    ("OAS", "OEA", "OEA"),
    ("Member States", "Estados Miembros", "Estados Miembros"),
])
def test_glossary_terms_come_back_in_the_case_of_the_english(matched, target, written):
    assert term_in_case_of(target, matched) == written


def test_apertium_drafts_are_post_edited(apertium):
    glossary = load_glossary(GLOSSARY)
    question, title, footer = (r.text for r in apertium.translate(
        ["Is it good?", "The OAS Newsletter of April", "<1>» Back to newsletter</1><2/> SHARE WITH A FRIEND:"],
        glossary))
    assert question == "¿Es bien?"
    assert "Boletín" in title and "OEA" in title
    assert "boletín</1><2/>" in footer and "newsletter" not in footer


def test_pseudo_is_not_post_edited():
    assert make_engine("pseudo", "en", "es").translate(["Is it?"])[0].text == "Íš íŧ?"


def test_post_editing_rules_key_the_cache(apertium):
    assert apertium.key.endswith(" postedit 1")
    assert "postedit" not in make_engine("pseudo", "en", "es").key
