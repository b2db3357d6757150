"""Properties of extract -> apply on generated pages (Hypothesis).

* A build with every translation equal to its source text gives back the
  page: the same visible words, attributes, comments, raw text and structure.
* Whatever a catalog holds (control characters, markup, placeholder tricks,
  comment openers, end tags of raw-text elements), the built page holds no
  element, attribute or comment the source did not have, no text can end a
  raw-text element early, and the page is written and read back.

Derandomized, without an example database: CI runs the same examples every
time, and the run writes nothing.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_i18n.html.apply import apply_translations
from bulletin_i18n.html.page import MAX_DEPTH, RAW_TEXT, parse_page, serialize, set_charset_utf8
from conftest import located_segments, structure, visible_words

EXAMPLES = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: What a browser reads as raw text up to the element's end tag (noscript: when it runs scripts).
RAW_TEXT_CONTEXTS = RAW_TEXT | {"noscript"}

# -- pages ------------------------------------------------------------------------

WORDS = ["Read", "the", "report", "Café", "año", "OAS", "MSMEs", "2015", "x", "über", "naïve"]
PIECES = [",", ".", ":", "!", "&amp;", "&lt;", "&gt;", "&nbsp;", "&eacute;", "&#8217;", "&quot;", "'",
          "\u00a0", "*|FNAME|*", "{{ name }}", "%%code%%", "&lt;1&gt;", "&lt;/2&gt;", "&lt;3/&gt;",
          "&lt;!--&lt;/noscript&gt;&lt;b&gt;--&gt;"]  # written escaped in the page: text, not markup
SPACES = [" ", " ", " ", "\n", "  ", "\u00a0", "\n\t"]

words = st.lists(st.sampled_from(WORDS + PIECES), min_size=1, max_size=6)
#: Text as written in the page: words and entities, white space between and around.
text = st.builds(lambda ws, sep, edges: edges[0] + sep.join(ws) + edges[1],
                 words, st.sampled_from([" ", " ", "\n"]), st.tuples(st.sampled_from(SPACES + [""]),
                                                                    st.sampled_from(SPACES + [""])))
#: An attribute value: words with single spaces, any white space around them.
value = st.builds(lambda ws, edges: edges[0] + " ".join(ws) + edges[1], words,
                  st.tuples(st.sampled_from(["", "", " ", "&nbsp;", "\n"]),
                            st.sampled_from(["", "", " ", "&nbsp;", "\u00a0"])))
flags = st.sampled_from(["", "", "", ' translate="no"', ' translate="yes"', ' lang="es"', ' class="notranslate"'])
comment = st.sampled_from(["<!-- an editor's note -->", "<!--[if mso]><v:rect fill='true'><![endif]-->",
                           "<!---->"])


def raw_text(tag: str) -> st.SearchStrategy[str]:
    """What a raw-text element holds as written: markup and references kept as text."""
    pieces = ["a", "&amp;", "<b>b</b>", "&lt;", "<!--", "-->", "]]>", "<p>", "if (a < b && c)", "\n", " ",
              "</", "</x>", "<1>", "%%x%%"]
    return st.lists(st.sampled_from(pieces), max_size=8).map("".join).filter(
        lambda t: f"</{tag}" not in t.lower())


raw_element = st.sampled_from(["xmp", "noembed", "noframes", "iframe", "script", "style"]).flatmap(
    lambda tag: raw_text(tag).map(lambda t: f"<{tag}>{t}</{tag}>"))


atomic = st.one_of(
    st.builds(lambda alt: f'<img src="a.png" alt="{alt}">', value),
    st.just("<br>"),
    st.builds(lambda v: f'<input type="submit" value="{v}">', value),
    st.builds(lambda alt: f'<noscript><img src="map.png" alt="{alt}"></noscript>', value),
    raw_text("iframe").map(lambda t: f'<iframe src="f.html">{t}</iframe>'),
)


def inline(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def element(tag, title, flag, content):
        attributes = (' href="/x"' if tag == "a" else "") + (f' title="{title}"' if title else "") + flag
        return f"<{tag}{attributes}>{content}</{tag}>"

    return st.builds(element, st.sampled_from(["b", "i", "em", "strong", "span", "abbr", "small", "code", "a"]),
                     st.one_of(st.none(), value), flags, children)


#: Inline content: text, inline elements (no link in a link), atomic items, comments.
inline_content = st.recursive(
    st.lists(st.one_of(text, atomic, comment), min_size=1, max_size=4).map("".join),
    lambda inner: st.lists(st.one_of(text, atomic, comment, inline(inner).filter(lambda s: "<a " not in s[3:])),
                           min_size=1, max_size=4).map("".join),
    max_leaves=12,
)


def block(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def element(tag, flag, content):
        if tag == "ul":
            return f"<ul{flag}><li>{content}</li></ul>"
        return f"<{tag}{flag}>{content}</{tag}>"

    return st.builds(element, st.sampled_from(["div", "section", "blockquote", "ul"]), flags, children)


paragraph = st.builds(lambda tag, flag, content: f"<{tag}{flag}>{content}</{tag}>",
                      st.sampled_from(["p", "h2"]), flags, inline_content)
#: Fallback content: of a <noscript> (raw text to a browser that runs scripts), of an <object>.
fallback = st.one_of(
    st.builds(lambda alt, content: f'<noscript><img src="map.png" alt="{alt}"><p>{content}</p></noscript>',
              value, inline_content),
    st.builds(lambda content: f'<object data="movie.swf"><p>{content}</p></object>', inline_content),
)
#: Nesting a few hundred levels deep, of blocks or of inline elements.
deep = st.builds(lambda tag, depth, content: f"<{tag}>" * depth + content + f"</{tag}>" * depth,
                 st.sampled_from(["div", "span", "b"]), st.integers(1, MAX_DEPTH - 40), inline_content)

body_content = st.recursive(
    st.lists(st.one_of(paragraph, text, raw_element, fallback, comment), min_size=1, max_size=4).map("".join),
    lambda inner: st.lists(st.one_of(paragraph, block(inner), inline_content, raw_element, comment),
                           min_size=1, max_size=4).map("".join),
    max_leaves=10,
)


@st.composite
def pages(draw) -> bytes:
    title = draw(value)
    parts = draw(st.lists(st.one_of(body_content, body_content, deep), min_size=1, max_size=3))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>\n'
            f'<meta name="description" content="{draw(value)}"></head>\n<body>\n'
            + "\n".join(parts) + "\n</body></html>\n").encode("utf-8")


# -- builds -------------------------------------------------------------------------


def build(source: bytes, lookup):
    """The page built with ``lookup``'s translations: (segments, rejected, bytes written)."""
    page = parse_page(source)
    segments, located = located_segments(page.root)
    rejected = apply_translations(segments, located, lookup)
    return segments, rejected, serialize(page)


