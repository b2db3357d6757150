"""Review pages and the output index written for a project."""

from __future__ import annotations

import json
import shutil

import polib
import pytest

from bulletin_i18n.project import Project, publish
from bulletin_i18n.project.publish import review_path
from bulletin_i18n.project.sync import sync
from bulletin_i18n.review.pages import STATUS_LABELS
from bulletin_i18n.settings import load_settings
from conftest import REVISION, SAMPLE, parse_html
from edition_project import NAME, build_project, make_project, review_state


def write_reviews(settings):
    return publish.write_reviews(Project(settings))


def write_index(settings):
    return publish.write_index(Project(settings))


@pytest.fixture
def reviewed(tmp_path):
    settings = make_project(tmp_path, glossary="")
    build_project(settings)
    assert write_reviews(settings) == [review_path(settings, NAME)]
    assert write_index(settings) == [settings.output_path / "index.html"]
    return settings


FINDING = "Also in this issue:"  # reviewed, with a punctuation finding of check (edition_project)
SMES = "innovation and internationalization of <1>SMEs</1>; and"


def expected_status(index: int, msgid: str) -> str:
    return "findings" if msgid == FINDING else review_state(index, msgid)


def cells(page, lang: str = "es"):
    return page.xpath(f"//table[@id='segments']/tbody/tr/td[@lang='{lang}' and @data-status]")


def test_one_row_per_entry_in_document_order(reviewed):
    page = parse_html(review_path(reviewed, NAME))
    template = polib.pofile(str(reviewed.template_path(NAME)))
    rows = page.xpath("//table[@id='segments']/tbody/tr")
    assert len(rows) == len(template) == 45
    catalog = polib.pofile(str(reviewed.catalog_path(NAME, "es")))
    for index, (row, entry) in enumerate(zip(rows, catalog)):
        source, target = row.xpath("td")[1:]
        assert source.find("div").text_content() == entry.msgid.replace("<", "‹").replace(">", "›")
        status = expected_status(index, entry.msgid)
        assert target.get("data-status") == status
        assert target.find("span").text == STATUS_LABELS[status]
        assert target.find("div[@class='where']").text == f"locales/es/{NAME}.po:{entry.linenum}"
        assert ("done" in row.get("class").split()) == (status == "reviewed")
    assert page.xpath("//a[@hreflang='es']/@href") == ["../es/sedi-2015-04.html"]
    # the filters: one box per status, the findings select, the search, needs work only
    assert page.xpath("//input[@name='status']/@value") == list(STATUS_LABELS)
    assert page.xpath("//select[@id='finding']/option/@value") == ["", "*", "punctuation"]
    assert page.xpath("//input[@id='search']") and page.xpath("//input[@id='needs-work']")


def test_counts_per_status_at_the_top(reviewed):
    page = parse_html(review_path(reviewed, NAME))
    statuses = [cell.get("data-status") for cell in cells(page)]
    [summary] = page.xpath("//ul[@class='summary']/li[@data-lang='es']")
    shown = {span.get("data-status"): int(span.findtext("span")) for span in summary.xpath("span")}
    assert shown == {status: statuses.count(status) for status in set(statuses)}
    assert sum(shown.values()) == 45 and shown["findings"] == 1 and "not-used" not in shown


def test_a_reviewed_row_with_a_finding_is_not_shown_as_reviewed(reviewed):
    page = parse_html(review_path(reviewed, NAME))
    [row] = [r for r in page.xpath("//tbody/tr") if r.find("td/ul") is not None]
    source, target = row.xpath("td")[1:]
    assert source.find("div").text == FINDING
    assert target.get("data-status") == "findings" and target.find("span").text == "has findings"
    assert target.get("data-findings") == "punctuation" and "done" not in row.get("class")
    assert target.find("ul").text_content().startswith("punctuation: ")
    assert target.find("ul/li").get("class") == "warning"


def break_placeholders(settings, msgid: str = SMES, *, fuzzy: bool = False) -> int:
    """A translator drops the placeholders of a translation; returns the entry's line."""
    path = settings.catalog_path(NAME, "es")
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    entry.msgstr = "innovación e internacionalización de las PYME; y"
    entry.flags = ["fuzzy"] if fuzzy else []
    po.save(str(path))
    return polib.pofile(str(path)).find(msgid).linenum


