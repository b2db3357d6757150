"""A language's catalog brought up to date with a new template, as ``msgmerge`` does.

Unchanged texts keep everything a translator gave them; a changed text gets
the translation of its closest old text, marked fuzzy, with the old text as
``#| msgid``; a removed text becomes obsolete and comes back if the text does;
texts translated elsewhere come from the translation memory.

A changed text is matched at least whenever GNU ``msgmerge`` matches it:
every old entry with a translation is a candidate (live or obsolete, fuzzy
or not, still in the template or not, used by several new texts if need
be), and the similarity is the one ``msgmerge`` computes (``fstrcmp``: the
share of the two texts' UTF-8 bytes left when the fewest insertions and
deletions turn one into the other, at least 0.6), or the same measure on
characters, whichever is higher. ``tests/po/test_merge.py`` compares the two
on generated revisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model import Catalog, Entry, Hit, Provenance, State
from ..tm.repair import repair_placeables
from .template import babel_plural_forms, new_catalog, plural_forms, set_language

#: The similarity (0-100) at which ``msgmerge`` offers an old translation (gettext's
#: FUZZY_THRESHOLD): changed texts are matched at this or at ``threshold``, the lower.
MSGMERGE_THRESHOLD = 60.0

#: ``memory(msgid) -> Hit | None``: reviewed translations of other catalogs (and
#: imported pairs, some of them unreviewed: ``Hit.reviewed``).
MemoryLookup = Callable[[str], "Hit | None"]


@dataclass
class MergeChanges:
    """What a merge did to one catalog."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # filled fuzzy from an old text
    removed: list[str] = field(default_factory=list)  # made obsolete
    revived: list[str] = field(default_factory=list)  # came back from obsolete
    from_memory: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.removed or self.revived or self.from_memory)


def merge(
    old: Catalog | None, template: Catalog, lang: str, *,
    threshold: float = 75.0, memory: MemoryLookup | None = None, purge_obsolete: bool = False,
) -> tuple[Catalog, MergeChanges]:
    """The catalog ``old`` brought up to date with ``template`` (``old`` is not changed)."""
    changes = MergeChanges()
    po = new_catalog(template, lang) if old is None else _copy_header(old, template, lang)
    # entries are keyed by (msgctxt, msgid): a text in a context is another message
    live = {e.key: e for e in (old or []) if not e.obsolete and e.msgid}
    dead = {e.key: e for e in (old or []) if e.obsolete and e.msgid}
    wanted = {e.key for e in template}
    # every old translation is a candidate for a changed text, as in msgmerge
    candidates = {(e.obsolete, e.key): e for e in (old or []) if e.msgid and e.msgstr and not e.msgid_plural}
    old_threshold = min(threshold, MSGMERGE_THRESHOLD)
    # a changed text's translation was made for its earlier text (#| msgid): if
    # that text comes back, the translation is its own
    earlier = {(e.previous_msgctxt, e.previous_msgid): e for e in live.values()
               if e.previous_msgid and e.msgstr and not e.msgid_plural}
    reused: set = set()
    for tentry in template:
        entry = Entry(tentry.msgid, references=list(tentry.references), notes=tentry.notes.copy())
        previous = live.get(tentry.key) or dead.get(tentry.key)
        if previous is not None:
            _carry(previous, entry)
            if previous.obsolete:
                changes.revived.append(tentry.msgid)
            hit = memory(entry.msgid) if memory and not entry.msgstr else None
            if hit:  # still untranslated here, translated elsewhere since
                _fill_from_memory(entry, hit, lang)
                changes.from_memory.append(tentry.msgid)
        else:
            hit = memory(entry.msgid) if memory else None
            if hit and hit.exact:  # a reviewed translation beats a fuzzy old one
                _fill_from_memory(entry, hit, lang)
                changes.from_memory.append(tentry.msgid)
            elif tentry.key in earlier:
                _fill_from_earlier(entry, earlier[tentry.key])
                changes.revived.append(tentry.msgid)
            elif _fill_from_old(entry, candidates, old_threshold, reused):
                changes.changed.append(tentry.msgid)
            elif hit:
                _fill_from_memory(entry, hit, lang)
                changes.from_memory.append(tentry.msgid)
            else:
                changes.new.append(tentry.msgid)
        po.append(entry)
    for key, previous in live.items():
        if key in wanted or key in reused:
            continue  # still there, or carried on by the text that replaced it
        if previous.state is not State.UNTRANSLATED and not purge_obsolete:
            obsolete = Entry(previous.msgid, obsolete=True)
            _carry(previous, obsolete)
            obsolete.references = []
            po.append(obsolete)
        changes.removed.append(previous.msgid)
    if not purge_obsolete:
        for key, previous in dead.items():
            if key not in wanted and key not in live:
                po.append(previous)
    return po, changes


