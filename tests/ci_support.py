"""Helpers of the CI and packaging tests: the repository's sample project, a git snapshot.

The repository is itself a complete, reviewed project: the sample bulletin
under source/, its Spanish catalog under locales/, the glossary, and the
settings under [tool.bulletin-i18n] in pyproject.toml. These tests copy it,
so what they check passes or fails with the repository's own catalogs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

SAMPLE_CATALOG = "locales/es/sedi-2015-04.po"
GIT_ENV = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def settings_toml() -> str:
    """The [tool.bulletin-i18n] tables of the repository's pyproject.toml, as a bulletin-i18n.toml."""
    lines, inside = [], False
    for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            inside = line == "[tool.bulletin-i18n]" or line.startswith("[tool.bulletin-i18n.")
            if inside and line != "[tool.bulletin-i18n]":
                lines.append("[" + line.removeprefix("[tool.bulletin-i18n."))
            continue
        if inside:
            lines.append(line)
    return "\n".join(lines).strip() + "\n"


def copy_sample_project(dest: Path) -> Path:
    """The repository's sample project (bulletin, reviewed catalogs, glossary, settings) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for folder in ("source", "locales", "glossary"):
        shutil.copytree(ROOT / folder, dest / folder)
    (dest / "bulletin-i18n.toml").write_text(settings_toml(), encoding="utf-8")
    return dest


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def git_project(path: Path) -> Path:
    """Make ``path`` a git repository with everything in it committed."""
    git("init", "-q", "-b", "main", cwd=path)
    git("add", "-A", cwd=path)
    git("commit", "-q", "-m", "sample", cwd=path)
    return path


def snapshot_repository(dest: Path) -> Path:
    """This repository's working tree as it is (uncommitted changes too), committed in a new repository.

    pre-commit try-repo takes a hook repository at a commit; a snapshot makes
    the test see the hooks being written, not only what was last committed.
    """
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return git_project(dest)
