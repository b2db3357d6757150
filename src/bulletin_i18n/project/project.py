"""A project's files for one run: its bulletins, and each catalog read once.

:class:`Project` finds the bulletins under ``source/`` and reads catalogs and
templates on demand, keeping what it read for the rest of the run; what the
run writes through it replaces what it holds. Stages never see a path of the
project: the commands (:mod:`.commands`) take what they need from here.
"""

from __future__ import annotations

import errno
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, UsageError
from ..fsutil import ANY, NotAFile, digest, read_bytes
from ..settings import CONTROL_CHARACTERS, Settings, settings_file

if TYPE_CHECKING:
    from ..html.extract import Extraction
    from ..html.page import Page
    from ..model import Catalog

# The stages (lxml, the extraction, the PO codec) are read where first used: a
# sync that finds nothing to do never needs them, and starts faster without them.


@dataclass
class Bulletin:
    """One English source page, parsed once, and its segments."""

    name: str
    source: Path
    page: Page
    extraction: Extraction
    #: The source's bytes, as read and parsed.
    data: bytes | None = field(default=None, repr=False)
    #: The source's stat as it was read (``fstat`` of the file read).
    stat: os.stat_result | None = field(default=None, repr=False)
    #: When it was read (``time.time()`` just before).
    read_at: float | None = field(default=None, repr=False)

    @property
    def source_hash(self) -> str | None:
        """The :func:`.state.content_hash` of the source's bytes as read and parsed."""
        from .state import content_hash

        return None if self.data is None else content_hash(self.data)

    @property
    def segments(self):
        return self.extraction.segments


