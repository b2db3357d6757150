"""The inline placeholder syntax shared by every stage.

A segment's text keeps its inline markup as short numbered placeholders, in the
style translators know from react-i18next and Lingui:

* ``<1>…</1>``: a paired element (a link, ``<strong>``, ``<abbr>``…) around text;
* ``<2/>``: an atomic item (an image, a line break, a ``translate="no"`` span, a
  merge tag such as ``*|FNAME|*``, a comment) that the translator only places.

Numbers are given in document order from 1 in each segment. A translator may move
placeholders and nest them differently, but must use each one exactly once, with
its own form (paired or atomic), properly nested. No attribute ever appears in a
message: attributes come back from the source page at build time.

Everything else in a message is plain text: ``<script>`` typed by a translator
is five characters, never markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Anything that looks like a placeholder, well formed or not (``</3/>`` too).
TOKEN_RE = re.compile(r"<(/?)(\d+)(/?)>")

#: Kind of a placeholder as it appears in a message.
PAIRED = "paired"
ATOMIC = "atomic"


#: Roles of a token in a message.
OPEN, CLOSE, SELF = "open", "close", "atomic"


@dataclass(frozen=True)
class Token:
    """One placeholder token as written in a message: where, which, and its role."""

    start: int
    end: int
    number: int
    role: str  # OPEN, CLOSE or SELF (``</3/>`` is read as CLOSE and is malformed)
    text: str
    malformed: bool = False


def tokens(text: str):
    """Every token of a message in order, well formed or not: the one walk over
    placeholders that every stage uses."""
    for match in TOKEN_RE.finditer(text):
        closing, number, selfclosing = match.groups()
        role = CLOSE if closing else SELF if selfclosing else OPEN
        yield Token(match.start(), match.end(), int(number), role, match.group(0),
                    malformed=bool(closing and selfclosing))


def token_text(number: int, role: str) -> str:
    """How a token of ``role`` is written."""
    return {OPEN: open_tag, CLOSE: close_tag, SELF: atomic_tag}[role](number)


class PlaceholderError(ValueError):
    """A message whose placeholders are malformed or do not match its source."""


@dataclass
class Node:
    """A placeholder in a parsed message, with its content if paired."""

    number: int
    kind: str
    children: list = field(default_factory=list)  # list[str | Node]


def open_tag(number: int) -> str:
    return f"<{number}>"


def close_tag(number: int) -> str:
    return f"</{number}>"


def atomic_tag(number: int) -> str:
    return f"<{number}/>"


def parse(text: str) -> list:
    """Parse a message into a tree of ``str`` and :class:`Node` items.

    Raises :class:`PlaceholderError` for a malformed, unbalanced or repeated
    placeholder. This does not compare with a source: see :func:`problems`.
    """
    if "<" not in text:  # no placeholder (every token starts with one): most messages
        return [text] if text else []
    root: list = []
    stack: list[tuple[Node | None, list]] = [(None, root)]
    seen: set[int] = set()
    pos = 0
    for token in tokens(text):
        if token.start > pos:
            stack[-1][1].append(text[pos:token.start])
        pos = token.end
        number = token.number
        if token.malformed:
            raise PlaceholderError(f"malformed placeholder {token.text}")
        if token.role == CLOSE:
            node = stack[-1][0]
            if node is None or node.number != number:
                expected = f" (expected </{node.number}>)" if node else ""
                raise PlaceholderError(f"unbalanced placeholder {token.text}{expected}")
            stack.pop()
            continue
        if number in seen:
            raise PlaceholderError(f"placeholder <{number}> used twice")
        seen.add(number)
        if token.role == SELF:
            stack[-1][1].append(Node(number, ATOMIC))
        else:
            node = Node(number, PAIRED)
            stack[-1][1].append(node)
            stack.append((node, node.children))
    if pos < len(text):
        stack[-1][1].append(text[pos:])
    if len(stack) > 1:
        raise PlaceholderError(f"placeholder <{stack[-1][0].number}> is never closed")
    return root


def signature(text: str) -> dict[int, str]:
    """Map each placeholder number of a well-formed message to its kind."""
    result: dict[int, str] = {}
    if "<" not in text:
        return result

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, Node):
                result[item.number] = item.kind
                walk(item.children)

    walk(parse(text))
    return result


def problems(source: str, translation: str) -> list[str]:
    """What is wrong with the placeholders of ``translation`` for ``source``.

    An empty list means the build can use the translation. Order and nesting
    may differ from the source.
    """
    try:
        got = signature(translation)
    except PlaceholderError as exc:
        return [str(exc)]
    want = signature(source)
    found = []
    for number in sorted(want.keys() - got.keys()):
        found.append(f"missing placeholder {_show(number, want[number])}")
    for number in sorted(got.keys() - want.keys()):
        found.append(f"extra placeholder {_show(number, got[number])}")
    for number in sorted(want.keys() & got.keys()):
        if want[number] != got[number]:
            found.append(
                f"placeholder {number} must be {_show(number, want[number])}, "
                f"not {_show(number, got[number])}"
            )
    return found


def _show(number: int, kind: str) -> str:
    return atomic_tag(number) if kind == ATOMIC else f"{open_tag(number)}…{close_tag(number)}"


def strip(text: str, atomic: str = "") -> str:
    """The text of a message without its placeholders (atomic ones become ``atomic``)."""
    if "<" not in text:  # (every placeholder starts with one)
        return text
    return TOKEN_RE.sub(lambda m: atomic if m.group(3) else "", text)


def has_words(text: str) -> bool:
    """True when a message holds a letter outside its placeholders."""
    return has_letter(strip(text) if "<" in text else text)


_ASCII_LETTER = re.compile("[A-Za-z]")


def has_letter(text: str) -> bool:
    """True when a text holds a letter (``str.isalpha``), found at C speed when one is ASCII."""
    if _ASCII_LETTER.search(text):
        return True
    return not text.isascii() and any(ch.isalpha() for ch in text)


#: A URL or an e-mail address written in a message's text: kept as is by
#: engines, checked unchanged by ``check``.
URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"“”«»]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
#: Punctuation after a URL that belongs to the sentence, not to the URL.
URL_TRAILING = ".,;:!?)]'’"


def may_hold_url(text: str) -> bool:
    """False when ``text`` holds no match of :data:`URL_RE` (each holds ``://``,
    ``www.`` in any case, or ``@``): most texts, told without the pattern."""
    return "@" in text or "://" in text or "www." in text.lower()


def urls_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url) of each URL and e-mail address in a message's text."""
    if not may_hold_url(text):
        return []
    found = []
    for match in URL_RE.finditer(text):
        url = match.group(0).rstrip(URL_TRAILING)
        if not TOKEN_RE.search(url):
            found.append((match.start(), match.start() + len(url), url))
    return found


#: Characters a page cannot carry (XML's rule, which lxml applies): C0 controls
#: but tab, line feed and carriage return, and the non-characters U+FFFE/U+FFFF.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(items: list) -> str:
    """Write a parsed message back as text (the inverse of :func:`parse`)."""
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif item.kind == ATOMIC:
            out.append(atomic_tag(item.number))
        else:
            out.append(open_tag(item.number) + render(item.children) + close_tag(item.number))
    return "".join(out)
