"""The codec: an entry's notes and provenance as comment lines, and back."""

from __future__ import annotations

import polib

from bulletin_i18n.model import Entry, Notes, Placeholder, Provenance
from bulletin_i18n.po.codec import (
    catalog_from_polib, comment_lines, from_polib, read_comment, read_translator_comment, translator_lines,
)

NOTES = [
    "Element: td > p.intro",
    '<1> = <a href="http://www.oas.org/">',
    "<2/> = <br> (line break)",
    "Glossary: OAS = OEA",
    "a note another tool wrote",
]
ORIGINS = [
    "Machine translation: apertium 3.8.3/eng-spa@12345678 [0123456789]",
    "From memory: locales/es/other.po (82% similar)",
    "MT check: placeholders restored by the tool: check their position",
]
LINES = NOTES + ORIGINS  # how earlier versions wrote them, all as extracted comments


def test_comment_lines_read_back_into_the_same_entry():
    notes, provenance, checks = read_comment("\n".join(LINES))
    assert notes == Notes("td > p.intro", None, [Placeholder(1, "paired", '<a href="http://www.oas.org/">'),
                                                   Placeholder(2, "atomic", "<br> (line break)")],
                          [("OAS", "OEA")], ["a note another tool wrote"])
    assert provenance == [
        Provenance("machine", engine="apertium", version="3.8.3/eng-spa@12345678", hash="0123456789"),
        Provenance("memory", origin="locales/es/other.po", similarity=82.0)]
    assert checks == ["placeholders restored by the tool: check their position"]
    entry = Entry("x", notes=notes, provenance=provenance, mt_checks=checks, translator_comment="checked")
    # the page's notes stay extracted comments; the origins go where msgmerge keeps them
    assert comment_lines(entry) == NOTES
    assert translator_lines(entry) == ["checked"] + ORIGINS
    assert read_translator_comment("\n".join(translator_lines(entry))) == ("checked", provenance, checks)


def test_a_catalog_with_provenance_among_extracted_comments_is_marked_for_upgrade():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="x", msgstr="y", comment="\n".join(LINES)))
    old = catalog_from_polib(po)
    po[0].comment, po[0].tcomment = "\n".join(NOTES), "\n".join(ORIGINS)
    new = catalog_from_polib(po)
    assert old.outdated_layout and not new.outdated_layout
    assert old.entries == new.entries  # the same content, read from either place


def test_attribute_notes_and_an_exact_memory_hit():
    notes, provenance, _ = read_comment("Attribute alt of: td > img\nFrom memory: memory/agency.tmx")
    assert (notes.attribute, notes.element) == ("alt", "td > img")
    assert provenance == [Provenance("memory", origin="memory/agency.tmx")]
    entry = Entry("x", notes=notes, provenance=provenance)
    assert (comment_lines(entry), translator_lines(entry)) == (
        ["Attribute alt of: td > img"], ["From memory: memory/agency.tmx"])


def test_a_line_another_writer_wrapped_is_one_line_again(tmp_path):
    long_origin = "From memory: locales/es/a-bulletin-with-a-rather-long-name-from-the-archive/2015-04.po"
    lines = ["Element: td > p", "Glossary: OAS = OEA", long_origin, "a short note"]
    po = polib.POFile(wrapwidth=79)
    po.append(polib.POEntry(msgid="x", msgstr="y", comment="\n".join(lines)))
    po.save(str(tmp_path / "x.po"))  # polib wraps the long line
    saved = polib.pofile(str(tmp_path / "x.po"))[0].comment
    assert len(saved.split("\n")) > len(lines)
    notes, provenance, _ = read_comment(saved)
    assert provenance[0].origin == long_origin.removeprefix("From memory: ")
    assert notes.other == ["a short note"]


def test_polib_entries_map_one_to_one():
    entry = polib.POEntry(msgid="Hello", msgstr="Hola", msgctxt="menu", flags=["fuzzy", "ignore-numbers"],
                          tcomment="checked by Ana", occurrences=[("source/a.html", "3")],
                          previous_msgid="Hello!", comment="Element: p", linenum=12)
    model = from_polib(entry)
    assert (model.key, model.msgstr, model.flags, model.translator_comment) == (
        ("menu", "Hello"), "Hola", ["fuzzy", "ignore-numbers"], "checked by Ana")
    assert (model.references, model.previous_msgid, model.notes.element, model.line) == (
        [("source/a.html", "3")], "Hello!", "p", 12)


def test_an_unreviewed_memory_pair_round_trips_after_its_similarity():
    lines = ["From memory: memory/aligned-weekly.tmx (unreviewed)",
             "From memory: memory/aligned-weekly.tmx (82% similar) (unreviewed)",
             "From memory: archive published/weekly.es.html (unreviewed)"]
    _, provenance, _ = read_comment("\n".join(lines))
    assert provenance == [
        Provenance("memory", origin="memory/aligned-weekly.tmx", reviewed=False),
        Provenance("memory", origin="memory/aligned-weekly.tmx", similarity=82.0, reviewed=False),
        Provenance("memory", origin="archive published/weekly.es.html", reviewed=False)]
    assert translator_lines(Entry("x", provenance=provenance)) == lines
    # a reviewed pair says nothing of it
    assert translator_lines(Entry("x", provenance=[Provenance("memory", origin="memory/a.tmx")])) == [
        "From memory: memory/a.tmx"]


def test_a_memory_hit_with_updated_placeables_round_trips():
    lines = ["From memory: locales/es/nl-201806.po (80% similar) (numbers, dates, names, links updated)",
             "From memory: memory/aligned-weekly.tmx (82% similar) (unreviewed) (numbers, dates, names, links updated)"]
    _, provenance, _ = read_comment("\n".join(lines))
    assert provenance == [
        Provenance("memory", origin="locales/es/nl-201806.po", similarity=80.0, updated=True),
        Provenance("memory", origin="memory/aligned-weekly.tmx", similarity=82.0, reviewed=False, updated=True)]
    assert translator_lines(Entry("x", provenance=provenance)) == lines
