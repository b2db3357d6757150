"""Aligning the segments of a published Spanish edition with those of its English page.

An archive of past bulletins already holds their Spanish editions, made by
people. This module pairs each English segment of a page with the Spanish
text that translates it, so that those translations become translation memory
(``bulletin-i18n align``: :mod:`bulletin_i18n.project.align` reads the pages,
writes ``memory/aligned-<name>.tmx`` and fills a bulletin's catalog).

It takes the segments the extractor gives for both pages (the English page
read as English, the Spanish page as Spanish, so that ``lang`` attributes mean
the same on both sides), as :class:`~bulletin_i18n.model.Segment` objects or
as :class:`Unit` objects; then a dynamic-programming sequence alignment (Gale &
Church 1993, with the evidence of Simard et al. 1992) chooses beads of English
and Spanish segments:

* 1:1, and 1:0 / 0:1 where a paragraph exists on one side only;
* 1:2 where the translator split an English paragraph in two (the two Spanish
  texts joined give the translation), and 2:1 where two English texts were
  merged (the Spanish text is cut at the sentence end that best fits, or the
  pair is left out).

The cost of a bead is a length cost (the difference of Spanish and expected
length in standard deviations) plus evidence: the same element and path, the
same placeholders, the same numbers, URLs and e-mail addresses, capitalised
names and acronyms found on both sides, shared word stems (cognates such as
*information*/*información*), and never an attribute with a text. The table is
O(n·m) in the pages' segment counts, within a band around the diagonal.

Inline markup is then mapped: segments of each page number their placeholders
in their own order, and each Spanish placeholder is matched to an English one
by element, link target or image source, and order (what each placeholder
stands for is read from its description, as the extractor wrote it for
translators); the Spanish text is renumbered to the English numbers. A pair
whose markup cannot be mapped, whose confidence is low, or whose Spanish text
is the English one, is left out with its reason.

Everything here works on plain data: no file, no settings.
"""

from __future__ import annotations

import ast
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

from rapidfuzz import fuzz, process

from .. import placeholders as ph
from ..model import Placeholder, Segment

# -- plain data ---------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """What one placeholder of a segment stands for, as plain data."""

    number: int
    kind: str  # placeholders.PAIRED or placeholders.ATOMIC
    tag: str  # element name, "#literal" for a merge tag, "#comment"
    href: str = ""  # link target, or image/media source (cut at 70 characters with "…")
    text: str = ""  # text of an element kept untranslated (cut at 40 with "…"), a literal, a comment


@dataclass(frozen=True)
class Unit:
    """One segment of a page, as the aligner sees it."""

    text: str  # message with placeholders
    path: str = ""  # where it sits ("section#detail > p")
    attribute: str | None = None  # None: flowing text
    marks: tuple[Mark, ...] = ()


@dataclass
class Pair:
    """An English segment and the Spanish text that translates it."""

    en: tuple[int, ...]  # index of the English segment (two for a 2:1 bead)
    es: tuple[int, ...]  # indexes of the Spanish segments it came from
    msgid: str
    msgstr: str  # Spanish with the English placeholder numbers
    confidence: float
    bead: str  # "1:1", "1:2", "2:1"


@dataclass
class LeftOut:
    """English and/or Spanish segments that gave no pair, and why."""

    en: tuple[int, ...]
    es: tuple[int, ...]
    en_text: str
    es_text: str
    reason: str


@dataclass
class Alignment:
    pairs: list[Pair] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    en_count: int = 0
    es_count: int = 0

    @property
    def coverage(self) -> float:
        """Share of English segments that got a Spanish partner."""
        covered = {i for pair in self.pairs for i in pair.en}
        return len(covered) / self.en_count if self.en_count else 0.0


def unit_of(segment: Segment) -> Unit:
    """An extracted segment as a :class:`Unit`."""
    return Unit(segment.msgid, segment.path, segment.attribute, tuple(mark_of(p) for p in segment.placeholders))


