"""What every machine translation engine shares: masking and repair.

Every engine takes messages with inline placeholders (``<1>…</1>``, ``<2/>``) and
gives one :class:`Result` per message. The shared part (:meth:`Engine.translate`)
protects what no engine may touch: placeholders and glossary terms become masks
such as ``__PH3__`` on the way in and come back on the way out (a glossary term as
its approved target, in the case of the English it replaces); engines that know
placeholders (:attr:`Engine.keeps_placeholders`) get them as they are. When an
engine loses or garbles a placeholder, the message is repaired into one the
build accepts and the result carries a note for the translator. Then the draft
is post-edited by the rules of its language (:mod:`.postedit`).

Engines live in their own modules (:mod:`.pseudo`, :mod:`.apertium`,
:mod:`.online`); :func:`bulletin_i18n.mt.make_engine` makes one by name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .. import placeholders
from ..errors import EngineError
from ..glossary import Glossary
from . import postedit

#: Note given when placeholders had to be put back by the tool.
RESTORED_NOTE = "placeholders restored by the tool: check their position"

#: Masks are single unknown words to Apertium: ``⟦3⟧`` is split and moved in pieces
#: when a rule reorders words ("the country's ⟦3⟧ sector"), ``__PH3__`` is not.
MASK = "__PH{}__"
#: A mask as an engine may give it back (spaces inserted, case changed).
_MASK_RE = re.compile(r"__\s*PH\s*(\d+)\s*__", re.IGNORECASE)


@dataclass(frozen=True)
class Result:
    """A machine translation, with a note for the translator when it needs a check."""

    text: str
    note: str = ""
    #: Why the engine's answer was not usable as given ("" when it was): the
    #: text is then empty, or repaired by the tool; a chain asks its next engine.
    failed: str = ""
    #: The engine that wrote it, when not the one asked (a chain's member), and its version.
    engine: str = ""
    version: str = ""
    #: False for what must not be cached: a stand-in made after a passing failure
    #: (a timeout, a 429), so that the next run asks again.
    cache: bool = True


@dataclass(frozen=True)
class Context:
    """What an engine that reads context (a language model) is told about a message."""

    title: str = ""  # the bulletin's title
    before: str = ""  # the English of the message before it in the bulletin
    after: str = ""  # and after it
    terms: tuple[tuple[str, str], ...] = ()  # approved glossary terms in it: (source, target)


@dataclass(frozen=True)
class Failure:
    """An engine's answer that cannot be used as it is (see :attr:`Result.failed`)."""

    reason: str
    text: str = ""  # the answer, when it can be repaired into a last resort
    passing: bool = False  # a timeout, a 429: another run may do better


@dataclass
class _Masked:
    """A message ready for an engine: masks in place of what must survive."""

    text: str
    #: What each mask (number k) stands for: a placeholder token or a glossary target.
    tokens: list[str]
    #: Source terms of the glossary masks, by mask number.
    terms: dict[int, str]


