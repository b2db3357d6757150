"""Aligned editions: lang, alternates, language switch, URLs, assets, dates, segment ids."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html

from bulletin_i18n.settings import Settings
from bulletin_i18n.html.editions import (
    relative_link,
    page_assets, publish_assets,
    finish_edition, format_datetime_attribute, is_relative, localise_month_year,
)

from conftest import SAMPLE, located_segments, parse_html
from edition_project import NAME, build_project, make_project

OAS_EN, OAS_ES = "http://www.oas.org/en/", "http://www.oas.org/es/"


def editions(settings: Settings, name: str = NAME):
    return (parse_html(settings.edition_path(name, "en")), parse_html(settings.edition_path(name, "es")))


def switch_of(root):
    [switch] = root.xpath("//body//*[@hreflang]")
    return switch


def resolves(page: Path, url: str) -> Path:
    return (page.parent / urlsplit(url).path).resolve()


@pytest.fixture
def built(tmp_path: Path) -> Settings:
    settings = make_project(tmp_path, url_map={"es": {OAS_EN: OAS_ES}})
    build_project(settings)
    return settings


def test_html_lang_and_alternates(built):
    en, es = editions(built)
    assert (en.get("lang"), es.get("lang")) == ("en", "es")
    for root, lang in ((en, "en"), (es, "es")):
        links = {l.get("hreflang"): l.get("href") for l in root.xpath("//head/link[@rel='alternate']")}
        assert set(links) == {"en", "es"}
        page = built.edition_path(NAME, lang)
        assert resolves(page, links["en"]) == built.edition_path(NAME, "en").resolve()
        assert resolves(page, links["es"]) == built.edition_path(NAME, "es").resolve()


def test_language_switch_both_ways(built):
    en, es = editions(built)
    to_es, to_en = switch_of(en), switch_of(es)
    assert (to_es.get("href"), to_es.get("hreflang"), to_es.text) == ("../es/sedi-2015-04.html", "es", "Versión Español")
    assert (to_en.get("href"), to_en.get("hreflang"), to_en.get("lang")) == ("../en/sedi-2015-04.html", "en", "en")
    assert to_en.text_content() == "English version"
    assert to_en.get("translate") == "no"


def test_url_map_rewrites_the_target_edition_only(built):
    en, es = editions(built)
    es_urls = [v for el in es.iter() for a in ("href", "src", "action") if (v := el.get(a))]
    assert not [u for u in es_urls if u.startswith(OAS_EN)]
    assert "http://www.oas.org/es/sedi/desd/msme/dialogue4.asp" in es_urls
    assert es.xpath("//form/@action") == ["http://www.oas.org/es/sedi/newsletter/share.asp"]
    assert en.xpath("//form/@action") == ["http://www.oas.org/en/sedi/newsletter/share.asp"]
    # absolute links elsewhere and page-relative links are kept
    assert "http://www.babson.edu/" in es_urls and "../index.html" in es_urls


def test_absolute_links_with_base_url(tmp_path):
    settings = make_project(tmp_path, base_url="https://bulletins.example.org/sedi/")
    build_project(settings)
    en, es = editions(settings)
    alternates = es.xpath("//head/link[@rel='alternate']/@href")
    assert alternates == ["https://bulletins.example.org/sedi/en/sedi-2015-04.html",
                          "https://bulletins.example.org/sedi/es/sedi-2015-04.html"]
    assert switch_of(es).get("href") == "https://bulletins.example.org/sedi/en/sedi-2015-04.html"
    assert switch_of(en).get("href") == "https://bulletins.example.org/sedi/es/sedi-2015-04.html"


def test_bulletin_in_a_subfolder(tmp_path):
    settings = make_project(tmp_path, name="2015/april")
    build_project(settings, "2015/april")
    en, es = editions(settings, "2015/april")
    es_page = settings.edition_path("2015/april", "es")
    assert switch_of(es).get("href") == "../../en/2015/april.html"
    assert resolves(es_page, switch_of(es).get("href")) == settings.edition_path("2015/april", "en").resolve()
    [icon] = es.xpath("//img[@alt='ES Facebook' or @alt='Facebook']/@src")
    assert icon == "../../en/2015/images/facebook.gif"
    assert resolves(es_page, icon).is_file()


def test_assets_resolve_from_both_editions(built):
    en, es = editions(built)
    for root, lang in ((en, "en"), (es, "es")):
        page = built.edition_path(NAME, lang)
        sources = root.xpath("//img/@src")
        assert len(sources) == 9
        for src in sources:  # the same file from both editions
            assert resolves(page, src) == (built.output_path / "en" / src.removeprefix("../en/")).resolve()
        [icon] = [s for s in sources if s.endswith("facebook.gif")]
        assert resolves(page, icon).read_bytes() == (built.source_path / "images" / "facebook.gif").read_bytes()
    # the source's assets are copied, once, next to the English edition
    copied = sorted(p.name for p in (built.output_path / "en" / "images").iterdir())
    assert copied == sorted(p.name for p in (built.source_path / "images").iterdir())
    assert len(copied) == 9


def test_missing_assets_are_warnings_and_stylesheet_assets_are_copied(tmp_path):
    settings = Settings(root=tmp_path)
    source = settings.source_path / "page.html"
    (source.parent / "css").mkdir(parents=True)
    source.write_bytes(PAGE)
    (source.parent / "css" / "site.css").write_text(
        "body { color: red }\n.a { background: url('../images/bg.png') }\n"
        ".b { background: url(gone.png) } .c { background: url(https://cdn.example.org/y.png) }\n")
    (source.parent / "images").mkdir()
    (source.parent / "images" / "bg.png").write_bytes(b"png")
    root = html.document_fromstring(PAGE)
    assets = page_assets(root, settings, "page")
    assert sorted(copy.relative_to(settings.output_path).as_posix() for _, copy in assets.files) == [
        "en/css/site.css", "en/images/bg.png"]
    # in page order, a style sheet's own references right after it; remote URLs are not assets
    assert [str(m) for m in assets.missing] == [
        "source/css/site.css:3: asset gone.png not found (no source/css/gone.png)",
        "source/page.html:4: asset images/table.gif not found (no source/images/table.gif)",
        "source/page.html:5: asset images/cell.gif not found (no source/images/cell.gif)",
        "source/page.html:9: asset img/a.png not found (no source/img/a.png)",
        "source/page.html:9: asset img/a2.png not found (no source/img/a2.png)",
    ]
    publish_assets(assets)
    assert (settings.output_path / "en" / "images" / "bg.png").read_bytes() == b"png"
    # the copied style sheet's relative url() still finds its picture
    css = settings.output_path / "en" / "css" / "site.css"
    assert (css.parent / "../images/bg.png").resolve().is_file()


PAGE = b"""<!DOCTYPE html><html lang="en" xml:lang="en"><head><title>T</title>
<link rel="stylesheet" href="css/site.css"><link rel="canonical" href="page.html">
<style>td { background: url("images/bg.png") }</style></head>
<body><table background="images/table.gif"><tr>
<td style="background-image:url(images/cell.gif)"><p>Published <time datetime="2015-04-16">April 16, 2015</time>
in the <time datetime="2015-04">April 2015</time> issue.</p>
<p>Next: <b>May 2015</b>, not <span translate="no">June 2015</span>.</p>
<p><a href="#top">Top</a> <a href="other.html">Other</a> <img src="https://cdn.example.org/x.png" alt="Logo">
<img srcset="img/a.png 1x, img/a2.png 2x" src="img/a.png" alt="Photo"></p>
</td></tr></table></body></html>"""


def finished(settings: Settings, lang: str):
    root = html.document_fromstring(PAGE)
    segments, located = located_segments(root)
    finish_edition(root, settings=settings, name="page", lang=lang, segments=segments, located=located)
    return root


def test_target_edition_links_assets_of_the_source_edition(tmp_path):
    es = finished(Settings(root=tmp_path), "es")
    assert es.get("xml:lang") == "es"
    assert es.xpath("//link[@rel='stylesheet']/@href") == ["../en/css/site.css"]
    assert es.xpath("//link[@rel='canonical']/@href") == ["page.html"]
    assert 'url("../en/images/bg.png")' in es.find("head/style").text
    assert es.xpath("//table/@background") == ["../en/images/table.gif"]
    assert es.xpath("//td/@style") == ["background-image:url(../en/images/cell.gif)"]
    assert es.xpath("//a/@href") == ["#top", "other.html"]
    assert es.xpath("//img/@src") == ["https://cdn.example.org/x.png", "../en/img/a.png"]
    assert es.xpath("//img/@srcset") == ["../en/img/a.png 1x, ../en/img/a2.png 2x"]
    en = finished(Settings(root=tmp_path), "en")
    assert en.xpath("//table/@background") == ["images/table.gif"]


def test_time_elements_in_the_target_language(tmp_path):
    es = finished(Settings(root=tmp_path), "es")
    assert [t.text for t in es.iter("time")] == ["16 de abril de 2015", "abril de 2015"]
    assert es.xpath("//p")[1].text_content() == "Next: mayo de 2015, not June 2015."
    en = finished(Settings(root=tmp_path), "en")
    assert [t.text for t in en.iter("time")] == ["April 16, 2015", "April 2015"]
    assert en.xpath("//p")[1].text_content() == "Next: May 2015, not June 2015."


def test_date_line_left_untranslated_is_localised(built):
    en, es = editions(built)
    assert es.findtext("head/title") == "ES SEDI News | abril de 2015"
    assert "Español | April 2015" in en.text_content()
    assert "English version | abril de 2015" in es.text_content()


@pytest.mark.parametrize("text, lang, expected", [
    ("SEDI News | April 2015", "es", "SEDI News | abril de 2015"),
    ("from May 2014 to December 2015", "es", "from mayo de 2014 to diciembre de 2015"),
    ("April 16-17", "es", "April 16-17"),
    ("April 2015", "fr", "avril 2015"),
])
def test_localise_month_year(text, lang, expected):
    assert localise_month_year(text, lang) == expected


def test_format_datetime_attribute():
    assert format_datetime_attribute("2015-04-16T10:00", "es") == "16 de abril de 2015"
    assert format_datetime_attribute("2015", "es") is None
    assert format_datetime_attribute("2015-13-01", "es") is None


def test_is_relative():
    assert [is_relative(u) for u in ("images/a.gif", "../a.css", "#x", "/a.png", "//cdn/a.png",
                                     "http://x/a.png", "data:image/png;base64,AA", "mailto:a@b")] == \
        [True, True, False, False, False, False, False, False]


def test_segment_ids_align_the_editions(built):
    en, es = editions(built)
    ids_en = [(el.tag, el.get("data-i18n-id")) for el in en.xpath("//*[@data-i18n-id]")]
    ids_es = [(el.tag, el.get("data-i18n-id")) for el in es.xpath("//*[@data-i18n-id]")]
    assert ids_en == ids_es
    segments, located = located_segments(parse_html(SAMPLE))
    blocks = {place.parent for segment, place in zip(segments, located)
              if not segment.attribute and place.parent.tag != "title"}
    assert len(ids_en) == len({i for _, i in ids_en}) == len(blocks) == 29
    [h1_en], [h1_es] = en.xpath("//h1"), es.xpath("//h1")
    assert h1_en.get("data-i18n-id") == h1_es.get("data-i18n-id")
    assert h1_es.text == "El diálogo regional de MIPYME impulsa la cooperación"
    assert not en.xpath("//head//*[@data-i18n-id]")


def test_no_segment_ids_when_disabled(tmp_path):
    settings = make_project(tmp_path, segment_ids=False)
    build_project(settings)
    en, es = editions(settings)
    assert not en.xpath("//*[@data-i18n-id]") and not es.xpath("//*[@data-i18n-id]")


@pytest.mark.parametrize("target, start", [
    ("es/b.html", "en"), ("en/b.html", "en"), ("es/sub/b.html", "en/sub"), ("en/sub/b.html", "es/sub"),
    ("en/images/a.jpg", "es"), ("en/a/b/c.png", "en/a/x"), ("en/b.html", "."), (".", "es"),
    ("./en//b.html", "es/./"), ("en/sub/../b.html", "es/sub"), ("../x.png", "es"), ("en/x", "../up"),
    ("es", "es"), ("es/b.html", "es/b.html"), ("/abs/b.html", "es"),
])
def test_relative_link_is_relpath(target, start):
    import posixpath

    assert relative_link(target, start) == posixpath.relpath(target, start)


def test_assets_through_links_and_from_a_relative_project(tmp_path, monkeypatch):
    """Assets found by strings are those Path.resolve finds: through a linked folder,
    a linked file, ``..`` and ``.``, from a project named by a relative path."""
    import os

    project = tmp_path / "site"
    source = project / "source"
    (source / "real").mkdir(parents=True)
    (source / "real" / "a.png").write_bytes(b"a")
    (source / "b.png").write_bytes(b"b")
    os.symlink("real", source / "linked")
    os.symlink("b.png", source / "alias.png")
    (tmp_path / "outside.png").write_bytes(b"o")
    os.symlink(tmp_path / "outside.png", source / "out.png")
    page = b"""<html><body>
