"""Writing files so that a crash never leaves half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes | str, *, durable: bool = True) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader, or a run killed at any moment, sees the old file or the new one,
    never a part. ``durable`` also flushes the data to disk before the rename,
    so that not even a power cut can leave an empty file: for what people
    wrote (catalogs); generated pages, which a run makes again, skip it.
    Returns False (and writes nothing) when the file already holds exactly
    ``data``, so that an unchanged file keeps its time stamp.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
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
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True
