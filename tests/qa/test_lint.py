"""`bulletin-i18n lint FILE...`: syntax and placeholders of the PO files named, for pre-commit."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import ROOT

CLI = [sys.executable, "-m", "bulletin_i18n.cli"]
REVIEWED = ROOT / "locales" / "es" / "sedi-2015-04.po"
SMES = "innovation and internationalization of <1>SMEs</1>; and"


def lint(*files, cwd=None):
    return subprocess.run(CLI + ["lint", *map(str, files)], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A copy of the repository's reviewed Spanish catalog."""
    (tmp_path / "es").mkdir()
    return Path(shutil.copy(REVIEWED, tmp_path / "es" / "sedi-2015-04.po"))


def test_reviewed_catalog_is_clean(catalog):
    result = lint(catalog)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_placeholder_problems_with_file_and_line(catalog):
    po = polib.pofile(str(catalog))
    po.find(SMES).msgstr = "la innovación y la internacionalización de las PYMES; y"
    other = po.find("Videos")
    other.msgstr = "<1>Vídeos"  # a placeholder the source does not have, never closed
    po.save(str(catalog))
    po = polib.pofile(str(catalog))
    result = lint("es/sedi-2015-04.po", cwd=catalog.parent.parent)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f'es/sedi-2015-04.po:{po.find(SMES).linenum}: error [placeholders] '
        '"innovation and internationalization of …": missing placeholder <1>…</1>',
        f'es/sedi-2015-04.po:{po.find("Videos").linenum}: error [placeholders] '
        '"Videos": placeholder <1> is never closed',
    ]


def test_fuzzy_and_ignored_entries_are_not_checked(catalog):
    po = polib.pofile(str(catalog))
    po.find(SMES).msgstr = "sin marcador"
    po.find(SMES).flags.append("fuzzy")
    po.find("Videos").msgstr = "<1/>Vídeos"
    po.find("Videos").flags.append("ignore-placeholders")
    po.save(str(catalog))
    assert lint(catalog).returncode == 0
    po = polib.pofile(str(catalog))
    po.find(SMES).flags.remove("fuzzy")
    po.save(str(catalog))
    result = lint(catalog)
    assert result.returncode == 1 and "missing placeholder <1>…</1>" in result.stdout
    assert "Videos" not in result.stdout


def test_syntax_errors_msgfmt_would_reject(catalog, tmp_path):
    lines = catalog.read_text(encoding="utf-8").split("\n")
    number = lines.index(f'msgid "{SMES}"') + 1
    del lines[number]  # its msgstr line
    catalog.write_text("\n".join(lines), encoding="utf-8")
    rejected = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalog)], capture_output=True)
    assert rejected.returncode != 0
    result = lint(catalog)
    assert result.returncode == 1
    assert result.stdout == f"{catalog}:{number}: error [syntax]: invalid catalog: msgid without a msgstr\n"

    latin1 = tmp_path / "latin1.po"
    latin1.write_bytes(b'msgid ""\nmsgstr ""\n\nmsgid "Videos"\nmsgstr "V\xeddeos"\n')
    result = lint(latin1)
    assert result.returncode == 1
    assert result.stdout == f"{latin1}:5: error [syntax]: not UTF-8 (byte 0xed): save the catalog as UTF-8\n"


def test_unreadable_file_is_status_2_and_others_still_linted(catalog, tmp_path):
    po = polib.pofile(str(catalog))
    po.find(SMES).msgstr = "sin marcador"
    po.save(str(catalog))
    result = lint(tmp_path / "missing.po", catalog)
    assert result.returncode == 2
    assert f"bulletin-i18n: error: {tmp_path / 'missing.po'}: cannot read: No such file or directory" in result.stderr
    assert "missing placeholder <1>…</1>" in result.stdout
    assert lint().returncode == 64  # no file named: a usage error
