"""The GitHub Action (action.yml): its schema, the example workflow, and its steps run locally.

The check step runs here with the tool of the test environment; tests/test_packaging.py
runs every step of the action with the built wheel in a fresh virtual environment.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
import yaml

from ci_support import ACTION, SAMPLE_CATALOG, copy_sample_project, run_action
from conftest import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "translations.yml"
SMES = "innovation and internationalization of <1>SMEs</1>; and"
DEV_BIN = str(Path(sys.executable).parent)  # the tool as the test environment installed it
HEADER = ("| catalog | lang | translated | fuzzy | untranslated | % entries | % words | result |\n"
          "|---|---|--:|--:|--:|--:|--:|---|\n")


def tool(name: str) -> str:
    """A command of the test extra: next to this Python, else on PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def run_tool(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([tool(args[0]), *args[1:]], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_action_and_example_workflow_validate():
    run_tool("check-jsonschema", "--builtin-schema", "vendor.github-actions", str(ACTION))
    run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(EXAMPLE))
    # actionlint runs shellcheck on the workflow's run: steps when it finds it on PATH
    bin_dir = str(Path(tool("shellcheck")).parent)
    result = subprocess.run([tool("actionlint"), "-verbose", str(EXAMPLE)], capture_output=True, text=True,
                            env={"PATH": bin_dir + ":/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'Rule "shellcheck" was disabled' not in result.stderr


def test_action_scripts_pass_shellcheck(tmp_path):
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    scripts = [ROOT / "scripts" / "github-action-check"]
    for number, step in enumerate(action["runs"]["steps"]):
        if "run" in step:
            scripts.append(tmp_path / f"step-{number}.sh")
            scripts[-1].write_text("#!/usr/bin/env bash\n" + step["run"])
    run_tool("shellcheck", *map(str, scripts))


def test_a_broken_action_fails_validation(tmp_path):
    broken = tmp_path / "action.yml"
    broken.write_text(ACTION.read_text(encoding="utf-8").replace("using: composite", "using: compost"))
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-actions", str(broken)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "compost" in result.stdout


def test_example_uses_the_action_at_the_pinned_version():
    from bulletin_i18n import __version__

    steps = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["jobs"]["check"]["steps"]
    uses = [step["uses"] for step in steps if "bulletin-i18n" in step.get("uses", "")]
    assert uses == [f"OWNER/bulletin-i18n@v{__version__}"]


def test_readme_documents_every_input_and_output():
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### GitHub Actions"):]
    for name in [*action["inputs"], *action["outputs"]]:
        assert re.search(rf"^\| `{re.escape(name)}` \|", section, re.M), name


def test_readme_pins_the_current_version():
    from bulletin_i18n import __version__

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "A GitHub Actions job for a project's repository" not in readme  # the hand-written snippet
    assert re.findall(r"^    rev: (\S+)$", readme, re.M) == [f"v{__version__}"]
    assert re.findall(r"uses: OWNER/bulletin-i18n@(\S+)$", readme, re.M) == [f"v{__version__}"]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A checked-out repository holding the sample project in site/."""
    copy_sample_project(tmp_path / "repo" / "site")
    return tmp_path / "repo"


def test_check_step_passes_on_the_sample(workspace):
    run = run_action(workspace, {"working-directory": "site"}, only="check", path=DEV_BIN)
    assert run.returncode == 0, run.stderr
    assert run.annotations == []
    assert run.stdout.endswith("check passed: 0 of 1 catalogs failed, 0 errors, 0 warnings\n")
    assert run.summary == (
        "### bulletin-i18n check of site: passed\n\n1 catalog, 0 errors, 0 warnings\n\n" + HEADER
        + "| site/locales/es/sedi-2015-04.po | es | 45/45 | 0 | 0 | 100.0 | 100.0 | passed |\n\n")
    assert run.outputs["passed"] == "true" and run.outputs["exit-code"] == "0"
    report = json.loads(Path(run.outputs["report"]).read_text(encoding="utf-8"))
    assert report["passed"] is True and report["catalogs"][0]["path"] == SAMPLE_CATALOG


def test_check_step_annotates_the_findings_with_repository_paths(workspace):
    path = workspace / "site" / SAMPLE_CATALOG
    po = polib.pofile(str(path))
    po.find("Videos").msgstr = ""
    po.find(SMES).msgstr = "la innovación y la internacionalización de las PYMES; y"
    po.save(str(path))
    line = polib.pofile(str(path)).find(SMES).linenum
    run = run_action(workspace, {"working-directory": "site", "languages": "es"}, only="check", path=DEV_BIN)
    assert run.returncode == 1
    assert run.annotations == [
        "::error file=site/locales/es/sedi-2015-04.po,title=completeness::"
        "97.7%25 of entries translated, below the minimum of 100%25",
        f"::error file=site/locales/es/sedi-2015-04.po,line={line},title=placeholders::"
        '"innovation and internationalization of …": missing placeholder <1>…</1>',
    ]
    assert run.summary == (
        "### bulletin-i18n check of site: failed\n\n1 catalog, 2 errors, 0 warnings\n\n" + HEADER
        + "| site/locales/es/sedi-2015-04.po | es | 44/45 | 0 | 1 | 97.7 | 99.9 | **FAILED** |\n\n"
        "| where | severity | rule | message |\n|---|---|---|---|\n"
        "| site/locales/es/sedi-2015-04.po | error | completeness | "
        "97.7% of entries translated, below the minimum of 100% |\n"
        f"| site/locales/es/sedi-2015-04.po:{line} | error | placeholders | "
        '"innovation and internationalization of …": missing placeholder &lt;1&gt;…&lt;/1&gt; |\n\n')
    assert run.outputs["passed"] == "false" and run.outputs["exit-code"] == "1"


def test_threshold_and_fuzzy_inputs(workspace):
    path = workspace / "site" / SAMPLE_CATALOG
    po = polib.pofile(str(path))
    po.find("Videos").msgstr = ""
    po.find("Send").flags.append("fuzzy")
    po.save(str(path))
    strict = run_action(workspace, {"working-directory": "site"}, only="check", path=DEV_BIN)
    assert strict.returncode == 1
    assert [a.split("::")[1] for a in strict.annotations] == [
        "error file=site/locales/es/sedi-2015-04.po,title=completeness",
        f"error file=site/locales/es/sedi-2015-04.po,line={polib.pofile(str(path)).find('Send').linenum},"
        "title=fuzzy"]
    lenient = run_action(workspace, {"working-directory": "site", "fuzzy": "allow", "min-translated": "97.5",
                                     "rules": "placeholders,numbers"}, only="check", path=DEV_BIN)
    assert lenient.returncode == 0, lenient.stdout
    assert "| site/locales/es/sedi-2015-04.po | es | 43/45 | 1 | 1 | 95.5 |" in lenient.summary
    assert "| passed |" in lenient.summary
    report = json.loads(Path(lenient.outputs["report"]).read_text(encoding="utf-8"))
    assert report["catalogs"][0]["thresholds"] == {"min_translated": 97.5, "allow_fuzzy": True,
                                                  "rules": ["placeholders", "numbers"]}


def test_bad_input_and_unreadable_settings_are_error_annotations(workspace):
    run = run_action(workspace, {"working-directory": "site", "fuzzy": "sometimes"}, only="check", path=DEV_BIN)
    assert run.returncode == 2
    assert run.annotations == ["::error title=bulletin-i18n check::input fuzzy is 'sometimes': "
                               "use allow, fail, or leave it empty for the project's setting"]
    assert run.outputs == {"exit-code": "2", "passed": "false"}

    (workspace / "site" / "bulletin-i18n.toml").write_text('target_langs = "es"\n')
    run = run_action(workspace, {"working-directory": "site"}, only="check", path=DEV_BIN)
    assert run.returncode == 2
    message = "setting 'target_langs' should be a non-empty list of language codes"
    assert len(run.annotations) == 1 and run.annotations[0].startswith("::error title=bulletin-i18n check::")
    assert message in run.annotations[0]
    assert run.summary.startswith("### bulletin-i18n check of site: could not run (exit status 2)\n\n")
    assert message in run.summary


def test_max_annotations_input_caps_the_annotations(workspace):
    path = workspace / "site" / SAMPLE_CATALOG
    po = polib.pofile(str(path))
    for msgid in ("Videos", "Send", "Twitter"):
        po.find(msgid).flags.append("fuzzy")
    po.save(str(path))
    run = run_action(workspace, {"working-directory": "site", "max-annotations": "1"}, only="check", path=DEV_BIN)
    assert run.returncode == 1
    assert run.annotations[0].startswith("::error file=site/locales/es/sedi-2015-04.po,title=completeness::")
    assert run.annotations[1:] == [
        "::notice title=bulletin-i18n check::4 findings (4 errors, 0 warnings): the 1 most severe annotated, "
        "3 not: `bulletin-i18n check` (--format text or json) lists them all"]
    assert run.summary.count("| error | fuzzy |") == 3  # the job summary lists every finding
    bad = run_action(workspace, {"working-directory": "site", "max-annotations": "ten"}, only="check", path=DEV_BIN)
    assert bad.returncode == 2 and bad.annotations == [
        "::error title=bulletin-i18n check::input max-annotations is 'ten': give a whole number, e.g. 10"]
