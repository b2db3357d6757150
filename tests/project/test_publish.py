"""Review pages and the output index written for a project."""

from __future__ import annotations

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


def test_one_row_per_entry_in_document_order(reviewed):
    page = parse_html(review_path(reviewed, NAME))
    template = polib.pofile(str(reviewed.template_path(NAME)))
    rows = page.xpath("//table[@id='segments']/tbody/tr")
    assert len(rows) == len(template) == 45
    catalog = polib.pofile(str(reviewed.catalog_path(NAME, "es")))
    for index, (row, entry) in enumerate(zip(rows, catalog)):
        source, target = row.xpath("td")[1:]
        assert source.find("div").text_content() == entry.msgid.replace("<", "‹").replace(">", "›")
        status = review_state(index, entry.msgid)
        assert target.get("data-status") == status
        assert target.find("span").text == STATUS_LABELS[status]
        assert target.find("div[@class='where']").text == f"locales/es/{NAME}.po:{entry.linenum}"
        assert ("done" in row.get("class").split()) == (status == "reviewed" and target.find("ul") is None)
    assert page.xpath("//a[@hreflang='es']/@href") == ["../es/sedi-2015-04.html"]
    assert page.xpath("//input[@id='needs-work']") and "needs-work-only" in page.findtext(".//script")


def test_check_findings_are_shown_on_their_row(reviewed):
    page = parse_html(review_path(reviewed, NAME))
    [row] = [r for r in page.xpath("//tbody/tr") if r.find("td/ul") is not None]
    source, target = row.xpath("td")[1:]
    assert source.find("div").text == "Also in this issue:"
    assert target.get("data-status") == "reviewed" and "done" not in row.get("class")
    assert target.find("ul").text_content().startswith("punctuation: ")
    assert target.find("ul/li").get("class") == "warning"


def test_index_lists_completeness_and_links(reviewed):
    page = parse_html(reviewed.output_path / "index.html")
    [row] = page.xpath("//tr[@class='bulletin']")
    catalog = polib.pofile(str(reviewed.catalog_path(NAME, "es")))
    done = sum(1 for e in catalog if e.translated())
    cell = row.xpath("td[@lang='es']")[0]
    assert f"{done}/45 ({round(100 * done / 45)}%)" in cell.text_content()
    assert cell.find("span/span").get("style") == f"width:{round(100 * done / 45)}%"
    assert row.xpath(".//a/@href") == ["en/sedi-2015-04.html", "es/sedi-2015-04.html", "review/sedi-2015-04.html"]
    assert write_index(reviewed) == []  # unchanged: not rewritten


def test_a_changed_text_shows_the_english_it_was_translated_from(tmp_path):
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
    page = review_path(settings, "sedi-2015-04").read_text(encoding="utf-8")
    assert ('Botón de suscripción<div class="previous">translated from the earlier English: '
            'Subscribe buttom</div>') in page
