"""Catalogs: templates, merge rules, and files that gettext tools accept."""

from __future__ import annotations

import polib
import pytest

from bulletin_i18n.catalog import make_template, merge, read_catalog, write_catalog
from bulletin_i18n.config import load_settings
from bulletin_i18n.errors import InputError
from bulletin_i18n.extract import extract_segments
from bulletin_i18n.glossary import load_glossary
from bulletin_i18n.htmlio import parse_page
from bulletin_i18n.memory import Memory
from bulletin_i18n.project import load_bulletin, update_catalogs
from conftest import GLOSSARY, msgfmt_check


def template_of(html: bytes, ref="source/x.html"):
    return make_template(extract_segments(parse_page(html).root), ref)


def test_sample_catalogs_pass_msgfmt_and_carry_references(project):
    settings = load_settings(project)
    bulletin = load_bulletin(settings, project / "source" / "sedi-2015-04.html")
    update_catalogs(settings, bulletin, glossary=load_glossary(GLOSSARY))
    pot, po = settings.template_path("sedi-2015-04"), settings.catalog_path("sedi-2015-04", "es")
    msgfmt_check(pot)
    msgfmt_check(po)
    catalog = polib.pofile(str(po))
    assert catalog.metadata["Language"] == "es"
    assert catalog.metadata["Plural-Forms"].startswith("nplurals=")
    dialogue = catalog.find("IV MSMEs Dialogue")
    assert dialogue.occurrences == [("source/sedi-2015-04.html", "50"), ("source/sedi-2015-04.html", "51")]
    lead = next(e for e in catalog if e.msgid.startswith("The authorities responsible"))
    assert "Glossary: " in lead.comment and "MSMEs = MIPYMES" in lead.comment and "OAS = OEA" in lead.comment
    assert "Element: tr > td > p" in lead.comment


def test_identical_text_is_one_entry():
    pot = template_of(b"<p>Read more</p><div><p>Read more</p></div>")
    assert [e.msgid for e in pot] == ["Read more"]
    assert [line for _, line in pot[0].occurrences] == ["1"]


def test_merge_keeps_translations_and_marks_changes():
    old_pot = template_of(b"<p>Same text here.</p><p>The red car is fast.</p><p>Removed paragraph.</p>")
    old, _ = merge(None, old_pot, "es")
    for entry, text in zip(old, ["Mismo texto aquí.", "El coche rojo es rápido.", "Párrafo quitado."]):
        entry.msgstr = text
    old[0].tcomment = "checked by Ana"
    new_pot = template_of(b"<p>Same text here.</p><p>The red car is very fast.</p><p>Brand new one.</p>")
    po, changes = merge(old, new_pot, "es")
    same, changed, new = po[0], po[1], po[2]
    assert (same.msgstr, same.tcomment, same.fuzzy) == ("Mismo texto aquí.", "checked by Ana", False)
    assert changed.fuzzy and changed.msgstr == "El coche rojo es rápido."
    assert changed.previous_msgid == "The red car is fast."
    assert new.msgstr == "" and not new.fuzzy
    obsolete = [e for e in po if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in obsolete] == [("Removed paragraph.", "Párrafo quitado.")]
    assert changes.new == ["Brand new one."] and changes.removed == ["Removed paragraph."]
    # the text comes back: so does its translation
    again, changes = merge(po, old_pot, "es")
    assert again.find("Removed paragraph.").msgstr == "Párrafo quitado."
    assert changes.revived == ["Removed paragraph."]
    purged, _ = merge(po, new_pot, "es", purge_obsolete=True)
    assert not [e for e in purged if e.obsolete]


def test_memory_fills_from_other_bulletins():
    memory = Memory()
    memory.add("Forward this bulletin", "Reenviar este boletín", "locales/es/other.po")
    memory.add("Subscribe to our newsletter today", "Suscríbase hoy a nuestro boletín", "locales/es/other.po")
    pot = template_of(b"<p>Forward this bulletin</p><p>Subscribe to our newsletters today</p><p>New</p>")
    po, changes = merge(None, pot, "es", memory=lambda m: memory.lookup(m, 75, exclude="locales/es/x.po"))
    exact, similar = po[0], po[1]
    assert exact.msgstr == "Reenviar este boletín" and not exact.fuzzy
    assert "From memory: locales/es/other.po" in exact.comment
    assert similar.fuzzy and similar.previous_msgid == "Subscribe to our newsletter today"
    assert changes.from_memory == ["Forward this bulletin", "Subscribe to our newsletters today"]


def test_syntax_error_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.po"
    bad.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "One"\nmsgstr "Uno"\n\nmsgid "Two\nmsgstr "Dos"\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_catalog(bad)
    assert str(err.value).startswith(f"{bad}:8: invalid catalog: msgid must be followed by one quoted string")


def test_write_is_stable_and_dates_move_only_with_content(tmp_path):
    pot = template_of(b"<p>Hello there.</p><p>" + b"A long paragraph of text. " * 8 + b"</p>")
    po, _ = merge(None, pot, "es")
    path = tmp_path / "es.po"
    assert write_catalog(po, path)
    first = path.read_bytes()
    stamp = read_catalog(path).metadata["PO-Revision-Date"]
    # same content: not written again
    again, _ = merge(read_catalog(path), pot, "es")
    assert not write_catalog(again, path, old=read_catalog(path))
    assert path.read_bytes() == first
    # a translator's editor wrapped the lines its own way: layout normalised, date kept
    rewrapped = read_catalog(path)
    rewrapped.wrapwidth = 40
    rewrapped.metadata["PO-Revision-Date"] = "2015-04-30 10:00-0400"
    rewrapped.save(str(path))
    assert path.read_bytes() != first
    old = read_catalog(path)
    again, _ = merge(old, pot, "es")
    assert write_catalog(again, path, old=old)
    assert read_catalog(path).metadata["PO-Revision-Date"] == "2015-04-30 10:00-0400"
    assert path.read_bytes() == first.replace(stamp.encode(), b"2015-04-30 10:00-0400")
    # a new translation: the date moves
    old = read_catalog(path)
    again, _ = merge(old, pot, "es")
    again[0].msgstr = "Hola."
    assert write_catalog(again, path, old=old)
    assert read_catalog(path)[0].msgstr == "Hola."
    assert read_catalog(path).metadata["PO-Revision-Date"] != "2015-04-30 10:00-0400"


@pytest.mark.parametrize("text, line, why", [
    ('msgid "One"\nmsgstr "Uno"\n\nmsgid "Two"\n\nmsgid "Three"\nmsgstr "Tres"\n', 4, "msgid without a msgstr"),
    ('msgid "One"\nmsgstr "Uno"\n\nmsgid "Two"\n', 4, "msgid without a msgstr"),
    ('msgid "One"\nmsgstr "Uno"\n\nmsgstr "Dos"\n', 4, "msgstr without a msgid before it"),
    ('msgid "One"\nmsgstr "Uno"\n\nmsgid ""\n"One"\nmsgstr "Otra"\n', 4,
     "duplicate message: the same msgid is at line 4"),
    ('msgid "One"\nmsgstr "Uno"\n"Dos\n', 3, "unterminated or malformed string"),
])
def test_lint_catches_what_polib_lets_through(tmp_path, text, line, why):
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_catalog(path)
    assert str(err.value) == f"{path}:{line + 3}: invalid catalog: {why}"


def test_catalog_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "bom.po"
    path.write_text('\ufeffmsgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "One"\nmsgstr "Uno"\n', encoding="utf-8")
    assert read_catalog(path).find("One").msgstr == "Uno"