<img src="linked/a.png"><img src="real/./a.png"><img src="real/../b.png">
<img src="alias.png"><img src="out.png"><img src="../../outside.png"><img src="linked/gone.png">
<img src="real//a.png"></body></html>"""
    (source / "page.html").write_bytes(page)
    monkeypatch.chdir(tmp_path)
    for settings in (Settings(root=project), Settings(root=Path("site"))):
        assets = page_assets(html.document_fromstring(page), settings, "page")
        assert [(asset.relative_to(source.resolve()).as_posix(), copy.as_posix())
                for asset, copy in assets.files] == [
            ("real/a.png", f"{settings.output_path}/en/real/a.png"),
            ("b.png", f"{settings.output_path}/en/b.png")]
        assert [str(m) for m in assets.missing] == [
            "source/page.html:3: asset linked/gone.png not found (no source/real/gone.png)"]


def test_a_copy_of_the_page_finds_its_asset_elements_without_a_walk(tmp_path):
    """The target editions rewrite the assets of the elements page_assets found in the
    page as read (by their places, comments counted), as a walk of the page would."""
    import copy

    from lxml import etree

    settings = Settings(root=tmp_path, url_map={"es": {"https://old.example.org/": "img/"}})
    page = PAGE.replace(b"<body>", b"<body><!-- a comment --><img src='https://old.example.org/m.png'>"
                        b"<div style='color: red'><!--x--><video poster='p.jpg'></video></div>")
    root = html.document_fromstring(page)
    assets = page_assets(root, settings, "page")
    assert assets.nodes == len(list(root.iter())) and len(assets.positions) >= 8
    written = []
    for given in (True, False):
        tree = copy.deepcopy(root)
        nodes = list(tree.iter())
        elements = assets.elements_in(nodes) if given else None
        assert (elements is not None) == given
        segments, located = located_segments(tree)
        finish_edition(tree, settings=settings, name="page", lang="es", segments=segments, located=located,
                       asset_elements=elements)
        written.append(etree.tostring(tree, method="html"))
    assert written[0] == written[1]
    assert b'src="../en/img/m.png"' in written[0] and b'poster="../en/p.jpg"' in written[0]
    smaller = html.document_fromstring(PAGE)
    assert assets.elements_in(list(smaller.iter())) is None  # not a copy of that page: walked
