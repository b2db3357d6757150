"""The review page's pieces: statuses, and placeholders shown to reviewers."""

from __future__ import annotations

from bulletin_i18n.model import Entry, Provenance
from bulletin_i18n.review.html import render_message
from bulletin_i18n.review.pages import entry_status


def test_entry_status():
    machine = Provenance(Provenance.MACHINE, engine="pseudo", version="1", hash="0123456789")
    memory = Provenance(Provenance.MEMORY, origin="locales/es/other.po")
    assert entry_status(Entry("a", "b")) == "reviewed"
    assert entry_status(Entry("a", "b", flags=["fuzzy"], provenance=[machine])) == "machine"
    assert entry_status(Entry("a", "b", flags=["fuzzy"], provenance=[memory])) == "memory"
    assert entry_status(Entry("a", "b", flags=["fuzzy"], provenance=[machine, memory])) == "memory"  # the latest
    assert entry_status(Entry("a", "b", flags=["fuzzy"])) == "fuzzy"
    assert entry_status(Entry("a", "")) == "untranslated"
    assert entry_status(None) == "untranslated"


def test_placeholders_as_escaped_markers():
    shown = render_message("<b> & <1>more</1><2/>", {1: '<a href="x">'})
    assert shown == ('&lt;b&gt; &amp; <span class="ph" title="&lt;a href=&quot;x&quot;&gt;">‹1›</span>more'
                     '<span class="ph" title="&lt;a href=&quot;x&quot;&gt;">‹/1›</span><span class="ph" title="">‹2/›</span>')
