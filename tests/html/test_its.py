"""ITS 2.0 Translate rules: conformance with the W3C test suite's HTML tests, and errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from lxml import etree

from bulletin_i18n import placeholders as ph
from bulletin_i18n.errors import InputError
from bulletin_i18n.html import its
from bulletin_i18n.html.extract import SKIP_CONTENT, _context, extract
from bulletin_i18n.html.page import read_page
from conftest import FIXTURES, cli

SUITE = FIXTURES / "its"
TESTS = range(1, 8)


def expected(number: int) -> dict[str, bool]:
    """The suite's expected output: XPath of each node -> translate."""
    out = {}
    for line in (SUITE / f"translate{number}htmloutput.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            path, value = line.split("\t")
            assert value in ('translate="yes"', 'translate="no"')
            out[path] = value == 'translate="yes"'
    return out


def _path(el) -> str:
    """The node's path as the suite writes it: /html/body[1]/p[1]."""
    steps = []
    while el.getparent() is not None:
        parent = el.getparent()
        same = [c for c in parent if c.tag == el.tag]
        steps.append(f"{el.tag}[{same.index(el) + 1}]")
        el = parent
    steps.append(el.tag)
    return "/" + "/".join(reversed(steps))


def decisions_of(root, rules: its.Decisions) -> tuple[dict[str, bool], dict]:
    """The tool's decision for every element and attribute: the walk's own
    inheritance (extract._context) and ITS's attribute defaults."""
    out, translated = {}, {}

    def visit(el, ctx):
        ctx = _context(el, ctx, "en", rules)
        translated[el] = ctx[0]
        out[_path(el)] = ctx[0]
        for name in el.attrib:
            out[f"{_path(el)}/@{name}"] = its.attribute_translated(el, name, ctx[0], rules)
        for child in el:
            if isinstance(child.tag, str):
                visit(child, ctx)

    visit(root, (True, True))
    return out, translated


def load(number: int, folder: Path = SUITE):
    path = folder / f"translate{number}html.html"
    page = read_page(path)
    return page, its.decide(page.root, its.page_rules(page.root, path))


def own_text(el) -> list[str]:
    """The element's own text nodes (not its children's), as words."""
    parts = [el.text or ""] + [child.tail or "" for child in el]
    return [" ".join(part.split()) for part in parts if any(ch.isalpha() for ch in part)]


@pytest.mark.parametrize("number", TESTS)
def test_every_node_is_decided_as_the_w3c_suite_expects(number):
    page, rules = load(number)
    decided, _ = decisions_of(page.root, rules)
    assert decided == expected(number)


@pytest.mark.parametrize("number", TESTS)
def test_the_catalog_follows_the_decisions(number):
    page, rules = load(number)
    _, translated = decisions_of(page.root, rules)
    segments = extract(page.root, "en", rules).segments
    texts = [ph.TOKEN_RE.sub(" ", s.msgid) for s in segments if s.attribute is None]
    texts = [" ".join(t.split()) for t in texts]
    for el, yes in translated.items():
        if el.tag in SKIP_CONTENT or any(a.tag in SKIP_CONTENT for a in el.iterancestors()):
            continue
        for words in own_text(el):
            found = any(words in text for text in texts)
            assert found == yes, (number, _path(el), words)
    attributes = {(s.path, s.attribute) for s in segments if s.attribute}
    for el in translated:
        for name in el.attrib:
            chosen = its.attribute_translated(el, name, translated[el], rules)
            extracted_here = any(s.attribute == name and s.msgid == " ".join(el.get(name).split())
                                 for s in segments)
            if not chosen:
                assert not extracted_here, (number, _path(el), name)
            elif name in ("alt", "title"):  # the translatable attributes that hold text for translators
                assert extracted_here, (number, _path(el), name)
    assert len(attributes) == len([s for s in segments if s.attribute])


def test_a_global_rule_keeps_code_out_and_the_local_attribute_wins():
    segments = extract(*_page_and_rules(1)).segments
    assert [s.msgid for s in segments] == [
        "HTML Link Example", "Smiley face", "Text", "This is the first paragraph. It has some <1/> ."]
    assert "un-translatable code" in segments[-1].placeholders[0].description


def _page_and_rules(number):
    page, rules = load(number)
    return page.root, "en", rules


@pytest.mark.parametrize("number", TESTS)
def test_editions_keep_the_untranslated_text_unchanged(tmp_path, number):
    (tmp_path / "source").mkdir()
    for path in SUITE.glob(f"translate{number}html*"):
        if not path.name.endswith("output.txt"):
            shutil.copy(path, tmp_path / "source" / path.name)
    (tmp_path / "bulletin-i18n.toml").write_text('glossary = ""\n')
    assert cli("-C", tmp_path, "sync", "--engine", "pseudo").returncode == 0
    assert cli("-C", tmp_path, "build", "--include-fuzzy").returncode == 0
    name = f"translate{number}html"
    catalog = polib.pofile(str(tmp_path / "locales" / "es" / f"{name}.po"))
    page, rules = load(number, tmp_path / "source")
    _, translated = decisions_of(page.root, rules)
    editions = {lang: etree.tostring(read_page(tmp_path / "output" / lang / f"{name}.html").root,
                                     method="text", encoding="unicode") for lang in ("en", "es")}
    editions = {lang: " ".join(text.split()) for lang, text in editions.items()}
    kept = [words for el, yes in translated.items() if not yes and el.tag not in SKIP_CONTENT
            and not any(a.tag in SKIP_CONTENT for a in el.iterancestors()) for words in own_text(el)]
    for words in kept:
        assert not any(words in entry.msgid for entry in catalog), words
        assert words in editions["en"] and words in editions["es"], words
    assert kept or number == 4  # test 4 leaves every text translated
    # what is translated did change in the Spanish edition: no English letter left in it
    for entry in catalog:
        if entry.msgstr:
            english = ph.TOKEN_RE.sub(" ", entry.msgid).split()
            assert not any(word in editions["es"].split() for word in english if word.isalpha() and len(word) > 3
                           and not any(word in k.split() for k in kept)), entry.msgid


# -- errors ------------------------------------------------------------------------


def _rules_file(tmp_path, text: str) -> Path:
    path = tmp_path / "rules.xml"
    path.write_text(text, encoding="utf-8")
    return path


RULES = '<its:rules xmlns:its="http://www.w3.org/2005/11/its" xmlns:h="http://www.w3.org/1999/xhtml" version="{v}">\n'


def test_a_rules_file_that_is_not_well_formed_names_its_line(tmp_path):
    path = _rules_file(tmp_path, RULES.format(v="2.0") + '  <its:translateRule selector="//h:code" translate="no">\n'
                       "</its:rules>\n")
    with pytest.raises(InputError) as caught:
        its.read_rules(path)
    assert caught.value.line == 3 and str(caught.value).startswith(f"{path}:3: the ITS rules are not well-formed")


def test_an_unknown_version_is_refused(tmp_path):
    path = _rules_file(tmp_path, RULES.format(v="3.0") + "</its:rules>\n")
    with pytest.raises(InputError, match=r":1: its:rules version '3.0' is not supported"):
        its.read_rules(path)


def test_an_invalid_xpath_names_the_rule_line(tmp_path):
    path = _rules_file(tmp_path, RULES.format(v="2.0") + '\n  <its:translateRule selector="//h:code[" translate="no"/>\n'
                       "</its:rules>\n")
    with pytest.raises(InputError) as caught:
        its.read_rules(path)
    assert caught.value.line == 3 and "invalid selector '//h:code['" in str(caught.value)


def test_entities_are_not_expanded_nor_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    path = _rules_file(tmp_path, f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>\n'
                       + RULES.format(v="2.0") + '<its:param name="p">&x;</its:param>\n'
                       '<its:translateRule selector="//h:p[.=$p]" translate="no"/>\n</its:rules>\n')
    rules = its.read_rules(path)
    assert "TOPSECRET" not in repr(rules)
    root = etree.fromstring("<html><body><p>TOPSECRET</p></body></html>", etree.HTMLParser())
    assert not its.decide(root, rules).elements


def test_an_embedded_rule_error_names_the_page_line(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html>\n<html><head>\n<script type=\"application/its+xml\">\n"
                    + RULES.format(v="2.0") + '<its:translateRule selector="//h:p[" translate="no"/>\n'
                    "</its:rules></script></head><body><p>Hi there</p></body></html>\n")
    parsed = read_page(page)
    with pytest.raises(InputError) as caught:
        its.page_rules(parsed.root, page)
    assert caught.value.line == 5


def test_css_selectors_and_attribute_names_from_the_settings(tmp_path):
    root = etree.fromstring(
        '<html><body><address class="footer">1 Main Street</address><p data-title="A caption">Hello world'
        ' <code>x = y</code></p><div class="partners">Acme Widgets</div></body></html>', etree.HTMLParser())
    rules = its.settings_rules(tmp_path, (), ["address.footer", "code", ".partners"], ["data-title"])
    msgids = [(s.attribute, s.msgid) for s in extract(root, "en", its.decide(root, rules)).segments]
    assert msgids == [("data-title", "A caption"), (None, "Hello world")]  # the code stays outside, as layout


def test_attribute_rules_css_query_language_and_linked_rules_files(tmp_path):
    (tmp_path / "base.xml").write_text(
        RULES.format(v="2.0") + '<its:translateRule selector="//h:img/@data-caption" translate="yes"/>\n'
        '<its:translateRule selector="//h:p/@title" translate="no"/>\n</its:rules>\n')
    (tmp_path / "rules.xml").write_text(
        '<its:rules xmlns:its="http://www.w3.org/2005/11/its" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' version="2.0" queryLanguage="css" xlink:href="base.xml">\n'
        '<its:translateRule selector="div.partners" translate="no"/>\n</its:rules>\n')
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html><head><link rel="its-rules" href="rules.xml"></head><body>'
                    '<p title="Hidden note">Visible text</p><img src="a.png" data-caption="A red car" alt="Car">'
                    '<div class="partners">Acme Widgets</div></body></html>')
    parsed = read_page(page)
    rules = its.page_rules(parsed.root, page)
    assert [r.query_language for r in rules] == ["xpath", "xpath", "css"]
    found = [(s.attribute, s.msgid) for s in extract(parsed.root, "en", its.decide(parsed.root, rules)).segments]
    assert found == [(None, "Visible text"), ("alt", "Car"), ("data-caption", "A red car")]


