"""The project's translation memory: reviewed translations of its catalogs, and
the TMX files imported or aligned under ``memory/`` (an aligned archive's pairs
unreviewed unless trusted)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..errors import InputError
from ..fsutil import files_under, under, write_atomic
from ..languages import same_language
from ..settings import Settings
from .state import memory_path, stamp, state_path

if TYPE_CHECKING:
    from ..model import Catalog, Hit
    from ..tm.memory import Memory

# The PO codec, the fuzzy matcher (rapidfuzz) and the TMX reader (lxml) are
# read when the memory is first used: a run that redoes nothing never is.


class Memories:
    """Translation memory per language, built on first use.

    The reviewed pairs of each catalog are cached in the project's state folder
    by file size and time, so a run reads again only the catalogs that changed.
    """

    def __init__(self, settings: Settings, seen: dict[str, list[int]] | None = None):
        self.settings = settings
        #: (size, time) of each file of the memory as the run has seen it: from the
        #: start of the run, then as loaded and as written. A file that changes
        #: behind the run's back (a translator's save) then differs next run.
        self.seen = dict(seen or {})
        self._by_lang: dict[str, Memory] = {}
        self._records: dict[str, dict] = {}
        self._dirty: set[str] = set()
        #: Texts that got a reviewed translation in a catalog during this run, by language.
        self.fresh: dict[str, set[str]] = {}

    def get(self, lang: str) -> Memory:
        if lang not in self._by_lang:
            self._by_lang[lang] = self._load(lang)
        return self._by_lang[lang]

    def load(self, langs: list[str]) -> None:
        """Read the memory of ``langs`` now: worker processes started next (``--jobs``)
        look texts up in the memory as the run found it, whatever the others write."""
        for lang in langs:
            self.get(lang)

    def lookup(self, lang: str, exclude: str) -> Callable[[str], Hit | None]:
        """A lookup for one catalog, that reads the memory only if it is asked."""
        return lambda msgid: self.get(lang).lookup(msgid, self.settings.fuzzy_threshold, exclude)

    def _cache_path(self, lang: str) -> Path:
        return state_path(self.settings, f"memory-{lang}.json")

    def _cached(self, lang: str) -> dict:
        if lang not in self._records:
            try:
                self._records[lang] = json.loads(self._cache_path(lang).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._records[lang] = {}
        return self._records[lang]

    def _load(self, lang: str) -> Memory:
        from ..po.pofile import read_catalog
        from ..tm.memory import Memory

        cached = self._cached(lang)
        memory = Memory()
        # the catalogs rglob("*.po") finds, in its sorted order; named by strings (thousands of them)
        folder = self.settings.locales_path / lang
        text, shown = str(folder), self.settings.relative(folder)
        for relative in sorted(files_under(text, lambda name: name.endswith(".po")), key=lambda r: r.split("/")):
            path, origin = under(text, relative), under(shown, relative)
            record = cached.get(origin)
            now = self.seen[path] = stamp(path)
            if record is None or record[0] != now:
                try:
                    self.record(lang, Path(path), read_catalog(Path(path), self.settings.wrap_width))
                except InputError:
                    continue  # reported when that catalog itself is read
                record = cached[origin]
            for msgid, msgstr in record[1]:
                memory.add(msgid, msgstr, origin)
        for msgid, msgstr, origin, reviewed in load_tmx_memory(self.settings, lang, with_review=True):
            memory.add(msgid, msgstr, origin, reviewed)  # the project's own translations win
        return memory

    def record(self, lang: str, path: Path, catalog: Catalog) -> None:
        """Note the reviewed pairs of a catalog as it now is on disk; once the
        memory is in use, new pairs join it at once and are noted as fresh."""
        origin = self.settings.relative(path)
        pairs = [[e.msgid, e.msgstr] for e in catalog.reviewed()]
        cached = self._cached(lang)
        memory = self._by_lang.get(lang)
        if memory is not None:
            before = {tuple(pair) for pair in cached.get(origin, [None, []])[1]}
            for msgid, msgstr in pairs:
                if (msgid, msgstr) not in before:
                    memory.add(msgid, msgstr, origin)
                    self.fresh.setdefault(lang, set()).add(msgid)
        cached[origin] = [stamp(path), pairs]
        self.seen[str(path)] = cached[origin][0]
        self._dirty.add(lang)

    def take_fresh(self) -> dict[str, set[str]]:
        """The fresh texts noted since the last call."""
        fresh, self.fresh = self.fresh, {}
        return fresh

    def save(self) -> None:
        for lang in sorted(self._dirty):
            write_atomic(self._cache_path(lang), json.dumps(self._records[lang], ensure_ascii=False),
                         durable=False)
        self._dirty.clear()




def save_tmx_memory(settings: Settings, path: Path) -> tuple[Path, int]:
    """Keep a TMX file as project memory (``memory/<file name>``); returns where, and
    how many pairs it holds. An unreadable file is refused before anything is written."""
    from ..tm.tmx import import_tmx

    path = Path(path)
    count = len(import_tmx(path))
    target = memory_path(settings) / path.name
    write_atomic(target, path.read_bytes())
    return target, count


def load_tmx_memory(settings: Settings, lang: str, *, with_review: bool = False) -> list[tuple]:
    """(msgid, msgstr, origin) of every imported pair into ``lang``, files in name order;
    ``with_review`` adds whether the pair is reviewed (see :func:`~..tm.tmx.import_tmx`)."""
    from ..tm.tmx import import_tmx

    pairs = []
    for path in sorted(memory_path(settings).glob("*.tmx")):
        origin = settings.relative(path)
        pairs.extend((source, target, origin, *review) for pair_lang, source, target, *review
                     in import_tmx(path, with_review=with_review) if same_language(pair_lang, lang))
    return pairs
