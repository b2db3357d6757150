"""The pre-commit hooks (.pre-commit-hooks.yaml), run by the real `pre-commit try-repo`.

pre-commit installs this repository as the hooks' environment (pip, from
PyPI for the dependencies) in a temporary folder: about 8 s for each run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
import yaml

from ci_support import SAMPLE_CATALOG, git, git_project, copy_sample_project, snapshot_repository
from conftest import ROOT

SMES = "innovation and internationalization of <1>SMEs</1>; and"


def test_manifest_declares_both_hooks():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    check, lint = hooks["bulletin-i18n-check"], hooks["bulletin-i18n-lint"]
    assert (check["entry"], check["args"], check["pass_filenames"]) == ("bulletin-i18n", ["check"], False)
    assert (lint["entry"], lint["pass_filenames"], lint["files"]) == ("bulletin-i18n lint", True, r"\.po$")
    for path in (SAMPLE_CATALOG, "locales/sedi-2015-04.pot", "source/sedi-2015-04.html", "glossary/en-es.csv",
                 "bulletin-i18n.toml", "site/pyproject.toml"):
        assert re.search(check["files"], path), path
    assert not re.search(check["files"], "README.md")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                             str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    return snapshot_repository(tmp_path_factory.mktemp("hook-repo"))


def try_repo(hook_repo: Path, project: Path, *args: str) -> tuple[int, dict[str, str]]:
    """Run the hooks of ``hook_repo`` on ``project``; the output of each hook by its name."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(project.parent / "pre-commit-home"),
           "PRE_COMMIT_COLOR": "never"}
    result = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), *args],
                            cwd=project, capture_output=True, text=True, env=env, timeout=300)
    output = result.stdout + result.stderr
    sections = re.split(r"^(bulletin-i18n [^\n]*?)\.{3,}", output, flags=re.M)
    hooks = {name: body for name, body in zip(sections[1::2], sections[2::2])}
    assert set(hooks) == {"bulletin-i18n check", "bulletin-i18n lint (PO syntax and placeholders)"}, output
    return result.returncode, hooks


def test_hooks_pass_on_the_complete_catalog_and_fail_with_the_finding(hook_repo, tmp_path):
    project = git_project(copy_sample_project(tmp_path / "project"))
    code, hooks = try_repo(hook_repo, project, "--all-files")
    assert code == 0, hooks
    assert all(body.startswith("Passed") for body in hooks.values()), hooks

    path = project / SAMPLE_CATALOG
    po = polib.pofile(str(path))
    po.find("Videos").msgstr = ""  # untranslated: check fails, lint has nothing to say
    po.find(SMES).msgstr = "la innovación y la internacionalización de las PYMES; y"  # placeholder lost
    po.save(str(path))
    line = polib.pofile(str(path)).find(SMES).linenum
    git("add", "-A", cwd=project)  # pre-commit looks at what is staged
    code, hooks = try_repo(hook_repo, project)
    assert code == 1
    check, lint = hooks["bulletin-i18n check"], hooks["bulletin-i18n lint (PO syntax and placeholders)"]
    placeholder = (f'{SAMPLE_CATALOG}:{line}: error [placeholders] "innovation and internationalization of …": '
                   "missing placeholder <1>…</1>")
    assert check.startswith("Failed") and "- exit code: 1" in check
    assert (f"{SAMPLE_CATALOG}: error [completeness]: 97.7% of entries translated, "
            "below the minimum of 100%") in check
    assert placeholder in check
    assert "check failed: 1 of 1 catalogs failed, 2 errors" in check
    assert lint.startswith("Failed") and "- exit code: 1" in lint
    # lint was given the staged catalog, and reports its placeholders, not completeness
    assert [line for line in lint.splitlines() if SAMPLE_CATALOG in line] == [placeholder]
