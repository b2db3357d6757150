"""init: a new project's folders and files, and the editor's loop on it under git."""

from __future__ import annotations

import re
import shutil
import tomllib

from bulletin_i18n.project.init import SETTINGS_TEMPLATE
from bulletin_i18n.settings import Settings, load_settings
from ci_support import git
from conftest import SAMPLE, SAMPLE_IMAGES, cli


def test_init_makes_the_folders_settings_glossary_and_gitignore(tmp_path):
    result = cli("-C", tmp_path, "init", "site")
    assert result.returncode == 0, result.stderr
    site = f"{tmp_path}/site"  # as named: -C's folder, then DIR
    assert result.stdout == (
        f"made {site}/source/, {site}/locales/, {site}/glossary/\n"
        f"wrote {site}/bulletin-i18n.toml\nwrote {site}/glossary/en-es.csv\nwrote {site}/.gitignore\n"
        f"Next: put the English bulletins in {site}/source/, then run `bulletin-i18n -C {site} sync`.\n")
    root = tmp_path / "site"
    assert sorted(p.name for p in root.iterdir()) == [".gitignore", "bulletin-i18n.toml", "glossary", "locales",
                                                      "source"]
    assert (root / "glossary" / "en-es.csv").read_text() == "source,target,note\n"
    assert (root / ".gitignore").read_text().splitlines()[1::2] == ["/.bulletin-i18n/", "/output/"]
    settings = load_settings(root)  # every key commented out: the defaults
    assert {key: value for key, value in vars(settings).items() if key != "root"} == \
        {key: value for key, value in vars(Settings()).items() if key != "root"}


def test_the_settings_file_shows_every_default():
    """Each commented key, uncommented, is a valid setting at its default value."""
    defaults = Settings()
    shown = {}
    for line in SETTINGS_TEMPLATE.splitlines():
        match = re.match(r"# (\w+) = (.+?)(\s{2,}#.*)?$", line)
        if match and not line.startswith("# [") and match.group(1) in vars(defaults):
            shown.setdefault(match.group(1), tomllib.loads(f"v = {match.group(2)}")["v"])
    optional = {"engine_url", "base_url", "openai_model"}  # None by default: the file shows an example
    assert set(shown) | {"root", "check", "url_map", "engines"} == set(vars(defaults))
    for key, value in shown.items():
        assert key in optional or value == getattr(defaults, key), key
    for key in ("min_translated", "allow_fuzzy", "[engines.fr]", "[url_map.es]", "[check.languages.es]"):
        assert key in SETTINGS_TEMPLATE


def test_init_refuses_to_overwrite_a_project(tmp_path):
    assert cli("-C", tmp_path, "init").returncode == 0
    before = (tmp_path / "bulletin-i18n.toml").read_bytes()
    result = cli("-C", tmp_path, "init")
    assert result.returncode == 2
    assert "bulletin-i18n.toml: a bulletin-i18n project is already here: init writes nothing" in result.stderr
    assert (tmp_path / "bulletin-i18n.toml").read_bytes() == before
    other = tmp_path / "py"
    other.mkdir()
    (other / "pyproject.toml").write_text('[tool.bulletin-i18n]\ntarget_langs = ["es"]\n')
    assert cli("-C", other, "init").returncode == 2 and sorted(p.name for p in other.iterdir()) == ["pyproject.toml"]


def test_init_keeps_an_existing_glossary_and_completes_a_gitignore(tmp_path):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "en-es.csv").write_text("source,target\nOAS,OEA\n")
    (tmp_path / ".gitignore").write_text("*.pyc\n/output/")
    result = cli("-C", tmp_path, "-v", "init")
    assert f"unchanged {tmp_path}/glossary/en-es.csv (it was there)" in result.stdout
    assert (tmp_path / "glossary" / "en-es.csv").read_text() == "source,target\nOAS,OEA\n"
    assert (tmp_path / ".gitignore").read_text() == (
        "*.pyc\n/output/\n# bulletin-i18n: state, lock and caches of its runs\n/.bulletin-i18n/\n")


def test_init_then_the_sample_then_sync_twice_leaves_git_clean(tmp_path):
    root = tmp_path / "newsletter"
    assert cli("init", root).returncode == 0
    shutil.copy(SAMPLE, root / "source" / "sedi-2015-04.html")
    shutil.copytree(SAMPLE_IMAGES, root / "source" / "images")
    git("init", "-q", "-b", "main", cwd=root)
    first = cli("-C", root, "sync")  # Apertium drafts every entry
    assert first.returncode == 0, first.stderr
    assert "45 machine-translated" in first.stdout and (root / "output" / "review" / "sedi-2015-04.html").is_file()
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "first sync", cwd=root)
    tracked = git("ls-files", cwd=root).splitlines()
    assert "locales/es/sedi-2015-04.po" in tracked
    assert not [name for name in tracked if name.startswith((".bulletin-i18n/", "output/"))]
    again = cli("-C", root, "sync")
    assert again.returncode == 0 and "Nothing changed since the last sync." in again.stdout
    assert git("status", "--porcelain", "--ignored=no", cwd=root) == ""


def test_init_names_what_it_made_as_the_user_named_the_folder(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "bulletin_i18n", "init", "site"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "made site/source/, site/locales/, site/glossary/"
    assert result.stdout.splitlines()[-1] == (
        "Next: put the English bulletins in site/source/, then run `bulletin-i18n -C site sync`.")
