"""``punctuation`` (warning): different end punctuation (``. ! ? : ;``), a Spanish
``?``/``!`` without its opening ``¿``/``¡``, leading or trailing whitespace
added or dropped, a double space introduced, unbalanced ``( )``, ``[ ]`` or
quotes ``“ ”``/``« »``. Spanish reordering of placeholders is never a finding."""

from __future__ import annotations

import re

from ... import placeholders
from ...languages import primary_language
from ..context import RuleContext

NAME = "punctuation"
SEVERITY = "warning"

_END_MARKS = ".!?:;…"
_CLOSERS = "\"'”’»)]"
_PAIRS = {"( )": ("(", ")"), "[ ]": ("[", "]"), "quotes": ("“«", "”»")}
#: Languages whose questions and exclamations open with ¿ and ¡.
_OPENING_MARKS = {"es": {"?": "¿", "!": "¡"}}


def check(source: str, translation: str, context: RuleContext) -> list[str]:
    found = []
    source, translation = (placeholders.URL_RE.sub(_url_as_word, text) if placeholders.may_hold_url(text) else text
                           for text in (source, translation))
    want, got = _end_mark(source), _end_mark(translation)
    if want != got:
        found.append(f"ends with {_describe_mark(got)}, the source with {_describe_mark(want)}")
    for mark, opening in _OPENING_MARKS.get(primary_language(context.target_lang), {}).items():
        if translation.count(mark) > translation.count(opening):
            found.append(f"{mark} without its opening {opening}")
    for side, strip in (("leading", str.lstrip), ("trailing", str.rstrip)):
        if (strip(source) != source) != (strip(translation) != translation):
            found.append(f"{side} whitespace differs from the source")
    if "  " in translation and "  " not in source:
        found.append("double space")
    for name, (opening, closing) in _PAIRS.items():
        if _imbalance(translation, opening, closing) != _imbalance(source, opening, closing):
            found.append(f"unbalanced {name}")
    return found


def _url_as_word(match: re.Match) -> str:
    """A URL as a plain word (its "?" is no question), keeping the punctuation after it."""
    url = match.group(0)
    return "url" + url[len(url.rstrip(placeholders.URL_TRAILING)):]


def _end_mark(text: str) -> str:
    """The final punctuation mark of a message, before any closing quote or bracket."""
    plain = placeholders.strip(text).rstrip().rstrip(_CLOSERS)
    return plain[-1] if plain and plain[-1] in _END_MARKS else ""


def _describe_mark(mark: str) -> str:
    return f"'{mark}'" if mark else "no punctuation"


def _imbalance(text: str, opening: str, closing: str) -> int:
    return sum(text.count(c) for c in opening) - sum(text.count(c) for c in closing)