class Project:
    """The settings of a project and the files of one run."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._catalogs: dict[Path, Catalog | None] = {}
        self._digests: dict[Path, str | None] = {}  # what each catalog held when read
        self._data: dict[Path, bytes] = {}  # each catalog's bytes as read or written (until forgotten)
        self._written: set[Path] = set()  # those of them this run wrote
        self._its_rules: list | None = None  # the settings' ITS rules, read once

    # -- bulletins ----------------------------------------------------------------
    def sources(self, names: list[str] | None = None) -> list[Path]:
        """The project's sources, or those named (by bulletin name or file path)."""
        settings = self.settings
        sources = settings.sources()
        for source in sources:
            if CONTROL_CHARACTERS.search(settings.name_of(source)):
                raise InputError(f"{settings.relative(source)!r}: a bulletin's file name cannot hold a line break "
                                 "or another control character: rename the file", path=source)
        if not names:
            return sources
        chosen = []
        for name in names:
            wanted = [s for s in sources if settings.name_of(s) == name.removesuffix(".html")
                      or s.resolve() == (settings.root / name).resolve() or s.resolve() == Path(name).resolve()]
            if not wanted:
                raise InputError(f"{name}: no such bulletin under {settings.source_dir}/", path=name)
            chosen.extend(w for w in wanted if w not in chosen)
        return chosen

    def require_sources(self, names: list[str] | None = None) -> list[Path]:
        """:meth:`sources`, or :class:`InputError` naming the folder when there is none:
        a command run in the wrong folder stops before it writes anything."""
        sources = self.sources(names)
        if not sources:
            settings = self.settings
            folder = f"{settings.relative(settings.source_path)}/"
            state = "holds no bulletin (no .html file)" if settings.source_path.is_dir() else "does not exist"
            raise InputError(f"no bulletins in {os.path.abspath(settings.root)}: {folder} {state}; is this the "
                             "project's folder? (`bulletin-i18n init` makes a project; -C DIR works in another "
                             "folder)", path=settings.source_path)
        return sources

    def target_langs(self, langs: list[str] | None = None) -> list[str]:
        """The target languages chosen (default: all), each one of the project's."""
        settings = self.settings
        if not langs:
            return list(settings.target_langs)
        for lang in langs:
            if lang not in settings.target_langs:
                where = settings_file(settings.root)
                listed = ", ".join(f'"{code}"' for code in settings.target_langs)
                raise UsageError(
                    f"--lang {lang}: {lang} is not a target language of this project (target_langs = [{listed}] "
                    f"in {where}): add it to target_langs there, then run `bulletin-i18n sync` to make its "
                    "catalogs")
        return list(dict.fromkeys(langs))

    def names(self, names: list[str] | None = None) -> list[str]:
        return [self.settings.name_of(source) for source in self.sources(names)]

    def load(self, source: Path) -> Bulletin:
        """A bulletin, parsed (not kept: one page in memory at a time)."""
        from ..html import its
        from ..html.extract import extract
        from ..html.page import parse_page, read_page_file

        read_at = time.time()  # before the read: whether the file was racily clean when read
        data, stat = read_page_file(source)
        page = parse_page(data, Path(source))
        rules = its.decide(page.root, self.its_rules() + its.page_rules(page.root, source))
        return Bulletin(self.settings.name_of(source), source, page,
                        extract(page.root, self.settings.source_lang, rules), data, stat, read_at)

    def its_rules(self) -> list:
        """The ITS rules the settings give every bulletin (read once a run)."""
        if self._its_rules is None:
            from ..html import its

            settings = self.settings
            self._its_rules = its.settings_rules(settings.root, settings.its_rules, settings.no_translate,
                                                 settings.translate_attributes, settings_file(settings.root))
        return self._its_rules

    # -- catalogs -----------------------------------------------------------------
    def catalog(self, name: str, lang: str) -> Catalog | None:
        """A bulletin's catalog for ``lang`` as it is on disk (None: there is none)."""
        return self.read(self.settings.catalog_path(name, lang))

    def template(self, name: str) -> Catalog | None:
        return self.read(self.settings.template_path(name))

    def catalogs(self, name: str, langs: list[str] | None = None) -> dict[str, Catalog | None]:
        """Each target language's catalog of a bulletin, or None where there is none yet."""
        return {lang: self.catalog(name, lang) for lang in langs or self.settings.target_langs}

    def existing_catalogs(self, name: str, langs: list[str] | None = None) -> dict[str, Catalog]:
        return {lang: po for lang, po in self.catalogs(name, langs).items() if po is not None}

    def read(self, path: Path) -> Catalog | None:
        """The catalog or template at ``path`` as it is on disk, read once (None: there is none)."""
        if path not in self._catalogs:
            try:  # one open, fstat and read (no is_file first: a run reads thousands)
                data = read_bytes(path)
            except FileNotFoundError:
                data = None
                if path.is_symlink():  # a link to nowhere
                    raise self._not_a_catalog(path) from None
            except (IsADirectoryError, NotAFile):
                raise self._not_a_catalog(path) from None
            except OSError as exc:
                if exc.errno == errno.ELOOP:  # a loop of links
                    raise self._not_a_catalog(path) from None
                raise InputError(f"{path}: cannot read: {exc.strerror}", path=path) from exc
            if data is not None:
                from ..po.pofile import decode_catalog

                self._catalogs[path] = decode_catalog(data, path, self.settings.wrap_width)
                self._data[path] = data
            else:
                self._catalogs[path] = None
            self._digests[path] = digest(data)
        return self._catalogs[path]

    def _not_a_catalog(self, path: Path) -> InputError:
        return InputError(f"{self.relative(path)}: not a catalog file (a folder or a broken link?)", path=path)

    def write(self, catalog: Catalog, path: Path, **options) -> bool:
        """Write a catalog (see :func:`~bulletin_i18n.po.pofile.write_catalog`); the
        run then sees it as written. A file this run read is written only if it
        still holds what was read: else :class:`~bulletin_i18n.fsutil.ChangedOnDisk`
        is raised and nothing is written (see :meth:`forget`)."""
        from ..po.pofile import put_catalog

        if path in self._digests:
            expected = self._digests[path]
        else:  # written by this run (its digest made when asked: a run writes each file once)
            expected = digest(self._data[path]) if path in self._data else ANY
        put = put_catalog(catalog, path, expected=expected, **options)
        if not options.get("dry_run"):
            self.forget(path)
            if put.data is not None:  # the file as written: not read back and parsed again
                self._catalogs[path] = put.catalog
                self._data[path] = put.data
                self._written.add(path)
        return put.changed

    def known_hashes(self, paths, *, written: bool = False) -> dict[str, str]:
        """The :func:`.state.content_hash` of those of ``paths`` whose bytes this run
        holds (as it read or wrote them, not since forgotten; ``written``: only
        those it wrote), by ``str(path)``: a bulletin's digest made of them
        needs not read the files again."""
        from .state import content_hash

        data, chosen = self._data, self._written if written else self._data
        return {str(path): content_hash(data[path]) for path in paths if path in chosen}

    def forget(self, path: Path) -> None:
        """Read the file again when next asked (it changed, or this run wrote it)."""
        self._catalogs.pop(path, None)
        self._digests.pop(path, None)
        self._data.pop(path, None)
        self._written.discard(path)

    def release(self, name: str) -> None:
        """Forget a bulletin's template and catalogs once its work is done (read
        again if asked): a run over many bulletins holds one bulletin's at a time."""
        settings = self.settings
        for path in [settings.template_path(name), *(settings.catalog_path(name, lang)
                                                     for lang in settings.target_langs)]:
            self.forget(path)

    def relative(self, path: Path) -> str:
        return self.settings.relative(path)
