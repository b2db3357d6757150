"""XLIFF 1.2 and 2.0: the specifications' structural rules, Translate Toolkit's reader, and back."""

from __future__ import annotations

import pytest

from bulletin_i18n.errors import InputError
from bulletin_i18n.model import State
from bulletin_i18n.tm.xliff import NS_12, NS_20, XliffDocument, XliffUnit, read_xliff, unit_id, write_xliff
from xliff_rules import check_structure

DESCRIPTIONS = {1: '<a href="http://www.oas.org/">', 2: "<br> (line break)", 3: "<strong>", 4: "<img src=\"x.png\">"}
UNITS = [
    XliffUnit(unit_id(None, "The <1>red</1> car<2/>"), "The <1>red</1> car<2/>", "El coche <1>rojo</1><2/>",
              State.FUZZY, ("Element: p", "Machine translation: pseudo 1 [0123456789]"), None, DESCRIPTIONS),
    XliffUnit(unit_id("menu", "Home"), "Home", "", State.UNTRANSLATED, (), "menu"),
    XliffUnit(unit_id(None, "<3>Bold <1>link</1></3> & <4/> \"quoted\""), "<3>Bold <1>link</1></3> & <4/> \"quoted\"",
              "<3>Negrita <1>enlace</1></3> y <4/> «citado»", State.TRANSLATED, (), None, DESCRIPTIONS),
    XliffUnit(unit_id(None, "  spaces\tand\nlines  "), "  spaces\tand\nlines  ", "  espacios\ty\nlíneas  ",
              State.TRANSLATED),
]


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_an_export_follows_the_specification_and_reads_back(version):
    document = XliffDocument("locales/es/x.po", "en", "es", UNITS)
    data = write_xliff(document, version)
    assert check_structure(data) == len(UNITS)
    [again] = read_xliff(data)
    assert (again.original, again.source_lang, again.target_lang) == ("locales/es/x.po", "en", "es")
    assert [(u.id, u.source, u.target, u.state, u.context) for u in again.units] == \
        [(u.id, u.source, u.target, u.state, u.context) for u in UNITS]


def test_codes_carry_what_each_placeholder_stands_for():
    document = XliffDocument("x.po", "en", "es", UNITS[:1])
    v12, v20 = write_xliff(document, "1.2").decode(), write_xliff(document, "2.0").decode()
    assert ('<source>The <bpt id="1" ctype="link">&lt;a href="http://www.oas.org/"&gt;</bpt>red'
            '<ept id="1">&lt;/a&gt;</ept> car<ph id="2" ctype="lb">&lt;br&gt; (line break)</ph></source>') in v12
    assert '<target state="needs-review-translation">El coche <bpt id="1"' in v12
    assert ('The <pc id="1" type="link" dispStart="&lt;a href=&quot;http://www.oas.org/&quot;&gt;" '
            'dispEnd="&lt;/a&gt;">red</pc> car<ph id="2" type="fmt" disp="&lt;br&gt; (line break)"/>') in v20
    assert '<segment state="translated">' in v20


def test_translate_toolkit_reads_the_1_2_export_into_the_same_units():
    from translate.storage import xliff

    store = xliff.xlifffile.parsestring(write_xliff(XliffDocument("x.po", "en", "es", UNITS), "1.2"))
    units = [u for u in store.units if not u.isheader()]
    assert [u.getid().rsplit("\x04", 1)[-1].removeprefix("x.po") for u in units] == [u.id for u in UNITS]
    assert [(u.isfuzzy(), u.isapproved()) for u in units] == [(True, False), (False, False), (False, True),
                                                              (False, True)]
    # its plain text shows each code as the markup it stands for
    assert units[0].source == 'The <a href="http://www.oas.org/">red</a> car<br> (line break)'
    assert units[0].target == 'El coche <a href="http://www.oas.org/">rojo</a><br> (line break)'
    assert units[3].source == UNITS[3].source and units[1].target == ""


def test_codes_other_tools_write_are_read_as_placeholders():
    data = f"""<xliff xmlns="{NS_12}" version="1.2"><file original="x.po" source-language="en" datatype="po"><body>
<trans-unit id="a"><source>A <g id="1">b</g><x id="2"/></source>
<target state="translated">Una <bx id="1"/>b<ex id="1"/><x id="2"/></target></trans-unit>
</body></file></xliff>""".encode()
    [document] = read_xliff(data)
    assert (document.units[0].source, document.units[0].target) == ("A <1>b</1><2/>", "Una <1>b</1><2/>")
    assert document.units[0].state is State.FUZZY and document.units[0].line == 3


@pytest.mark.parametrize("data, line, message", [
    (b"<xliff", 1, "not well-formed XML"),
    (b'<xliff version="3.0"/>', 1, "not an XLIFF 1.2 or 2.0 document"),
    (f'<xliff xmlns="{NS_20}" version="2.0" srcLang="en"><file id="f"><unit id="u">\n<segment><source>a</source>'
     f'<target>b <ph id="x"/></target></segment></unit></file></xliff>'.encode(), 2, "<ph> with id 'x'"),
    (f'<xliff xmlns="{NS_20}" version="2.0" srcLang="en"><file id="f">\n<unit id="u"><segment><source>a</source>'
     f'</segment><segment><source>b</source></segment></unit></file></xliff>'.encode(), 2, "has 2 segments"),
])
def test_an_unusable_file_names_its_line(data, line, message):
    with pytest.raises(InputError) as error:
        read_xliff(data, "x.xlf")
    assert str(error.value).startswith(f"x.xlf:{line}: ") and message in str(error.value)