class Engine:
    """A machine translation engine; subclasses implement :meth:`_translate_masked`."""

    name = ""
    #: False for engines that get no glossary masks: pseudo (its output must not
    #: contain glossary targets), language models (they get the terms as context).
    protects_terms = True
    #: True for engines that take the placeholder tokens themselves (``<1>…</1>``,
    #: ``<2/>``) rather than masks: Apertium carries them as its own markup, so
    #: that words keep their agreement across inline elements.
    keeps_placeholders = False
    #: False for engines whose drafts are no language (pseudo): no post-editing.
    postedits = True
    #: True for engines that read a :class:`Context` per message (language models).
    uses_context = False
    #: False inside a chain, whose next engine takes over: a failure is then a result.
    raises_failures = True

    def __init__(self, source_lang: str, target_lang: str):
        self.source_lang = source_lang
        self.target_lang = target_lang

    def version(self) -> str:
        raise NotImplementedError

    @property
    def key(self) -> str:
        """What identifies this engine's output in a cache (post-editing rules included)."""
        return f"{self.name} {self.version()}" + (f" postedit {postedit.VERSION}" if self.postedits else "")

    def translate(self, texts: list[str], glossary: Glossary | None = None,
                  context: Mapping[str, Context] | None = None) -> list[Result]:
        """Translate messages with placeholders; one :class:`Result` per message, in order.

        Messages without a word (only placeholders, numbers, punctuation) are
        returned as they are without asking the engine. ``context`` (by message)
        reaches engines that read it, with the glossary terms of each message.
        An answer the engine could not give raises :class:`EngineError`, unless
        the engine is in a chain (:attr:`raises_failures`).
        """
        wordy = [i for i, text in enumerate(texts) if placeholders.has_words(text)]
        masked = {i: _mask(texts[i], glossary if self.protects_terms else None,
                           keep_placeholders=self.keeps_placeholders) for i in wordy}
        if not wordy:
            translated = []
        elif self.uses_context:
            contexts = [_with_terms((context or {}).get(texts[i], Context()), texts[i], glossary) for i in wordy]
            translated = self._translate_in_context([masked[i].text for i in wordy], contexts)
        else:
            translated = self._translate_masked([masked[i].text for i in wordy])
        if len(translated) != len(wordy):
            raise EngineError(f"{self.name}: gave {len(translated)} translations for {len(wordy)} texts")
        results = [Result(text) for text in texts]
        for i, output in zip(wordy, translated):
            failure = output if isinstance(output, Failure) else None
            if failure is not None and not failure.text:
                if self.raises_failures:
                    raise EngineError(f"{self.name}: {failure.reason}")
                results[i] = Result("", failed=failure.reason, cache=not failure.passing)
                continue
            result = _finish(texts[i], masked[i], failure.text if failure else output)
            if self.postedits:
                result = Result(postedit.postedit(result.text, self.target_lang), result.note)
            if failure is not None:
                result = Result(result.text, result.note, failed=failure.reason, cache=not failure.passing)
            results[i] = result
        return results

    def _translate_masked(self, texts: list[str]) -> list[str | Failure]:
        """Translate plain texts holding masks (:data:`MASK`); same count, same order."""
        raise NotImplementedError

    def _translate_in_context(self, texts: list[str], contexts: list[Context]) -> list[str | Failure]:
        """:meth:`_translate_masked` for engines that read context (:attr:`uses_context`)."""
        return self._translate_masked(texts)

    def close(self) -> None:
        """Release what the engine holds (a process, connections)."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# -- masking and restoring ------------------------------------------------------


def _mask(text: str, glossary: Glossary | None, *, keep_placeholders: bool = False) -> _Masked:
    """Replace placeholder tokens (unless ``keep_placeholders``), URLs and e-mail
    addresses, and glossary terms by numbered masks.

    Line breaks become spaces: engines treat a newline as a sentence boundary
    (or not at all), and messages are one paragraph each.
    """
    tokens_at = [(token.start, token.end, token.text, None) for token in placeholders.tokens(text)]
    spans = [] if keep_placeholders else list(tokens_at)
    spans += [(start, end, url, None) for start, end, url in placeholders.urls_in(text)]
    if glossary is not None:
        taken = tokens_at + spans
        spans += [(start, end, postedit.term_in_case_of(term.target, text[start:end]), term.source)
                  for start, end, term in glossary.spans(text)
                  if not any(start < e and s < end for s, e, _, _ in taken)]
    spans.sort(key=lambda span: span[0])
    pieces, tokens, terms, pos = [], [], {}, 0
    for start, end, token, term in spans:
        pieces.append(text[pos:start])
        if term is not None:
            terms[len(tokens)] = term
        pieces.append(MASK.format(len(tokens)))
        tokens.append(token)
        pos = end
    pieces.append(text[pos:])
    return _Masked(" ".join("".join(pieces).splitlines()), tokens, terms)


def _with_terms(context: Context, text: str, glossary: Glossary | None) -> Context:
    """A message's context with the approved terms it holds."""
    if glossary is None or not len(glossary):
        return context
    terms = tuple((term.source, term.target) for term in glossary.find(text))
    return replace(context, terms=terms) if terms else context


