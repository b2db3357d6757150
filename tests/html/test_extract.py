"""Extraction: which text becomes a message, and how it reads."""

from __future__ import annotations

import html

import pytest

from bulletin_i18n.html.extract import extract_segments
from bulletin_i18n.html.page import parse_page, read_page
from conftest import CORPUS, FIXTURES, SAMPLE, SAMPLE_1252


def comment(segment) -> str:
    """What translators read of a segment's placeholders."""
    return "\n".join(f"{p.token} = {p.description}" for p in segment.placeholders)


def messages(path):
    return [(s.attribute, s.msgid) for s in extract_segments(read_page(path).root)]


def test_sample_blocks_inline_markup_and_attributes():
    segs = extract_segments(read_page(SAMPLE).root)
    by_msgid = {s.msgid: s for s in segs}
    # inline markup is placeholders, no attribute in any message
    lead = next(s for s in segs if s.msgid.startswith("The authorities responsible"))
    assert "(<1>MSMEs</1>)" in lead.msgid and "<3>IV Inter-American Dialogue" in lead.msgid
    assert all("href" not in s.msgid and "http" not in s.msgid for s in segs)
    assert '<3> = <a href="http://www.oas.org/en/sedi/desd/msme/dialogue4.asp">' in comment(lead)
    assert '<2> = <abbr title="Organization of American States">' in comment(lead)
    # attributes are entries of their own
    attrs = {(s.attribute, s.msgid) for s in segs if s.attribute}
    assert ("title", "Organization of American States") in attrs
    assert ("alt", "José Miguel Insulza") in attrs
    assert ("placeholder", "Your friend's e-mail address") in attrs
    assert ("value", "Send") in attrs
    assert ("content", "SEDI News - MSME Regional Dialogue Boosts Cooperation") in attrs
    assert "SEDI News | April 2015" in by_msgid  # <title>
    # translate="no" and lang="es" are never extracted
    assert not any("Versión" in s.msgid for s in segs)
    assert not any(s.msgid in ("Reconocimiento", "IV Diálogo MIPYMEs") for s in segs)
    videos = next(s for s in segs if s.msgid.endswith("Importance</1> from <2/> on <3/>."))
    assert "'Vimeo' (not translated)" in comment(videos)
    # entities are characters; an image at the start of a paragraph stays outside
    assert any(s.msgid.startswith("At the inauguration, the Secretary General") for s in segs)
    assert "© 2015 Organization of American States. 17th Street & Constitution Ave., N.W., " \
           "Washington, D.C. 20006, USA. All rights reserved." in by_msgid
    # script, style and comments give nothing
    assert not any("_gaq" in s.msgid or "border-collapse" in s.msgid or "masthead" in s.msgid for s in segs)


def test_source_lines_point_at_the_text():
    segs = extract_segments(read_page(SAMPLE).root)
    lines = [html.unescape(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    for segment in segs:
        if not segment.attribute:
            first_word = segment.msgid.split("<")[0].split()[:1] or [""]
            assert first_word[0] in lines[segment.line - 1] or segment.msgid.startswith("<"), segment
    share = next(s for s in segs if s.msgid == "<1>» Back to newsletter</1><2/> SHARE WITH A FRIEND:")
    assert share.line == 90


def test_edge_cases():
    msgs = messages(FIXTURES / "edge-cases.html")
    texts = [m for _, m in msgs]
    assert "Loose text in a div <1>with bold</1> and more." in texts
    assert "Price\u00a0list for 2015:\u00a0ten items." in texts  # no-break spaces stay
    assert "Text with <1/> a comment inside." in texts
    assert "but this tagline translates" in texts  # translate="yes" re-enables
    assert not any("Brand name" in t or "Not this one" in t or "español" in t for t in texts)
    assert "Hello <1/>, your order <2/> is ready." in texts  # merge tags protected
    assert "Literal <1/> in text is kept." in texts
    assert "Read <1><2>the full</2> report</1> now.<3/>Second line here." in texts
    assert "2015" not in texts and "»" not in texts
    assert ("aria-label", "Name") in msgs and ("value", "Subscribe now") in msgs
    assert {"Press here", "First choice", "Your label", "Cell text"} <= set(texts)
    assert ("content", "cooperation, development") in msgs
    assert not any("not text" in t for t in texts)


def test_inline_element_holding_a_block_is_a_container():
    page = parse_page(b"<html><body><a href='/x'><div>Block in link</div></a>"
                      b"<span><p>Para in span</p> tail text</span></body></html>")
    texts = [s.msgid for s in extract_segments(page.root)]
    assert texts == ["Block in link", "Para in span", "tail text"]


def test_legacy_encoding_gives_the_same_messages():
    page = read_page(SAMPLE_1252)
    assert page.encoding == "cp1252"
    assert messages(SAMPLE_1252) == messages(SAMPLE)


def test_bom_and_undeclared_latin1():
    assert parse_page("\ufeff<p>Caf\u00e9 ol\u00e9</p>".encode("utf-8")).encoding == "utf-8"
    page = parse_page("<p>Caf\u00e9 \u201cquoted\u201d</p>".encode("cp1252"))
    assert [s.msgid for s in extract_segments(page.root)] == ["Caf\u00e9 \u201cquoted\u201d"]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_pages_extract(path):
    segs = extract_segments(read_page(path).root)
    assert segs, "a newsletter template has text to translate"
    for segment in segs:
        assert segment.msgid == segment.msgid.strip()
        assert "  " not in segment.msgid and "\n" not in segment.msgid
        assert "<!--" not in segment.msgid and "mso" not in segment.msgid.lower()


def test_preformatted_text_keeps_its_lines():
    page = parse_page(b"<html><body><pre>\n  Line one\n    <b>indented</b> two\n</pre></body></html>")
    [segment] = extract_segments(page.root)
    assert segment.msgid == "Line one\n    <1>indented</1> two"


def test_control_characters_a_page_cannot_carry_are_read_away():
    page = parse_page(b"<html><body>\n<pre>Line one\x0bcontinued</pre>\n<p>Bell\x07 and esc\x1b here</p>"
                      b"\n<p title='a\x00b'>Form\x0cfeed</p></body></html>")
    assert [s.msgid for s in extract_segments(page.root)] == [
        "Line one continued", "Bell and esc here", "ab", "Form feed"]
    assert page.warnings == [(2, "5 control characters (first U+000B) that a page cannot carry: "
                                 "vertical tabs and form feeds read as spaces, the others dropped")]
