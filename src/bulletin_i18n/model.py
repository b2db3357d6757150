"""The data every stage shares: a page's segments, and catalogs of entries.

Plain dataclasses, with no lxml and no PO syntax inside: :mod:`.html` makes
:class:`Segment` objects from a page, :mod:`.po` reads and writes
:class:`Catalog` objects (its codec alone knows how each field is written in a
PO file), and every other stage works on these.

An entry's :class:`State` is the one vocabulary of progress; :class:`Counts`
the one way of counting it.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import asdict, dataclass, field
from enum import Enum

from . import placeholders as ph


class State(str, Enum):
    """Where an entry is in its life: the only vocabulary of progress."""

    UNTRANSLATED = "untranslated"
    FUZZY = "fuzzy"  # a translation that waits for review
    TRANSLATED = "translated"  # reviewed: the editions show it
    OBSOLETE = "obsolete"  # its text is gone from the page; kept in case it comes back


# -- pages --------------------------------------------------------------------------


@dataclass(frozen=True)
class Placeholder:
    """What one placeholder of a message stands for."""

    number: int
    kind: str  # placeholders.PAIRED or placeholders.ATOMIC
    description: str = ""
    literal: str | None = None  # text kept as is (merge tag, translate="no" text)

    @property
    def token(self) -> str:
        """How the placeholder opens in a message: ``<1>`` or ``<2/>``."""
        return ph.atomic_tag(self.number) if self.kind == ph.ATOMIC else ph.open_tag(self.number)


@dataclass(frozen=True)
class Segment:
    """One translatable message of a page: its text, and where it sits (for people)."""

    msgid: str
    line: int
    path: str  # the element, as a short CSS-like path ("td > p.intro")
    attribute: str | None = None  # a translatable attribute, else the element's text
    placeholders: tuple[Placeholder, ...] = ()


# -- catalogs -------------------------------------------------------------------------


def text_hash(msgstr: str) -> str:
    """What a machine provenance keeps of the text the engine wrote: 10 hex digits
    of its SHA-1, enough to tell untouched machine output from an edited one."""
    return hashlib.sha1(msgstr.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Provenance:
    """Where a translation came from, when no person wrote it."""

    kind: str  # MACHINE or MEMORY
    engine: str = ""  # machine: the engine's name, version and a hash of what it wrote
    version: str = ""
    hash: str = ""
    origin: str = ""  # memory: the catalog or TMX file it came from
    similarity: float | None = None  # memory: None for an exact hit
    #: memory: False for a pair nobody reviewed (an aligned archive): a suggestion only
    reviewed: bool = True
    #: memory: a similar hit whose numbers, dates, links, names or placeholders
    #: were changed to those of the new English (``tm.repair``)
    updated: bool = False

    MACHINE = "machine"
    MEMORY = "memory"


@dataclass(frozen=True)
class Hit:
    """A translation memory's answer for a text: exact, or similar (fuzzy)."""

    msgid: str  # the source text of the pair found
    msgstr: str
    origin: str  # the catalog or TMX file it comes from
    score: float  # similarity, 0-100
    exact: bool
    reviewed: bool = True  # False: an unreviewed pair (an aligned archive), filled as fuzzy


@dataclass
class Notes:
    """What the tool tells translators about an entry (extracted comments)."""

    element: str = ""  # where the text sits in the page
    attribute: str | None = None
    placeholders: list[Placeholder] = field(default_factory=list)
    glossary: list[tuple[str, str]] = field(default_factory=list)  # (source, approved target)
    other: list[str] = field(default_factory=list)  # lines the tool does not know, kept

    @classmethod
    def of(cls, segment: Segment, glossary: list[tuple[str, str]] = ()) -> Notes:
        return cls(segment.path, segment.attribute, list(segment.placeholders), list(glossary))

    def copy(self) -> Notes:
        """A copy whose lists are its own (their items, placeholders and pairs, are immutable)."""
        return Notes(self.element, self.attribute, list(self.placeholders),
                     [p if isinstance(p, tuple) else list(p) for p in self.glossary], list(self.other))

    def descriptions(self) -> dict[int, str]:
        """What each placeholder stands for, by number."""
        return {p.number: p.description for p in self.placeholders}


