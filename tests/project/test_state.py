"""What a run leaves for the next: digests, file hashes (stat before hashing), the lock."""

from __future__ import annotations

import os
import time

from bulletin_i18n.project.state import file_hash


def test_a_file_is_read_again_only_when_its_size_or_time_changed(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"<p>one</p>")
    old = time.time() - 60
    os.utime(path, (old, old))
    hashes = {}
    first = file_hash(path, hashes)
    assert hashes[str(path)][2] == first
    reads = []
    real = type(path).read_bytes
    type(path).read_bytes = lambda self: reads.append(self) or real(self)
    try:
        assert file_hash(path, hashes) == first and reads == []  # stat says unchanged: not read
        path.write_bytes(b"<p>two</p>")  # same size, new time
        assert file_hash(path, hashes) != first and reads == [path]
    finally:
        type(path).read_bytes = real


def test_a_file_changed_just_now_is_not_trusted_by_its_stamp(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"<p>one</p>")
    hashes = {}
    file_hash(path, hashes)
    assert str(path) not in hashes  # racily clean: hashed again next time
    assert file_hash(tmp_path / "missing.html", hashes) == "missing"
