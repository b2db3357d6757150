"""What a run leaves for the next one: digests per bulletin, and the project's lock.

A bulletin whose source, catalogs, glossary, settings, assets, imported memory
and the tool itself are as the last run left them is skipped by ``sync``.
The digests are checked by the files' bytes; the assets beside the bulletins
and the memory (every catalog and TMX file) by size and time, as git's index
does.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
from stat import S_ISREG
from contextlib import contextmanager
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from .. import __version__
from ..errors import TryAgain
from ..fsutil import files_under, read_bytes, under, write_atomic
from ..settings import Settings

#: The project's folder of state, lock and caches (not versioned).
STATE_DIR = ".bulletin-i18n"
#: Folder of the project holding imported TMX files.
MEMORY_DIR = "memory"


def state_path(settings: Settings, name: str) -> Path:
    return settings.root / STATE_DIR / name


def memory_path(settings: Settings) -> Path:
    """The folder of imported translation memories (``memory/*.tmx``)."""
    return settings.root / MEMORY_DIR


def bulletin_digest(settings: Settings, source: Path, shared_key: str, hashes: dict | None = None, *,
                    editions: set[str] | None = None, stats: dict | None = None, name: str | None = None,
                    known: dict[str, str] | None = None) -> str:
    """A digest of everything a bulletin's outputs depend on.

    ``shared_key`` (:func:`run_key`) covers what all bulletins share. ``hashes``
    (the run state's) spares reading a file whose size and time did not change.
    ``editions``: the editions there are (:func:`present_editions`), else each is
    looked for; ``stats``: files' ``os.stat`` taken a moment ago at the start of
    the run (by :func:`memory_stamps`), else each is taken; ``name``: the
    bulletin's, if known; ``known``: the :func:`content_hash` of files the
    caller holds the bytes of (read or written a moment ago), by path as
    ``str`` gives it: not read again, nor kept in ``hashes`` (a file just
    written is racily clean: it would not be kept either). Paths are strings
    here (a run digests every bulletin: pathlib's cost counts).
    """
    name = name or settings.name_of(source)
    hashes = hashes if hashes is not None else {}
    stats = stats or {}
    parts = [shared_key]  # hashed as one string: the same digest as one update per part
    cut = _root_prefix(settings)
    for path in _bulletin_files(settings, source, name):
        # named from the project's root: the same digest whichever way the project is named
        value = known.get(path) if known else None
        if value is None:
            value = file_hash(path, hashes, stats.get(path))
        else:
            hashes.pop(path, None)
        parts += [path[len(cut):] if path.startswith(cut) else path, "\0", value]
    langs = [settings.source_lang, *settings.target_langs]
    if editions is None:
        output, isfile = settings.output_folder, os.path.isfile
        parts += ["1" if isfile(under(output, f"{lang}/{name}.html")) else "0" for lang in langs]
    else:
        parts += ["1" if f"{lang}/{name}.html" in editions else "0" for lang in langs]
    return hashlib.sha256("".join(parts).encode()).hexdigest()


def _root_prefix(settings: Settings) -> str:
    """What the paths of a project's files start with (as ``str(settings.root / ...)``
    spells them): ``-C site`` and ``-C /home/me/site`` name the same files."""
    root = str(settings.root)
    return "" if root == "." else root if root.endswith("/") else root + "/"


def present_editions(settings: Settings) -> set[str]:
    """The editions there are, as ``<lang>/<name>.html`` (those ``os.path.isfile`` finds)."""
    output, found = settings.output_folder, set()
    for lang in dict.fromkeys([settings.source_lang, *settings.target_langs]):
        found.update(f"{lang}/{path}" for path in files_under(under(output, lang), _is_page, files_only=True))
    return found


def bulletin_paths(settings: Settings, source: Path) -> list[Path]:
    """The files a bulletin's digest reads: its source, template and catalogs."""
    return [Path(path) for path in _bulletin_files(settings, source, settings.name_of(source))]


def _bulletin_files(settings: Settings, source: Path, name: str) -> list[str]:
    """:func:`bulletin_paths` as strings, as ``str(path)`` gives them."""
    locales = settings.locales_folder
    return [str(source), under(locales, f"{name}.pot"),
            *(under(locales, f"{lang}/{name}.po") for lang in settings.target_langs)]


#: A file changed less than this long ago may change again within the same time
#: stamp: its hash is not kept (git's "racily clean" entries).
_RACY_SECONDS = 2.0


def file_hash(path: Path | str, hashes: dict, stat: os.stat_result | None = None) -> str:
    """The SHA-256 of a file's bytes ("missing" when there is none), read only when
    its stat differs from what ``hashes`` holds for it (stat before hashing).

    As git's index: the size, the time, the inode and the change time are
    compared (a translator's save of the same size whose time is put back, or
    a file renamed over it, is read again), and a file changed less than
    :data:`_RACY_SECONDS` before it was hashed is not kept (racily clean: a
    change within the same time stamp would not show in its stat).
    ``stat``: the file's, taken by the caller a moment ago.
    """
    path = path if isinstance(path, str) else str(path)
    if stat is None:
        try:
            stat = os.stat(path)
        except OSError:  # none, or a link to nowhere: the catalog's own reading says which
            return "missing"
    if not S_ISREG(stat.st_mode):
        return "not a file"
    known = hashes.get(path)
    if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns and known[3:] == [
            stat.st_ino, stat.st_ctime_ns]:
        return known[2]
    value = content_hash(read_bytes(path))
    keep_hash(path, hashes, stat, value)
    return value


def keep_hash(path: str, hashes: dict, stat: os.stat_result, value: str, read_at: float | None = None) -> None:
    """Note in ``hashes`` the :func:`content_hash` ``value`` of a file read with
    this ``stat`` (taken before the read), unless it is racily clean: changed
    less than :data:`_RACY_SECONDS` before it was read (``read_at``, a
    ``time.time()`` taken before the read; default now)."""
    if (time.time() if read_at is None else read_at) - stat.st_mtime > _RACY_SECONDS:
        hashes[path] = [stat.st_size, stat.st_mtime_ns, value, stat.st_ino, stat.st_ctime_ns]
    else:
        hashes.pop(path, None)


def content_hash(data: bytes) -> str:
    """What a bulletin's digest holds of one of its files' bytes."""
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def tool_key() -> str:
    """The tool's version and code: a changed tool redoes every bulletin once."""
    return code_key(str(Path(__file__).resolve().parents[1]), __version__)


def code_key(package: str, version: str) -> str:
    """A key of a package's modules (``.py`` files at any depth) and version.

    The modules are known by their stamps (size, time, inode, change time), as
    git's index knows files: any rewrite of a module (an edit, a checkout, an
    upgrade, a reinstall) changes its inode or change time, and a run need not
    read the tool's whole code to know it is the same."""
    code = hashlib.sha256(version.encode())
    for module in sorted(files_under(package, lambda name: name.endswith(".py"))):
        found = os.stat(under(package, module))
        code.update(f"{module}\0{found.st_size}\0{found.st_mtime_ns}\0{found.st_ino}\0{found.st_ctime_ns}\0".encode())
    return code.hexdigest()


def run_key(settings: Settings) -> str:
    """What every bulletin depends on: the tool, the settings, the glossary, the
    imported memory and the assets beside the bulletins (read once a run)."""
    digest = hashlib.sha256(f"{tool_key()}\0{_settings_key(settings)}\0{_assets_key(settings)}\0".encode())
    shared = [settings.glossary_path] if settings.glossary_path else []
    if settings.its_rules:  # rules files, and those they link: their content decides what is extracted
        from ..html.its import rules_files

        shared += [linked for path in settings.its_rules_paths for linked in rules_files(path)]
    cut = _root_prefix(settings)
    for path in shared + sorted(memory_path(settings).glob("*.tmx")):
        named = str(path)
        digest.update((named[len(cut):] if named.startswith(cut) else named).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def _assets_key(settings: Settings) -> str:
    """Changes when a file beside the bulletins (an image, a style sheet) changes."""
    folder = settings.source_folder
    paths = (under(folder, relative) for relative in files_under(folder, lambda name: not _is_page(name)))
    return _stamps_key((path for path in paths if os.path.isfile(path)), _root_prefix(settings))


def _is_page(name: str) -> bool:
    """A name whose suffix (as ``Path.suffix`` says) is ``.html``."""
    return name.endswith(".html") and len(name) > 5


def _stamps_key(paths, cut: str = "") -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        stat = os.stat(path)
        named = path[len(cut):] if cut and path.startswith(cut) else path
        digest.update(f"{named}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def memory_stamps(settings: Settings, stats: dict | None = None) -> dict[str, list[int]]:
    """The :func:`stamp` of every file the translation memory reads: catalogs and
    imported TMX (by the paths' strings, as ``str(path)`` gives them). ``stats``
    receives each file's ``os.stat`` (a bulletin's digest needs its catalog's too)."""
    locales = settings.locales_folder
    paths = [under(locales, relative) for relative in files_under(locales, lambda name: name.endswith(".po"))]
    paths += [str(path) for path in memory_path(settings).glob("*.tmx")]
    stats = {} if stats is None else stats
    stamps = {}
    for path in sorted(paths):
        stats[path] = found = os.stat(path)
        stamps[path] = _stamp_of(found)
    return stamps


def stamp(path: Path | str) -> list[int]:
    """What the memory notes of a file to know it changed: size, time, inode and
    change time (a save of the same size whose time is put back changes the last)."""
    return _stamp_of(os.stat(path))


def _stamp_of(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns]


def memory_key(stamps: dict[str, list[int]], settings: Settings) -> str:
    """A key of :func:`memory_stamps`: it changes when a file of the memory may have
    (the files named from the project's root, whichever way the run names the project)."""
    cut = _root_prefix(settings)
    named = {path[len(cut):] if path.startswith(cut) else path: stamp for path, stamp in stamps.items()}
    return hashlib.sha256(json.dumps(named, sort_keys=True).encode()).hexdigest()


def _settings_key(settings: Settings) -> str:
    data = asdict(settings)
    data.pop("root", None)
    return json.dumps(data, sort_keys=True, default=str)


class RunState:
    """What the last run saw: a digest per bulletin, and the translation memory's key."""

    def __init__(self, settings: Settings):
        self.path = state_path(settings, "state.json")
        # the files' hashes are kept named from the project's root ("files"; the
        # "hashes" of earlier versions, named as their run named the project, are
        # not read), and named here as this run names the files (``str(settings.root / ...)``)
        self._cut = _root_prefix(settings)
        try:
            data = json.loads(self.path.read_text())
            self.digests, self.memory = data["bulletins"], data["memory"]
            self.hashes = {self._cut + path: known for path, known in data.get("files", {}).items()}
            self._as_saved = self._kept()
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.digests, self.memory, self.hashes = {}, None, {}
            self._as_saved = None  # written by the first save
        self._saved = time.monotonic()  # a run that lasts saves its progress now and then

    def _kept(self) -> tuple:
        """What the file holds, to know a save would write the same: shallow copies
        (a run replaces a bulletin's or a file's entry, never changes one in place)."""
        return dict(self.digests), dict(self.hashes), self.memory

    def save(self) -> None:
        if self._as_saved is not None and self._as_saved == (self.digests, self.hashes, self.memory):
            self._saved = time.monotonic()  # nothing new: not even encoded (a run that redid nothing)
            return
        cut = self._cut
        hashes = {path[len(cut):]: known for path, known in self.hashes.items() if path.startswith(cut)}
        data = {"bulletins": self.digests, "files": hashes, "memory": self.memory}
        # compact: the C encoder (an indented dump is pure Python, slow on a large archive)
        write_atomic(self.path, json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n", durable=False)
        self._as_saved = self._kept()
        self._saved = time.monotonic()

    def save_now_and_then(self, every: float = 2.0) -> None:
        """Save progress of a long run (a killed run then redoes less)."""
        if time.monotonic() - self._saved >= every:
            self.save()


#: Descriptors of the lock files this process holds (a forked worker closes its copies).
HELD_LOCKS: set[int] = set()


@contextmanager
def project_lock(settings: Settings, *, create: bool = True) -> Iterator[None]:
    """Hold the project's lock, or refuse at once if another run holds it.

    ``create=False`` (a dry run, which writes nothing) takes the lock only if
    its file exists already, and leaves no file behind.
    """
    path = state_path(settings, "lock")
    if not create and not path.is_file():
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise TryAgain(
                f"another bulletin-i18n run (pid {holder}) is working in this project; "
                "try again when it has finished"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        HELD_LOCKS.add(handle.fileno())
        yield
    finally:
        HELD_LOCKS.discard(handle.fileno())
        handle.close()


def remove_stale_temporaries(settings: Settings) -> None:
    """Temporary files of a run that was killed before it could rename them."""
    for folder in (settings.locales_folder, settings.output_folder):
        for tmp in files_under(folder, _is_temporary):
            Path(under(folder, tmp)).unlink(missing_ok=True)


def _is_temporary(name: str) -> bool:
    """A name ``rglob(".*.tmp")`` matches: a dot, anything, ``.tmp``."""
    return name.startswith(".") and name.endswith(".tmp") and len(name) >= 5
