"""check: the CI gate over catalogs (completeness, staleness, quality rules, output)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from bulletin_i18n import check
from bulletin_i18n.check import (
    RuleContext, check_project, entry_problems, format_report, run_check, word_count,
)
from bulletin_i18n.config import load_settings
from bulletin_i18n.errors import InputError
from bulletin_i18n.glossary import load_glossary
from bulletin_i18n.project import source_msgids
from conftest import GLOSSARY, REVISION, ROOT

NAME = "sedi-2015-04"
REF = f"source/{NAME}.html"

RESULTS = (
    "The OAS facilitated the initial cooperation between the United States and Central America with "
    "the support of the Regional Center of MSME Promotion (CENPROMYPE), beginning with the project in "
    "El Salvador. After adapting the model to its own realities, the country has now improved its "
    "capacity to assist MSMEs. The results reported in 2014 are compelling: <1>12 centers, 80 advisors, "
    "3,197 clients, 5,830 jobs created, and $19 million in sales</1>. The Development Centers for Micro "
    "and Small Enterprises, created by the Ministry of Economics through the National Commission for "
    "Micro and Small Enterprises, now have local partners and national funding to support their operations."
)
RESULTS_ES = (
    "La OEA facilitó la cooperación inicial entre los Estados Unidos y Centroamérica con el apoyo del "
    "Centro Regional de Promoción de la MIPYME (CENPROMYPE), comenzando con el proyecto en El Salvador. "
    "Tras adaptar el modelo a sus propias realidades, el país ha mejorado su capacidad de asistir a las "
    "MIPYMES. Los resultados informados en 2014 son contundentes: <1>12 centros, 80 asesores, 3.197 "
    "clientes, 5.830 empleos creados y 19 millones de dólares en ventas</1>. Los Centros de Desarrollo "
    "para la Micro y Pequeña Empresa, creados por el Ministerio de Economía a través de la Comisión "
    "Nacional de la Micro y Pequeña Empresa, cuentan ahora con socios locales y financiamiento nacional "
    "para apoyar sus operaciones."
)
AUTHORITIES = (
    "The authorities responsible for supporting Micro, Small, and Medium Enterprises (<1>MSMEs</1>) in "
    "the Americas, representing 99% of the region’s businesses, exchanged experiences and identified "
    "potential areas for regional cooperation for the fourth time in the framework of <2>OAS</2>. The "
    "<3>IV Inter-American Dialogue of High Authorities of MSMEs</3> held April 16-17 in Washington, DC "
    "facilitated a rich exchange that concluded with a call to continue and strengthen this forum to "
    "address common challenges."
)
AUTHORITIES_ES = (
    "Las autoridades responsables de apoyar a las micro, pequeñas y medianas empresas (<1>MIPYMES</1>) "
    "en las Américas, que representan el 99 % de las empresas de la región, intercambiaron experiencias "
    "e identificaron posibles áreas de cooperación regional por cuarta vez en el marco de la <2>OEA</2>. "
    "El <3>IV Diálogo Interamericano de Altas Autoridades de MIPYMES</3>, celebrado del 16 al 17 de abril "
    "en Washington, DC, propició un rico intercambio que concluyó con un llamado a continuar y fortalecer "
    "este foro para abordar desafíos comunes."
)
QUESTION = (
    "What should the center of our policies and programs be in order to move us in the right direction? "
    "asked Insulza, inviting the authorities to reflect on the opportunity for cooperation presented at "
    "the dialogue. Insulza further stressed that “it is very fortunate that you all are gathered here, to "
    "contribute to a fruitful dialogue, based on the various issues that have to be considered to answer "
    "this question, in your own countries and collectively as a region.”"
)
QUESTION_ES = (
    "¿Qué debería estar en el centro de nuestras políticas y programas para avanzar en la dirección "
    "correcta? preguntó Insulza, invitando a las autoridades a reflexionar sobre la oportunidad de "
    "cooperación presentada en el diálogo. Insulza destacó además que “es muy afortunado que todos ustedes "
    "estén reunidos aquí, para contribuir a un diálogo fructífero, basado en los diversos temas que deben "
    "considerarse para responder a esta pregunta, en sus propios países y colectivamente como región.”"
)
FOOTER = ("© 2015 Organization of American States. 17th Street & Constitution Ave., N.W., "
          "Washington, D.C. 20006, USA. All rights reserved.")
FOOTER_ES = ("© 2015 Organización de los Estados Americanos. 17th Street & Constitution Ave., N.W., "
             "Washington, D.C. 20006, EE. UU. Todos los derechos reservados.")
URL = "Read the dialogue report at www.oas.org/en/sedi/desd/msme/ or write to sedi@oas.org."
URL_ES = "Lea el informe del diálogo en www.oas.org/en/sedi/desd/msme/ o escriba a sedi@oas.org."

#: msgid, msgstr, source line: real segments of the sample (and one with a URL).
CLEAN = [
    ("MSME Regional Dialogue Boosts Cooperation",
     "El Diálogo Regional sobre las MIPYME impulsa la cooperación", 48),
    (AUTHORITIES, AUTHORITIES_ES, 53),
    ("Organization of American States", "Organización de los Estados Americanos", 53),
    (QUESTION, QUESTION_ES, 55),
    ("Sherry Tross", "Sherry Tross", 56),
    ("strengthening institutions that support MSMEs;",
     "el fortalecimiento de las instituciones que apoyan a las MIPYMES;", 60),
    (RESULTS, RESULTS_ES, 74),
    (FOOTER, FOOTER_ES, 99),
    (URL, URL_ES, 100),
]


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
    monkeypatch.setattr(check, "source_msgids", lambda source, settings: {m for m, _, _ in CLEAN})
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


def test_word_count_ignores_placeholders_and_symbols():
    assert word_count("<1>»Back</1> ۩ <2>SEDI</2>") == 2
    assert word_count("<1>IV Inter-American Dialogue</1> from <2/> on <3/>.") == 5


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
    monkeypatch.setattr(check, "source_msgids", lambda source, settings: current)
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
    msgids = sorted(source_msgids(project / "source" / f"{NAME}.html", settings))
    path = settings.catalog_path(NAME, "es")
    write_po(path, [(m, translations.get(m, ""), 1) for m in msgids])
    assert run_check(settings, min_translated=0).exit_code == 0
    write_po(path, [(m, translations.get(m, ""), 1) for m in msgids if m != "Videos"])
    assert only(run_check(settings, min_translated=0)).message.startswith(
        f"out of date with source/{NAME}.html: 1 new, 0 removed segments")


def test_missing_catalog_fails_as_stale(settings):
    report = run_check(settings)
    finding = only(report)
    assert finding.rule == "stale" and finding.message == f"no catalog for {REF}: run `bulletin-i18n sync`"
    assert report.catalogs[0].entries.untranslated == len(CLEAN)
    assert report.exit_code == 1


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
    assert [r.language for r in run_check(settings, langs=["es"], names=[NAME]).catalogs] == ["es"]
    report = run_check(settings, langs=["es", "pt"])
    assert [(r.language, r.passed) for r in report.catalogs] == [("es", True), ("pt", False)]
    assert [key for key in report.totals()] == ["es", "pt", "all"]
    assert report.totals()["all"][0].untranslated == len(CLEAN)
    assert "total pt" in format_report(report, "text")
    with pytest.raises(InputError):
        run_check(settings, names=["no-such-bulletin"])


# -- quality rules, one entry at a time -----------------------------------------------


@pytest.fixture(scope="module")
def context():
    return RuleContext("en", "es", load_glossary(GLOSSARY), {"http://www.oas.org/en/": "http://www.oas.org/es/"})


def problems(context, msgid, msgstr, rule):
    return [message for _, message in entry_problems(polib.POEntry(msgid=msgid, msgstr=msgstr), (rule,), context)]


@pytest.mark.parametrize("msgid, msgstr", [
    ("representing 99% of businesses", "que representan el 99 % de las empresas"),
    ("$19 million in sales", "19 millones de dólares en ventas"),
    ("$19 million in sales", "19.000.000 de dólares en ventas"),
    ("$2 billion in sales", "2 mil millones de dólares en ventas"),
    ("3,197 clients", "3197 clientes"),
    ("3,197 clients", "3,197 clientes"),  # the English format kept: the same value
    ("5,830 jobs", "5\u00a0830 empleos"),
    ("held April 16-17", "celebrado del 16 al 17 de abril"),
    ("17th Street, the fourth time, in 2017.", "calle 17, la cuarta vez, en 2017."),
    ("a 2.5 percent rise", "un aumento del 2,5 por ciento"),
    ("See <1>2015</1> report", "Vea el informe <1>2015</1>"),
])
def test_numbers_accepted(context, msgid, msgstr):
    assert problems(context, msgid, msgstr, "numbers") == []


@pytest.mark.parametrize("msgid, msgstr, message", [
    ("3,197 clients", "3,179 clientes", "number 3,197 is missing or changed"),
    ("1,500 jobs", "1,5 empleos", "number 1,500 is missing or changed"),  # 1,5 is 1.5 in Spanish
    ("$19 million in sales", "9 millones de dólares", "number 19 million is missing or changed"),
    ("held April 16-17", "celebrado el 16 de abril", "number 17 is missing or changed"),
])
def test_numbers_refused(context, msgid, msgstr, message):
    assert problems(context, msgid, msgstr, "numbers") == [message]


def test_urls(context):
    assert problems(context, URL, URL_ES.replace("sedi@oas.org", "sedi@oea.org"), "urls") == [
        "e-mail address sedi@oas.org is missing or changed"]
    assert problems(context, "Visit http://www.oas.org/en/sedi/.", "Visite http://www.oas.org/es/sedi/.", "urls") == []
    assert problems(context, "Visit www.babson.edu/eco.", "Visite www.babson.edu.", "urls") == [
        "URL www.babson.edu/eco is missing or changed"]


def test_glossary_matching(context):
    assert problems(context, "Member States agreed", "Los Estados miembros acordaron", "glossary") == []
    assert problems(context, "the SME sector", "el sector de las PYME", "glossary") == []
    assert problems(context, "two SMEs", "dos PYMEs", "glossary") == []  # plural
    assert problems(context, "the SBDC model", "el modelo SBDC", "glossary") == []  # kept as is
    assert problems(context, "the OAS", "la OÉA", "glossary") == ["glossary: 'OAS' should be translated 'OEA'"]


def test_unchanged(context):
    msgid = "The content will be defined."
    assert problems(context, msgid, msgid, "unchanged") == ["the translation is identical to the source"]
    assert problems(context, "Babson Entrepreneurship Ecosystem Project", "Babson Entrepreneurship Ecosystem Project",
                    "unchanged") == []
    assert problems(context, "Sherry Tross", "Sherry Tross", "unchanged") == []


@pytest.mark.parametrize("msgid, msgstr, message", [
    ("Also in this issue:", "También en este número.", "ends with '.', the source with ':'"),
    ("Is it clear?", "Está claro?", "? without its opening ¿"),
    ("Welcome!", "¡Bienvenidos", "ends with no punctuation, the source with '!'"),
    ("Send ", "Enviar", "trailing whitespace differs from the source"),
    ("the region.", "la  región.", "double space"),
    ("Centers (SBDC).", "Centros (SBDC.", "unbalanced ( )"),
    ("he said “yes”.", "dijo «sí.", "unbalanced quotes"),
])
def test_punctuation(context, msgid, msgstr, message):
    assert problems(context, msgid, msgstr, "punctuation") == [message]


def test_punctuation_accepts_spanish_conventions(context):
    assert problems(context, QUESTION, QUESTION_ES, "punctuation") == []
    assert problems(context, "as a region.”", "como región».", "punctuation") == []


# -- output ---------------------------------------------------------------------------


def test_json_schema(settings, po_path):
    write_po(po_path, replaced(RESULTS, "3.197", "3.179"))
    data = json.loads(format_report(run_check(settings), "json"))
    assert (data["version"], data["passed"], data["exit_code"]) == (1, False, 1)
    [catalog] = data["catalogs"]
    assert set(catalog) == {"path", "name", "language", "entries", "words", "percent", "thresholds", "passed"}
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


@pytest.mark.parametrize("source, translation", [
    ("Sales reached $1 million in 2014.", "Las ventas alcanzaron un millón de dólares en 2014."),
    ("A loan of $1 billion.", "Un préstamo de mil millones de dólares."),
    ("Apply at http://www.oas.org/form.asp?id=3 today.", "Postule hoy en http://www.oas.org/form.asp?id=3."),
    ("The Secretary General spoke.", "La Secretaria General habló."),
    ("The session opens at 3:30 p.m. with 12,500 delegates.", "La sesión se abre a las 15:30 con 12 500 delegados."),
    ("Support for Small and Medium Enterprises.", "Apoyo a la pequeña y mediana empresa."),
])
def test_good_spanish_raises_no_finding(source, translation, glossary):
    from bulletin_i18n.check import RuleContext, entry_problems, RULES

    entry = polib.POEntry(msgid=source, msgstr=translation)
    context = RuleContext("en", "es", glossary, {})
    assert entry_problems(entry, RULES, context) == []


def test_other_writings_do_not_hide_a_changed_number(glossary):
    from bulletin_i18n.check import RuleContext, entry_problems, RULES

    entry = polib.POEntry(msgid="It opens at 3:30 p.m. with 12,500 delegates.",
                          msgstr="Se abre a las 16:30 con 12 600 delegados.")
    context = RuleContext("en", "es", glossary, {})
    assert [message for _, message in entry_problems(entry, RULES, context)] == [
        "number 3 is missing or changed", "number 12,500 is missing or changed"]


def test_inflection_does_not_hide_a_missing_term(glossary):
    from bulletin_i18n.check import RuleContext, entry_problems, RULES

    entry = polib.POEntry(msgid="The Secretary General spoke.", msgstr="El Secretariado habló.")
    context = RuleContext("en", "es", glossary, {})
    assert [rule for rule, _ in entry_problems(entry, RULES, context)] == ["glossary"]