@dataclass
class Entry:
    """One message of a catalog, in the fields gettext gives it."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    translator_comment: str = ""
    notes: Notes = field(default_factory=Notes)
    #: Machine or memory origins of the translation, oldest first.
    provenance: list[Provenance] = field(default_factory=list)
    #: Notes of the machine stage for the translator ("placeholders restored…").
    mt_checks: list[str] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)  # (file, line)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int | None = field(default=None, compare=False)  # in the file it was read from

    @property
    def key(self) -> tuple[str | None, str]:
        """What identifies a message in a catalog: (msgctxt, msgid)."""
        return self.msgctxt, self.msgid

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def state(self) -> State:
        if self.obsolete:
            return State.OBSOLETE
        if self.msgid_plural:
            done = bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        else:
            done = bool(self.msgstr)
        if not done:
            return State.UNTRANSLATED
        return State.FUZZY if self.fuzzy else State.TRANSLATED

    @property
    def origin(self) -> Provenance | None:
        """The latest machine or memory origin of the translation, if any."""
        return self.provenance[-1] if self.provenance else None

    @property
    def machine_draft(self) -> bool:
        """A fuzzy translation whose latest origin is a machine: a draft nobody reviewed."""
        origin = self.origin
        return self.state is State.FUZZY and origin is not None and origin.kind == Provenance.MACHINE


@dataclass
class Catalog:
    """A PO or POT file: header comment, header fields, entries in file order."""

    entries: list[Entry] = field(default_factory=list)
    header: str = ""  # the comment above the header entry
    metadata: dict[str, str] = field(default_factory=dict)  # header fields, in order
    header_fuzzy: bool = False
    wrap_width: int = 79
    #: Read from a file an earlier version of the tool laid out otherwise (its
    #: provenance among the extracted comments): written again once, as it is.
    outdated_layout: bool = field(default=False, compare=False)

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, index: int) -> Entry:
        return self.entries[index]

    def find(self, msgid: str, msgctxt: str | None = None) -> Entry | None:
        """The live entry of a message, if any."""
        return next((e for e in self.entries if not e.obsolete and e.key == (msgctxt, msgid)), None)

    def append(self, entry: Entry) -> None:
        self.entries.append(entry)

    def live(self) -> list[Entry]:
        """The entries that are not obsolete."""
        return [e for e in self.entries if not e.obsolete]

    def reviewed(self) -> list[Entry]:
        """The entries a person translated and reviewed: what editions and memory use."""
        return [e for e in self.entries if e.state is State.TRANSLATED]

    def counts(self) -> Counts:
        counts = Counts()
        for entry in self.entries:
            counts.add(entry.state)
        return counts


@dataclass(slots=True)  # a run's reports hold thousands
class Counts:
    """Entries (or source words) by state: the one way progress is counted."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0

    @property
    def total(self) -> int:
        """Live entries or words: obsolete ones excluded."""
        return self.translated + self.fuzzy + self.untranslated

    def percent(self, include_fuzzy: bool = False) -> float:
        """Translated share of the total (100 for an empty catalog)."""
        done = self.translated + (self.fuzzy if include_fuzzy else 0)
        return 100.0 * done / self.total if self.total else 100.0

    def add(self, state: State, amount: int = 1) -> None:
        name = State(state).value
        setattr(self, name, getattr(self, name) + amount)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.translated + other.translated, self.fuzzy + other.fuzzy,
                      self.untranslated + other.untranslated, self.obsolete + other.obsolete)

    def as_dict(self) -> dict[str, int]:
        return {**asdict(self), "total": self.total}

    def as_list(self) -> list[int]:
        # not astuple (a deep copy): the index and the run state list thousands of these
        return [self.translated, self.fuzzy, self.untranslated, self.obsolete]


def show_percent(value: float) -> str:
    """A percentage as every report shows it: rounded down to one decimal, so
    that 99.96 is not shown as 100."""
    return f"{math.floor(value * 10) / 10:.1f}"
