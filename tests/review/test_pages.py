"""The review page's pieces: statuses, placeholders and word diffs shown to reviewers."""

from __future__ import annotations

from lxml import html as lxml_html

from bulletin_i18n.model import Entry, Provenance
from bulletin_i18n.review.html import E, render_message, word_diff
from bulletin_i18n.review.pages import entry_status


def test_entry_status():
    machine = Provenance(Provenance.MACHINE, engine="pseudo", version="1", hash="0123456789")
    memory = Provenance(Provenance.MEMORY, origin="locales/es/other.po")
    assert entry_status(Entry("a", "b")) == "reviewed"
    assert entry_status(Entry("a", "b"), findings=True) == "findings"
    assert entry_status(Entry("a", "b"), not_used=True, findings=True) == "not-used"
    assert entry_status(Entry("a", "b", flags=["fuzzy"], provenance=[machine])) == "machine"
    assert entry_status(Entry("a", "b", flags=["fuzzy"], provenance=[machine]), not_used=True) == "machine"
    assert entry_status(Entry("a", "b", flags=["fuzzy"], provenance=[memory])) == "memory"
    assert entry_status(Entry("a", "b", flags=["fuzzy"], provenance=[machine, memory])) == "memory"  # the latest
    assert entry_status(Entry("a", "b", flags=["fuzzy"])) == "fuzzy"
    assert entry_status(Entry("a", "")) == "untranslated"
    assert entry_status(None) == "untranslated"


def shown(children) -> str:
    return lxml_html.tostring(E.div(*children), encoding="unicode")


def test_placeholders_as_escaped_markers():
    assert shown(render_message("<b> & <1>more</1><2/>", {1: '<a href="x">'})) == (
        '<div>&lt;b&gt; &amp; <span class="ph" title=\'&lt;a href="x"&gt;\'>‹1›</span>more'
        '<span class="ph" title=\'&lt;a href="x"&gt;\'>‹/1›</span><span class="ph" title="">‹2/›</span></div>')


def test_word_diff_marks_the_words_that_changed():
    old = "The <1>red</1> car of 2014 & more"
    new = "The <1>blue</1> car of 2015 & more"
    assert shown(word_diff(old, new, {1: "<b>"})) == (
        '<div>The <span class="ph" title="&lt;b&gt;">‹1›</span><del>red</del><ins>blue</ins>'
        '<span class="ph" title="&lt;b&gt;">‹/1›</span> car of <del>2014</del><ins>2015</ins> &amp; more</div>')
    # a placeholder added is an insertion like a word
    assert shown(word_diff("Read this", "Read <2/> this", {})) == (
        '<div>Read <ins><span class="ph" title="">‹2/›</span> </ins>this</div>')
    assert shown(word_diff("same", "same", {})) == "<div>same</div>"


def test_a_control_character_shows_as_a_marker():
    """A translation may hold a character a page cannot carry (the build refuses it):
    its review page shows it, it does not stop."""
    assert shown(render_message("Env\x1bíe<1>x\x0b</1>", {1: "<b>"})) == (
        '<div>Env<span class="ph" title="a control character">‹U+001B›</span>íe'
        '<span class="ph" title="&lt;b&gt;">‹1›</span>x<span class="ph" title="a control character">‹U+000B›</span>'
        '<span class="ph" title="&lt;b&gt;">‹/1›</span></div>')
    assert shown(word_diff("Send\x07 it", "Send it", {})) == (
        '<div><del>Send<span class="ph" title="a control character">‹U+0007›</span></del><ins>Send</ins> it</div>')


# -- rows written as text: the bytes lxml writes of the same elements ------------------

HOSTILE = ["", "plain", "a & b", "&amp;", "&{x}", "{&}", "<b>", "x > y", 'say "hi"', "it's", "\"both' quotes",
           "tab\there", "line\nbreak", "cr\rhere", "\xa0nbsp é € 𝄞", "U+2028\u2028", "a\x85b", "-->", "<!--", "]]>",
           "<1>red</1> <2/> <3>", "</1>", "<1/>x", "&#13;", "&lt;", "\\"]
#: What a translation may hold besides (a page's texts, descriptions and paths cannot).
CONTROLS = ["ctl\x1bchar\x0b", "<1>\x07</1>\x00"]


def reference_row(number, source, cells, source_lang):
    """A row as the E-factory made it before rows were written as text."""
    descriptions = source.notes.descriptions()
    done = all(cell.status == "reviewed" for cell in cells)
    refs = ", ".join(f"{file}:{line}" for file, line in source.references)
    row = E.tr(
        E.td(str(number), {"class": "number"}),
        E.td(E.div(*render_message(source.msgid, descriptions), {"class": "text"}),
             E.div(refs, {"class": "where"}), lang=source_lang),
        *[reference_cell(cell, source, descriptions) for cell in cells],
        {"class": "segment done" if done else "segment"})
    for element in row.iter("li"):
        element.tail = "\n"
    return lxml_html.tostring(row, encoding="unicode") + "\n"


