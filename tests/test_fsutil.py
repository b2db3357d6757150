"""write_atomic: what it writes, the modes it gives, the folders it makes, what it
leaves behind when it fails; read_file and current_digest."""

from __future__ import annotations

import itertools
import os
import stat

import pytest

from bulletin_i18n import fsutil
from bulletin_i18n.fsutil import ANY, ChangedOnDisk, current_digest, digest, read_file, write_atomic


def mode_of(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def leftovers(folder) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


@pytest.fixture
def umask():
    """Set the process's umask for a test (and what write_atomic read of it)."""
    old = os.umask(0o022)
    os.umask(old)

    def set_to(value: int) -> None:
        os.umask(value)
        fsutil._umask = None

    yield set_to
    os.umask(old)
    fsutil._umask = None


def test_writes_bytes_and_text(tmp_path):
    assert write_atomic(tmp_path / "a.txt", "año\n")
    assert (tmp_path / "a.txt").read_bytes() == "año\n".encode("utf-8")
    assert write_atomic(str(tmp_path / "b.bin"), b"\x00\x01")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert leftovers(tmp_path) == []


def test_replaces_a_file_of_any_size(tmp_path):
    path = tmp_path / "a.txt"
    for data in (b"long " * 40_000, b"short", b"", b"other"):
        assert write_atomic(path, data)
        assert path.read_bytes() == data
    assert leftovers(tmp_path) == []


def test_unchanged_file_is_not_written_and_keeps_its_time(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"same")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    assert write_atomic(path, b"same") is False
    assert os.stat(path).st_mtime == 1_000_000_000
    assert write_atomic(path, b"sama") is True  # same size, other bytes
    assert path.read_bytes() == b"sama"


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002, 0])
def test_new_file_is_0644_whatever_the_umask(tmp_path, umask, mask):
    umask(mask)
    write_atomic(tmp_path / "a.txt", b"x")
    assert mode_of(tmp_path / "a.txt") == 0o644


@pytest.mark.parametrize("mask", [0o022, 0o077])
@pytest.mark.parametrize("mode", [0o600, 0o664, 0o755, 0o444])
def test_file_written_again_keeps_its_mode(tmp_path, umask, mask, mode):
    umask(mask)
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    os.chmod(path, mode)
    assert write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and mode_of(path) == mode


def test_no_chmod_when_the_open_gave_the_mode(tmp_path, umask, monkeypatch):
    umask(0o022)
    calls = []
    monkeypatch.setattr(os, "fchmod", lambda *args: calls.append(args))
    monkeypatch.setattr(os, "chmod", lambda *args, **kw: calls.append(args))
    write_atomic(tmp_path / "a.txt", b"x")
    write_atomic(tmp_path / "a.txt", b"y")
    assert calls == []
    assert mode_of(tmp_path / "a.txt") == 0o644


def test_missing_folders_are_made(tmp_path):
    path = tmp_path / "one" / "two" / "a.txt"
    assert write_atomic(path, b"x")
    assert path.read_bytes() == b"x"
    assert leftovers(path.parent) == []


def test_a_folder_that_cannot_be_made_is_an_error_and_leaves_nothing(tmp_path):
    (tmp_path / "file").write_bytes(b"not a folder")
    with pytest.raises(OSError):
        write_atomic(tmp_path / "file" / "a.txt", b"x")
    assert sorted(os.listdir(tmp_path)) == ["file"]


def test_a_taken_temporary_name_is_passed_over(tmp_path, monkeypatch):
    monkeypatch.setattr(fsutil, "_counter", itertools.count(7))
    taken = [tmp_path / f".a.txt.{fsutil._pid}.{n}.tmp" for n in (7, 8)]
    for path in taken:  # left by a killed run whose process id came again
        path.write_bytes(b"someone else's")
    assert write_atomic(tmp_path / "a.txt", b"mine")
    assert (tmp_path / "a.txt").read_bytes() == b"mine"
    assert [path.read_bytes() for path in taken] == [b"someone else's"] * 2
    assert leftovers(tmp_path) == sorted(path.name for path in taken)


def test_no_temporary_left_when_a_write_fails(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")

    def full(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_changed_on_disk_writes_nothing_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "a.po"
    path.write_bytes(b"as read")
    read = digest(path.read_bytes())
    path.write_bytes(b"a translator's save")
    with pytest.raises(ChangedOnDisk) as raised:
        write_atomic(path, b"ours", expected=read)
    assert raised.value.path == path
    assert path.read_bytes() == b"a translator's save"
    assert leftovers(tmp_path) == []
    assert write_atomic(path, b"ours", expected=digest(b"a translator's save"))
    assert path.read_bytes() == b"ours"


def test_expected_none_means_no_file(tmp_path):
    path = tmp_path / "a.po"
    assert write_atomic(path, b"first", expected=None)
    with pytest.raises(ChangedOnDisk):
        write_atomic(path, b"second", expected=None)
    assert path.read_bytes() == b"first"
    assert write_atomic(path, b"second", expected=ANY)


@pytest.mark.parametrize("durable", [True, False])
def test_durable_write_is_flushed_before_the_rename(tmp_path, monkeypatch, durable):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: events.append("fsync") or real_fsync(fd))
    monkeypatch.setattr(os, "replace", lambda a, b: events.append("rename") or real_replace(a, b))
    write_atomic(tmp_path / "a.po", b"a person's work", durable=durable)
    assert events == (["fsync", "rename"] if durable else ["rename"])


def test_read_file_and_current_digest(tmp_path):
    path = tmp_path / "a.txt"
    assert read_file(path) is None and current_digest(path) is None
    for data in (b"", b"x", b"y" * 200_000):
        path.write_bytes(data)
        assert read_file(path) == data
        assert current_digest(str(path)) == digest(data)
    with pytest.raises(IsADirectoryError):
        read_file(tmp_path)


def test_read_bytes_refuses_what_is_no_regular_file(tmp_path):
    from bulletin_i18n.fsutil import NotAFile, read_bytes

    with pytest.raises(IsADirectoryError):
        read_bytes(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(NotAFile):  # at once: a pipe with no writer does not hang the read
        read_bytes(tmp_path / "pipe")
    with pytest.raises(FileNotFoundError):
        read_bytes(tmp_path / "missing")
    (tmp_path / "big").write_bytes(b"x" * 100)

    def refuse(size):
        raise ValueError(f"{size} bytes")

    with pytest.raises(ValueError, match="100 bytes"):
        read_bytes(tmp_path / "big", refuse)
    assert read_bytes(tmp_path / "big", lambda size: None) == b"x" * 100


def test_a_pipe_in_the_place_of_a_file_is_replaced_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "a.html")
    assert write_atomic(tmp_path / "a.html", b"page")
    assert (tmp_path / "a.html").read_bytes() == b"page"
