"""Helpers of the CI and packaging tests: the repository's sample project, a git snapshot.

The repository is itself a complete, reviewed project: the sample bulletin
under source/, its Spanish catalog under locales/, the glossary, and the
settings under [tool.bulletin-i18n] in pyproject.toml. These tests copy it,
so what they check passes or fails with the repository's own catalogs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

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


# -- the GitHub Action, run locally ---------------------------------------------------

ACTION = ROOT / "action.yml"
_INPUT_EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")
_INPUT_CONDITION = re.compile(r"^inputs\.([\w-]+) == '([^']*)'$")


@dataclass
class ActionRun:
    """What the action's steps did: their status, log, annotations, job summary and outputs."""

    returncode: int
    stdout: str
    stderr: str
    summary: str
    outputs: dict[str, str]
    steps: list[str]  # names of the steps that ran

    @property
    def annotations(self) -> list[str]:
        return [line for line in self.stdout.splitlines() if line.startswith("::")]


def run_action(workspace: Path, inputs: dict[str, str] | None = None, *, path: str | None = None,
               only: str | None = None) -> ActionRun:
    """Run the bash steps of action.yml as a runner would, with GITHUB_* pointed at temporary files.

    ``uses:`` steps are left out (the caller provides Python on PATH, or ``path``
    to put first on it); an ``if:`` of the form ``inputs.NAME == 'value'`` is
    evaluated; ``${{ inputs.NAME }}`` in a step's ``env`` is replaced by the
    input or its default. Only the step with id ``only``, when given. Steps run
    in order, until one fails.
    """
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(inputs or {}) - set(values)
    assert not unknown, f"not inputs of action.yml: {unknown}"
    values.update(inputs or {})
    runner = workspace.parent / f"{workspace.name}-runner"
    runner.mkdir(exist_ok=True)
    files = {"GITHUB_STEP_SUMMARY": runner / "step-summary.md", "GITHUB_OUTPUT": runner / "output.txt"}
    for file in files.values():
        file.write_text("")
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace),
           "GITHUB_ACTION_PATH": str(ROOT), "RUNNER_TEMP": str(runner),
           **{key: str(value) for key, value in files.items()}}
    if path:
        env["PATH"] = path + os.pathsep + env["PATH"]
    stdout = stderr = ""
    code, ran = 0, []
    for step in action["runs"]["steps"]:
        if "uses" in step or (only and step.get("id") != only):
            continue
        condition = step.get("if")
        if condition:
            match = _INPUT_CONDITION.match(condition.strip())
            assert match, f"the test cannot evaluate if: {condition}"
            if values[match.group(1)] != match.group(2):
                continue
        assert step["shell"] == "bash"
        step_env = {}
        for key, value in step.get("env", {}).items():
            step_env[key] = _INPUT_EXPRESSION.sub(lambda m: values[m.group(1)], str(value))
            assert "${{" not in step_env[key], f"the test cannot evaluate {value}"
        assert "${{" not in step["run"], "run: scripts take their inputs from env"
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                cwd=workspace, env={**env, **step_env}, capture_output=True, text=True,
                                timeout=600)
        ran.append(step["name"])
        stdout += result.stdout
        stderr += result.stderr
        code = result.returncode
        if code:
            break
    outputs = dict(line.split("=", 1) for line in files["GITHUB_OUTPUT"].read_text().splitlines() if line)
    return ActionRun(code, stdout, stderr, files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8"),
                     outputs, ran)
