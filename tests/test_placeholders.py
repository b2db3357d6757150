"""The placeholder syntax every stage shares: tokens, parse, compare, strip."""

from __future__ import annotations

import pytest

from bulletin_i18n import placeholders as ph


def test_tokens_walk_every_placeholder_in_order():
    found = [(t.start, t.number, t.role, t.malformed) for t in ph.tokens("a <1>b <2/></1> </3/> <4>")]
    assert found == [(2, 1, ph.OPEN, False), (7, 2, ph.SELF, False), (11, 1, ph.CLOSE, False),
                     (16, 3, ph.CLOSE, True), (22, 4, ph.OPEN, False)]
    assert [ph.token_text(t.number, t.role) for t in ph.tokens("<1>x</1><2/>")] == ["<1>", "</1>", "<2/>"]


@pytest.mark.parametrize("message", [
    "plain", "<1>a</1>", "x <1>a <2>b</2> <3/></1> y", "<2/><1></1>", "Price: 3 < 4 > 2",
])
def test_parse_and_render_are_inverse(message):
    assert ph.render(ph.parse(message)) == message


def test_signature_gives_each_number_its_kind():
    assert ph.signature("<1>a <2/></1> <3>b</3>") == {1: ph.PAIRED, 2: ph.ATOMIC, 3: ph.PAIRED}


@pytest.mark.parametrize("translation, found", [
    ("El coche <1>rojo</1><2/>", []),  # the source's placeholders, any order
    ("<2/><1>rojo</1> coche", []),
    ("El coche rojo<2/>", ["missing placeholder <1>…</1>"]),
    ("<1>rojo</1><2/><3/>", ["extra placeholder <3/>"]),
    ("<1/>rojo<2/>", ["placeholder 1 must be <1>…</1>, not <1/>"]),
    ("<1>rojo<2/>", ["placeholder <1> is never closed"]),
    ("<1>rojo</2><2/>", ["unbalanced placeholder </2> (expected </1>)"]),
    ("<1>a</1><1>b</1><2/>", ["placeholder <1> used twice"]),
    ("<1>a</1></2/>", ["malformed placeholder </2/>"]),
])
def test_problems_against_the_source(translation, found):
    assert ph.problems("The <1>red</1> car<2/>", translation) == found


def test_strip_and_words():
    assert ph.strip("Read <1>more</1> <2/>here", atomic="·") == "Read more ·here"
    assert ph.has_words("<1>»</1> <2/> 2015") is False
    assert ph.has_words("<1>Más</1>") is True


def test_urls_in_text_not_in_placeholders():
    text = "Write to sedi@oas.org or see www.oas.org/en/sedi/, then http://x.org/a?b=1."
    assert [url for _, _, url in ph.urls_in(text)] == ["sedi@oas.org", "www.oas.org/en/sedi/", "http://x.org/a?b=1"]


def test_controls_a_page_cannot_carry():
    assert ph.CONTROLS.findall("tab\tline\nret\rvt\x0bnul\x00esc\x1bok") == ["\x0b", "\x00", "\x1b"]
