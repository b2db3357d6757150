"""Review pages and the output index, as HTML."""

from __future__ import annotations

import polib
import pytest

from bulletin_i18n.review import (
    STATUS_LABELS, entry_status, render_message, review_path, write_index, write_reviews,
)

from conftest import parse_html
from edition_project import MACHINE_COMMENT, MEMORY_COMMENT, NAME, build_project, make_project, review_state


@pytest.fixture
def reviewed(tmp_path):
    settings = make_project(tmp_path, glossary="")
    build_project(settings)
    assert write_reviews(settings) == [review_path(settings, NAME)]
    assert write_index(settings) == [settings.output_path / "index.html"]
    return settings


def test_entry_status():
    fuzzy = dict(msgid="a", msgstr="b", flags=["fuzzy"])
    assert entry_status(polib.POEntry(msgid="a", msgstr="b")) == "reviewed"
    assert entry_status(polib.POEntry(**fuzzy, comment=f"Element: p\n{MACHINE_COMMENT}")) == "machine"
    assert entry_status(polib.POEntry(**fuzzy, comment=MEMORY_COMMENT)) == "memory"
    assert entry_status(polib.POEntry(**fuzzy)) == "fuzzy"
    assert entry_status(polib.POEntry(msgid="a", msgstr="")) == "untranslated"
    assert entry_status(None) == "untranslated"


def test_placeholders_as_escaped_markers():
    shown = render_message("<b> & <1>more</1><2/>", {1: '<a href="x">'})
    assert shown == ('&lt;b&gt; &amp; <span class="ph" title="&lt;a href=&quot;x&quot;&gt;">‹1›</span>more'
                     '<span class="ph" title="&lt;a href=&quot;x&quot;&gt;">‹/1›</span><span class="ph" title="">‹2/›</span>')


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
    from bulletin_i18n.catalog import read_catalog
    from bulletin_i18n.config import load_settings
    from bulletin_i18n.project import sync
    from conftest import REVISION, SAMPLE
    import shutil

    (tmp_path / "source").mkdir()
    shutil.copy(SAMPLE, tmp_path / "source" / "sedi-2015-04.html")
    settings = load_settings(tmp_path)
    sync(settings)
    path = settings.catalog_path("sedi-2015-04", "es")
    po = read_catalog(path)
    po.find("Subscribe buttom").msgstr = "Botón de suscripción"
    po.save(str(path))
    shutil.copy(REVISION, tmp_path / "source" / "sedi-2015-04.html")
    sync(settings)
    write_reviews(settings)
    page = review_path(settings, "sedi-2015-04").read_text(encoding="utf-8")
    assert ('Botón de suscripción<div class="previous">translated from the earlier English: '
            'Subscribe buttom</div>') in page
