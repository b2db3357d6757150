"""What a run leaves for the next: digests, file hashes (stat before hashing), the lock."""

from __future__ import annotations

import os
import time

from bulletin_i18n.project.state import (
    code_key, file_hash, memory_stamps, present_editions, remove_stale_temporaries,
)
from bulletin_i18n.settings import load_settings


def written_long_ago(path, data: bytes) -> float:
    """Write ``data`` to ``path`` with its times a minute back (long before the run
    that hashes it: not racily clean); returns that time."""
    path.write_bytes(data)
    old = time.time() - 60
    os.utime(path, (old, old))
    return old


def test_a_file_is_read_again_only_when_its_size_or_time_changed(tmp_path):
    path = tmp_path / "page.html"
    written_long_ago(path, b"<p>one</p>")
    hashes = {}
    first = file_hash(path, hashes)
    assert hashes[str(path)][2] == first
    from bulletin_i18n.project import state

    reads = []
    real = state.read_bytes
    state.read_bytes = lambda name: reads.append(name) or real(name)
    try:
        assert file_hash(path, hashes) == first and reads == []  # stat says unchanged: not read
        path.write_bytes(b"<p>two</p>")  # same size, new time
        assert file_hash(path, hashes) != first and reads == [str(path)]
    finally:
        state.read_bytes = real


def test_a_file_changed_just_now_is_not_trusted_by_its_stamp(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"<p>one</p>")
    hashes = {}
    file_hash(path, hashes)
    assert str(path) not in hashes  # racily clean: hashed again next time
    assert file_hash(tmp_path / "missing.html", hashes) == "missing"


def test_the_memory_stamps_and_stale_temporaries_are_those_rglob_finds(tmp_path):
    """Found by os.scandir, named as str(path) names them (the keys the memory notes)."""
    settings = load_settings(tmp_path)
    (settings.locales_path / "es" / "sub").mkdir(parents=True)
    for name in ["es/a.po", "es/sub/b.po", "es/.po", "a.pot", "es/.a.po.tmp", "es/notes.txt"]:
        (settings.locales_path / name).write_text("x")
    (settings.output_path / "en").mkdir(parents=True)
    (settings.output_path / "en" / ".a.html.tmp").write_text("x")
    (settings.output_path / "en" / ".tmp").write_text("x")
    stamps = memory_stamps(settings)
    assert sorted(stamps) == sorted(str(path) for path in settings.locales_path.rglob("*.po"))
    assert len(stamps) == 3 and stamps[str(settings.catalog_path("a", "es"))][0] == 1
    remove_stale_temporaries(settings)
    left = sorted(path.name for path in tmp_path.rglob("*") if path.is_file())
    assert left == [".po", ".tmp", "a.po", "a.pot", "b.po", "notes.txt"]


def test_a_save_of_the_same_size_with_the_time_put_back_is_seen(tmp_path):
    """As git's index: the inode and change time are compared too, so a save that
    keeps the size and puts the time back (as a copy that keeps times does) is read."""
    path = tmp_path / "x.po"
    written_long_ago(path, b'msgstr "uno"\n')
    hashes = {}
    first = file_hash(path, hashes)
    stat = path.stat()
    assert hashes[str(path)] == [stat.st_size, stat.st_mtime_ns, first, stat.st_ino, stat.st_ctime_ns]
    time.sleep(0.05)  # a later change time, even where the clock is coarse
    path.write_bytes(b'msgstr "dos"\n')
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert file_hash(path, hashes) != first
    # a file renamed over it, same size and time: another inode
    other = tmp_path / "other.po"
    other.write_bytes(b'msgstr "uno"\n')
    os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = file_hash(path, hashes)
    os.replace(other, path)
    assert file_hash(path, hashes) == first != second


def test_the_memory_stamp_changes_with_a_save_that_puts_the_time_back(tmp_path):
    settings = load_settings(tmp_path)
    path = settings.catalog_path("a", "es")
    path.parent.mkdir(parents=True)
    path.write_text('msgstr "uno"\n')
    before = memory_stamps(settings)
    stat = path.stat()
    time.sleep(0.05)  # more than a tick of the file system's clock
    path.write_text('msgstr "dos"\n')
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = memory_stamps(settings)
    assert before[str(path)][:2] == after[str(path)][:2] and before != after


def test_the_editions_there_are_as_isfile_says(tmp_path):
    """One listing per language folder gives what os.path.isfile says of each edition:
    files and links to files, in subfolders too; not folders nor links to nowhere."""
    settings = load_settings(tmp_path)
    (settings.output_path / "en" / "sub").mkdir(parents=True)
    (settings.output_path / "es" / "d.html").mkdir(parents=True)
    for name in ["en/a.html", "en/sub/b.html", "es/a.html", "en/notes.txt"]:
        (settings.output_path / name).write_text("x")
    (settings.output_path / "es" / "link.html").symlink_to(settings.output_path / "es" / "a.html")
    (settings.output_path / "es" / "gone.html").symlink_to(settings.output_path / "es" / "nowhere.html")
    found = present_editions(settings)
    assert found == {"en/a.html", "en/sub/b.html", "es/a.html", "es/link.html"}
    for name in ["a", "sub/b", "d", "link", "gone", "notes"]:
        for lang in ("en", "es"):
            assert (f"{lang}/{name}.html" in found) == settings.edition_path(name, lang).is_file()


def test_the_code_key_changes_with_any_rewrite_of_a_module_and_not_otherwise(tmp_path):
    package = tmp_path / "package"
    (package / "stages").mkdir(parents=True)
    module, other = package / "cli.py", package / "stages" / "extract.py"
    written_long_ago(module, b"print('one')\n")
    old = written_long_ago(other, b"X = 1\n")
    (package / "notes.txt").write_text("not code")
    first = code_key(str(package), "1.0")
    assert code_key(str(package), "1.0") == first
    assert code_key(str(package), "1.1") != first  # another version
    (package / "notes.txt").write_text("still not code")
    assert code_key(str(package), "1.0") == first
    # the same bytes written again, its time put back (a checkout, a reinstall): a new change time
    time.sleep(0.05)  # more than a tick of the file system's clock
    other.write_text("X = 1\n")
    os.utime(other, (old, old))
    second = code_key(str(package), "1.0")
    assert second != first
    (package / "stages" / "new.py").write_text("")  # a module added
    assert code_key(str(package), "1.0") != second


def test_the_run_state_is_written_only_when_it_changed(tmp_path):
    from bulletin_i18n.project.state import RunState

    (tmp_path / "source").mkdir()
    settings = load_settings(tmp_path)
    state = RunState(settings)
    state.digests["one"] = {"digest": "a", "counts": {}}
    state.hashes[str(settings.root / "source" / "one.html")] = [1, 2, "h", 3, 4]
    state.memory = "m"
    state.save()
    written = state.path.read_bytes()
    old = written_long_ago(state.path, written)  # a mark: rewritten, it would lose its time
    again = RunState(settings)
    assert (again.digests, again.memory) == ({"one": {"digest": "a", "counts": {}}}, "m")
    again.save()  # nothing new: the file is left as it is
    assert state.path.stat().st_mtime == old
    again.digests["one"] = {"digest": "b", "counts": {}}
    again.save()
    assert '"digest":"b"' in state.path.read_text()
    third = RunState(settings)
    third.hashes.pop(str(settings.root / "source" / "one.html"))
    third.save()
    assert '"files":{}' in state.path.read_text()
    third.memory = "n"
    third.save()
    assert RunState(settings).memory == "n"