def test_a_translation_the_build_refuses_is_not_used_english_shown(reviewed):
    line = break_placeholders(reviewed)
    build = publish.build_project(Project(reviewed))
    assert [w for r in build for w in r.warnings if "translation not used" in w] == [
        f"locales/es/{NAME}.po:{line}: translation not used (missing placeholder <1>…</1>): "
        f"English kept at source/{NAME}.html:61"]
    assert write_reviews(reviewed) == [review_path(reviewed, NAME)]
    page = parse_html(review_path(reviewed, NAME))
    [cell] = [c for c in cells(page) if c.findtext("div[@class='where']") == f"locales/es/{NAME}.po:{line}"]
    assert cell.get("data-status") == "not-used"
    assert cell.find("span").text == "not used: English shown"
    assert cell.findtext("div[@class='reason']") == "why: missing placeholder <1>…</1>"
    assert "placeholders" in cell.get("data-findings").split()  # check's finding is listed too
    # the same broken translation, still fuzzy: the badge says fuzzy, the note says it will not work
    line = break_placeholders(reviewed, fuzzy=True)
    write_reviews(reviewed)
    page = parse_html(review_path(reviewed, NAME))
    [cell] = [c for c in cells(page) if c.findtext("div[@class='where']") == f"locales/es/{NAME}.po:{line}"]
    assert cell.get("data-status") == "fuzzy"
    assert cell.findtext("div[@class='reason']") == "not usable even once reviewed: missing placeholder <1>…</1>"


def test_text_is_escaped_by_construction(reviewed):
    path = reviewed.catalog_path(NAME, "es")
    po = polib.pofile(str(path))
    po.find("Videos").msgstr = 'Vídeos <script>alert("x")</script> & <b>'
    po.save(str(path))
    write_reviews(reviewed)
    text = review_path(reviewed, NAME).read_text(encoding="utf-8")
    assert 'Vídeos &lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;' in text
    assert text.count("<script>") == 1  # the page's own filter script


def test_index_shows_the_figures_check_prints(reviewed):
    """One computation and one rounding: the index's figures are check's JSON's."""
    import json

    from bulletin_i18n.project.checking import check_project

    output, _ = check_project(Project(reviewed), fmt="json")
    [catalog] = json.loads(output)["catalogs"]
    page = parse_html(reviewed.output_path / "index.html")
    [row] = page.xpath("//tr[@class='bulletin']")
    [cell] = row.xpath("td[@lang='es']")
    entries, words = catalog["entries"], catalog["words"]
    errors = sum(f["severity"] == "error" and f["path"] == catalog["path"]
                 for f in json.loads(output)["findings"])
    assert {key: cell.get(f"data-{key}") for key in (
        "translated", "total", "fuzzy", "untranslated", "machine", "words-translated", "words-total",
        "words-machine", "percent-entries", "percent-words", "errors", "check")} == {
        "translated": str(entries["translated"]), "total": str(entries["total"]),
        "fuzzy": str(entries["fuzzy"]), "untranslated": str(entries["untranslated"]),
        "machine": str(catalog["machine"]["entries"]), "words-translated": str(words["translated"]),
        "words-total": str(words["total"]), "words-machine": str(catalog["machine"]["words"]),
        "percent-entries": f"{catalog['percent']['entries']:.1f}",
        "percent-words": f"{catalog['percent']['words']:.1f}",
        "errors": str(errors), "check": "passed" if catalog["passed"] else "failed"}
    # reviewed, machine drafts, other fuzzy, untranslated: by entries and by words, adding up
    assert catalog["machine"]["entries"] > 0 and entries["fuzzy"] > catalog["machine"]["entries"]
    text = " ".join(cell.text_content().split())
    assert f"{entries['translated']}/45 entries reviewed ({catalog['percent']['entries']:.1f}%)" in text
    assert f"{catalog['machine']['entries']} machine drafts, " \
        f"{entries['fuzzy'] - catalog['machine']['entries']} other fuzzy, {entries['untranslated']} untranslated" in text
    assert "check: failed" in text
    for bar, counts, machine in (("entries", entries, catalog["machine"]["entries"]),
                                 ("words", words, catalog["machine"]["words"])):
        [stack] = cell.xpath(f"div[contains(@class, 'stack') and contains(@class, '{bar}')]")
        parts = [int(span.get("title").split()[0]) for span in stack.findall("span")]
        assert parts == [counts["translated"], machine, counts["fuzzy"] - machine, counts["untranslated"]]
        assert sum(float(span.get("style").removeprefix("width:").removesuffix("%"))
                   for span in stack.findall("span")) == pytest.approx(100, abs=0.05)
    assert row.xpath(".//a/@href") == ["en/sedi-2015-04.html", "es/sedi-2015-04.html", "review/sedi-2015-04.html"]
    assert write_index(reviewed) == []  # unchanged: not rewritten


