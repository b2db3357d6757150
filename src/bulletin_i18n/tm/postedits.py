"""Post-edits learned from an aligned archive: what people changed in the machine's drafts.

The archive of past editions (:mod:`bulletin_i18n.tm.align`) pairs English
texts with the Spanish that people published. Drafting the same English with
the project's engine and comparing each draft with the published Spanish shows
the edits a reviewer makes again and again: a heading the engine gets wrong
("Lectura más lejana" for *Further reading*, published as "Lecturas
complementarias"), the site's own words for things. A rule is one such edit of
one to three words, with the word before and after it (or the start and end of
the text) as context, kept when it was made at least twice, on at least two
pages, in at least half of the drafts where that context and those words occur.

Rules apply to the words between placeholders only; they never add, remove or
move a placeholder, and a draft they do not match is left as it was.
Everything here works on plain data: no file, no engine (the caller drafts).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from .. import placeholders as ph

#: Words, single punctuation marks and placeholders, as rules see a text.
_TOKEN_RE = re.compile(r"</?\d+/?>|\w+|[^\w\s]")
#: The start and the end of a text, as context.
START, END = "^", "$"
#: The longest edit a rule makes, in words.
MAX_WORDS = 3


@dataclass(frozen=True)
class Rule:
    """Between ``before`` and ``after``, the draft's ``draft`` words become ``published``."""

    before: str
    draft: tuple[str, ...]
    after: str
    published: str
    times: int = 0  # edits seen
    pages: int = 0  # pages they were seen on

    @property
    def key(self) -> tuple[str, ...]:
        return (self.before, *self.draft, self.after)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def learn(examples: Iterable[tuple[str, str, str]], *, min_times: int = 2, min_pages: int = 2,
          min_share: float = 0.5) -> list[Rule]:
    """Rules from (machine draft, published text, page) examples, texts without placeholders.

    A rule is kept when its edit was seen ``min_times`` on ``min_pages`` pages,
    in at least ``min_share`` of the drafts where its words occur in its
    context; of two edits of the same words in the same context, the more
    frequent one.
    """
    examples = list(examples)
    seen: Counter = Counter()
    pages: dict[tuple, set[str]] = defaultdict(set)
    published: dict[tuple, str] = {}
    for draft, human, page in examples:
        a, b = _tokens(draft), _tokens(human)
        words_a = [START] + [t for t, _, _ in a] + [END]
        words_b = [START] + [t for t, _, _ in b] + [END]
        matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "replace" or i2 - i1 > MAX_WORDS or j2 - j1 > MAX_WORDS:
                continue
            if any(_is_placeholder(w) or w in (START, END) for w in words_a[i1:i2] + words_b[j1:j2]) \
                    or _is_placeholder(words_a[i1 - 1]) or _is_placeholder(words_a[i2]):
                continue
            # words_b[j1:j2] as the published text writes them: tokens j1-1 .. j2-2 of b
            text = human[b[j1 - 1][1]:b[j2 - 2][2]]
            key = (words_a[i1 - 1], *words_a[i1:i2], words_a[i2])
            seen[key, text] += 1
            pages[key, text].add(page)
            published[key, text] = text
    keys = {key for key, _ in seen}
    occurs: Counter = Counter()
    for draft, _, _ in examples:
        words = [START] + [t for t, _, _ in _tokens(draft)] + [END]
        for size in range(3, MAX_WORDS + 3):
            for start in range(len(words) - size + 1):
                gram = tuple(words[start:start + size])
                if gram in keys:
                    occurs[gram] += 1
    best: dict[tuple, Rule] = {}
    for (key, text), times in sorted(seen.items(), key=lambda item: (-item[1], item[0])):
        if times < min_times or len(pages[key, text]) < min_pages or times / occurs[key] < min_share:
            continue
        if key not in best:
            best[key] = Rule(key[0], tuple(key[1:-1]), key[-1], text, times, len(pages[key, text]))
    return sorted(best.values(), key=lambda rule: (-rule.times, rule.key))


def _is_placeholder(word: str) -> bool:
    return word.startswith("<") and ph.TOKEN_RE.fullmatch(word) is not None


