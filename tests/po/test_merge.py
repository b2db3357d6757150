"""The merge: translators' work kept, changed texts fuzzy, removed ones obsolete."""

from __future__ import annotations

from bulletin_i18n.model import Entry
from bulletin_i18n.po.merge import merge
from bulletin_i18n.tm.memory import Memory
from test_template import template_of


def test_merge_keeps_translations_and_marks_changes():
    old_pot = template_of(b"<p>Same text here.</p><p>The red car is fast.</p><p>Removed paragraph.</p>")
    old, _ = merge(None, old_pot, "es")
    for entry, text in zip(old, ["Mismo texto aquí.", "El coche rojo es rápido.", "Párrafo quitado."]):
        entry.msgstr = text
    old[0].translator_comment = "checked by Ana"
    new_pot = template_of(b"<p>Same text here.</p><p>The red car is very fast.</p><p>Brand new one.</p>")
    po, changes = merge(old, new_pot, "es")
    same, changed, new = po[0], po[1], po[2]
    assert (same.msgstr, same.translator_comment, same.fuzzy) == ("Mismo texto aquí.", "checked by Ana", False)
    assert changed.fuzzy and changed.msgstr == "El coche rojo es rápido."
    assert changed.previous_msgid == "The red car is fast."
    assert new.msgstr == "" and not new.fuzzy
    obsolete = [e for e in po if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in obsolete] == [("Removed paragraph.", "Párrafo quitado.")]
    assert changes.new == ["Brand new one."] and changes.removed == ["Removed paragraph."]
    # the texts come back: so do their translations (the changed one's from its #| msgid, fuzzy)
    again, changes = merge(po, old_pot, "es")
    assert again.find("Removed paragraph.").msgstr == "Párrafo quitado."
    back = again.find("The red car is fast.")
    assert (back.msgstr, back.fuzzy) == ("El coche rojo es rápido.", True)
    assert changes.revived == ["The red car is fast.", "Removed paragraph."]
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
    assert [p.origin for p in exact.provenance] == ["locales/es/other.po"]
    assert similar.provenance[0].similarity == 99.0  # as the file says it: "(99% similar)"
    assert similar.fuzzy and similar.previous_msgid == "Subscribe to our newsletter today"
    assert changes.from_memory == ["Forward this bulletin", "Subscribe to our newsletters today"]


def test_an_edited_text_added_back_beside_its_edit_takes_its_translation():
    old_pot = template_of(b"<p>Hello everyone.</p>")
    first, _ = merge(None, old_pot, "es")
    first[0].msgstr = "Hola a todos."
    edited, _ = merge(first, template_of(b"<p>Hello everyone!</p>"), "es")
    assert (edited[0].msgstr, edited[0].previous_msgid) == ("Hola a todos.", "Hello everyone.")
    both, changes = merge(edited, template_of(b"<p>Hello everyone.</p><p>Hello everyone!</p>"), "es")
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in both] == [
        ("Hello everyone.", "Hola a todos.", True), ("Hello everyone!", "Hola a todos.", True)]
    assert changes.new == []


def test_a_message_in_a_context_is_another_message():
    pot = template_of(b"<p>Open</p>")
    old, _ = merge(None, pot, "es")
    old[0].msgstr = "Abrir"
    old.append(Entry("Open", "Abierto", msgctxt="sign"))  # a translator's own entry, in a context
    po, changes = merge(old, pot, "es")
    assert [(e.msgctxt, e.msgid, e.msgstr, e.fuzzy, e.obsolete) for e in po] == [
        (None, "Open", "Abrir", False, False), ("sign", "Open", "Abierto", False, True)]
    assert changes.removed == ["Open"]  # the one in the context: kept as obsolete


def test_a_plural_entry_is_never_dropped():
    pot = template_of(b"<p>Hello</p>")
    old, _ = merge(None, pot, "es")
    old.append(Entry("{n} file", msgid_plural="{n} files", msgstr_plural={0: "{n} archivo", 1: "{n} archivos"}))
    po, _ = merge(old, pot, "es")
    [kept] = [e for e in po if e.obsolete]
    assert (kept.msgid_plural, kept.msgstr_plural) == ("{n} files", {0: "{n} archivo", 1: "{n} archivos"})


def test_an_unreviewed_memory_pair_fills_as_fuzzy_only():
    memory = Memory()
    memory.add("Forward this bulletin", "Reenviar este boletín", "memory/aligned-old.tmx", reviewed=False)
    memory.add("Subscribe to our newsletter today", "Suscríbase hoy a nuestro boletín", "memory/aligned-old.tmx",
               reviewed=False)
    memory.add("Read more", "Leer más", "locales/es/other.po")
    pot = template_of(b"<p>Forward this bulletin</p><p>Subscribe to our newsletters today</p><p>Read more</p>")
    po, changes = merge(None, pot, "es", memory=lambda m: memory.lookup(m, 75))
    exact, similar, reviewed = po[0], po[1], po[2]
    assert exact.msgstr == "Reenviar este boletín" and exact.fuzzy and exact.previous_msgid is None
    assert exact.provenance[0].reviewed is False and exact.provenance[0].similarity is None
    assert similar.fuzzy and similar.provenance[0].reviewed is False
    assert reviewed.msgstr == "Leer más" and not reviewed.fuzzy and reviewed.provenance[0].reviewed
    assert len(changes.from_memory) == 3
    # pretranslate's exact lookup fills as reviewed: it is not given unreviewed pairs
    assert memory("Forward this bulletin") is None
    assert memory("Read more") == ("Leer más", "locales/es/other.po")


def test_a_similar_hit_differing_in_placeables_is_updated_says_so_and_stays_fuzzy():
    memory = Memory()
    memory.add("FSFE Newsletter - June 2018", "Boletín de la FSFE - junio de 2018", "locales/es/nl-201806.po")
    memory.add("Read the report of 2014", "Lea el informe de 2014", "locales/es/other.po")
    pot = template_of(b"<p>FSFE Newsletter - October 2011</p><p>Read the reports of 2015</p>")
    po, _ = merge(None, pot, "es", memory=lambda m: memory.lookup(m, 75))
    dated, other = po[0], po[1]
    assert dated.msgstr == "Boletín de la FSFE - octubre de 2011"
    assert dated.fuzzy and dated.previous_msgid == "FSFE Newsletter - June 2018"
    assert dated.provenance[0].updated and dated.provenance[0].similarity is not None
    # a word differs too ("reports"): the hit is given as it is
    assert other.msgstr == "Lea el informe de 2014" and other.fuzzy and not other.provenance[0].updated