def test_index_figures_are_kept_until_what_they_depend_on_changes(reviewed, monkeypatch):
    calls = []
    real = publish.Checker.bulletin
    monkeypatch.setattr(publish.Checker, "bulletin", lambda self, b, *a: calls.append(b.name) or real(self, b, *a))
    (reviewed.output_path / "index.html").unlink()
    assert write_index(reviewed) == [reviewed.output_path / "index.html"] and calls == []  # kept figures
    path = reviewed.catalog_path(NAME, "es")
    po = polib.pofile(str(path))
    po.find("Send").msgstr, po.find("Send").flags = "Enviar", []
    po.save(str(path))
    assert write_index(reviewed) == [reviewed.output_path / "index.html"] and calls == [NAME]
    [cell] = parse_html(reviewed.output_path / "index.html").xpath("//td[@lang='es']")
    assert cell.get("data-translated") == str(sum(e.translated() for e in polib.pofile(str(path))))
    calls.clear()
    assert write_index(reviewed) == [] and calls == []


def test_a_changed_text_shows_the_earlier_english_word_by_word(tmp_path):
    (tmp_path / "source").mkdir()
    shutil.copy(SAMPLE, tmp_path / "source" / "sedi-2015-04.html")
    settings = load_settings(tmp_path)
    sync(Project(settings))
    path = settings.catalog_path("sedi-2015-04", "es")
    po = polib.pofile(str(path))
    po.find("Subscribe buttom").msgstr = "Botón de suscripción"
    po.save(str(path))
    shutil.copy(REVISION, tmp_path / "source" / "sedi-2015-04.html")
    sync(Project(settings))
    write_reviews(settings)
    page = parse_html(review_path(settings, "sedi-2015-04"))
    [cell] = [c for c in cells(page) if c.findtext("div[@class='text']") == "Botón de suscripción"]
    assert cell.get("data-status") == "fuzzy"
    [previous] = cell.xpath("div[@class='previous']")
    assert previous.text_content() == "The English changed: Subscribe buttombutton"
    assert (previous.findtext("del"), previous.findtext("ins")) == ("buttom", "button")


def test_a_kept_row_of_the_index_is_taken_only_as_it_was_written(reviewed):
    """The index takes a bulletin's row from the page as written when what the row
    shows did not change; a row changed on disk (by hand) is made again."""
    page = reviewed.output_path / "index.html"
    written = page.read_text(encoding="utf-8")
    kept = publish._read_figures(reviewed)[NAME]
    assert len(kept["row"]) == 2
    fresh = {NAME: (kept["digest"], publish._kept_figures(kept))}
    page.write_text(written.replace("review</a>", "REVIEW</a>"), encoding="utf-8")
    assert publish.write_index(Project(reviewed), fresh) == [page]
    assert page.read_text(encoding="utf-8") == written
    # a row kept as written: the same page again, nothing written
    assert publish.write_index(Project(reviewed), fresh) == []
    # what the row shows changed (its review page is gone): made again
    review_path(reviewed, NAME).unlink()
    assert publish.write_index(Project(reviewed), fresh) == [page]
    assert "review/sedi-2015-04.html" not in page.read_text(encoding="utf-8")


