"""Reading a page: its encoding, and what a page may be (README, "Limits")."""

from __future__ import annotations

import sys

import pytest

from bulletin_i18n.errors import InputError
from bulletin_i18n.html.apply import apply_translations
from bulletin_i18n.html.editions import localise_segment_dates, mark_segments
from bulletin_i18n.html.page import MAX_DEPTH, MAX_PAGE_BYTES, parse_page, read_page, serialize
from conftest import cli, located_segments

SPANISH = {"Before the boxes.": "Antes de las cajas.", "Deep text.": "Texto profundo.",
           "After the boxes.": "Después de las cajas."}


def nested(depth: int, tag: str = "div") -> bytes:
    """A page with ``depth`` nested ``tag`` elements around a text, and text before and after."""
    return (f"<html><body>\n<p>Before the boxes.</p>\n{f'<{tag}>' * depth}Deep text.{f'</{tag}>' * depth}\n"
            "<p>After the boxes.</p>\n</body></html>\n").encode()


@pytest.mark.parametrize("depth", [254, 300, MAX_DEPTH - 2])
def test_deep_nesting_is_read_whole_into_the_catalog_and_both_editions(depth):
    """libxml2 stops at 255 levels by default, dropping what lies deeper and after."""
    for lookup, texts in ((lambda m: None, list(SPANISH)), (SPANISH.get, list(SPANISH.values()))):
        page = parse_page(nested(depth))
        segments, located = located_segments(page.root)
        assert [s.msgid for s in segments] == list(SPANISH)
        assert apply_translations(segments, located, lookup) == []
        out = serialize(page).decode("utf-8")
        assert [out.index(text) for text in texts] == sorted(out.index(text) for text in texts)
        assert out.count("<div>") == depth and out.count("</div>") == depth


def called_from_deeper(frames: int, function):
    """``function()`` called ``frames`` Python frames below this one."""
    return function() if frames == 0 else called_from_deeper(frames - 1, function)


#: Pages nested to the limit, in the shapes that recurse most: inline elements
#: each with its text (two frames a level in extraction), blocks, table cells.
AT_THE_LIMIT = {
    "inline": b"<html><body><p>" + b"<span>x " * (MAX_DEPTH - 3) + b"deep" + b"</span>" * (MAX_DEPTH - 3) + b"</p>",
    "links": b"<html><body><p>" + b"<a href=x>y <b>x " * ((MAX_DEPTH - 3) // 2) + b"deep</b></a>" * ((MAX_DEPTH - 3) // 2),
    "blocks": b"<html><body>" + b"<div>x " * (MAX_DEPTH - 2) + b"deep" + b"</div>" * (MAX_DEPTH - 2),
    "tables": b"<html><body>" + b"<table><tr><td>x " * ((MAX_DEPTH - 2) // 3) + b"deep",
}


@pytest.mark.parametrize("shape", AT_THE_LIMIT)
def test_pages_nested_to_the_limit_build_with_room_to_spare(shape):
    """Extraction and build recurse per level: at the limit they leave their
    callers 100 frames of Python's default recursion limit."""
    def build():
        page = parse_page(AT_THE_LIMIT[shape] + b"<p>After.</p></body></html>")
        segments, located = located_segments(page.root)
        assert apply_translations(segments, located, lambda m: m.replace("x", "equis")) == []
        localise_segment_dates(segments, located, "es", "en")
        mark_segments(segments, located)
        return segments, serialize(page)

    assert sys.getrecursionlimit() == 1000
    segments, out = called_from_deeper(100, build)
    assert segments[-1].msgid == "After."
    assert out.count(b"equis") == AT_THE_LIMIT[shape].count(b"x ") and b"deep" in out


@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, 600, 5000])
def test_deeper_nesting_is_refused_naming_the_file(depth):
    with pytest.raises(InputError) as raised:
        parse_page(nested(depth), "source/deep.html")
    assert str(raised.value) == (f"source/deep.html:3: elements nested deeper than {MAX_DEPTH} levels: "
                                 "refused, rather than built without what lies deeper")
    assert (raised.value.path, raised.value.line) == ("source/deep.html", 3)


def test_a_page_nested_too_deep_stops_sync_before_anything_is_published(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "deep.html").write_bytes(nested(5000))
    run = cli("-C", tmp_path, "sync", "--no-mt")
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"bulletin-i18n: error: {tmp_path / 'source' / 'deep.html'}:3: elements "
                                       f"nested deeper than {MAX_DEPTH} levels: refused, rather than built without "
                                       "what lies deeper"]
    assert not (tmp_path / "output").exists() and not (tmp_path / "locales").exists()