def _finish(source: str, masked: _Masked, output: str) -> Result:
    """Restore masks in an engine's output, tidy spaces, repair placeholders."""
    seen: set[int] = set()

    def restore(match: re.Match) -> str:
        number = int(match.group(1))
        if number >= len(masked.tokens):
            return ""
        seen.add(number)
        return masked.tokens[number]

    text = _MASK_RE.sub(restore, output)
    text = _keep_outer_space(source, re.sub(r" {2,}", " ", text).strip())
    notes = []
    if placeholders.problems(source, text):
        text = repair(source, text)
        notes.append(RESTORED_NOTE)
    lost = sorted({term for number, term in masked.terms.items() if number not in seen})
    if lost:
        notes.append("glossary term lost by the engine: " + ", ".join(lost))
    urls = [token for number, token in enumerate(masked.tokens)
            if number not in seen and number not in masked.terms and not placeholders.TOKEN_RE.fullmatch(token)]
    if urls:
        notes.append("URL lost by the engine: " + ", ".join(urls))
    return Result(text, "; ".join(notes))


def _keep_outer_space(source: str, text: str) -> str:
    """Give a translation the leading and trailing white space of its source."""
    core = source.strip()
    if not core:
        return source
    start = source.index(core)
    return source[:start] + text + source[start + len(core):]


def repair(source: str, text: str) -> str:
    """Make ``text`` use exactly the placeholders of ``source``, properly nested.

    Keeps each placeholder where the engine put it when that is usable (first
    atomic occurrence; first opening tag with the first closing tag after it),
    drops unknown or repeated ones, breaks crossings by dropping the inner pair,
    and appends whatever is still missing at the end, in source order.
    """
    want = placeholders.signature(source)
    pieces = _pieces(text)
    keep = _usable_tokens(pieces, want)
    keep = _uncross(pieces, keep)
    out = []
    for index, piece in enumerate(pieces):
        if isinstance(piece, str):
            out.append(piece)
        elif index in keep:
            out.append(placeholders.token_text(*piece))
    placed = {pieces[i][0] for i in keep}
    tail = "".join(
        placeholders.atomic_tag(n) if kind == placeholders.ATOMIC
        else placeholders.open_tag(n) + placeholders.close_tag(n)
        for n, kind in want.items() if n not in placed
    )
    body = re.sub(r" {2,}", " ", "".join(out)).rstrip()
    return f"{body} {tail}".strip() if tail else _keep_outer_space(source, body.strip())


def _pieces(text: str) -> list:
    """Text split into strings and (number, role) tokens."""
    pieces, pos = [], 0
    for token in placeholders.tokens(text):
        pieces.append(text[pos:token.start])
        pieces.append((token.number, token.role))
        pos = token.end
    pieces.append(text[pos:])
    return pieces


def _usable_tokens(pieces: list, want: dict[int, str]) -> set[int]:
    """Indexes of the tokens worth keeping, before nesting is checked."""
    keep: set[int] = set()
    for number, kind in want.items():
        found = [(i, p[1]) for i, p in enumerate(pieces) if isinstance(p, tuple) and p[0] == number]
        if kind == placeholders.ATOMIC:
            atomic = [i for i, role in found if role == placeholders.SELF]
            keep.update(atomic[:1])
            continue
        opening = next((i for i, role in found if role == placeholders.OPEN), None)
        closing = next((i for i, role in found if role == placeholders.CLOSE and opening is not None and i > opening), None)
        if closing is not None:
            keep.update((opening, closing))
    return keep


def _uncross(pieces: list, keep: set[int]) -> set[int]:
    """Drop pairs until the kept tokens nest properly."""
    keep = set(keep)
    while True:
        stack: list[int] = []
        crossing = None
        for index in sorted(keep):
            number, role = pieces[index]
            if role == placeholders.OPEN:
                stack.append(number)
            elif role == placeholders.CLOSE:
                if stack[-1] != number:
                    crossing = stack[-1]
                    break
                stack.pop()
        if crossing is None:
            return keep
        keep = {i for i in keep if pieces[i][0] != crossing}
