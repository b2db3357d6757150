"""--jobs: the files written are byte for byte those of a single process."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from bulletin_i18n.project.parallel import each
from conftest import CORPUS, ROOT, SAMPLE, SAMPLE_IMAGES, cli

#: Header lines that hold the time of the run (a minute may pass between two runs).
DATES = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\n', re.M)


def _project(folder: Path) -> Path:
    """The sample (with its reviewed catalog), three copies of it that differ in a
    text (whose other texts come from memory), and ten newsletter templates."""
    source = folder / "source"
    source.mkdir(parents=True)
    shutil.copytree(SAMPLE_IMAGES, source / "images")
    text = SAMPLE.read_text(encoding="utf-8")
    shutil.copy(SAMPLE, source / "sedi-2015-04.html")
    for number in range(3):
        (source / f"copy-{number}.html").write_text(text.replace("April 2015", f"Issue {number}"),
                                                    encoding="utf-8")
    for number, page in enumerate(CORPUS[:10]):
        shutil.copy(page, source / f"news-{number:02}.html")
    (folder / "locales" / "es").mkdir(parents=True)
    shutil.copy(ROOT / "locales" / "es" / "sedi-2015-04.po", folder / "locales" / "es")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    found = {}
    for top in ("locales", "output"):
        for path in sorted((folder / top).rglob("*")):
            if path.is_file():
                found[path.relative_to(folder).as_posix()] = DATES.sub(b"", path.read_bytes())
    return found


@pytest.mark.parametrize("commands", [
    [["sync", "--no-mt"]],
    [["extract"], ["build"], ["review"]],
], ids=["sync", "extract-build-review"])
def test_jobs_write_the_same_files_as_one_process(tmp_path, commands):
    one, four = _project(tmp_path / "one"), _project(tmp_path / "four")
    for command in commands:
        assert cli("-C", one, *command, "--jobs", "1").returncode == 0
        result = cli("-C", four, *command, "--jobs", "4")
        assert result.returncode == 0, result.stderr
    written, expected = _files(four), _files(one)
    assert len(expected) > 40  # 14 bulletins: templates, catalogs, two editions, review pages
    assert written.keys() == expected.keys()
    assert [name for name in expected if written[name] != expected[name]] == []
    # the copies' texts came from the sample's reviewed catalog, through the memory
    copy = polib.pofile(str(four / "locales" / "es" / "copy-1.po"))
    assert len(copy.translated_entries()) > 40


def test_sync_again_with_jobs_changes_nothing(tmp_path):
    folder = _project(tmp_path / "p")
    assert cli("-C", folder, "sync", "--no-mt", "--jobs", "3").returncode == 0
    before = {path: path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}
    result = cli("-C", folder, "sync", "--no-mt", "--jobs", "3")
    assert result.returncode == 0
    assert "Nothing changed since the last sync." in result.stdout
    after = {path: path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}
    changed = [p.relative_to(folder).as_posix() for p in after if before.get(p) != after[p]]
    assert [p for p in changed if not p.startswith(".bulletin-i18n/")] == []


def _square(context, item):
    return context * item * item


def _fail_on_three(context, item):
    if item == 3:
        from bulletin_i18n.errors import InputError
        raise InputError(f"page-{item}.html:7: bad", path=f"page-{item}.html", line=7)
    return item


def test_each_gives_results_in_order_from_workers():
    assert list(each(_square, range(20), context=2, jobs=3)) == [2 * i * i for i in range(20)]
    assert list(each(_square, range(5), context=1, jobs=1)) == [0, 1, 4, 9, 16]


def test_an_error_in_a_worker_reaches_the_caller_with_its_place():
    from bulletin_i18n.errors import InputError

    with pytest.raises(InputError) as raised:
        list(each(_fail_on_three, range(10), context=None, jobs=2))
    assert (str(raised.value), raised.value.path, raised.value.line) == ("page-3.html:7: bad", "page-3.html", 7)


def test_check_with_jobs_reports_as_one_process(tmp_path):
    folder = _project(tmp_path / "p")
    assert cli("-C", folder, "sync", "--no-mt", "--jobs", "1").returncode == 0
    # a catalog that cannot be read is reported in its place, not raised from a worker
    broken = folder / "locales" / "es" / "news-03.po"
    broken.write_text(broken.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    for fmt in ("text", "json", "github"):
        one = cli("-C", folder, "check", "--format", fmt, "--path-prefix", "site", "--jobs", "1")
        four = cli("-C", folder, "check", "--format", fmt, "--path-prefix", "site", "--jobs", "4")
        assert (four.returncode, four.stdout, four.stderr) == (one.returncode, one.stdout, one.stderr)
        assert one.returncode == 2  # the unreadable catalog
        assert "news-03.po" in one.stdout and "copy-1.po" in one.stdout