#: How the extractor describes a placeholder (``html.extract``): ``<a href="…">``,
#: ``<img src="…" alt="…">``, ``<br> (line break)``, ``<em lang="en"> 'Open Data' (not
#: translated)`` for an element kept as it is, ``<!--…--> (comment)``.
_DESCRIBED_TAG = re.compile(r"^<([^\s>/!]+)")
_DESCRIBED_URL = re.compile(r' (?:href|src)="(.*?)"(?= (?:src|title|alt|lang)="|>)')
_DESCRIBED_KEPT = re.compile(r"> ((['\"]).*\2) \(not translated\)$", re.S)
_DESCRIBED_COMMENT = re.compile(r"^<!--(.*)--> \(comment\)$", re.S)
#: How a description ends a value it cut short.
CUT = "…"


def mark_of(item: Placeholder) -> Mark:
    """What a placeholder stands for, read from its description."""
    if item.literal is not None:
        return Mark(item.number, item.kind, "#literal", text=item.literal)
    tag = _DESCRIBED_TAG.match(item.description)
    if tag is None:  # a comment, or a processing instruction
        comment = _DESCRIBED_COMMENT.match(item.description)
        return Mark(item.number, item.kind, "#comment", text=comment.group(1) if comment else "")
    url = _DESCRIBED_URL.search(item.description)
    kept = _DESCRIBED_KEPT.search(item.description)
    return Mark(item.number, item.kind, tag.group(1).lower(), url.group(1).strip() if url else "",
                " ".join(ast.literal_eval(kept.group(1)).split()) if kept else "")


def _agrees(shown: str, text: str) -> bool:
    """Whether the text of a mark (perhaps cut short) is ``text``."""
    shown, text = " ".join(shown.split()), " ".join(text.split())
    return shown == text or (shown.endswith(CUT) and text.startswith(shown[:-1]))


# -- features -------------------------------------------------------------------------

#: Expected Spanish length for one English character, and the variance per character
#: (Gale & Church 1993: 6.8). Measured on the parallel development set: 1.16.
LENGTH_RATIO = 1.15
LENGTH_VARIANCE = 6.8
#: Cost of a segment on one side only, and the extra cost of a 2:1 or 1:2 bead.
SKIP_COST = 5.0
MERGE_COST = 3.0
#: A pair is kept when its confidence (0-1) reaches this.
MIN_CONFIDENCE = 0.5

_NUMBER_RE = re.compile(r"\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?")
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?:;])[\"'”’»)]*\s+(?=[¿¡\"'“‘«(]*[A-ZÁÉÍÓÚÑÜ0-9<])")


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def _normal_url(url: str) -> str:
    url = url.strip().lower().rstrip("/")
    url = re.sub(r"^https?://(www\.)?", "", url)
    url = re.sub(r"\.(en|es)(?=\.|$|#|\?|/)", "", url)  # page.en.html / page.es.html
    return re.sub(r"/(en|es)(?=/|$)", "/*", url)  # /en/ and /es/ sections


def _numbers(text: str) -> frozenset[str]:
    found = set()
    for match in _NUMBER_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if digits and not (len(digits) == 1 and digits == "1"):
            found.add(digits.lstrip("0") or "0")
    return frozenset(found)


@dataclass(frozen=True)
class _Features:
    length: int
    tag: str
    path: str
    kind: str  # "text" or the attribute name
    marks: tuple
    numbers: frozenset
    urls: frozenset
    names: frozenset  # capitalised words and acronyms
    words: frozenset  # every word, as written
    stems: frozenset  # folded 4-letter prefixes of words of 4+ letters
    plain: str
    kept: frozenset = frozenset()  # texts of the elements kept untranslated (code, names)


