"""The review page's pieces: statuses, placeholders and word diffs shown to reviewers."""

from __future__ import annotations

from lxml import html as lxml_html

from bulletin_i18n.model import Entry, Provenance
from bulletin_i18n.review.html import E, render_message, word_diff
from bulletin_i18n.review.pages import entry_status


def test_entry_status():
    machine = Provenance(Provenance.MACHINE, engine="pseudo", version="1", hash="0123456789")
    memory = Provenance(Provenance.MEMORY, origin="locales/es/other.po")
    assert entry_status(Entry("a", "b")) == "reviewed"
    assert entry_status(Entry("a", "b"), findings=True) == "findings"
    assert entry_status(Entry("a", "b"), not_used=True, findings=True) == "not-used"
    assert entry_status(Entry("a", "b", flags=["fuzzy"], provenance=[machine])) == "machine"
    assert entry_status(Entry("a", "b", flags=["fuzzy"], provenance=[machine]), not_used=True) == "machine"
    assert entry_status(Entry("a", "b", flags=["fuzzy"], provenance=[memory])) == "memory"
    assert entry_status(Entry("a", "b", flags=["fuzzy"], provenance=[machine, memory])) == "memory"  # the latest
    assert entry_status(Entry("a", "b", flags=["fuzzy"])) == "fuzzy"
    assert entry_status(Entry("a", "")) == "untranslated"
    assert entry_status(None) == "untranslated"


def shown(children) -> str:
    return lxml_html.tostring(E.div(*children), encoding="unicode")


def test_placeholders_as_escaped_markers():
    assert shown(render_message("<b> & <1>more</1><2/>", {1: '<a href="x">'})) == (
        '<div>&lt;b&gt; &amp; <span class="ph" title=\'&lt;a href="x"&gt;\'>‹1›</span>more'
        '<span class="ph" title=\'&lt;a href="x"&gt;\'>‹/1›</span><span class="ph" title="">‹2/›</span></div>')


def test_word_diff_marks_the_words_that_changed():
    old = "The <1>red</1> car of 2014 & more"
    new = "The <1>blue</1> car of 2015 & more"
    assert shown(word_diff(old, new, {1: "<b>"})) == (
        '<div>The <span class="ph" title="&lt;b&gt;">‹1›</span><del>red</del><ins>blue</ins>'
        '<span class="ph" title="&lt;b&gt;">‹/1›</span> car of <del>2014</del><ins>2015</ins> &amp; more</div>')
    # a placeholder added is an insertion like a word
    assert shown(word_diff("Read this", "Read <2/> this", {})) == (
        '<div>Read <ins><span class="ph" title="">‹2/›</span> </ins>this</div>')
    assert shown(word_diff("same", "same", {})) == "<div>same</div>"


def test_a_control_character_shows_as_a_marker():
    """A translation may hold a character a page cannot carry (the build refuses it):
    its review page shows it, it does not stop."""
    assert shown(render_message("Env\x1bíe<1>x\x0b</1>", {1: "<b>"})) == (
        '<div>Env<span class="ph" title="a control character">‹U+001B›</span>íe'
        '<span class="ph" title="&lt;b&gt;">‹1›</span>x<span class="ph" title="a control character">‹U+000B›</span>'
        '<span class="ph" title="&lt;b&gt;">‹/1›</span></div>')
    assert shown(word_diff("Send\x07 it", "Send it", {})) == (
        '<div><del>Send<span class="ph" title="a control character">‹U+0007›</span></del><ins>Send</ins> it</div>')
