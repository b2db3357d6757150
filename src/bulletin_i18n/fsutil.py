"""Writing files so that a crash never leaves half of one, and a person's save is
never overwritten by a write based on what the file held before it."""

from __future__ import annotations

import errno
import hashlib
import itertools
import os
from pathlib import Path
from stat import S_ISDIR, S_ISREG

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
    return digest(read_file(path))


#: Reading: not inherited by child processes, without waiting (a pipe), bytes as they are.
_READ = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_file(path) -> bytes | None:
    """A file's bytes, None when there is none (see :func:`read_bytes`)."""
    try:
        return read_bytes(path)
    except FileNotFoundError:
        return None


class NotAFile(OSError):
    """What was to be read is there but is no regular file (a pipe, a device)."""


def read_bytes(path, check_size=None) -> bytes:
    """``Path.read_bytes`` of a regular file, by ``os.open``/``os.read`` (no file
    object: no ``ioctl``/``lseek`` of Python's buffered reader, one ``read`` for
    the whole file). A folder raises :class:`IsADirectoryError`, another kind of
    file :class:`NotAFile` (opened without waiting: a pipe does not hang the
    run). ``check_size(size)`` may refuse the file before it is read."""
    return read_with_stat(path, check_size)[0]


def read_with_stat(path, check_size=None) -> tuple[bytes, os.stat_result]:
    """:func:`read_bytes`, and the file's ``fstat`` taken just before the read."""
    fd = os.open(path, _READ)
    try:
        info = os.fstat(fd)
        if not S_ISREG(info.st_mode):
            if S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
            raise NotAFile(errno.EINVAL, "not a regular file", os.fspath(path))
        if check_size is not None:
            check_size(info.st_size)
        return _read_fd(fd, info.st_size), info
    finally:
        os.close(fd)


def _read_fd(fd: int, size: int) -> bytes:
    """The rest of an open file of ``size`` bytes (as ``fstat`` gave it): one
    read when it has that size (a read of a regular file that gives less than
    asked is at its end), more when it grew meanwhile."""
    wanted = max(size, 0) + 1
    chunk = os.read(fd, wanted)
    if len(chunk) < wanted:
        return chunk
    chunks = [chunk]
    while chunk:
        chunk = os.read(fd, 1 << 16)
        chunks.append(chunk)
    return b"".join(chunks)


def _same_content(name: str, data: bytes) -> tuple[bool, int | None]:
    """Whether the file ``name`` holds exactly ``data``, and its permission bits
    (None: there is no file). A file of another size is not read."""
    try:
        fd = os.open(name, _READ)
    except FileNotFoundError:
        return False, None
    except OSError:  # there, but not to be read (its permissions, a folder...)
        try:
            return False, os.stat(name).st_mode & 0o777
        except OSError:
            return False, None
    try:
        info = os.fstat(fd)
        same = S_ISREG(info.st_mode) and info.st_size == len(data) and _read_fd(fd, info.st_size) == data
        return same, info.st_mode & 0o777
    finally:
        os.close(fd)


#: A temporary file's number in this process (with the process id, its name).
_counter = itertools.count()
_pid = os.getpid()
_umask: int | None = None


def _after_fork() -> None:
    global _pid, _counter
    _pid, _counter = os.getpid(), itertools.count()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def _process_umask() -> int:
    """The process's umask, read once (the tool never changes it; a test that
    does sets ``_umask`` back to None). Read from ``/proc`` where there is one,
    so that no other thread ever sees a changed umask."""
    global _umask
    if _umask is None:
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                line = next(line for line in status if line.startswith("Umask:"))
            _umask = int(line.split()[1], 8)
        except (OSError, StopIteration, ValueError, IndexError):
            _umask = os.umask(0o022)
            os.umask(_umask)
    return _umask


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _create_temporary(folder: str, base: str, mode: int) -> tuple[int, str]:
    """A new file beside the target, ``.<name>.<pid>.<n>.tmp``, open for writing:
    another name when one is taken (a file left by a killed run whose process id
    came again); the folder made when it is missing."""
    made = False
    while True:
        tmp = os.path.join(folder, f".{base}.{_pid}.{next(_counter)}.tmp")
        try:
            return os.open(tmp, _CREATE, mode), tmp
        except FileExistsError:
            continue
        except FileNotFoundError:
            if made or not folder:
                raise
            os.makedirs(folder, exist_ok=True)
            made = True


def write_atomic(path: Path, data: bytes | str, *, durable: bool = True, expected=ANY) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader, or a run killed at any moment, sees the old file or the new one,
    never a part. ``durable`` also flushes the data to disk before the rename,
    so that not even a power cut can leave an empty file: for what people
    wrote (catalogs); generated pages, which a run makes again, skip it.
    Returns False (and writes nothing) when the file already holds exactly
    ``data``, so that an unchanged file keeps its time stamp. A new file is
    made readable by all and writable by its owner (0o644, whatever the
    umask); a file written again keeps its permissions. A missing folder is made.

    ``expected`` (a :func:`digest`, None for "no file") is what the caller read
    the file as: when the file holds something else just before the rename,
    nothing is written and :class:`ChangedOnDisk` is raised.

    System calls: no more than a write needs (the file's ``open``/``fstat``, the
    temporary's ``open``, ``write``, ``close``, the ``rename``): no buffered file
    object, no ``chmod`` unless the umask took away a permission wanted, no
    ``mkdir`` unless the folder is missing.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = os.fspath(path)
    same, mode = _same_content(name, data)
    if same:
        return False
    if mode is None:
        mode = 0o644
    folder, base = os.path.split(name)
    fd, tmp = _create_temporary(folder, base, mode)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if mode & _process_umask():  # the umask took a permission away: give it back
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, mode)
                else:
                    os.chmod(tmp, mode)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if expected is not ANY and current_digest(name) != expected:
            raise ChangedOnDisk(Path(path))
        os.replace(tmp, name)
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
