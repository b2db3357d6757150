"""Fuzzy memory hits repaired where the two English texts differ only in placeables."""

from __future__ import annotations

import pytest

from bulletin_i18n import placeholders as ph
from bulletin_i18n.tm.repair import repair_placeables


@pytest.mark.parametrize("old_source, old_target, new_source, repaired", [
    # the case: a month name and a year, with Babel's Spanish month names
    ("FSFE Newsletter - June 2018", "Boletín de la FSFE - junio de 2018",
     "FSFE Newsletter - October 2011", "Boletín de la FSFE - octubre de 2011"),
    ("FSFE Newsletter - June 2018", "Boletín de la FSFE - Junio 2018",
     "FSFE Newsletter - October 2011", "Boletín de la FSFE - Octubre 2011"),
    ("Released in Jun 2018", "Publicado en jun. 2018", "Released in Oct 2018", "Publicado en oct. 2018"),
    ("Monday, June 3", "Lunes, 3 de junio", "Friday, July 5", "Viernes, 5 de julio"),
    ("Held on 16-17 April 2015 in Lima", "Celebrado el 16-17 de abril de 2015 en Lima",
     "Held on 3-4 May 2016 in Quito", "Celebrado el 3-4 de mayo de 2016 en Quito"),
    # numbers found by value, written in the translation's own style
    ("We created 3,197 jobs in 2014.", "Creamos 3.197 empleos en 2014.",
     "We created 5,830 jobs in 2015.", "Creamos 5.830 empleos en 2015."),
    ("We created 3,197 jobs.", "Creamos 3197 empleos.", "We created 15,830 jobs.", "Creamos 15830 empleos."),
    ("We created 500 jobs.", "Creamos 500 empleos.", "We created 25,830 jobs.", "Creamos 25.830 empleos."),
    ("We created 500 jobs.", "Creamos 500 empleos.", "We created 1,830 jobs.", "Creamos 1830 empleos."),
    ("Price up 3.5 percent", "Precio un 3,5 por ciento más alto", "Price up 4.25 percent",
     "Precio un 4,25 por ciento más alto"),
    ("Up 99% in 2014", "Un 99 % más en 2014", "Up 12% in 2015", "Un 12 % más en 2015"),
    # links and e-mail addresses, names kept in the translation
    ("Visit <1>http://a.org</1> now", "Visite <1>http://a.org</1> ahora",
     "Visit <1>http://b.org/x</1> now", "Visite <1>http://b.org/x</1> ahora"),
    ("Write to info@a.org today.", "Escriba a info@a.org hoy.", "Write to press@a.org today.",
     "Escriba a press@a.org hoy."),
    ("Minister Insulza spoke.", "El ministro Insulza habló.", "Minister Tross spoke.", "El ministro Tross habló."),
    # placeholders renumbered
    ("The <1>red</1> car <2/>", "El coche <1>rojo</1> <2/>", "The <2>red</2> car <3/>", "El coche <2>rojo</2> <3/>"),
    # two values swapped at once
    ("From 2011 to 2018", "De 2011 a 2018", "From 2018 to 2011", "De 2018 a 2011"),
])
def test_placeables_changed_in_the_translation_as_in_the_english(old_source, old_target, new_source, repaired):
    result = repair_placeables(old_source, old_target, new_source, "es")
    assert result is not None and result.text == repaired
    assert ph.problems(new_source, result.text) == []
    assert result.changes


@pytest.mark.parametrize("old_source, old_target, new_source", [
    ("The red car", "El coche rojo", "The blue car"),  # a word, not a placeable
    ("3 talks on June 3", "3 charlas el 3 de junio", "4 talks on June 3"),  # 3 becomes 3 and 4
    ("Minister Insulza spoke.", "El ministro habló.", "Minister Tross spoke."),  # the name is not there
    ("We met in 2014.", "Nos reunimos en 2014 y 2014.", "We met in 2015."),  # held twice, once in English
    ("The OAS report", "El informe de la OEA", "The IDB report"),  # translated names: not found as written
    ("Same text", "Mismo texto", "Same text"),
])
def test_anything_else_leaves_the_hit_as_it_is(old_source, old_target, new_source):
    assert repair_placeables(old_source, old_target, new_source, "es") is None


def test_month_names_follow_the_target_language():
    result = repair_placeables("Newsletter - June 2018", "Bulletin - juin 2018", "Newsletter - October 2018", "fr")
    assert result is not None and result.text == "Bulletin - octobre 2018"
