"""Language codes, and what the tool keeps of Babel's (CLDR's) data for common languages."""

from __future__ import annotations

import datetime
import subprocess
import sys

import pytest
from babel import Locale
from babel.dates import format_skeleton, get_month_names

from bulletin_i18n import languages
from bulletin_i18n.languages import language_name, month_names, month_year, primary_language, same_language


def test_codes_are_compared_by_their_primary_language():
    assert primary_language("es-MX") == primary_language("es_419") == "es"
    assert same_language("es", "ES-es") and not same_language("es", "en")


@pytest.mark.parametrize("lang", sorted(languages._CLDR))
def test_the_committed_calendar_and_names_are_babels(lang):
    """The table spares a run Babel's import and locale data; it must say what Babel says."""
    assert languages._CLDR[lang] == languages.cldr_from_babel(lang)
    assert month_names(lang) == dict(get_month_names("wide", locale=lang))
    for year in (1999, 2015, 2026):
        for month in range(1, 13):
            assert month_year(year, month, lang) == format_skeleton("yMMMM", datetime.date(year, month, 1), locale=lang)
    assert language_name(lang) == Locale.parse(lang).get_display_name(lang)


def test_other_languages_ask_babel():
    assert month_year(2015, 4, "es_MX") == format_skeleton("yMMMM", datetime.date(2015, 4, 1), locale="es_MX")
    assert month_names("nl")[4] == "april" and language_name("nl") == "Nederlands"
    assert language_name("xx-unknown") == "xx-unknown"
    assert month_year(2015, 4, "es") == "abril de 2015" and language_name("es-ES") == "español (España)"


def test_the_common_languages_are_written_without_reading_babel():
    script = ("import sys\nfrom bulletin_i18n.languages import language_name, month_names, month_year\n"
              "print(month_year(2015, 4, 'es'), month_names('en')[4], language_name('es'), 'babel' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["abril", "de", "2015", "April", "español", "False"]
