"""The quality rules of check, one entry at a time."""

from __future__ import annotations

import pytest

from bulletin_i18n.glossary import load_glossary
from bulletin_i18n.model import Entry
from bulletin_i18n.qa.context import RuleContext, word_count
from bulletin_i18n.qa.rules import RULES
from bulletin_i18n.qa.runner import entry_problems
from conftest import GLOSSARY
from sample_texts import QUESTION, QUESTION_ES, URL, URL_ES


def test_word_count_ignores_placeholders_and_symbols():
    assert word_count("<1>»Back</1> ۩ <2>SEDI</2>") == 2
    assert word_count("<1>IV Inter-American Dialogue</1> from <2/> on <3/>.") == 5


# -- quality rules, one entry at a time -----------------------------------------------


@pytest.fixture(scope="module")
def context():
    return RuleContext("en", "es", load_glossary(GLOSSARY), {"http://www.oas.org/en/": "http://www.oas.org/es/"})


def problems(context, msgid, msgstr, rule):
    return [message for _, message in entry_problems(Entry(msgid, msgstr), (rule,), context)]


@pytest.mark.parametrize("msgid, msgstr", [
    ("representing 99% of businesses", "que representan el 99 % de las empresas"),
    ("$19 million in sales", "19 millones de dólares en ventas"),
    ("$19 million in sales", "19.000.000 de dólares en ventas"),
    ("$2 billion in sales", "2 mil millones de dólares en ventas"),
    ("3,197 clients", "3197 clientes"),
    ("3,197 clients", "3,197 clientes"),  # the English format kept: the same value
    ("5,830 jobs", "5\u00a0830 empleos"),
    ("held April 16-17", "celebrado del 16 al 17 de abril"),
    ("17th Street, the fourth time, in 2017.", "calle 17, la cuarta vez, en 2017."),
    ("a 2.5 percent rise", "un aumento del 2,5 por ciento"),
    ("See <1>2015</1> report", "Vea el informe <1>2015</1>"),
])
def test_numbers_accepted(context, msgid, msgstr):
    assert problems(context, msgid, msgstr, "numbers") == []


@pytest.mark.parametrize("msgid, msgstr, message", [
    ("3,197 clients", "3,179 clientes", "number 3,197 is missing or changed"),
    ("1,500 jobs", "1,5 empleos", "number 1,500 is missing or changed"),  # 1,5 is 1.5 in Spanish
    ("$19 million in sales", "9 millones de dólares", "number 19 million is missing or changed"),
    ("held April 16-17", "celebrado el 16 de abril", "number 17 is missing or changed"),
])
def test_numbers_refused(context, msgid, msgstr, message):
    assert problems(context, msgid, msgstr, "numbers") == [message]


def test_urls(context):
    assert problems(context, URL, URL_ES.replace("sedi@oas.org", "sedi@oea.org"), "urls") == [
        "e-mail address sedi@oas.org is missing or changed"]
    assert problems(context, "Visit http://www.oas.org/en/sedi/.", "Visite http://www.oas.org/es/sedi/.", "urls") == []
    assert problems(context, "Visit www.babson.edu/eco.", "Visite www.babson.edu.", "urls") == [
        "URL www.babson.edu/eco is missing or changed"]


def test_glossary_matching(context):
    assert problems(context, "Member States agreed", "Los Estados miembros acordaron", "glossary") == []
    assert problems(context, "the SME sector", "el sector de las PYME", "glossary") == []
    assert problems(context, "two SMEs", "dos PYMEs", "glossary") == []  # plural
    assert problems(context, "the SBDC model", "el modelo SBDC", "glossary") == []  # kept as is
    assert problems(context, "the OAS", "la OÉA", "glossary") == ["glossary: 'OAS' should be translated 'OEA'"]


def test_unchanged(context):
    msgid = "The content will be defined."
    assert problems(context, msgid, msgid, "unchanged") == ["the translation is identical to the source"]
    assert problems(context, "Babson Entrepreneurship Ecosystem Project", "Babson Entrepreneurship Ecosystem Project",
                    "unchanged") == []
    assert problems(context, "Sherry Tross", "Sherry Tross", "unchanged") == []


@pytest.mark.parametrize("msgid, msgstr, message", [
    ("Also in this issue:", "También en este número.", "ends with '.', the source with ':'"),
    ("Is it clear?", "Está claro?", "? without its opening ¿"),
    ("Welcome!", "¡Bienvenidos", "ends with no punctuation, the source with '!'"),
    ("Send ", "Enviar", "trailing whitespace differs from the source"),
    ("the region.", "la  región.", "double space"),
    ("Centers (SBDC).", "Centros (SBDC.", "unbalanced ( )"),
    ("he said “yes”.", "dijo «sí.", "unbalanced quotes"),
])
def test_punctuation(context, msgid, msgstr, message):
    assert problems(context, msgid, msgstr, "punctuation") == [message]


def test_punctuation_accepts_spanish_conventions(context):
    assert problems(context, QUESTION, QUESTION_ES, "punctuation") == []
    assert problems(context, "as a region.”", "como región».", "punctuation") == []


@pytest.mark.parametrize("source, translation", [
    ("Sales reached $1 million in 2014.", "Las ventas alcanzaron un millón de dólares en 2014."),
    ("A loan of $1 billion.", "Un préstamo de mil millones de dólares."),
    ("Apply at http://www.oas.org/form.asp?id=3 today.", "Postule hoy en http://www.oas.org/form.asp?id=3."),
    ("The Secretary General spoke.", "La Secretaria General habló."),
    ("The session opens at 3:30 p.m. with 12,500 delegates.", "La sesión se abre a las 15:30 con 12 500 delegados."),
    ("Support for Small and Medium Enterprises.", "Apoyo a la pequeña y mediana empresa."),
])
def test_good_spanish_raises_no_finding(source, translation, glossary):
    entry = Entry(source, translation)
    context = RuleContext("en", "es", glossary, {})
    assert entry_problems(entry, tuple(RULES), context) == []


def test_other_writings_do_not_hide_a_changed_number(glossary):
    entry = Entry("It opens at 3:30 p.m. with 12,500 delegates.", "Se abre a las 16:30 con 12 600 delegados.")
    context = RuleContext("en", "es", glossary, {})
    assert [message for _, message in entry_problems(entry, tuple(RULES), context)] == [
        "number 3 is missing or changed", "number 12,500 is missing or changed"]


def test_inflection_does_not_hide_a_missing_term(glossary):
    entry = Entry("The Secretary General spoke.", "El Secretariado habló.")
    context = RuleContext("en", "es", glossary, {})
    assert [rule for rule, _ in entry_problems(entry, tuple(RULES), context)] == ["glossary"]


def test_controls(context):
    assert problems(context, "Send", "Envi\x1bar\x00", "controls") == [
        "control character U+001B (control) cannot be written into a page",
        "control character U+0000 (control) cannot be written into a page"]
    assert problems(context, "Line\tone", "Línea\tuna\n", "controls") == []
