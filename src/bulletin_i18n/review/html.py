"""What the review pages and the index share: their frame, style and helpers.

Pages are trees made with lxml's E-factory and serialised by lxml, so every
text and attribute value is escaped by construction: a message holding
``<b>`` or ``"`` shows as those characters. The rows of a review page (most
of its elements) are written as text, the bytes lxml writes of the same
elements: a text or value that needs escaping is escaped by lxml.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from lxml import html as lxml_html
from lxml.html import builder

from .. import placeholders as ph
from ..languages import language_name as language_name  # the pages name languages by it

#: The element maker of every page: ``E.td("text", {"class": "x"})``.
E = builder.E

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; }
[hidden] { display: none !important; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: .4em .6em; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
.ph { background: #e4ecf7; color: #1f4e79; border-radius: 3px; padding: 0 2px;
      font: 12px monospace; white-space: nowrap; }
.status { font-size: 12px; font-weight: bold; display: inline-block; padding: 0 .4em; border-radius: 3px; }
.st-reviewed { background: #d8f0d8; } .st-machine { background: #fde2c8; }
.st-memory { background: #e8dcf5; } .st-fuzzy { background: #fff1b8; }
.st-untranslated { background: #f6cccc; } .st-not-used { background: #b00020; color: #fff; }
.st-findings { background: #ffb74d; }
.reason { color: #b00020; font-size: 12px; margin-top: .2em; }
.where { color: #777; font: 11px monospace; }
.previous { color: #555; font-size: 12px; margin-top: .3em; }
.previous del { background: #fbd3d3; text-decoration: line-through; }
.previous ins { background: #cdeccd; text-decoration: none; }
.findings { margin: .2em 0 0 1.2em; padding: 0; color: #a00; font-size: 12px; }
.findings .warning { color: #8a6d00; }
.number { color: #999; width: 2em; }
.controls { display: flex; flex-wrap: wrap; gap: .4em 1.2em; align-items: center; margin: .8em 0; }
.controls fieldset { border: 1px solid #ccc; padding: .2em .6em; }
.summary .count { font-weight: bold; }
.stack { width: 12em; height: .8em; background: #eee; border-radius: 3px; display: flex; overflow: hidden; }
.stack span { display: block; height: 100%; }
.seg-reviewed { background: #4a8a4a; } .seg-machine { background: #f0a050; }
.seg-fuzzy { background: #e8d060; } .seg-untranslated { background: #d9d9d9; }
.figures .line { font-size: 12px; margin: .15em 0 .35em; }
.figures .failed { color: #b00020; font-weight: bold; } .figures .passed { color: #2e6b2e; }
.legend span.key { display: inline-block; width: .9em; height: .9em; vertical-align: middle; margin-right: .2em; }
"""


def render_message(text: str, descriptions: dict[int, str]) -> list:
    """A message as children of an element: text, and placeholders as readable
    markers (``‹1›``, ``‹/1›``, ``‹2/›``) whose tooltip says what they stand for."""
    out, pos = [], 0
    for token in ph.tokens(text):
        _text(text[pos:token.start], out)
        out.append(_marker(token.text, descriptions.get(token.number, "")))
        pos = token.end
    _text(text[pos:], out)
    return [item for item in out if not isinstance(item, str) or item]


def _text(text: str, out: list) -> None:
    """Text as children: a character a page cannot carry (a translation may hold
    one: the build refuses it) as a marker, ``‹U+001B›``."""
    if ph.CONTROLS.search(text) is None:
        out.append(text)
        return
    pos = 0
    for match in ph.CONTROLS.finditer(text):
        out.append(text[pos:match.start()])
        out.append(E.span(f"‹U+{ord(match.group()):04X}›", {"class": "ph", "title": "a control character"}))
        pos = match.end()
    out.append(text[pos:])


def _marker(token: str, title: str):
    return E.span(f"‹{token[1:-1]}›", {"class": "ph", "title": title})


# -- the same, written as HTML text: a review page's rows (thousands a run) -----------
#
# lxml's E-factory costs most of a review page's time; its rows are written as
# text instead, the very bytes lxml writes (a test compares them on hostile
# texts): a text or value with a character that needs escaping is escaped by
# lxml itself, the others are written as they are.

