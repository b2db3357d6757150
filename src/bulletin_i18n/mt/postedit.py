"""Post-editing of machine drafts: what a reviewer would otherwise fix by hand.

Rules by target language, applied to every engine's draft after its
placeholders and masks are back (:meth:`~bulletin_i18n.mt.base.Engine.translate`):

* Spanish opens questions and exclamations: a ``?`` or ``!`` whose question
  (from the start of its sentence, or from the quote or bracket that it closes)
  has no ``¿`` or ``¡`` gets one before its first word, after any quote,
  bracket, bullet or placeholder, and after a short lead-in that ends with a
  comma (``Por ejemplo, ¿seguirá…?``): ``Es bien?`` → ``¿Es bien?``, ``dijo "Hola!"`` → ``dijo "¡Hola!"``.
  A ``?`` inside a URL is no question.

Glossary terms are the engines' masks (:mod:`.base`): an approved term comes
back in the case of the English it replaces (``Newsletter`` → ``Boletín``).
Nothing here adds or removes a placeholder.
"""

from __future__ import annotations

import re

from .. import placeholders
from ..languages import primary_language

#: Changes when a rule changes: cached drafts made under other rules are redone.
VERSION = "1"

#: Languages whose questions and exclamations open with a mark of their own.
OPENING_MARKS = {"es": {"?": "¿", "!": "¡"}}
#: Where a sentence ends: a mark followed by white space.
_SENTENCE_END = ".!?;:…"
#: Openers a question may sit inside, and the closers that end it there.
_OPENERS = {"\"": "\"", "“": "”", "«": "»", "‘": "’", "'": "'", "(": ")", "[": "]"}
_CLOSERS = {closer: opener for opener, closer in _OPENERS.items()}


def postedit(text: str, target_lang: str) -> str:
    """A draft with the rules of its language applied."""
    marks = OPENING_MARKS.get(primary_language(target_lang))
    if marks:
        text = open_questions(text, marks)
    return text


def open_questions(text: str, marks: dict[str, str]) -> str:
    """Give every ``?`` and ``!`` of ``text`` its opening mark where it lacks one."""
    in_url = [False] * len(text)
    for start, end, _ in placeholders.urls_in(text):
        in_url[start:end] = [True] * (end - start)
    tokens = [(t.start, t.end) for t in placeholders.tokens(text)]
    inserts: list[tuple[int, str]] = []
    for index, char in enumerate(text):
        if char not in marks or in_url[index] or _inside(index, tokens):
            continue
        opening = marks[char]
        begins = _question_start(text, index, tokens)
        start = _after_lead_in(text, _skip_openers(text, begins, tokens), index, tokens)
        if opening in text[begins:index] or not any(c.isalpha() for c in placeholders.strip(text[start:index])):
            continue
        if (start, opening) not in inserts:
            inserts.append((start, opening))
    # marks opened at one place nest: "Qué?!" -> "¡¿Qué?!"
    for position in sorted({position for position, _ in inserts}, reverse=True):
        opened = "".join(reversed([opening for at, opening in inserts if at == position]))
        text = text[:position] + opened + text[position:]
    return text


#: Words that open a question or exclamation themselves: no lead-in before them.
_QUESTION_WORDS = {"qué", "quién", "quiénes", "cuál", "cuáles", "cómo", "cuándo", "dónde", "adónde", "cuánto",
                   "cuánta", "cuántos", "cuántas", "por qué", "para qué"}
#: The most words a lead-in before the question's comma has ("Por ejemplo, ¿…?").
_LEAD_IN_WORDS = 3


def _after_lead_in(text: str, start: int, mark: int, tokens: list[tuple[int, int]]) -> int:
    """Where the question begins when a short lead-in and a comma come first, as
    Spanish writes it: "Por ejemplo, ¿seguirá…?", "Además, ¡funciona!"; unless
    the lead-in begins with a question word ("Qué, ¿no vienes?" is rare;
    "¿Por qué, si…?" is not)."""
    comma = text.find(",", start, mark)
    if comma < 0 or _inside(comma, tokens):
        return start
    words = [word.lower().strip("¿¡\"'«“(") for word in placeholders.strip(text[start:comma]).split()]
    if not words or len(words) > _LEAD_IN_WORDS or {words[0], " ".join(words[:2])} & _QUESTION_WORDS:
        return start
    after = _skip_openers(text, comma + 1, tokens)
    return after if after < mark else start


def _inside(index: int, tokens: list[tuple[int, int]]) -> bool:
    return any(start <= index < end for start, end in tokens)


def _question_start(text: str, mark: int, tokens: list[tuple[int, int]]) -> int:
    """Where the question or exclamation ending at ``mark`` begins (its
    sentence, or the quote or bracket it closes)."""
    after = _skip_tokens(text, mark + 1, tokens)
    closer = text[after] if after < len(text) else ""
    boundary = _sentence_start(text, mark, tokens)
    if closer in _CLOSERS:
        found = text.rfind(_CLOSERS[closer], boundary, mark)
        if found >= 0:
            return found
    return boundary


def _sentence_start(text: str, mark: int, tokens: list[tuple[int, int]]) -> int:
    """Just after the sentence end before ``mark`` (or 0)."""
    for index in range(mark - 1, -1, -1):
        if text[index] in _SENTENCE_END and not _inside(index, tokens):
            following = _skip_tokens(text, index + 1, tokens)
            following = _skip_closers(text, following)
            if following >= len(text) or text[following].isspace():
                return following
    return 0


def _skip_tokens(text: str, position: int, tokens: list[tuple[int, int]]) -> int:
    """Past the placeholder tokens that start at ``position``."""
    moved = True
    while moved:
        moved = False
        for start, end in tokens:
            if start == position:
                position, moved = end, True
    return position


def _skip_closers(text: str, position: int) -> int:
    while position < len(text) and text[position] in _CLOSERS:
        position += 1
    return position


def _skip_openers(text: str, position: int, tokens: list[tuple[int, int]]) -> int:
    """Past white space, punctuation (quotes, brackets, a "»" or "-" bullet) and
    placeholder tokens: where the words begin."""
    while position < len(text):
        moved = _skip_tokens(text, position, tokens)
        if moved != position:
            position = moved
        elif not text[position].isalnum():
            position += 1
        else:
            break
    return position


_CASE_WORD = re.compile(r"\w")


def term_in_case_of(target: str, matched: str) -> str:
    """An approved term written as the English it replaces was: capitalised
    (``Newsletter`` → ``Boletín``) or in capitals (``NEWSLETTER`` → ``BOLETÍN``).
    Terms written with capitals in the glossary (``OAS``) are kept as they are."""
    letters = [c for c in matched if c.isalpha()]
    if not letters or not target[:1].islower():
        return target
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return target.upper()
    if letters[0].isupper():
        return target[:1].upper() + target[1:]
    return target
