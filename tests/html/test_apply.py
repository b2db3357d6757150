"""Build: translations put back into pages, and the round trip."""

from __future__ import annotations

import re

import pytest
from lxml import html

from bulletin_i18n.html.apply import apply_translations
from bulletin_i18n.html.page import parse_page, read_page, serialize, set_charset_utf8
from conftest import CORPUS, FIXTURES, SAMPLE, SAMPLE_1252, located_segments, structure, visible_words

PAGES = [SAMPLE, SAMPLE_1252, FIXTURES / "edge-cases.html", *CORPUS]


def rebuilt(path, lookup):
    page = read_page(path)
    segments, located = located_segments(page.root)
    rejected = apply_translations(segments, located, lookup)
    return page, parse_page(serialize(page)).root, rejected


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_round_trip_identity(path):
    """msgstr == msgid gives back the source's text, attributes and structure."""
    source = read_page(path).root
    set_charset_utf8(source)  # the one change a build always makes
    _, built, rejected = rebuilt(path, lambda msgid: msgid)
    assert rejected == []
    assert visible_words(built) == visible_words(source)
    assert structure(built) == structure(source)


def test_nbsp_comment_and_conditional_comments_survive():
    page, built, _ = rebuilt(FIXTURES / "edge-cases.html", lambda m: m)
    out = serialize(page).decode("utf-8")
    assert "Price\u00a0list for 2015:\u00a0ten items." in out
    assert "<!-- an editor's note -->" in out
    assert '<!--[if mso]><v:rect fill="true" stroke="false" style="width:600px;">' in out


def test_reordered_and_renested_placeholders():
    page = parse_page(b"<p>Read <a href='/x'><strong>the full</strong> report</a> now.<br>Bye.</p>")
    segments, located = located_segments(page.root)
    translation = "Ahora lea <2>el informe</2> <1>completo</1>.<3/>Adiós."
    assert apply_translations(segments, located, {segments[0].msgid: translation}.get) == []
    p = page.root.find(".//p")
    assert html.tostring(p, encoding="unicode") == \
        '<p>Ahora lea <strong>el informe</strong> <a href="/x">completo</a>.<br>Adiós.</p>'


def test_bad_placeholders_fall_back_to_english():
    page = parse_page(b"<p>Go <a href='/x'>here</a> now.</p><p>Second <b>one</b>.</p>")
    segments, located = located_segments(page.root)
    bad = {segments[0].msgid: "Vaya aquí ahora.", segments[1].msgid: "Segundo <1>uno</2>."}
    rejected = apply_translations(segments, located, bad.get)
    assert [r.reasons for r in rejected] == [["missing placeholder <1>…</1>"],
                                             ["unbalanced placeholder </2> (expected </1>)"]]
    assert "Go <a href=\"/x\">here</a> now." in serialize(page).decode()


def test_markup_typed_by_a_translator_is_text():
    page = parse_page(b"<p>Hello <b>world</b>.</p>")
    segments, located = located_segments(page.root)
    apply_translations(segments, located, lambda m: "Hola <1>mundo</1> <script>alert(1)</script>.")
    out = serialize(page).decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "<script>" not in out


def test_attributes_and_merge_tags_come_back():
    page = parse_page(b"<p title='Greeting'>Hi *|FNAME|*, see <img src='a.png' alt='A chart'> below.</p>")
    segments, located = located_segments(page.root)
    table = {"Greeting": "Saludo", "A chart": "Un gráfico",
             "Hi <1/>, see <2/> below.": "Hola <1/>, vea <2/> abajo."}
    assert apply_translations(segments, located, table.get) == []
    out = serialize(page).decode()
    assert '<p title="Saludo">Hola *|FNAME|*, vea <img src="a.png" alt="Un gráfico"> abajo.</p>' in out


def test_pseudo_translation_leaves_no_english_outside_translate_no():
    from bulletin_i18n.mt import make_engine

    engine = make_engine("pseudo", "en", "es")
    page = read_page(SAMPLE)
    segments, located = located_segments(page.root)
    msgids = sorted({s.msgid for s in segments})
    table = dict(zip(msgids, (r.text if hasattr(r, "text") else r for r in engine.translate(msgids))))
    assert apply_translations(segments, located, table.get) == []
    built = parse_page(serialize(page)).root
    for node in built.xpath('//*[@translate="no"] | //*[@lang="es"] | //script | //style'):
        node.getparent().remove(node) if node.getparent() is not None else None
    english = [w for w in visible_words(built) if re.fullmatch(r"[A-Za-z]{2,}", w)]
    assert english == []
    alts = [v for v in built.xpath("//img/@alt | //@title | //@placeholder") if re.fullmatch(r"[A-Za-z ]+", v)]
    assert alts == []


def test_translate_yes_inside_an_inline_translate_no_is_translated():
    page = parse_page(b'<p>Text <span translate="no">Brand <b translate="yes">tagline here</b></span> more.</p>')
    segments, located = located_segments(page.root)
    assert [s.msgid for s in segments] == ["Text <1/> more.", "tagline here"]
    table = {"Text <1/> more.": "Texto <1/> más.", "tagline here": "lema aquí"}
    assert apply_translations(segments, located, table.get) == []
    assert '<p>Texto <span translate="no">Brand <b translate="yes">lema aquí</b></span> más.</p>' in \
        serialize(page).decode()