def _features(units: Sequence[Unit]) -> _Features:
    texts = [ph.strip(u.text, " ") for u in units]
    plain = " ".join(" ".join(t.split()) for t in texts)
    words = _WORD_RE.findall(plain)
    urls = {_normal_url(url) for t in texts for _, _, url in ph.urls_in(t)}
    urls |= {_normal_url(m.href) for u in units for m in u.marks if m.href and not m.href.startswith("#")}
    return _Features(
        length=max(len(plain), 1),
        tag=_last_tag(units[0]),
        path=" | ".join(u.path for u in units),
        kind=units[0].attribute or "text",
        marks=tuple(sorted((m.kind, m.tag) for u in units for m in u.marks)),
        numbers=_numbers(plain),
        urls=frozenset(urls),
        names=frozenset(w for w in words if any(c.isupper() for c in w[1:]) or (len(w) > 2 and w[0].isupper())),
        words=frozenset(words),
        stems=frozenset(_fold(w)[:4] for w in words if len(w) >= 4),
        plain=plain,
        kept=frozenset(m.text for u in units for m in u.marks if m.kind == ph.ATOMIC and m.text
                       and not m.tag.startswith("#")),
    )


def _last_tag(unit: Unit) -> str:
    label = unit.path.rsplit(">", 1)[-1].strip()
    return re.split(r"[#.]", label, maxsplit=1)[0]


