"""Templates: a page's segments as one entry per text, with notes for translators."""

from __future__ import annotations

import polib
import pytest

from bulletin_i18n.glossary import load_glossary
from bulletin_i18n.html.extract import extract_segments
from bulletin_i18n.html.page import parse_page
from bulletin_i18n.po.template import make_template
from bulletin_i18n.project import Project
from bulletin_i18n.project.steps import update_catalogs
from bulletin_i18n.settings import load_settings
from conftest import GLOSSARY, msgfmt_check


def template_of(html: bytes, ref="source/x.html"):
    return make_template(extract_segments(parse_page(html).root), ref)


def test_sample_catalogs_pass_msgfmt_and_carry_references(project):
    settings = load_settings(project)
    bulletins = Project(settings)
    bulletin = bulletins.load(project / "source" / "sedi-2015-04.html")
    update_catalogs(bulletins, bulletin, glossary=load_glossary(GLOSSARY))
    pot, po = settings.template_path("sedi-2015-04"), settings.catalog_path("sedi-2015-04", "es")
    msgfmt_check(pot)
    msgfmt_check(po)
    catalog = polib.pofile(str(po))
    assert catalog.metadata["Language"] == "es"
    assert catalog.metadata["Plural-Forms"].startswith("nplurals=")
    dialogue = catalog.find("IV MSMEs Dialogue")
    assert dialogue.occurrences == [("source/sedi-2015-04.html", "50"), ("source/sedi-2015-04.html", "51")]
    lead = next(e for e in catalog if e.msgid.startswith("The authorities responsible"))
    assert "Glossary: " in lead.comment and "MSMEs = MIPYMES" in lead.comment and "OAS = OEA" in lead.comment
    assert "Element: tr > td > p" in lead.comment


def test_identical_text_is_one_entry():
    pot = template_of(b"<p>Read more</p><div><p>Read more</p></div>")
    assert [e.msgid for e in pot] == ["Read more"]
    assert [line for _, line in pot[0].references] == ["1"]


def test_plural_forms_are_the_translators_tools(tmp_path):
    """msginit, Poedit and Weblate write two forms for Spanish, not CLDR's three."""
    import subprocess

    from bulletin_i18n.po.merge import merge
    from bulletin_i18n.po.pofile import write_catalog

    pot = template_of(b"<p>Hello.</p>")
    (tmp_path / "t.pot").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                                    encoding="utf-8")
    for lang in ("es", "fr", "pt_BR", "it"):
        msginit = subprocess.run(["msginit", "-l", lang, "--no-translator", "-i", tmp_path / "t.pot", "-o", "-"],
                                 capture_output=True, text=True, check=True).stdout
        po, _ = merge(None, pot, lang)
        assert f'"Plural-Forms: {po.metadata["Plural-Forms"]}\\n"' in msginit
    # a catalog an earlier version wrote with Babel's rule gets the tools' rule once
    po, _ = merge(None, pot, "es")
    po.metadata["Plural-Forms"] = "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"
    again, _ = merge(po, pot, "es")
    assert again.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    # a rule a translator chose is kept
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    assert merge(po, pot, "es")[0].metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    write_catalog(again, tmp_path / "es.po")
    assert "nplurals=2" in (tmp_path / "es.po").read_text(encoding="utf-8")


@pytest.mark.parametrize("add_location, references", [
    ("full", [("source/x.html", "1"), ("source/x.html", "3")]),
    ("file", [("source/x.html", "")]),
    ("never", []),
])
def test_add_location_as_gettext(add_location, references):
    html = b"<p>Read more</p>\n<p>Other</p>\n<p>Read more</p>"
    pot = make_template(extract_segments(parse_page(html).root), "source/x.html", add_location=add_location)
    assert pot.find("Read more").references == references