_TEXT_SPECIAL = re.compile(f"[&<>{ph.CONTROLS.pattern[1:-1]}]")
_VALUE_SPECIAL = re.compile(f"[&<>\"'\t\n\r{ph.CONTROLS.pattern[1:-1]}]")


def text_html(text: str) -> str:
    """``text`` as lxml writes it in an element."""
    return text if _TEXT_SPECIAL.search(text) is None else _escaped_text(text)


def value_html(value: str) -> str:
    """An attribute value as lxml writes it, quotes included."""
    return f'"{value}"' if _VALUE_SPECIAL.search(value) is None else _escaped_value(value)


@lru_cache(maxsize=4096)
def _escaped_text(text: str) -> str:
    children: list = []
    _text(text, children)  # a control character as a marker
    return lxml_html.tostring(E.b(*children), encoding="unicode")[3:-4]


@lru_cache(maxsize=4096)
def _escaped_value(value: str) -> str:
    value = ph.CONTROLS.sub(lambda match: f"U+{ord(match.group()):04X}", value)  # lxml refuses them
    return lxml_html.tostring(E.b(title=value), encoding="unicode")[9:-5]


def element_html(element) -> str:
    """An element (made by :data:`E`, with no tail) as lxml writes it."""
    return lxml_html.tostring(element, encoding="unicode")


def message_html(text: str, descriptions: dict[int, str]) -> str:
    """:func:`render_message` as HTML text."""
    if ph.CONTROLS.search(text) is not None:
        return children_html(render_message(text, descriptions))
    if "<" not in text:  # no placeholder
        return text_html(text)
    out, pos = [], 0
    for token in ph.tokens(text):
        out.append(text_html(text[pos:token.start]))
        out.append(f'<span class="ph" title={value_html(descriptions.get(token.number, ""))}>'
                   f'‹{token.text[1:-1]}›</span>')
        pos = token.end
    out.append(text_html(text[pos:]))
    return "".join(out)


def children_html(children: list) -> str:
    """Children (texts and elements) as HTML text."""
    return "".join(text_html(child) if isinstance(child, str) else element_html(child) for child in children)


_WORD = re.compile(r"\s+|[^\s]+")


def _pieces(text: str) -> list[str]:
    """A message cut into placeholders, runs of space and words (for a word diff)."""
    out, pos = [], 0
    for token in ph.tokens(text):
        out += _WORD.findall(text[pos:token.start]) + [token.text]
        pos = token.end
    return out + _WORD.findall(text[pos:])


def word_diff(old: str, new: str, descriptions: dict[int, str]) -> list:
    """What changed from ``old`` to ``new``, word by word, as children of an
    element: words only in ``old`` in ``<del>``, words only in ``new`` in ``<ins>``."""
    before, after = _pieces(old), _pieces(new)
    out = []

    def shown(pieces: list[str]) -> list:
        out = []
        for piece in pieces:
            token = ph.TOKEN_RE.fullmatch(piece)
            if token:
                out.append(_marker(piece, descriptions.get(int(token.group(2)), "")))
            else:
                _text(piece, out)
        return out

    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += shown(before[i1:i2])
            continue
        if i2 > i1:
            out.append(E("del", *shown(before[i1:i2])))
        if j2 > j1:
            out.append(E("ins", *shown(after[j1:j2])))
    return out


def page(title: str, *body, script: str | None = None) -> str:
    """A whole self-contained page (inline style and script, no network)."""
    head = E.head(E.meta(charset="utf-8"),
                  E.meta(name="viewport", content="width=device-width, initial-scale=1"),
                  E.title(title), E.style(STYLE))
    children = list(body) + ([E.script(script)] if script else [])
    document = E.html(head, E.body(*children), lang="en")
    # a line per row and per block of the frame, and no white space added into a message
    for element in [*document, *head, *document[1], *document.iter("tr", "li", "thead", "tbody")]:
        element.tail = element.tail or "\n"
    document.text = head.text = document[1].text = "\n"
    return lxml_html.tostring(document, doctype="<!DOCTYPE html>", encoding="unicode") + "\n"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 entry``, ``2 entries``."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
