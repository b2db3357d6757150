"""check over a project: completeness, staleness, thresholds, findings and their output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from bulletin_i18n.errors import InputError
from bulletin_i18n.project import Project, checking
from bulletin_i18n.qa.context import word_count
from bulletin_i18n.qa.report import format_report
from bulletin_i18n.settings import load_settings
from conftest import REVISION, ROOT, cli
from edition_project import make_project
from sample_texts import CLEAN, NAME, QUESTION, REF, RESULTS, RESULTS_ES, URL, URL_ES


def run_check(settings, **options):
    return checking.run_check(Project(settings), **options)


def check_project(settings, **options):
    return checking.check_project(Project(settings), **options)




def write_po(path: Path, entries: list[tuple[str, str, int]], flags: dict[str, list[str]] | None = None,
             obsolete: tuple[str, ...] = ()) -> Path:
    """A Spanish catalog as the extractor writes it, with translators' work."""
    po = polib.POFile()
    po.metadata = {"Project-Id-Version": "bulletin-i18n", "Language": "es",
                   "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
    for msgid, msgstr, line in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, occurrences=[(REF, str(line))],
                                comment="Element: td > p", flags=list((flags or {}).get(msgid, []))))
    for msgid in obsolete:
        po.append(polib.POEntry(msgid=msgid, msgstr="Traducción antigua.", obsolete=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def replaced(msgid: str, old: str, new: str) -> list[tuple[str, str, int]]:
    """CLEAN with one translation edited."""
    assert any(m == msgid and old in s for m, s, _ in CLEAN)
    return [(m, s.replace(old, new) if m == msgid else s, line) for m, s, line in CLEAN]


def entry_line(path: Path, msgid: str) -> int:
    """The first line of the entry of ``msgid`` (of CLEAN): its ``#.`` comment."""
    index = [m for m, _, _ in CLEAN].index(msgid)
    lines = path.read_text(encoding="utf-8").split("\n")
    return [number for number, line in enumerate(lines, start=1) if line.startswith("#. Element:")][index]


@pytest.fixture
def settings(project, monkeypatch):
    """The sample project; its source gives exactly the msgids of CLEAN."""
    monkeypatch.setattr(checking, "source_msgids", lambda bulletin: {m for m, _, _ in CLEAN})
    return load_settings(project)


@pytest.fixture
def po_path(settings) -> Path:
    return settings.catalog_path(NAME, "es")


def only(report, rule=None):
    """The one finding of the report (of ``rule`` when given)."""
    found = [f for f in report.findings if rule is None or f.rule == rule]
    assert len(found) == 1, [(f.rule, f.message) for f in report.findings]
    return found[0]


# -- the gate -----------------------------------------------------------------------


def test_clean_catalog_passes_with_counts(settings, po_path):
    write_po(po_path, CLEAN, obsolete=("An old paragraph.",))
    report = run_check(settings)
    assert report.findings == []
    assert (report.passed, report.exit_code) == (True, 0)
    [result] = report.catalogs
    assert (result.path, result.language, result.name) == (f"locales/es/{NAME}.po", "es", NAME)
    assert (result.entries.translated, result.entries.untranslated, result.entries.obsolete) == (len(CLEAN), 0, 1)
    assert result.words.translated == sum(word_count(m) for m, _, _ in CLEAN)
    assert result.entries.percent() == 100.0


def test_dropped_placeholder(settings, po_path):
    write_po(po_path, replaced(RESULTS, "<1>12 centros", "12 centros"))
    finding = only(run_check(settings))
    assert (finding.rule, finding.line, finding.severity) == ("placeholders", entry_line(po_path, RESULTS), "error")
    assert finding.message == "unbalanced placeholder </1>"
    assert finding.msgid == "The OAS facilitated the initial coopera…"
    write_po(po_path, replaced(RESULTS, RESULTS_ES, RESULTS_ES.replace("<1>", "").replace("</1>", "")))
    report = run_check(settings)
    assert only(report).message == "missing placeholder <1>…</1>" and report.exit_code == 1


def test_changed_number(settings, po_path):
    write_po(po_path, replaced(RESULTS, "3.197", "3.179"))
    report = run_check(settings)
    finding = only(report)
    assert (finding.rule, finding.line) == ("numbers", entry_line(po_path, RESULTS))
    assert finding.message == "number 3,197 is missing or changed"
    assert report.exit_code == 1


def test_ignore_flag_silences_one_rule_on_one_entry(settings, po_path):
    entries = replaced(RESULTS, "3.197", "3.179")
    write_po(po_path, entries, flags={RESULTS: ["ignore-numbers"]})
    assert run_check(settings).findings == []
    write_po(po_path, entries, flags={RESULTS: ["ignore-glossary"]})
    assert only(run_check(settings)).rule == "numbers"


def test_missing_glossary_term(settings, po_path):
    write_po(po_path, replaced(RESULTS, "La OEA", "La Organización"))
    finding = only(run_check(settings))
    assert (finding.rule, finding.line) == ("glossary", entry_line(po_path, RESULTS))
    assert finding.message == "glossary: 'OAS' should be translated 'OEA'"


def test_stale_catalog(settings, po_path, monkeypatch):
    write_po(po_path, CLEAN)
    current = {m for m, _, _ in CLEAN} - {URL} | {"Videos", "Send"}
    monkeypatch.setattr(checking, "source_msgids", lambda bulletin: current)
    report = run_check(settings)
    finding = only(report)
    assert (finding.rule, finding.line, finding.path) == ("stale", None, f"locales/es/{NAME}.po")
    assert finding.message == (f"out of date with source/{NAME}.html: 2 new, 1 removed segments: "
                               "run `bulletin-i18n sync`")
    assert report.exit_code == 1


def test_stale_against_the_real_source(project):
    """The lead's source_msgids: an up-to-date catalog passes, one missing a segment does not."""
    settings = load_settings(project)
    translations = {m: s for m, s, _ in CLEAN}
    msgids = sorted(checking.source_msgids(Project(settings).load(project / "source" / f"{NAME}.html")))
    path = settings.catalog_path(NAME, "es")
    write_po(path, [(m, translations.get(m, ""), 1) for m in msgids])
    assert run_check(settings, min_translated=0).exit_code == 0
    write_po(path, [(m, translations.get(m, ""), 1) for m in msgids if m != "Videos"])
    assert only(run_check(settings, min_translated=0)).message.startswith(
        f"out of date with source/{NAME}.html: 1 new, 0 removed segments")


def test_missing_catalog_fails_as_stale(settings, po_path):
    write_po(po_path, CLEAN)
    shutil.copy(settings.source_path / f"{NAME}.html", settings.source_path / "b-new.html")
    report = run_check(settings)
    finding = only(report)
    assert finding.rule == "stale" and finding.message == "no catalog for source/b-new.html: run `bulletin-i18n sync`"
    assert [r.entries.untranslated for r in report.catalogs] == [len(CLEAN), 0]  # b-new, then the sample
    assert report.exit_code == 1


def test_nothing_to_check_is_an_error_naming_the_folder(tmp_path):
    """A CI job pointed at the wrong folder, or at a project never synced, must not pass."""
    for folder in (tmp_path / "empty", tmp_path / "no-pages"):
        (folder / "source").mkdir(parents=True) if folder.name == "no-pages" else folder.mkdir()
        result = cli("-C", folder, "check")
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.startswith(f"bulletin-i18n: error: no bulletins in {folder}: source/ ")
        assert ("holds no bulletin" if folder.name == "no-pages" else "does not exist") in result.stderr
        assert sorted(p.name for p in folder.iterdir()) == ([] if folder.name == "empty" else ["source"])
    settings = make_project(tmp_path / "never-synced")
    for fmt in ("text", "json", "github"):
        result = cli("-C", settings.root, "check", "--format", fmt)
        assert (result.returncode, result.stdout) == (2, "")
        assert "no catalogs for es: locales/es/ holds no catalog of this project's 1 bulletin: run " \
            "`bulletin-i18n sync` to make them" in result.stderr


def test_a_language_not_in_target_langs_says_how_to_add_it(settings, po_path):
    write_po(po_path, CLEAN)
    result = cli("-C", settings.root, "check", "--lang", "fr")
    assert result.returncode == 64
    assert result.stderr == (
        'bulletin-i18n: error: --lang fr: fr is not a target language of this project (target_langs = ["es"] '
        "in bulletin-i18n.toml): add it to target_langs there, then run `bulletin-i18n sync` to make its "
        "catalogs\n")


def test_syntax_error_exits_2_with_file_and_line(settings, po_path):
    write_po(po_path, CLEAN)
    lines = po_path.read_text(encoding="utf-8").split("\n")
    broken = next(i for i, line in enumerate(lines) if line.startswith('msgstr "Sherry Tross"'))
    lines[broken] = 'msgstr "Sherry Tross'
    po_path.write_text("\n".join(lines), encoding="utf-8")
    report = run_check(settings)
    finding = only(report)
    assert (finding.rule, finding.path, finding.line) == ("input", f"locales/es/{NAME}.po", broken + 1)
    assert "invalid catalog" in finding.message
    assert report.exit_code == 2 and report.catalogs == []
    assert f"locales/es/{NAME}.po:{broken + 1}: error [input]" in format_report(report, "text")


def test_fuzzy_entry_fails_unless_fuzzy_allowed(settings, po_path):
    write_po(po_path, CLEAN, flags={QUESTION: ["fuzzy"]})
    report = run_check(settings)
    fuzzy = only(report, "fuzzy")
    assert fuzzy.line == entry_line(po_path, QUESTION)
    assert only(report, "completeness").message == (
        "88.8% of entries translated, below the minimum of 100%")
    assert report.exit_code == 1
    assert run_check(settings, allow_fuzzy=True).exit_code == 0


def test_fuzzy_entries_are_checked_when_allowed(settings, po_path):
    write_po(po_path, replaced(QUESTION, "¿Qué", "Qué"), flags={QUESTION: ["fuzzy"]})
    report = run_check(settings, allow_fuzzy=True)
    finding = only(report)
    assert (finding.rule, finding.severity, finding.message) == ("punctuation", "warning", "? without its opening ¿")
    assert report.exit_code == 0  # a warning does not fail the gate


def test_threshold_from_settings_language_override_and_caller(settings, po_path):
    write_po(po_path, replaced(URL, URL_ES, ""))
    report = run_check(settings)
    assert only(report).rule == "completeness" and report.exit_code == 1
    assert report.catalogs[0].entries.untranslated == 1
    settings.check.languages = {"es": {"min-translated": 80}}
    assert run_check(settings).exit_code == 0
    assert run_check(settings, min_translated=95).exit_code == 1


def test_rules_can_be_switched_off_and_unknown_rules_are_refused(settings, po_path):
    write_po(po_path, replaced(RESULTS, "3.197", "3.179"))
    settings.check.rules = ["placeholders", "glossary"]
    assert run_check(settings).findings == []
    assert only(run_check(settings, rules=["numbers"])).rule == "numbers"
    with pytest.raises(InputError, match="unknown check rule spelling"):
        run_check(settings, rules=["spelling"])


def test_cli_entry_point(settings, po_path):
    write_po(po_path, replaced(RESULTS, "3.197", "3.179"))
    output, status = check_project(settings, fmt="json", langs=["es"], names=[NAME], allow_fuzzy=False)
    assert status == 1 and json.loads(output)["findings"][0]["rule"] == "numbers"
    with pytest.raises(ValueError, match="unknown format"):
        check_project(settings, fmt="xml")


def test_bad_thresholds_are_input_errors(settings):
    toml = settings.root / "bulletin-i18n.toml"
    toml.write_text('[check.languages.es]\nmin_translated = "ninety"\n')
    with pytest.raises(InputError, match="min_translated' should be a number from 0 to 100"):
        load_settings(settings.root)
    toml.write_text('[check.languages.es]\nminimum = 90\n')
    with pytest.raises(InputError, match="check.languages.es.minimum' is unknown"):
        load_settings(settings.root)
    with pytest.raises(InputError, match="unknown check rule spelling"):
        run_check(settings, rules=["numbers", "spelling"])


def test_languages_and_names_select_catalogs(settings, po_path):
    write_po(po_path, CLEAN)
    settings.target_langs = ["es", "pt"]
    write_po(settings.catalog_path(NAME, "pt"), [(m, "", line) for m, _, line in CLEAN])
    assert [r.language for r in run_check(settings, langs=["es"], names=[NAME]).catalogs] == ["es"]
    report = run_check(settings, langs=["es", "pt"])
    assert [(r.language, r.passed) for r in report.catalogs] == [("es", True), ("pt", False)]
    assert [key for key in report.totals()] == ["es", "pt", "all"]
    assert report.totals()["all"][0].untranslated == len(CLEAN)
    assert "total pt" in format_report(report, "text")
    with pytest.raises(InputError):
        run_check(settings, names=["no-such-bulletin"])


# -- output ---------------------------------------------------------------------------


def test_json_schema(settings, po_path):
    write_po(po_path, replaced(RESULTS, "3.197", "3.179"))
    data = json.loads(format_report(run_check(settings), "json"))
    assert (data["version"], data["passed"], data["exit_code"]) == (1, False, 1)
    [catalog] = data["catalogs"]
    assert set(catalog) == {"path", "name", "language", "entries", "words", "percent", "machine", "thresholds",
                            "passed"}
    assert catalog["machine"] == {"entries": 0, "words": 0}
    assert catalog["entries"] == {"translated": 9, "fuzzy": 0, "untranslated": 0, "obsolete": 0, "total": 9}
    assert catalog["percent"] == {"entries": 100.0, "words": 100.0}
    assert set(data["totals"]) == {"es", "all"}
    assert data["findings"] == [{
        "rule": "numbers", "severity": "error", "path": f"locales/es/{NAME}.po",
        "line": entry_line(po_path, RESULTS), "msgid": "The OAS facilitated the initial coopera…",
        "message": "number 3,197 is missing or changed"}]


def test_github_and_text_formats(settings, po_path):
    write_po(po_path, replaced(RESULTS, "3.197", "3.179"))
    report = run_check(settings)
    line = entry_line(po_path, RESULTS)
    github = format_report(report, "github").splitlines()
    assert github == [
        f"::error file=locales/es/{NAME}.po,line={line},title=numbers::"
        "\"The OAS facilitated the initial coopera…\": number 3,197 is missing or changed",
        "check failed: 1 of 1 catalogs failed, 1 error, 0 warnings",
    ]
    text = format_report(report, "text")
    assert text.splitlines()[0].split() == ["catalog", "lang", "translated", "fuzzy", "untranslated",
                                            "obsolete", "%", "entries", "%", "words", "result"]
    assert f"locales/es/{NAME}.po:{line}: error [numbers]" in text
    assert text.rstrip().endswith("check failed: 1 of 1 catalogs failed, 1 error, 0 warnings")


def test_reviewed_spanish_catalog_of_the_sample_passes():
    """The professionally translated catalog in the repository: no finding at all."""
    report = run_check(load_settings(ROOT), names=[NAME], langs=["es"])
    assert [(f.rule, f.line, f.message) for f in report.findings] == []
    assert report.exit_code == 0
    assert report.catalogs[0].entries.translated == 45


@pytest.fixture
def reviewed(tmp_path):
    """A copy of this repository's project, with its reviewed Spanish catalog."""
    for folder in ("source", "glossary", "locales"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_a_missing_picture_is_a_warning_with_the_page_line(reviewed):
    (reviewed / "source" / "images" / "insulza.jpg").unlink()
    report = run_check(load_settings(reviewed), names=[NAME])
    assert [(f.rule, f.severity, f.path, f.line, f.message) for f in report.findings] == [
        ("assets", "warning", f"source/{NAME}.html", 54,
         "asset images/insulza.jpg not found (no source/images/insulza.jpg)")]
    assert report.exit_code == 0
    assert f"::warning file=source/{NAME}.html,line=54,title=assets::" in format_report(report, "github")


def plant(project, msgid_start, change):
    """Change one entry of the copied catalog; return its line in the saved file."""
    path = project / "locales" / "es" / f"{NAME}.po"
    po = polib.pofile(str(path), wrapwidth=79)
    entry = next(e for e in po if e.msgid.startswith(msgid_start))
    change(entry)
    po.save(str(path))
    return next(e for e in polib.pofile(str(path)) if e.msgid == entry.msgid).linenum


def findings_of(project, **kw):
    report = run_check(load_settings(project), **kw)
    return report, [(f.rule, f.line) for f in report.findings if f.severity == "error"]


def test_planted_defects_in_the_reviewed_catalog(reviewed):
    results = "The OAS facilitated the initial cooperation"
    line = plant(reviewed, results, lambda e: setattr(e, "msgstr", e.msgstr.replace("3.197", "3.179")))
    report, found = findings_of(reviewed)
    assert found == [("numbers", line)] and report.exit_code == 1
    assert "3,197" in report.findings[0].message

    line = plant(reviewed, results, lambda e: setattr(e, "msgstr", e.msgstr.replace("3.179", "3.197")
                                                       .replace("<1>", "").replace("</1>", "")))
    report, found = findings_of(reviewed)
    assert found == [("placeholders", line)]
    assert "missing placeholder <1>…</1>" in report.findings[0].message

    line = plant(reviewed, results, lambda e: setattr(e, "msgstr", e.msgstr.replace("OEA", "Organización")
                                                       .replace("12 centros", "<1>12 centros")
                                                       .replace("en ventas", "en ventas</1>")))
    report, found = findings_of(reviewed)
    assert found == [("glossary", line)]
    assert "OAS" in report.findings[0].message and "OEA" in report.findings[0].message


def test_stale_and_broken_reviewed_catalog(reviewed):
    shutil.copy(REVISION, reviewed / "source" / f"{NAME}.html")
    report, found = findings_of(reviewed)
    assert found == [("stale", None)] and report.exit_code == 1
    assert report.findings[0].message == (
        f"out of date with source/{NAME}.html: 5 new, 5 removed segments: run `bulletin-i18n sync`")
    path = reviewed / "locales" / "es" / f"{NAME}.po"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index('msgid "Videos"')
    lines[at] = 'msgid "Videos'
    path.write_text("\n".join(lines), encoding="utf-8")
    report = run_check(load_settings(reviewed))
    assert report.exit_code == 2
    assert [(f.rule, f.line) for f in report.findings] == [("input", at + 1)]


def test_catalog_without_a_source_is_a_warning(reviewed):
    shutil.copy(reviewed / "locales" / "es" / f"{NAME}.po", reviewed / "locales" / "es" / "retired.po")
    report = run_check(load_settings(reviewed))
    assert [(f.rule, f.path, f.severity) for f in report.findings] == [
        ("stale", "locales/es/retired.po", "warning")]
    assert "no source/retired.html for this catalog" in report.findings[0].message
    assert report.exit_code == 0




# -- GitHub annotations ----------------------------------------------------------------


def test_github_annotations_from_a_project_in_a_subfolder_of_a_git_repository(tmp_path):
    """Paths from the repository's root (found with git), at most ten annotations, errors first."""
    from ci_support import git_project

    repo = tmp_path / "repo"
    settings = make_project(repo / "site")
    (repo / "README").write_text("a repository with a bulletin-i18n project in site/\n")
    assert cli("-C", settings.root, "sync", "--engine", "pseudo").returncode == 0  # 45 machine drafts
    (settings.source_path / "images" / "tross.jpg").unlink()  # and a warning: an asset missing
    git_project(repo)
    result = cli("-C", settings.root, "check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith(("::error", "::warning"))]
    assert len(annotations) == 10 and all(line.startswith("::error file=site/locales/es/sedi-2015-04.po,")
                                          for line in annotations)
    assert annotations[0] == ("::error file=site/locales/es/sedi-2015-04.po,title=completeness::"
                              "0.0%25 of entries translated, below the minimum of 100%25")
    assert "title=fuzzy::" in annotations[1]
    assert lines[10:] == [
        "::notice title=bulletin-i18n check::47 findings (46 errors, 1 warning): the 10 most severe annotated, "
        "37 not: `bulletin-i18n check` (--format text or json) lists them all",
        "check failed: 1 of 1 catalogs failed, 46 errors, 1 warning"]
    # the text and JSON reports keep every finding, with the project's own paths
    assert len(json.loads(cli("-C", settings.root, "check", "--format", "json").stdout)["findings"]) == 47
    text = cli("-C", settings.root, "check").stdout
    assert text.count("\nlocales/es/sedi-2015-04.po:") == 46 and "site/" not in text
    # the cap and the prefix can be given; all of them with a large cap, warnings last
    wide = cli("-C", settings.root, "check", "--format", "github", "--max-annotations", "100",
               "--path-prefix", "other/place").stdout.splitlines()
    assert len(wide) == 48 and wide[-2].startswith("::warning file=other/place/source/sedi-2015-04.html,line=")
    assert all("file=other/place/" in line for line in wide[:-1])
    assert cli("-C", settings.root, "check", "--format", "github", "--max-annotations", "0").stdout.splitlines()[0] \
        .startswith("::notice title=bulletin-i18n check::47 findings (46 errors, 1 warning): the 0 most severe")


def test_github_paths_outside_a_git_repository_are_the_projects(settings, po_path):
    write_po(po_path, replaced(RESULTS, "3.197", "3.179"))
    result = cli("-C", settings.root, "check", "--format", "github")
    assert result.stdout.startswith(f"::error file=locales/es/{NAME}.po,line=")
