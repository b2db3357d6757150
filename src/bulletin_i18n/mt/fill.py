"""Filling a catalog's empty entries: memory first, then the engine.

Rules, so that a person's work is never lost:

* only entries with an empty msgstr are filled (not obsolete ones, not plural
  entries);
* an exact translation-memory hit (a reviewed translation of the same text in
  another catalog) comes first: filled, not fuzzy, with a memory provenance;
* the rest go to the engine in batches: filled, ``fuzzy``, with a machine
  provenance (engine, version, and the hash of the msgstr written);
* with ``redo_mt``, fuzzy entries whose msgstr is still exactly what the machine
  wrote (the hash matches) are translated again; once a translator edits the
  msgstr the hash no longer matches and the entry is never touched;
* a reviewed (non-fuzzy, non-empty) entry is never changed;
* ``postedit`` (post-edits learned from the project's archive) may change an
  engine's draft before it is written; it never touches a placeholder, and a
  draft it would leave with a placeholder problem is written as the engine gave it.

Placeholders the engine lost are put back by the tool, with a note for the
translator. Nothing here reads or writes a file: the caller does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace

from .. import placeholders as ph
from ..glossary import Glossary
from ..model import Catalog, Entry, Provenance, text_hash
from .base import Context, Engine, Result
from .cache import MTCache, translate_cached

#: Segments sent to the engine at once: large enough to amortise each call,
#: small enough for the cache and the progress line to follow along.
BATCH_SIZE = 200

#: ``lookup(msgid) -> (reviewed msgstr, origin)`` for an exact translation-memory hit.
MemoryLookup = Callable[[str], "tuple[str, str] | None"]
#: ``progress(count)``: told how many more entries are done.
Progress = Callable[[int], None]
#: ``postedit(draft, engine name) -> draft``: post-edits learned for that engine's drafts.
PostEdit = Callable[[str, str], str]


@dataclass
class FillStats:
    """What filling did."""

    machine: int = 0  # entries filled by the engine (or its cache)
    cached: int = 0  # of which the cache already knew
    memory: int = 0  # entries filled from translation memory
    to_check: int = 0  # entries whose placeholders the tool restored

    def add(self, other: FillStats) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def __str__(self) -> str:
        text = f"{self.machine} machine-translated ({self.cached} from cache), {self.memory} from memory"
        return text + (f", {self.to_check} to check" if self.to_check else "")


def is_untouched_machine_output(entry: Entry) -> bool:
    """A fuzzy entry whose msgstr is still exactly what the machine wrote."""
    if not entry.fuzzy or not entry.msgstr:
        return False
    machine = [p for p in entry.provenance if p.kind == Provenance.MACHINE]
    return bool(machine) and machine[-1].hash == text_hash(entry.msgstr)


def needs_filling(entry: Entry, redo_mt: bool = False) -> bool:
    """Whether pre-translation may (re)fill this entry (see the module's rules)."""
    if entry.obsolete or not entry.msgid or entry.msgid_plural:
        return False
    if not entry.msgstr:
        return True
    return redo_mt and is_untouched_machine_output(entry)


def count_to_fill(catalog: Catalog, redo_mt: bool = False) -> int:
    return sum(needs_filling(entry, redo_mt) for entry in catalog)


def fill_from_memory(entry: Entry, msgstr: str, origin: str) -> None:
    entry.msgstr = msgstr
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.provenance = [Provenance(Provenance.MEMORY, origin=origin)]
    entry.mt_checks = []


def fill_from_engine(entry: Entry, result: Result, engine: Engine) -> None:
    """A machine draft as the entry's translation, fuzzy, naming the engine that
    wrote it (in a chain, the member that did)."""
    entry.msgstr = result.text
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    name, version = (result.engine, result.version) if result.engine else (engine.name, engine.version())
    entry.provenance = [Provenance(Provenance.MACHINE, engine=name, version=version, hash=text_hash(result.text))]
    entry.mt_checks = [result.note] if result.note else []


def contexts_of(catalog: Catalog) -> dict[str, Context]:
    """What a language model is told about each message of a catalog: the
    bulletin's title (its ``<title>``) and the English before and after it."""
    live = [entry for entry in catalog if not entry.obsolete and entry.msgid]
    title = next((e.msgid for e in live if e.notes.attribute is None
                  and (e.notes.element == "title" or e.notes.element.endswith("> title"))), "")
    found: dict[str, Context] = {}
    for index, entry in enumerate(live):
        before = live[index - 1].msgid if index else ""
        after = live[index + 1].msgid if index + 1 < len(live) else ""
        found.setdefault(entry.msgid, Context(title, before, after))
    return found


def fill_catalog(
    catalog: Catalog, engine: Engine, *, cache: MTCache | None = None,
    glossary: Glossary | None = None, memory: MemoryLookup | None = None, redo_mt: bool = False,
    progress: Progress | None = None, postedit: PostEdit | None = None,
) -> FillStats:
    """Fill a catalog in memory (the caller writes it); see the module's rules."""
    stats = FillStats()
    for_engine = []
    for entry in catalog:
        if not needs_filling(entry, redo_mt):
            continue
        hit = memory(entry.msgid) if memory is not None else None
        if hit is not None:
            fill_from_memory(entry, *hit)
            stats.memory += 1
        else:
            for_engine.append(entry)
    if progress is not None and stats.memory:
        progress(stats.memory)
    context = contexts_of(catalog) if engine.uses_context and for_engine else None
    for start in range(0, len(for_engine), BATCH_SIZE):
        batch = for_engine[start:start + BATCH_SIZE]
        results, cached = translate_cached(engine, [e.msgid for e in batch], cache=cache, glossary=glossary,
                                           context=context)
        for entry in batch:
            result = results[entry.msgid]
            if result.text:
                if postedit is not None:
                    result = _post_edited(entry.msgid, result, postedit, engine)
                fill_from_engine(entry, result, engine)
                stats.to_check += bool(result.note)
        stats.machine += len(batch)
        stats.cached += cached
        if progress is not None:
            progress(len(batch))
    return stats


def _post_edited(msgid: str, result: Result, postedit: PostEdit, engine: Engine) -> Result:
    text = postedit(result.text, result.engine or engine.name)
    if text == result.text or ph.problems(msgid, text):
        return result
    return replace(result, text=text)