CAFE = "<p>Caf\u00e9 ol\u00e9 &amp; more</p>"


@pytest.mark.parametrize("head, encoding", [
    # a page without a byte-order mark is never UTF-16: browsers read such a declaration as UTF-8
    ('<meta charset="utf-16">', "utf-8"),
    ('<meta charset="UTF-16LE">', "utf-8"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=utf-16be">', "utf-8"),
    # only the attribute named charset counts, whatever comes before or after it
    ('<meta data-charset="windows-1252" charset="UTF-8">', "utf-8"),
    ('<meta charset="UTF-8" data-charset="windows-1252">', "utf-8"),
    ('<meta charset="UTF-8" charset="koi8-r">', "utf-8"),  # the first of two counts
    # content's charset counts only with http-equiv="content-type"
    ('<meta name="description" content="charset=koi8-r"><meta charset="utf-8">', "utf-8"),
    ('<meta content="text/html; charset=koi8-r">', "utf-8"),
    # a declaration in a comment or in another element's attribute is not one
    ('<!-- <meta charset="koi8-r"> --><title>x</title>', "utf-8"),
    ('<link title=\'<meta charset="koi8-r">\'>', "utf-8"),
    # labels that name no encoding of the web are ignored, as browsers do
    ('<meta charset="utf-32">', "utf-8"),
    ('<meta charset="base64"><meta charset="unicode_escape">', "utf-8"),
])
def test_only_a_declaration_a_browser_reads_decides_the_encoding(head, encoding):
    page = parse_page(f"<html><head>{head}</head><body>{CAFE}</body></html>".encode("utf-8"))
    assert page.encoding == encoding
    assert page.root.find(".//p").text == "Caf\u00e9 ol\u00e9 & more"


@pytest.mark.parametrize("head, encoding", [
    ('<meta charset="windows-1251">', "cp1251"),
    ("<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=\"koi8-r\"'>", "koi8-r"),
    ('<meta charset="latin1">', "cp1252"),  # what browsers read for ISO-8859-1
    ('<meta charset="utf-32"><meta charset="koi8-r">', "koi8-r"),  # an unknown label: the next one counts
])
def test_a_declared_encoding_is_read(head, encoding):
    text = "\u0416\u0443\u0440\u043d\u0430\u043b" if encoding != "cp1252" else "Caf\u00e9"
    page = parse_page(f"<html><head>{head}</head><body><p>{text}</p></body></html>".encode(encoding))
    assert (page.encoding, page.root.find(".//p").text) == (encoding, text)


def sized(size: int) -> bytes:
    """A page of ``size`` bytes: a paragraph, then a comment filling it up."""
    start, end = b"<html><body><p>A paragraph.</p><!--", b"--></body></html>"
    return start + b"x" * (size - len(start) - len(end)) + end


def test_a_page_of_the_largest_size_is_read(tmp_path):
    (tmp_path / "page.html").write_bytes(sized(MAX_PAGE_BYTES))
    page = read_page(tmp_path / "page.html")
    assert [s.msgid for s in located_segments(page.root)[0]] == ["A paragraph."]


@pytest.mark.parametrize("size", [MAX_PAGE_BYTES + 1, 50_000_000])
def test_a_larger_page_is_refused_naming_the_file_and_its_size(tmp_path, size):
    path = tmp_path / "page.html"
    path.write_bytes(sized(size))
    for read in (lambda: read_page(path), lambda: parse_page(path.read_bytes(), path)):
        with pytest.raises(InputError) as raised:
            read()
        assert str(raised.value) == (f"{path}:1: {size:,} bytes ({size / 1e6:.1f} MB), more than the "
                                     f"{MAX_PAGE_BYTES:,} a page may have: refused")


def test_a_page_too_large_stops_sync_before_anything_is_published(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "big.html").write_bytes(sized(MAX_PAGE_BYTES + 1))
    run = cli("-C", tmp_path, "sync", "--no-mt")
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"bulletin-i18n: error: {tmp_path / 'source' / 'big.html'}:1: "
                                       f"{MAX_PAGE_BYTES + 1:,} bytes (5.0 MB), more than the "
                                       f"{MAX_PAGE_BYTES:,} a page may have: refused"]
    assert not (tmp_path / "output").exists() and not (tmp_path / "locales").exists()