def test_index_rows_of_another_version_of_the_tool_are_made_again(reviewed, monkeypatch):
    kept = publish._read_figures(reviewed)[NAME]
    fresh = {NAME: (kept["digest"], publish._kept_figures(kept))}
    calls, real = [], publish.render_row
    monkeypatch.setattr(publish, "render_row", lambda row, langs: calls.append(row.name) or real(row, langs))
    assert publish.write_index(Project(reviewed), fresh) == [] and calls == []  # taken as written
    monkeypatch.setattr(publish, "tool_key", lambda: "another version of the tool")
    assert publish.write_index(Project(reviewed), fresh) == [] and calls == [NAME]  # made again (the same here)


def test_a_syncs_index_takes_the_rows_of_the_bulletins_it_skipped_as_written(reviewed, monkeypatch):
    """After a sync that redid one bulletin, the rows of the others are taken from the
    page as written, without making their key again, unless changed by hand; the
    page is the one the whole index makes."""
    from bulletin_i18n.project.state import state_path
    from bulletin_i18n.project.sync import refresh_pages

    other = reviewed.source_path / "other.html"
    shutil.copy(reviewed.source_path / f"{NAME}.html", other)

    def run_sync():
        project = Project(reviewed)
        return refresh_pages(project, sync(project), whole=True)

    def change_other(number: int):
        text = other.read_text(encoding="utf-8")
        other.write_text(text.replace("<title>", f"<title>Change {number} ", 1), encoding="utf-8")

    run_sync()
    change_other(1)
    keys, real_key = [], publish.row_key
    monkeypatch.setattr(publish, "row_key", lambda row, *args: keys.append(row.name) or real_key(row, *args))
    run_sync()
    assert keys == ["other"]
    page = reviewed.output_path / "index.html"
    incremental = page.read_bytes()
    # a row changed by hand is made again
    line = [row for row in incremental.decode().split("\n") if f"<td>{NAME}</td>" in row][0]
    page.write_bytes(incremental.replace(line.encode(), line.replace("review</a>", "REVIEW</a>").encode()))
    change_other(2)
    keys.clear()
    run_sync()
    assert sorted(keys) == sorted([NAME, "other"]) and b"REVIEW</a>" not in page.read_bytes()
    incremental = page.read_bytes()
    state_path(reviewed, "index.json").unlink()
    page.unlink()
    assert publish.write_index(Project(reviewed)) == [page]
    assert page.read_bytes() == incremental


def test_a_build_reads_each_file_once_and_digests_the_bytes_it_read(tmp_path, monkeypatch):
    """``build`` reads the page and the catalog once each (the digest the index keeps
    is made of the bytes read for the build, not of a read of its own), the
    template once (for the digest alone); the digest is that of the files as they are."""
    from bulletin_i18n.html import page as page_module
    from bulletin_i18n.project import project as project_module, state
    from bulletin_i18n.project.state import bulletin_digest, run_key

    settings = make_project(tmp_path, glossary="")
    build_project(settings)
    reads = []
    for module, name in ((page_module, "read_with_stat"), (project_module, "read_bytes"), (state, "read_bytes")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda path, *a, real=real: reads.append(str(path)) or real(path, *a))
    publish.build_project(Project(settings))
    source = settings.source_path / f"{NAME}.html"
    for path in (source, settings.catalog_path(NAME, "es"), settings.template_path(NAME)):
        assert reads.count(str(path)) == 1, path
    monkeypatch.undo()
    kept = json.loads((settings.root / ".bulletin-i18n" / "index.json").read_text(encoding="utf-8"))
    assert kept[NAME]["digest"] == bulletin_digest(settings, source, run_key(settings), {})


def test_the_segment_ids_are_made_once_per_bulletin_and_mark_every_edition_alike(tmp_path, monkeypatch):
    from bulletin_i18n.html import editions
    from bulletin_i18n.project import steps

    settings = make_project(tmp_path, glossary="")
    build_project(settings)
    pages = {lang: settings.edition_path(NAME, lang).read_bytes() for lang in ("en", "es")}
    calls = []
    real = steps.segment_ids
    monkeypatch.setattr(steps, "segment_ids", lambda segments: calls.append(1) or real(segments))
    monkeypatch.setattr(editions, "segment_ids", lambda segments: calls.append(2) or real(segments))
    publish.build_project(Project(settings))
    assert calls == [1]  # one bulletin, two editions
    for lang, before in pages.items():
        text = settings.edition_path(NAME, lang).read_bytes()
        assert text == before and text.count(b"data-i18n-id=") > 20