def raw_texts(root) -> list[tuple[str, str | None]]:
    return [(el.tag, el.text) for el in root.iter(*RAW_TEXT)]


@EXAMPLES
@given(pages())
def test_a_build_with_the_source_texts_gives_back_the_page(source):
    expected = parse_page(source).root
    set_charset_utf8(expected)  # the one change a build always makes
    segments, rejected, out = build(source, lambda msgid: msgid)
    built = parse_page(out).root
    # a text that holds the end tag of its <noscript> is kept, with a warning
    assert [r.reasons for r in rejected] == [['"</noscript" would end the <noscript> around this text in a browser']
                                             for r in rejected]
    assert visible_words(built) == visible_words(expected)
    assert structure(built) == structure(expected)  # elements, attributes (text included), comments
    assert raw_texts(built) == raw_texts(expected)


# -- hostile translations -------------------------------------------------------------

#: What a translator (or an attacker with a catalog) may type: markup, raw-text
#: end tags, comment and CDATA openers...
MARKUP = ["<b>", "</b>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</noscript>",
          "</NoScript >", "<!--", "-->", "<!--</noscript><img src=x onerror=alert(1)>-->", "]]>", "<![CDATA[",
          "</xmp>", "</iframe>", "</style>", "</title>", "<?php ?>", "&amp;", "&lt;", '"', "'", "\u00a0", "\t",
          "\n", "\r", "\u2028", " ", "texto", "año"]
#: ...placeholder tricks...
TOKENS = ["<1/>", "</1>", "<1>", "<9>", "</3/>", "<0/>"]
#: ...and characters a page cannot carry.
CONTROLS = ["\x00", "\x07", "\x1b", "\x0b", "\ufffe"]
hostile_text = st.lists(st.one_of(st.sampled_from(MARKUP), st.sampled_from(MARKUP), st.sampled_from(MARKUP),
                                  st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=4),
                                  st.sampled_from(TOKENS), st.sampled_from(CONTROLS + ["\x7f"])),
                        max_size=5).map("".join)


@st.composite
def translations(draw, msgids: list[str]) -> dict[str, str]:
    """A catalog for ``msgids``: hostile text around each message's own
    placeholders (moved about, so that many are usable), or hostile text alone."""
    table = {}
    for msgid in msgids:
        tokens = re.findall(r"</?\d+/?>", msgid)
        if draw(st.booleans()):
            tokens = draw(st.permutations(tokens))
        pieces = [draw(hostile_text) for _ in range(len(tokens) + 1)]
        table[msgid] = "".join(p + t for p, t in zip(pieces, tokens + [""]))
    return table


def markup(root) -> Counter:
    """Each element (with its attribute names) and comment of a page, counted."""
    return Counter((el.tag, tuple(sorted(el.attrib))) if isinstance(el.tag, str) else ("#comment", el.text)
                   for el in root.iter())


@EXAMPLES
@given(st.data())
def test_no_translation_makes_live_markup(data):
    source = data.draw(pages())
    msgids = sorted({s.msgid for s in located_segments(parse_page(source).root)[0]})
    table = data.draw(translations(msgids))
    segments, rejected, out = build(source, table.get)
    expected = parse_page(source).root
    set_charset_utf8(expected)
    built = parse_page(out).root  # written, and read back
    assert markup(built) == markup(expected)
    assert raw_texts(built) == raw_texts(expected)
    # no raw text ends early: each element's end tag is written once, at its end
    for tag in RAW_TEXT_CONTEXTS:
        assert out.lower().count(f"</{tag}".encode()) == sum(1 for _ in expected.iter(tag)), tag
    # a translation is refused for a reason, and only one that is unusable
    for refused in rejected:
        assert refused.reasons and refused.translation == table[refused.segment.msgid]