def test_a_linked_rules_file_by_url_or_missing_is_refused(tmp_path):
    page = tmp_path / "page.html"
    for href, message in [("http://example.org/r.xml", "only a rules file beside the page"),
                          ("nowhere.xml", "no rules file 'nowhere.xml'")]:
        page.write_text(f'<!DOCTYPE html>\n<html><head>\n<link rel="its-rules" href="{href}"></head></html>')
        parsed = read_page(page)
        with pytest.raises(InputError, match=message) as caught:
            its.page_rules(parsed.root, page)
        assert caught.value.line == 3


def test_an_undefined_param_is_an_error_with_the_rule_line(tmp_path):
    path = _rules_file(tmp_path, RULES.format(v="2.0") + '<its:translateRule selector="//h:p[@id=$nope]"'
                       ' translate="no"/>\n</its:rules>\n')
    rules = its.read_rules(path)
    root = etree.fromstring("<html><body><p id='a'>Hello</p></body></html>", etree.HTMLParser())
    with pytest.raises(InputError, match=r"rules.xml:2: invalid selector '//h:p\[@id=\$nope\]'") as caught:
        its.decide(root, rules)
    assert caught.value.line == 2


def test_rules_files_follows_xlink_href_and_stops_at_a_loop_or_a_bad_file(tmp_path):
    link = ('<its:rules xmlns:its="http://www.w3.org/2005/11/its" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'version="2.0" xlink:href="{}"/>')
    (tmp_path / "a.xml").write_text(link.format("b.xml"))
    (tmp_path / "b.xml").write_text(link.format("a.xml"))
    assert [p.name for p in its.rules_files(tmp_path / "a.xml")] == ["a.xml", "b.xml"]
    (tmp_path / "b.xml").write_text(link.format("c.xml"))
    (tmp_path / "c.xml").write_text("<not-closed>")
    assert [p.name for p in its.rules_files(tmp_path / "a.xml")] == ["a.xml", "b.xml", "c.xml"]
    (tmp_path / "c.xml").write_text(link.format("https://example.org/r.xml"))
    assert [p.name for p in its.rules_files(tmp_path / "a.xml")] == ["a.xml", "b.xml", "c.xml"]