def apply(text: str, rules: Sequence[Rule]) -> str:
    """``text`` with the rules applied, left to right, the longest first."""
    if not rules or not text:
        return text
    by_key = {rule.key: rule for rule in rules}
    sizes = sorted({len(rule.key) for rule in rules}, reverse=True)
    tokens = [(START, 0, 0)] + _tokens(text) + [(END, len(text), len(text))]
    words = [t for t, _, _ in tokens]
    out, pos, i = [], 0, 1  # i: the first token a rule may change
    while i < len(tokens) - 1:
        for size in sizes:
            rule = by_key.get(tuple(words[i - 1:i - 1 + size]))
            if rule is not None and i - 1 + size <= len(tokens):
                last = i + size - 3  # the last word changed
                out += [text[pos:tokens[i][1]], rule.published]
                pos = tokens[last][2]
                i = last + 1
                break
        else:
            i += 1
    out.append(text[pos:])
    return "".join(out)


class RulesError(ValueError):
    """A line of a rules file that is not a rule."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


# -- the file ----------------------------------------------------------------------------------

HEADER = ("# Post-edits learned by `bulletin-i18n align`: {engine} drafts of the archive's English against\n"
          "# the Spanish people published. Sync applies them to that engine's drafts (still fuzzy).\n"
          "# Put # before a rule to drop it, or change its published words: align keeps what you did.\n"
          "# Columns: word before, draft, word after, published, times, pages (^ and $: start and end).\n")


def _line(rule: Rule) -> str:
    return "\t".join([rule.before, " ".join(rule.draft), rule.after, rule.published,
                      str(rule.times), str(rule.pages)])


def dumps(rules: Sequence[Rule], engine: str, dropped: Sequence[Rule] = ()) -> str:
    """Rules as the TSV file ``align`` writes; ``dropped`` rules as lines put out of use by ``#``."""
    lines = [HEADER.format(engine=engine).rstrip("\n")]
    lines += [_line(rule) for rule in rules] + ["#" + _line(rule) for rule in dropped]
    return "\n".join(lines) + "\n"


def _rule(cells: list[str]) -> Rule | None:
    if len(cells) != 6 or not cells[1].strip() or not cells[4].isdigit() or not cells[5].isdigit():
        return None
    return Rule(cells[0], tuple(cells[1].split()), cells[2], cells[3], int(cells[4]), int(cells[5]))


def dropped_rules(text: str) -> list[Rule]:
    """The rules a person put out of use in a rules file (a rule's line with ``#`` before it)."""
    found = (_rule(line[1:].split("\t")) for line in text.splitlines() if line.startswith("#"))
    return [rule for rule in found if rule is not None]


def relearn(learned: Sequence[Rule], kept: Sequence[Rule], dropped: Sequence[Rule]) -> tuple[list[Rule], list[Rule]]:
    """(rules, dropped) of a rules file learned again over one a person may have edited.

    The file belongs to its readers once written: a rule put out of use stays out
    of use, a rule whose published words were changed keeps them (with the new
    counts), a rule added by hand stays; newly learned rules are added."""
    mine = {rule.key: rule for rule in kept}
    off = {rule.key for rule in dropped}
    rules = []
    for rule in learned:
        if rule.key in off:
            continue
        person = mine.pop(rule.key, None)
        rules.append(rule if person is None else
                     Rule(rule.before, rule.draft, rule.after, person.published, rule.times, rule.pages))
    return rules + list(mine.values()), list(dropped)


def loads(text: str, source: str = "<rules>") -> tuple[str, list[Rule]]:
    """(engine, rules) of a rules file; a line that is not a rule is a :class:`RulesError` naming it."""
    engine, rules = "", []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            found = re.match(r"# Post-edits learned by `bulletin-i18n align`: (\S+) drafts", line)
            engine = found.group(1) if found else engine
            continue
        if not line.strip():
            continue
        rule = _rule(line.split("\t"))
        if rule is None:
            raise RulesError(f"{source}:{number}: not a rule (six tab-separated columns: word before, "
                             "draft, word after, published, times, pages)", number)
        rules.append(rule)
    return engine, rules