def reference_cell(cell, source, descriptions):
    from bulletin_i18n.review.pages import STATUS_LABELS

    entry = cell.entry
    parts = [E.span(STATUS_LABELS[cell.status], {"class": f"status st-{cell.status}"})]
    if cell.reasons:
        why = "; ".join(cell.reasons)
        parts.append(E.div(f"why: {why}" if cell.status == "not-used"
                           else f"not usable even once reviewed: {why}", {"class": "reason"}))
    text = render_message(entry.msgstr, descriptions) if entry is not None and entry.msgstr else []
    parts.append(E.div(*text, {"class": "text"}))
    if entry is not None and entry.fuzzy and entry.previous_msgid:
        parts.append(E.div("The English changed: ", *word_diff(entry.previous_msgid, source.msgid, descriptions),
                           {"class": "previous",
                            "title": "words of the earlier English struck out, new words marked"}))
    if entry is not None:
        parts.append(E.div(f"{cell.path}:{entry.line}", {"class": "where"}))
    if cell.findings:
        parts.append(E.ul(*[E.li(f"{f.rule}: {f.message}", {"class": f.severity}) for f in cell.findings],
                          {"class": "findings"}))
    return E.td(*parts, {"lang": cell.lang, "data-status": cell.status,
                         "data-findings": " ".join(dict.fromkeys(f.rule for f in cell.findings))})


def test_text_and_values_are_written_as_lxml_writes_them():
    from bulletin_i18n.review.html import message_html, text_html, value_html

    for text in HOSTILE:
        assert text_html(text) == lxml_html.tostring(E.b(text), encoding="unicode")[3:-4], text
        assert f"<b title={value_html(text)}></b>" == lxml_html.tostring(E.b(title=text), encoding="unicode"), text
    for text in HOSTILE + CONTROLS:
        for description in HOSTILE:
            descriptions = {1: description, 2: description + "2"}
            assert message_html(text, descriptions) == \
                lxml_html.tostring(E.b(*render_message(text, descriptions)), encoding="unicode")[3:-4], text
    # a control character (lxml refuses it) shows as a marker in a text, as a code in a value
    marker = '<span class="ph" title="a control character">‹U+{:04X}›</span>'
    assert text_html("<1>\x07</1>\x00&") == f"&lt;1&gt;{marker.format(7)}&lt;/1&gt;{marker.format(0)}&amp;"
    assert text_html("ctl\x1bchar\x0b") == f"ctl{marker.format(0x1b)}char{marker.format(0x0b)}"
    assert value_html("a\x1b\"b") == "'aU+001B\"b'"


def test_rows_are_the_bytes_the_element_factory_made():
    from bulletin_i18n.model import Notes, Placeholder
    from bulletin_i18n.qa.runner import Finding
    from bulletin_i18n.review.pages import _Cell, _row

    statuses = ["reviewed", "findings", "not-used", "machine", "memory", "fuzzy", "untranslated"]
    for index, text in enumerate(HOSTILE):
        other = HOSTILE[(index * 7 + 3) % len(HOSTILE)]
        notes = Notes(placeholders=[Placeholder(1, "paired", other), Placeholder(2, "atomic", text)])
        source = Entry(f"Send <1>{other}</1> {text}<2/>", notes=notes, references=[(f"source/{other}.html", "12")])
        translation = f"Envíe <1>{text}</1><2/> {other}{CONTROLS[index % 2] if index % 5 else ''}"
        entry = Entry(source.msgid, translation, flags=["fuzzy"] if index % 2 else [],
                      previous_msgid=f"Sent {other} <2/>" if index % 3 else None, line=index + 1)
        findings = [Finding(rule, f"locales/es/{text}.po", 3, text, f"{rule}: “{other}” {text}", severity)
                    for rule, severity in (("numbers", "error"), ("urls", "warning"), ("numbers", text or "x"))]
        cells = [_Cell(lang, f"locales/{lang}/{text}.po", cell_entry, status, reasons, cell_findings)
                 for lang, cell_entry, status, reasons, cell_findings in (
                     ("es", entry, statuses[index % 7], [text, other] if index % 2 else [], findings[:index % 4]),
                     (other or "fr", None if index % 3 else entry, statuses[(index + 3) % 7], [], []))]
        assert _row(index + 1, source, cells, text or "en") == reference_row(index + 1, source, cells, text or "en")
