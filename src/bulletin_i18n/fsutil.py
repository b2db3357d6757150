"""Writing files so that a crash never leaves half of one, and a person's save is
never overwritten by a write based on what the file held before it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .errors import TryAgain

#: ``expected`` of :func:`write_atomic` when the file's current content does not matter.
ANY = object()


class ChangedOnDisk(TryAgain):
    """The file changed since it was read (a translator saved it meanwhile)."""

    def __init__(self, path: Path):
        super().__init__(f"{path}: changed on disk while this run worked on it")
        self.path = path

    def __reduce__(self):  # raised in a worker process (--jobs)
        return type(self), (self.path,)


def digest(data: bytes | None) -> str | None:
    """What :func:`write_atomic` compares: a file's content, None for no file."""
    return None if data is None else hashlib.sha1(data).hexdigest()


def current_digest(path: Path) -> str | None:
    try:
        return digest(Path(path).read_bytes())
    except FileNotFoundError:
        return None


def write_atomic(path: Path, data: bytes | str, *, durable: bool = True, expected=ANY) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader, or a run killed at any moment, sees the old file or the new one,
    never a part. ``durable`` also flushes the data to disk before the rename,
    so that not even a power cut can leave an empty file: for what people
    wrote (catalogs); generated pages, which a run makes again, skip it.
    Returns False (and writes nothing) when the file already holds exactly
    ``data``, so that an unchanged file keeps its time stamp.

    ``expected`` (a :func:`digest`, None for "no file") is what the caller read
    the file as: when the file holds something else just before the rename,
    nothing is written and :class:`ChangedOnDisk` is raised.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    import tempfile  # read when a file is written (a run that writes nothing starts faster)

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        if expected is not ANY and current_digest(path) != expected:
            raise ChangedOnDisk(path)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True


def under(folder: str, relative: str) -> str:
    """``str(Path(folder) / relative)`` for a folder as ``str(Path)`` gives it and a
    relative path of plain names, without pathlib's cost (a loop over thousands)."""
    if folder == ".":
        return relative
    return folder + relative if folder.endswith("/") else f"{folder}/{relative}"


def files_under(folder: str, keep, *, files_only: bool = False) -> list[str]:
    """The paths (relative to ``folder``, with ``/``) of the entries under it,
    at any depth, whose names pass ``keep(name)``: what ``Path(folder).rglob``
    finds with a pattern, by one ``os.scandir`` per folder. As ``rglob``, it
    does not go into linked folders, and skips folders it cannot read.
    ``files_only``: only those ``Path.is_file`` says are files."""
    found = []
    pending = [""]
    while pending:
        relative = pending.pop()
        try:
            with os.scandir(under(folder, relative) if relative else folder) as entries:
                prefix = f"{relative}/" if relative else ""
                for entry in entries:
                    name = entry.name
                    if keep(name) and (not files_only or _is_file(entry)):
                        found.append(prefix + name)
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            pending.append(prefix + name)
                    except OSError:
                        pass
        except OSError:
            pass
    return found


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False