def test_a_translation_with_a_control_character_is_not_used():
    page = parse_page(b"<p>Plain text.</p><p>Second one.</p>")
    segments, located = located_segments(page.root)
    rejected = apply_translations(segments, located, {"Plain text.": "Texto\x1b simple.",
                                                      "Second one.": "Segundo."}.get)
    assert [(r.segment.msgid, r.reasons) for r in rejected] == [
        ("Plain text.", ["control character U+001B cannot be written into a page"])]
    assert b"\x1b" not in serialize(page) and b"Segundo." in serialize(page)


#: Elements a browser reads as raw text (no markup, no character references
#: inside): their bytes as the source has them.
RAW_TEXT_SOURCE = {
    "xmp": b"<xmp>a &amp; <b>b</b> &lt; c\n  d</xmp>",
    "iframe": b'<iframe src="map.html">Your browser &amp; <b>frames</b></iframe>',
    "noembed": b"<noembed>No &amp; embed &lt;here&gt;</noembed>",
    "noframes": b"<noframes>No &amp; frames</noframes>",
    "script": b'<script>if (a < b && c) document.write("<p>&amp;</p>");</script>',
}


def test_raw_text_elements_keep_the_source_bytes_in_both_editions():
    source = b"<html><body><p>Intro text.</p>" + b"".join(RAW_TEXT_SOURCE.values()) + b"<p>Last text.</p></body></html>"
    for lookup in (lambda m: None, {"Intro text.": "Texto de entrada.", "Last text.": "Texto final."}.get):
        page = parse_page(source)
        segments, located = located_segments(page.root)
        assert [s.msgid for s in segments] == ["Intro text.", "Last text."]  # raw text is not text to translate
        assert apply_translations(segments, located, lookup) == []
        out = serialize(page)
        for tag, raw in RAW_TEXT_SOURCE.items():
            assert raw in out, tag
        # and the edition reads back as the source did
        again = parse_page(out)
        assert [el.text for el in again.root.iter(*RAW_TEXT_SOURCE)] == \
            [el.text for el in parse_page(source).root.iter(*RAW_TEXT_SOURCE)]


def test_attributes_keep_the_white_space_around_their_text():
    page = parse_page("<p><img src='a.png' alt='\u00a0A chart\u00a0'> <a href='/x' title=' Next page\u00a0'>Next</a></p>"
                      .encode("utf-8"))
    segments, located = located_segments(page.root)
    assert [(s.attribute, s.msgid) for s in segments] == [("alt", "A chart"), ("title", "Next page"), (None, "Next")]
    table = {"A chart": "Un gráfico", "Next page": "Página siguiente", "Next": "Siguiente"}
    assert apply_translations(segments, located, table.get) == []
    assert (page.root.find(".//img").get("alt"), page.root.find(".//a").get("title")) == \
        ("\u00a0Un gráfico\u00a0", " Página siguiente\u00a0")


NOSCRIPT_BREAKOUT = "<!--</noscript><img src=x onerror=alert(document.domain)>--> Mapa"


def test_a_translation_that_would_end_its_noscript_is_not_used():
    """A browser that runs scripts reads a <noscript> as raw text, up to the first
    "</noscript": a translation must not be able to end it (issue 11)."""
    page = parse_page(b"<noscript><img src='map.png' alt='Map' title='Map'><p>Turn on <b>scripts</b> for the map.</p>"
                      b"</noscript><p>Map</p>")
    segments, located = located_segments(page.root)
    assert [(s.attribute, s.msgid) for s in segments] == [
        ("alt", "Map"), ("title", "Map"), (None, "Turn on <1>scripts</1> for the map."), (None, "Map")]
    table = {"Map": NOSCRIPT_BREAKOUT, "Turn on <1>scripts</1> for the map.": "Active <1>los scripts</1></NoScript >."}
    rejected = apply_translations(segments, located, table.get)
    assert [(r.segment.attribute, r.reasons) for r in rejected] == [
        ("alt", ['"</noscript" would end the <noscript> around this text in a browser']),
        ("title", ['"</noscript" would end the <noscript> around this text in a browser']),
        (None, ['"</NoScript" would end the <noscript> around this text in a browser'])]
    out = serialize(page)
    # the English is kept inside the noscript; outside it, the same text is harmless and used
    assert b'<noscript><img src="map.png" alt="Map" title="Map"><p>Turn on <b>scripts</b> for the map.</p></noscript>' in out
    assert b"<p>&lt;!--&lt;/noscript&gt;&lt;img src=x onerror=alert(document.domain)&gt;--&gt; Mapa</p>" in out


def test_angle_brackets_in_attribute_values_are_escaped():
    """libxml2 writes a "<!--...-->" span of an attribute value as it is (a hack for
    server-side includes): inside a <noscript>, which a browser running scripts
    reads as raw text, an attribute holding "<!--</noscript>...-->" (escaped in the
    source, so harmless there) would end it in both editions. Values holding "<"
    or ">" are written escaped, as browsers serialise them since 2025
    (whatwg/html#6362)."""
    source = (b"<noscript><img src='map.png' alt='&lt;!--&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;--&gt;'>"
              b"</noscript><p title='a &lt;!-- b --&gt; &amp; &quot;c&quot;' data-x='&amp;{y}'>Text</p>")
    page = parse_page(source)
    out = serialize(page)
    assert b'alt="&lt;!--&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;--&gt;"' in out
    assert b'title="a &lt;!-- b --&gt; &amp; &quot;c&quot;"' in out
    assert out.lower().count(b"</noscript") == 1
    again = parse_page(out).root
    assert [again.find(".//img").get("alt"), *again.find(".//p").attrib.values()] == \
        ["<!--</noscript><img src=x onerror=alert(1)>-->", 'a <!-- b --> & "c"', "&{y}"]
