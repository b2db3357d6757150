"""The package as users get it: `python -m build`, `twine check`, and the wheel in a fresh virtual environment.

One build and one virtual environment per test session (pip takes the
dependencies from PyPI, or its cache); the sample project is copied outside
the repository, so nothing of the working tree is on the way.
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from bulletin_i18n import __version__
from ci_support import SAMPLE_CATALOG, copy_sample_project, run_action
from conftest import ROOT

SUPPORTED = ("3.11", "3.12", "3.13")


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> dict[str, Path]:
    """The sdist, and the wheel built from it, as `python -m build` makes them."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, ROOT)
    built = {path.suffix: path for path in out.iterdir()}
    assert sorted(built) == [".gz", ".whl"], built
    return {"sdist": built[".gz"], "wheel": built[".whl"]}


@pytest.fixture(scope="session")
def venv(dist, tmp_path_factory) -> Path:
    """A fresh virtual environment (no system site-packages) with the wheel installed; its bin/."""
    home = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", home)
    run(home / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", dist["wheel"],
        cwd=home)
    return home / "bin"


def outside_env() -> dict[str, str]:
    """The environment without what would let the repository's code in."""
    return {key: value for key, value in os.environ.items()
            if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}


def test_sdist_and_wheel_pass_twine_check_with_complete_metadata(dist):
    assert dist["wheel"].name == f"bulletin_i18n-{__version__}-py3-none-any.whl"
    assert dist["sdist"].name == f"bulletin_i18n-{__version__}.tar.gz"
    result = run(sys.executable, "-m", "twine", "check", "--strict", dist["sdist"], dist["wheel"])
    assert result.stdout.count("PASSED") == 2, result.stdout

    with zipfile.ZipFile(dist["wheel"]) as wheel:
        names = wheel.namelist()
        info = f"bulletin_i18n-{__version__}.dist-info"
        metadata = email.message_from_bytes(wheel.read(f"{info}/METADATA"))
        entry_points = wheel.read(f"{info}/entry_points.txt").decode()
    assert {"bulletin_i18n/__init__.py", "bulletin_i18n/__main__.py", "bulletin_i18n/cli.py",
            f"{info}/licenses/LICENSE"} <= set(names)
    modules = {path.relative_to(ROOT / "src").as_posix() for path in (ROOT / "src").rglob("*.py")}
    assert modules <= set(names)  # every module of the package, wherever it lives
    assert not [name for name in names if name.startswith(("tests/", "scripts/"))]
    assert "bulletin-i18n = bulletin_i18n.cli:main" in entry_points
    assert metadata["Name"] == "bulletin-i18n" and metadata["Version"] == __version__
    assert metadata["Summary"].startswith("Turn English HTML bulletins into aligned English and Spanish editions")
    assert metadata["Requires-Python"] == f">={SUPPORTED[0]}"
    assert metadata["License-Expression"] == "MIT" and metadata["License-File"] == "LICENSE"
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "## For CI: `bulletin-i18n check`" in metadata.get_payload()
    classifiers = metadata.get_all("Classifier")
    assert [c for c in classifiers if c.startswith("Programming Language :: Python :: 3.")] == [
        f"Programming Language :: Python :: {version}" for version in SUPPORTED]
    assert {url.split(",")[0] for url in metadata.get_all("Project-URL")} >= {"Homepage", "Source", "Issues"}
    assert {"lxml>=5.0", "polib>=1.2", "click>=8.1"} <= set(metadata.get_all("Requires-Dist"))

    with tarfile.open(dist["sdist"]) as sdist:
        members = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "pyproject.toml", "src/bulletin_i18n/__init__.py"} <= members
    assert not [name for name in members if name.startswith("tests")]


def test_the_version_has_one_source():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "bulletin_i18n.__version__" }' in pyproject
    assert "\nversion = " not in pyproject.split("[project]")[1].split("\n[")[0]


def test_wheel_in_a_fresh_venv_runs_the_main_job_on_the_sample(venv, tmp_path):
    env = outside_env()
    where = run(venv / "python", "-c", "import bulletin_i18n; print(bulletin_i18n.__file__)", cwd=tmp_path, env=env)
    assert where.stdout.startswith(str(venv.parent)) and "site-packages" in where.stdout
    assert run(venv / "bulletin-i18n", "--version", env=env).stdout == f"bulletin-i18n, version {__version__}\n"
    module = run(venv / "python", "-m", "bulletin_i18n", "--version", cwd=tmp_path, env=env)
    assert module.stdout == f"bulletin-i18n, version {__version__}\n"
    assert "Usage: python -m bulletin_i18n" in run(venv / "python", "-m", "bulletin_i18n", "--help",
                                                    cwd=tmp_path, env=env).stdout

    project = copy_sample_project(tmp_path / "sample")
    before = (project / SAMPLE_CATALOG).read_bytes()
    sync = run(venv / "bulletin-i18n", "sync", "--no-mt", cwd=project, env=env)
    assert sync.stdout.splitlines()[1].split()[:6] == ["sedi-2015-04", "es", "45", "0", "0", "0"], sync.stdout
    assert "\nwrote output/en/sedi-2015-04.html\nwrote output/es/sedi-2015-04.html\n" in sync.stdout
    assert "\nwrote output/review/sedi-2015-04.html\nwrote output/index.html\n" in sync.stdout
    es = (project / "output" / "es" / "sedi-2015-04.html").read_text(encoding="utf-8")
    assert 'lang="es"' in es and "Noticias de la SEDI | abril de 2015" in es
    assert (project / SAMPLE_CATALOG).read_bytes() == before  # a reviewed catalog is not rewritten
    check = run(venv / "bulletin-i18n", "check", cwd=project, env=env)
    assert "locales/es/sedi-2015-04.po  es    45/45" in check.stdout
    assert check.stdout.endswith("check passed: 0 of 1 catalogs failed, 0 errors, 0 warnings\n")


def test_every_action_step_with_the_wheel(venv, dist, tmp_path):
    workspace = copy_sample_project(tmp_path / "repo")  # the project at the repository's root
    result = run_action(workspace, {"package": str(dist["wheel"])}, path=str(venv))
    assert result.steps == ["Install bulletin-i18n", "Check the catalogs"]  # no Apertium unless asked
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"bulletin-i18n, version {__version__}" in result.stdout
    assert result.summary.startswith("### bulletin-i18n check: passed\n")
    assert "\n| locales/es/sedi-2015-04.po | es | 45/45 | 0 | 0 | 100.0 | 100.0 | passed |\n" in result.summary
    assert result.outputs["passed"] == "true"