def _phi(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _length_cost(len_en: int, len_es: int) -> float:
    mean = (len_en + len_es / LENGTH_RATIO) / 2
    delta = (len_es - LENGTH_RATIO * len_en) / math.sqrt(LENGTH_VARIANCE * mean)
    tail = 2.0 * (1.0 - _phi(abs(delta)))
    return min(-math.log(tail) if tail > 1e-12 else 28.0, 28.0)


def _evidence(en: _Features, es: _Features) -> tuple[float, list[str]]:
    """Cost (negative: for, positive: against) of pairing two sides, with the
    reasons against them, for the report."""
    cost, against = 0.0, []
    if en.kind != es.kind:
        if "text" in (en.kind, es.kind):
            return 12.0, ["attribute against text"]
        cost += 4.0
        against.append("different attributes")
    if en.tag == es.tag:
        cost -= 1.0
        if en.path == es.path and ("#" in en.path or "." in en.path):
            cost -= 1.0
    else:
        cost += 1.5
        against.append(f"<{en.tag}> against <{es.tag}>")
    if en.marks == es.marks:
        cost -= 1.0 if en.marks else 0.3
    else:
        cost += 1.5
        against.append("different inline markup")
    if en.plain == es.plain and len(en.words) >= 2:
        cost -= 3.0
    shared, missing = len(en.numbers & es.numbers), len(en.numbers ^ es.numbers)
    cost += -1.5 * min(shared, 4) + 1.0 * min(missing, 4)
    if missing:
        against.append("different numbers")
    shared, missing = len(en.urls & es.urls), len(en.urls ^ es.urls)
    cost += -2.0 * min(shared, 3) + 0.7 * min(missing, 3)
    names = len(en.names & es.words) + len(es.names & en.words)
    cost -= 0.6 * min(names, 6)
    if len(en.names) >= 2 and len(es.names) >= 2 and not names:
        cost += 1.0
        against.append("no name in common")
    if len(en.stems) >= 3 and len(es.stems) >= 3:
        ratio = len(en.stems & es.stems) / min(len(en.stems), len(es.stems))
        cost += max(-2.5, min(2.5, 8.0 * (0.15 - ratio)))
        if ratio < 0.08:
            against.append("few shared word stems")
    return cost, against


# -- the dynamic programme ------------------------------------------------------------

_BEADS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


class _Coster:
    def __init__(self, en: Sequence[Unit], es: Sequence[Unit]):
        self.en, self.es = en, es
        self._feats: dict[tuple[str, int, int], _Features] = {}

    def feats(self, side: str, start: int, stop: int) -> _Features:
        key = (side, start, stop)
        if key not in self._feats:
            units = (self.en if side == "en" else self.es)[start:stop]
            self._feats[key] = _features(units)
        return self._feats[key]

    def cost(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, list[str]]:
        """Cost of the bead of English ``i0:i1`` and Spanish ``j0:j1``."""
        if i1 - i0 == 0 or j1 - j0 == 0:
            return SKIP_COST * ((i1 - i0) + (j1 - j0)), []
        if (i1 - i0) + (j1 - j0) > 2:  # a split or merged paragraph: texts of one kind of block
            two = self.en[i0:i1] if i1 - i0 == 2 else self.es[j0:j1]
            if any(u.attribute for u in self.en[i0:i1]) or any(u.attribute for u in self.es[j0:j1]) \
                    or two[0].path != two[1].path:
                return math.inf, []
        en, es = self.feats("en", i0, i1), self.feats("es", j0, j1)
        evidence, against = _evidence(en, es)
        length = _length_cost(en.length, es.length)
        if length > 3.0:
            against.insert(0, f"length {es.length} against {en.length} characters")
        extra = MERGE_COST if (i1 - i0) + (j1 - j0) > 2 else 0.0
        return length + evidence + extra, against


def _band(n: int, m: int) -> int:
    return max(25, abs(n - m) + 15, (max(n, m) + 4) // 5)


def _dp(en: Sequence[Unit], es: Sequence[Unit]) -> tuple[list[tuple[int, int, int, int]], _Coster]:
    n, m = len(en), len(es)
    coster = _Coster(en, es)
    band = _band(n, m)
    cost = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        centre = i * m / n if n else 0
        lo, hi = max(0, int(centre) - band), min(m, int(centre) + band + 1)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best, arg = math.inf, None
            for di, dj in _BEADS:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or cost[pi][pj] == math.inf:
                    continue
                total = cost[pi][pj] + coster.cost(pi, i, pj, j)[0]
                if total < best:
                    best, arg = total, (di, dj)
            cost[i][j], back[i][j] = best, arg
    beads = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        if step is None:  # outside the band: cannot happen with the band's width, be safe
            step = (1, 0) if i else (0, 1)
        di, dj = step
        beads.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    beads.reverse()
    return beads, coster


# -- inline markup ---------------------------------------------------------------------


class MarkupError(ValueError):
    """Spanish placeholders that cannot be mapped onto the English ones."""


def _describe_marks(marks: Iterable[Mark]) -> str:
    counts: dict[str, int] = {}
    for mark in marks:
        name = {"#literal": "merge tag", "#comment": "comment"}.get(mark.tag, f"<{mark.tag}>")
        counts[name] = counts.get(name, 0) + 1
    return ", ".join(f"{count} {name}" if count > 1 else name for name, count in sorted(counts.items())) or "none"


#: Phrasing elements that only style their text: a translator may use one for another
#: (``<strong>`` for ``<mark>``); their Spanish text then takes the English element.
STYLE_ELEMENTS = frozenset("b strong mark em i u span dfn cite q small big font s strike tt ins".split())


def map_marks(en_marks: Sequence[Mark], es_marks: Sequence[Mark]) -> dict[int, Mark | None]:
    """Each Spanish placeholder number -> the English mark it stands for.

    Marks pair up by element: first by link target or source, then by the
    text of atomic items, then in order; styling elements left over pair up
    in order with each other (``<strong>`` for ``<mark>``), and a Spanish
    element the English lacks maps to None (its text is kept, its markup
    dropped). Raises :class:`MarkupError` when the elements do not correspond.
    """
    mapping, left_en, left_es = _map(en_marks, es_marks)
    if left_en or left_es:
        raise _differs(en_marks, es_marks)
    return mapping


def _differs(en_marks: Sequence[Mark], es_marks: Sequence[Mark]) -> MarkupError:
    return MarkupError(f"markup differs: English has {_describe_marks(en_marks)}, "
                       f"Spanish has {_describe_marks(es_marks)}")


def _map(en_marks: Sequence[Mark], es_marks: Sequence[Mark]) -> tuple[dict[int, Mark | None], list, list]:
    """:func:`map_marks`, with the English and Spanish marks it could not map."""
    left_en, left_es = list(en_marks), list(es_marks)
    mapping: dict[int, Mark | None] = {}

    def pair_up(key, same) -> None:
        for es_mark in list(left_es):
            value = key(es_mark)
            if value is None:
                continue
            match = next((e for e in left_en if same(e, es_mark) and key(e) == value), None)
            if match is not None:
                mapping[es_mark.number] = match
                left_en.remove(match)
                left_es.remove(es_mark)

    same_tag = lambda a, b: a.tag == b.tag  # noqa: E731
    pair_up(lambda k: _normal_url(k.href) if k.href else None, same_tag)
    pair_up(lambda k: " ".join(k.text.split()) if k.text else None, same_tag)
    pair_up(lambda k: 0, same_tag)  # the rest of each element, in order
    pair_up(lambda k: 0, lambda a, b: a.tag in STYLE_ELEMENTS and b.tag in STYLE_ELEMENTS and a.kind == b.kind)
    for es_mark in list(left_es):  # an element the English does not have (a link, a styling): its text is kept
        if es_mark.kind == ph.PAIRED and not es_mark.tag.startswith("#"):
            mapping[es_mark.number] = None
            left_es.remove(es_mark)
    return mapping, left_en, left_es


def _written_out(mark: Mark) -> bool:
    """An element kept untranslated whose whole text the description gives."""
    return mark.kind == ph.ATOMIC and bool(mark.text) and not mark.tag.startswith("#") \
        and not mark.text.endswith(CUT)


def _place_kept(es_text: str, es_marks: Sequence[Mark], missing: Sequence[Mark]) -> tuple[str, list, list]:
    """English elements kept untranslated (``<code>lang</code>``) that the Spanish
    writes as plain text: each whose text occurs once, as whole words, in the
    Spanish becomes a placeholder there. Returns the Spanish text, the
    (Spanish mark, English mark) pairs placed, and the English marks still missing."""
    marks, placed, still = list(es_marks), [], []
    for mark in missing:
        found = None
        if _written_out(mark):
            pattern = re.compile(r"(?<![\w<])" + re.escape(mark.text) + r"(?![\w>])")
            found = list(pattern.finditer(es_text))
        if not found or len(found) != 1:
            still.append(mark)
            continue
        number = max((m.number for m in marks), default=0) + 1
        es_text = es_text[: found[0].start()] + ph.atomic_tag(number) + es_text[found[0].end():]
        marks.append(replace(mark, number=number))
        placed.append((marks[-1], mark))
    return es_text, placed, still


def renumber(es_text: str, es_marks: Sequence[Mark], en_text: str, en_marks: Sequence[Mark]) -> str:
    """The Spanish message with the English placeholder numbers.

    An element the Spanish page does not translate (``lang="en"``,
    ``translate="no"``) is atomic there; if it is a paired one in English, its
    text comes back inside the English pair (the English pair's own text when
    the description cut the kept text short). Raises :class:`MarkupError`.
    """
    mapping, left_en, left_es = _map(en_marks, es_marks)
    described = es_marks
    if left_en:  # kept untranslated in English only, written plainly in Spanish
        es_text, placed, left_en = _place_kept(es_text, es_marks, left_en)
        es_marks = list(es_marks) + [es_mark for es_mark, _ in placed]
        mapping.update((es_mark.number, en_mark) for es_mark, en_mark in placed)
    unwrapped = any(value is None for value in mapping.values())
    for mark in list(left_es):  # kept untranslated in Spanish only: the reader sees its text
        if _written_out(mark):
            mapping[mark.number] = mark.text
            left_es.remove(mark)
    if left_en or left_es:
        raise _differs(en_marks, described)
    es_by_number = {mark.number: mark for mark in es_marks}

    def kept_in_spanish(es_mark: Mark, target: Mark) -> list:
        if not es_mark.text.endswith(CUT):
            return [es_mark.text]
        english = _node(ph.parse(en_text), target.number)
        if english is None or not _agrees(es_mark.text, ph.strip(ph.render(english.children))):
            raise MarkupError(f"<{es_mark.tag}> is kept untranslated in Spanish ({es_mark.text!r}) "
                              f"but reads otherwise in English")
        return list(english.children)

    def convert(items: list) -> list:
        out = []
        for item in items:
            if isinstance(item, str):
                out.append(item)
                continue
            target = mapping[item.number]
            if target is None:
                out.extend(convert(item.children))
                continue
            if isinstance(target, str):
                out.append(target)
                continue
            if item.kind == target.kind:
                node = ph.Node(target.number, target.kind, convert(item.children))
            elif target.kind == ph.PAIRED:  # atomic in Spanish only
                node = ph.Node(target.number, ph.PAIRED, kept_in_spanish(es_by_number[item.number], target))
            else:  # paired in Spanish, kept as is in English
                inner = " ".join(ph.strip(ph.render(item.children)).split())
                if not _agrees(target.text, inner):
                    raise MarkupError(f"<{target.tag}> is kept untranslated in English "
                                      f"({target.text!r}) but reads {inner!r} in Spanish")
                node = ph.Node(target.number, ph.ATOMIC)
            out.append(node)
        return out

    try:
        tree = ph.parse(es_text)
    except ph.PlaceholderError as exc:  # cannot happen with extracted text; be clear if it does
        raise MarkupError(str(exc)) from exc
    text = ph.render(convert(tree))
    if unwrapped and "  " not in es_text:  # "<1/> <2> y…</2>" without its link: one space
        text = re.sub("  +", " ", text)
    problems = ph.problems(en_text, text)
    if problems:
        raise MarkupError("; ".join(problems))
    return text


def _node(items: list, number: int) -> ph.Node | None:
    """The placeholder ``number`` of a parsed message, at any depth."""
    for item in items:
        if isinstance(item, ph.Node):
            found = item if item.number == number else _node(item.children, number)
            if found is not None:
                return found
    return None


def _renumbered(text: str, number_of) -> str:
    """A message with each placeholder number ``n`` written as ``number_of(n)``."""
    out, pos = [], 0
    for token in ph.tokens(text):
        out += [text[pos:token.start], ph.token_text(number_of(token.number), token.role)]
        pos = token.end
    out.append(text[pos:])
    return "".join(out)


def _join(units: Sequence[Unit]) -> tuple[str, tuple[Mark, ...]]:
    """Several Spanish segments as one message, placeholders renumbered in order."""
    texts, marks, offset = [], [], 0
    for unit in units:
        shift = offset
        texts.append(_renumbered(unit.text, lambda number: number + shift))
        marks.extend(replace(mark, number=mark.number + shift) for mark in unit.marks)
        offset += max((mk.number for mk in unit.marks), default=0)
    return " ".join(texts), tuple(marks)


def split_message(text: str, share: float) -> tuple[str, str] | None:
    """Cut a message at the sentence end (outside any placeholder pair) that
    leaves ``share`` of its letters in the first part; None when there is none
    near enough."""
    depth, cuts = 0, []
    pos = 0
    spans = []  # top-level text ranges
    for token in ph.tokens(text):
        if depth == 0 and token.start > pos:
            spans.append((pos, token.start))
        if token.role != ph.SELF:
            depth += -1 if token.role == ph.CLOSE else 1
        pos = token.end
    if pos < len(text):
        spans.append((pos, len(text)))
    for start, stop in spans:
        for match in _SENTENCE_END_RE.finditer(text, start, stop):
            cuts.append((match.start(), match.end()))
    total = len(ph.strip(text))
    best = None
    for end, resume in cuts:
        got = len(ph.strip(text[:end])) / total
        if best is None or abs(got - share) < abs(best[0] - share):
            best = (got, end, resume)
    if best is None or abs(best[0] - share) > 0.2:
        return None
    return text[: best[1]].strip(), text[best[2]:].strip()


def _marks_in(text: str, marks: Sequence[Mark]) -> tuple[str, tuple[Mark, ...]]:
    """A part of a message, its placeholders renumbered from 1, and their marks."""
    numbers = list(dict.fromkeys(token.number for token in ph.tokens(text)))
    new = {old: k for k, old in enumerate(numbers, start=1)}
    by_number = {mark.number: mark for mark in marks}
    part_marks = tuple(replace(by_number[n], number=new[n]) for n in numbers if n in by_number)
    return _renumbered(text, new.__getitem__), part_marks


# -- the alignment ------------------------------------------------------------------------


#: A bead whose own content evidence gives at least this confidence is an anchor.
ANCHOR = 0.75
#: Confidence of a bead with no evidence against it, between anchors or page edges.
SUPPORTED = 0.7


def _cognates(en_words: Sequence[str], es_words: Sequence[str]) -> int:
    """How many English words have a look-alike among the Spanish words
    (*information*/*información*, *attribute*/*atributo*, names)."""
    if not en_words or not es_words:
        return 0
    return sum(process.extractOne(word, es_words, scorer=fuzz.ratio, score_cutoff=75) is not None
               for word in en_words)


def content_evidence(en: _Features, es: _Features, length_cost: float) -> tuple[float, list[str]]:
    """Evidence that two texts say the same thing, from their content only
    (structure is what the alignment already used): positive for, negative
    against, with the reasons against."""
    score, against = 0.0, []
    en_words = [_fold(w) for w in _WORD_RE.findall(en.plain) if len(w) >= 4]
    es_words = [_fold(w) for w in _WORD_RE.findall(es.plain) if len(w) >= 4]
    hits = _cognates(en_words, es_words)
    if hits:  # two look-alikes in a quarter of the words count in full
        score += 4.0 * min(1.0, hits / 2) * min(1.0, hits / len(en_words) / 0.25)
    shared, missing = len(en.numbers & es.numbers), len(en.numbers ^ es.numbers)
    score += 1.5 * min(shared, 3) - 1.0 * min(missing, 3)
    if missing:
        against.append("different numbers")
    score += 2.0 * min(len(en.urls & es.urls), 2)
    score += 1.0 * min(len({w for w in en.names & es.words if len(w) < 4}), 3)  # W3C, CSS
    if en.plain == es.plain and len(en.words) >= 2:
        score += 3.0
    kept = len(en.kept & es.kept)  # the same code or names kept untranslated on both sides
    score += 1.0 * min(kept, 3)
    if len(en_words) >= 10 and not hits and not kept and not (en.numbers & es.numbers):
        score -= 3.0
        against.append("no word in common")
    if length_cost > 3.0:
        score -= (length_cost - 3.0) / 2
        against.append(f"length {es.length} against {en.length} characters")
    return score, against


def _own_confidence(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-1.2 * (score - 1.0)))


def _confidences(beads, coster: "_Coster") -> list[tuple[float, list[str]]]:
    """Confidence (0-1) of each bead, and what speaks against it.

    A bead with content evidence of its own (shared names, numbers, look-alike
    words) is an anchor. A bead with too little content to judge (a heading,
    a short caption) but nothing against it is trusted when the run of beads
    it sits in, without a gap, reaches an anchor or the page's edge on both
    sides: the alignment there is forced.
    """
    own: list[float | None] = []
    against_all: list[list[str]] = []
    for i0, i1, j0, j1 in beads:
        if i0 == i1 or j0 == j1:
            own.append(None)
            against_all.append([])
            continue
        en, es = coster.feats("en", i0, i1), coster.feats("es", j0, j1)
        score, against = content_evidence(en, es, _length_cost(en.length, es.length))
        own.append(_own_confidence(score) if score >= 0 else min(_own_confidence(score), 0.2))
        against_all.append(against)
    result = []
    for k, value in enumerate(own):
        if value is None:
            result.append((0.0, []))
            continue
        if value < ANCHOR and not against_all[k] and \
                _reaches_anchor(own, against_all, k, -1) and _reaches_anchor(own, against_all, k, 1):
            value = max(value, SUPPORTED)
        result.append((value, against_all[k]))
    return result


def _reaches_anchor(own: list, against: list, k: int, step: int) -> bool:
    """Whether the beads from ``k`` in direction ``step`` reach an anchor or the
    page's edge with no gap and nothing against them on the way."""
    k += step
    while 0 <= k < len(own):
        if own[k] is None or against[k]:
            return False
        if own[k] >= ANCHOR:
            return True
        k += step
    return True


#: Elements whose text is code: the same text in both editions is its translation.
CODE_ELEMENTS = frozenset("pre code samp kbd var tt listing xmp".split())


def _untranslated(en_text: str, es_text: str) -> bool:
    """A Spanish text that is the English one, of three words or more."""
    plain = " ".join(ph.strip(en_text).split())
    words = _WORD_RE.findall(ph.URL_RE.sub(" ", plain))
    if plain != " ".join(ph.strip(es_text).split()) or len(words) < 3:
        return False
    return not all(w[0].isupper() or w.lower() in _NAME_LINKS for w in words)  # a name stays a name


#: Small words inside names ("Free Software Foundation of Europe").
_NAME_LINKS = frozenset("of and for the de la del y".split())


def align_pages(en_segments: Sequence[Segment | Unit], es_segments: Sequence[Segment | Unit], *,
                min_confidence: float = MIN_CONFIDENCE) -> Alignment:
    """Align the segments of an English page with those of its Spanish edition.

    Takes extracted segments (:class:`~bulletin_i18n.model.Segment`, as
    ``html.extract.extract_segments`` gives them) or :class:`Unit` objects.
    """
    en = [s if isinstance(s, Unit) else unit_of(s) for s in en_segments]
    es = [s if isinstance(s, Unit) else unit_of(s) for s in es_segments]
    result = Alignment(en_count=len(en), es_count=len(es))
    beads, coster = _dp(en, es)
    for (i0, i1, j0, j1), (confidence, against) in zip(beads, _confidences(beads, coster)):
        en_idx, es_idx = tuple(range(i0, i1)), tuple(range(j0, j1))
        en_text = " ".join(u.text for u in en[i0:i1])
        es_text = " ".join(u.text for u in es[j0:j1])
        if not es_idx:
            result.left_out.append(LeftOut(en_idx, es_idx, en_text, "", "no Spanish counterpart"))
            continue
        if not en_idx:
            result.left_out.append(LeftOut(en_idx, es_idx, "", es_text, "only in the Spanish edition"))
            continue
        bead = f"{len(en_idx)}:{len(es_idx)}"
        if confidence < min_confidence:
            why = f"low confidence ({confidence:.2f}" + (f": {', '.join(against)})" if against else ")")
            result.left_out.append(LeftOut(en_idx, es_idx, en_text, es_text, why))
            continue
        if len(en_idx) == 2:
            result_pairs, problem = _split_pair(en[i0], en[i0 + 1], es[j0])
            if problem:
                result.left_out.append(LeftOut(en_idx, es_idx, en_text, es_text, problem))
            for pair_en, pair_msgstr in result_pairs:
                result.pairs.append(Pair((i0 + pair_en,), es_idx, en[i0 + pair_en].text, pair_msgstr,
                                         confidence, bead))
            continue
        source = en[i0]
        joined, marks = _join(es[j0:j1])
        try:
            msgstr = renumber(joined, marks, source.text, source.marks)
        except MarkupError as exc:
            result.left_out.append(LeftOut(en_idx, es_idx, en_text, es_text, str(exc)))
            continue
        if _untranslated(source.text, msgstr) and _last_tag(source) not in CODE_ELEMENTS:
            result.left_out.append(LeftOut(en_idx, es_idx, en_text, es_text,
                                           "not translated in the Spanish edition"))
            continue
        result.pairs.append(Pair(en_idx, es_idx, source.text, msgstr, confidence, bead))
    return result


def _split_pair(first: Unit, second: Unit, merged: Unit):
    """Two English segments merged into one Spanish text: cut it where it fits."""
    share = len(ph.strip(first.text)) / max(len(ph.strip(first.text)) + len(ph.strip(second.text)), 1)
    parts = split_message(merged.text, share)
    if parts is None:
        return [], "two English segments merged into one Spanish text with no sentence end to cut at"
    pairs = []
    for offset, (unit, part) in enumerate(zip((first, second), parts)):
        text, marks = _marks_in(part, merged.marks)
        try:
            msgstr = renumber(text, marks, unit.text, unit.marks)
        except MarkupError as exc:
            return [], f"merged in Spanish, and after the cut: {exc}"
        pairs.append((offset, msgstr))
    return pairs, None