def _copy_header(old: Catalog, template: Catalog, lang: str) -> Catalog:
    po = Catalog(header=old.header, metadata=dict(old.metadata), header_fuzzy=old.header_fuzzy,
                 wrap_width=template.wrap_width)
    po.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    if not po.metadata.get("Language"):
        po.metadata["Language"] = lang
    if not po.metadata.get("Plural-Forms"):
        set_language(po, lang)
    elif po.metadata["Plural-Forms"] != plural_forms(lang) \
            and po.metadata["Plural-Forms"] == babel_plural_forms(lang) and not any(e.msgid_plural for e in old):
        # the rule earlier versions took from Babel: the translators' tools' rule, once
        po.metadata["Plural-Forms"] = plural_forms(lang)
    return po


def _carry(previous: Entry, entry: Entry) -> None:
    """What a translator and the tool gave an entry: translation, flags, comment,
    provenance, previous text (its notes about the page come from the template).
    An obsolete entry keeps its provenance too (translator comments, which
    the file shows for obsolete entries as msgmerge does), for the day its text
    comes back."""
    entry.msgstr = previous.msgstr
    if entry.obsolete:  # all it was: context, plural forms
        entry.msgctxt, entry.msgid_plural = previous.msgctxt, previous.msgid_plural
        entry.msgstr_plural = dict(previous.msgstr_plural)
    entry.flags = list(previous.flags)
    entry.translator_comment = previous.translator_comment
    entry.provenance = list(previous.provenance)
    entry.mt_checks = list(previous.mt_checks)
    entry.previous_msgid = previous.previous_msgid


def _fill_from_old(entry: Entry, candidates: dict, threshold: float, reused: set) -> bool:
    """The translation of the most similar old text, as a fuzzy suggestion (with its
    translator comment and provenance, which msgmerge keeps too)."""
    if not candidates:
        return False
    from rapidfuzz import fuzz, process  # read when a changed text has candidates (about 10 ms)

    texts = {key: e.msgid for key, e in candidates.items()}
    match = process.extractOne(entry.msgid, texts, scorer=fuzz.ratio, score_cutoff=threshold)
    if not entry.msgid.isascii() or any(not text.isascii() for text in texts.values()):
        # msgmerge compares bytes: accented letters that share a first byte count as close
        in_bytes = {key: text.encode("utf-8") for key, text in texts.items()}
        by_bytes = process.extractOne(entry.msgid.encode("utf-8"), in_bytes, scorer=fuzz.ratio,
                                      score_cutoff=threshold)
        if by_bytes is not None and (match is None or by_bytes[1] > match[1]):
            match = by_bytes
    if match is None:
        return False
    obsolete, key = match[2]
    previous = candidates[match[2]]
    if not obsolete:
        reused.add(key)
    entry.msgstr = previous.msgstr
    entry.translator_comment = previous.translator_comment
    entry.provenance = list(previous.provenance)
    entry.mt_checks = list(previous.mt_checks)
    entry.flags = sorted(set(previous.flags) | {"fuzzy"})
    entry.previous_msgid = previous.msgid
    return True


def _fill_from_earlier(entry: Entry, changed: Entry) -> None:
    """The translation a changed entry keeps for its earlier text, for that text
    come back: fuzzy, for a person to confirm."""
    entry.msgstr = changed.msgstr
    entry.flags = sorted(set(changed.flags) | {"fuzzy"})


def _fill_from_memory(entry: Entry, hit: Hit, lang: str) -> None:
    """A memory hit as the entry's translation: fuzzy when only similar, or when
    nobody reviewed the pair (an aligned archive: a suggestion to review). A
    similar hit whose English differs only in numbers, dates, links, names or
    placeholders gets the same changes in its translation, and says so."""
    repaired = None if hit.exact else repair_placeables(hit.msgid, hit.msgstr, entry.msgid, lang)
    entry.msgstr = repaired.text if repaired else hit.msgstr
    if not hit.exact or not hit.reviewed:
        entry.flags = sorted(set(entry.flags) | {"fuzzy"})
    if not hit.exact:
        entry.previous_msgid = hit.msgid
    entry.provenance.append(Provenance(Provenance.MEMORY, origin=hit.origin,
                                       similarity=None if hit.exact else float(round(hit.score)),
                                       reviewed=hit.reviewed, updated=repaired is not None))
