"""The data model: an entry's state, counts, and a catalog's views of its entries."""

from __future__ import annotations

import pytest

from bulletin_i18n.model import Catalog, Counts, Entry, State, show_percent, text_hash


def test_state_of_an_entry():
    assert Entry("a").state is State.UNTRANSLATED
    assert Entry("a", "b").state is State.TRANSLATED
    assert Entry("a", "b", flags=["fuzzy"]).state is State.FUZZY
    assert Entry("a", "b", obsolete=True).state is State.OBSOLETE
    plural = Entry("one file", msgid_plural="{n} files", msgstr_plural={0: "un archivo", 1: ""})
    assert plural.state is State.UNTRANSLATED
    plural.msgstr_plural[1] = "{n} archivos"
    assert plural.state is State.TRANSLATED


def test_a_catalog_counts_and_finds_by_context_and_text():
    catalog = Catalog([Entry("a", "x"), Entry("b"), Entry("c", "y", flags=["fuzzy"]), Entry("d", "z", obsolete=True),
                       Entry("a", "menú", msgctxt="menu")])
    assert catalog.counts() == Counts(translated=2, fuzzy=1, untranslated=1, obsolete=1)
    assert catalog.find("a").msgstr == "x" and catalog.find("a", "menu").msgstr == "menú"
    assert catalog.find("d") is None  # obsolete
    assert [e.msgid for e in catalog.reviewed()] == ["a", "a"]


def test_counts_add_and_percent():
    total = Counts(3, 1, 0, 2) + Counts(1, 0, 1, 0)
    assert total.as_dict() == {"translated": 4, "fuzzy": 1, "untranslated": 1, "obsolete": 2, "total": 6}
    assert total.percent() == pytest.approx(66.67, abs=0.01)
    assert total.percent(include_fuzzy=True) == pytest.approx(83.33, abs=0.01)
    assert Counts().percent() == 100.0
    assert show_percent(99.96) == "99.9" and show_percent(88.88) == "88.8"


def test_a_line_number_does_not_make_entries_differ():
    assert Entry("a", "b", line=3) == Entry("a", "b", line=40)
    assert text_hash("Hola") == text_hash("Hola") != text_hash("Hola.")
