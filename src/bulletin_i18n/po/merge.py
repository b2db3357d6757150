"""A language's catalog brought up to date with a new template, as ``msgmerge`` does.

Unchanged texts keep everything a translator gave them; a changed text gets
the translation of its closest old text, marked fuzzy, with the old text as
``#| msgid``; a removed text becomes obsolete and comes back if the text does;
texts translated elsewhere come from the translation memory.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Callable

from rapidfuzz import fuzz, process

from ..model import Catalog, Entry, Hit, Provenance
from .template import new_catalog, set_language

#: ``memory(msgid) -> Hit | None``: reviewed translations of other catalogs.
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
    live = {e.msgid: e for e in (old or []) if not e.obsolete and e.msgid}
    dead = {e.msgid: e for e in (old or []) if e.obsolete and e.msgid}
    wanted = {e.msgid for e in template}
    # old translations whose text is gone: candidates for changed texts
    gone = {msgid: e for msgid, e in live.items() if msgid not in wanted and e.msgstr}
    gone_keys = list(gone)
    reused: set[str] = set()
    for tentry in template:
        entry = Entry(tentry.msgid, references=list(tentry.references), notes=copy.deepcopy(tentry.notes))
        previous = live.get(tentry.msgid) or dead.get(tentry.msgid)
        if previous is not None:
            _carry(previous, entry)
            if previous.obsolete:
                changes.revived.append(tentry.msgid)
            hit = memory(entry.msgid) if memory and not entry.msgstr else None
            if hit:  # still untranslated here, translated elsewhere since
                _fill_from_memory(entry, hit)
                changes.from_memory.append(tentry.msgid)
        else:
            hit = memory(entry.msgid) if memory else None
            if hit and hit.exact:  # a reviewed translation beats a fuzzy old one
                _fill_from_memory(entry, hit)
                changes.from_memory.append(tentry.msgid)
            elif _fill_from_old(entry, gone, gone_keys, threshold, reused):
                changes.changed.append(tentry.msgid)
            elif hit:
                _fill_from_memory(entry, hit)
                changes.from_memory.append(tentry.msgid)
            else:
                changes.new.append(tentry.msgid)
        po.append(entry)
    for msgid, previous in live.items():
        if msgid in wanted or msgid in reused:
            continue  # still there, or carried on by the text that replaced it
        if previous.msgstr and not purge_obsolete:
            obsolete = Entry(msgid, obsolete=True)
            _carry(previous, obsolete)
            obsolete.references = []
            po.append(obsolete)
        changes.removed.append(msgid)
    if not purge_obsolete:
        for msgid, previous in dead.items():
            if msgid not in wanted and msgid not in live:
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
    return po


def _carry(previous: Entry, entry: Entry) -> None:
    """What a translator and the tool gave an entry: translation, flags, comment,
    provenance, previous text (its notes about the page come from the template).
    An obsolete entry keeps no provenance: the file does not show it."""
    entry.msgstr = previous.msgstr
    entry.flags = list(previous.flags)
    entry.translator_comment = previous.translator_comment
    if not entry.obsolete:
        entry.provenance = list(previous.provenance)
        entry.mt_checks = list(previous.mt_checks)
    entry.previous_msgid = previous.previous_msgid


def _fill_from_old(entry: Entry, gone, gone_keys, threshold, reused: set[str]) -> bool:
    if not gone_keys:
        return False
    match = process.extractOne(entry.msgid, gone_keys, scorer=fuzz.ratio, score_cutoff=threshold)
    if match is None:
        return False
    previous = gone[match[0]]
    reused.add(previous.msgid)
    entry.msgstr = previous.msgstr
    entry.translator_comment = previous.translator_comment
    entry.flags = sorted(set(previous.flags) | {"fuzzy"})
    entry.previous_msgid = previous.msgid
    return True


def _fill_from_memory(entry: Entry, hit: Hit) -> None:
    entry.msgstr = hit.msgstr
    if not hit.exact:
        entry.flags = sorted(set(entry.flags) | {"fuzzy"})
        entry.previous_msgid = hit.msgid
    entry.provenance.append(Provenance(Provenance.MEMORY, origin=hit.origin,
                                       similarity=None if hit.exact else float(round(hit.score))))
