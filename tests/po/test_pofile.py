"""The PO format: lint as strict as msgfmt, a stable writer, dates that move only with content."""

from __future__ import annotations

import subprocess
import time

import polib
import pytest

from bulletin_i18n.errors import InputError
from bulletin_i18n.model import Catalog, Entry
from bulletin_i18n.po.merge import merge
from bulletin_i18n.po.pofile import read_catalog, write_catalog
from test_template import template_of


def test_syntax_error_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.po"
    bad.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "One"\nmsgstr "Uno"\n\nmsgid "Two\nmsgstr "Dos"\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_catalog(bad)
    assert str(err.value).startswith(f"{bad}:8: invalid catalog: msgid must be followed by one quoted string")


def test_write_is_stable_and_dates_move_only_with_content(tmp_path):
    pot = template_of(b"<p>Hello there.</p><p>" + b"A long paragraph of text. " * 8 + b"</p>")
    po, _ = merge(None, pot, "es")
    path = tmp_path / "es.po"
    assert write_catalog(po, path)
    first = path.read_bytes()
    # same content: not written again
    again, _ = merge(read_catalog(path), pot, "es")
    assert not write_catalog(again, path, old=read_catalog(path))
    assert path.read_bytes() == first
    # a translator's editor wrapped the lines its own way: the file is left as it is
    rewrapped = polib.pofile(str(path), wrapwidth=40)
    rewrapped.metadata["PO-Revision-Date"] = "2015-04-30 10:00-0400"
    rewrapped.save(str(path))
    saved = path.read_bytes()
    assert saved != first
    old = read_catalog(path)
    again, _ = merge(old, pot, "es")
    assert not write_catalog(again, path, old=old)
    assert not write_catalog(again, path)  # the file read here when the caller gives no catalog
    assert path.read_bytes() == saved
    # a new translation: the file is written as gettext lays it out, and the date moves
    old = read_catalog(path)
    again, _ = merge(old, pot, "es")
    again[0].msgstr = "Hola."
    assert write_catalog(again, path, old=old)
    assert read_catalog(path)[0].msgstr == "Hola."
    assert read_catalog(path).metadata["PO-Revision-Date"] != "2015-04-30 10:00-0400"
    assert subprocess.run(["msgcat", "-o", "-", str(path)], capture_output=True, check=True).stdout == \
        path.read_bytes()


@pytest.mark.parametrize("text, line, why", [
    ('msgid "One"\nmsgstr "Uno"\n\nmsgid "Two"\n\nmsgid "Three"\nmsgstr "Tres"\n', 4, "msgid without a msgstr"),
    ('msgid "One"\nmsgstr "Uno"\n\nmsgid "Two"\n', 4, "msgid without a msgstr"),
    ('msgid "One"\nmsgstr "Uno"\n\nmsgstr "Dos"\n', 4, "msgstr without a msgid before it"),
    ('msgid "One"\nmsgstr "Uno"\n\nmsgid ""\n"One"\nmsgstr "Otra"\n', 4,
     "duplicate message: the same msgid is at line 4"),
    ('msgid "One"\nmsgstr "Uno"\n"Dos\n', 3, "unterminated or malformed string"),
    ('msgid "One"\nmsgstr "U\x04no"\n', 2, "context separator <EOT> (U+0004) within a string"),
])
def test_lint_catches_what_polib_lets_through(tmp_path, text, line, why):
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_catalog(path)
    assert str(err.value) == f"{path}:{line + 3}: invalid catalog: {why}"


def test_catalog_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "bom.po"
    path.write_text('\ufeffmsgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "One"\nmsgstr "Uno"\n', encoding="utf-8")
    assert read_catalog(path).find("One").msgstr == "Uno"


# -- escapes and control characters, as GNU gettext writes and reads them ---------------

#: Every C0 control but NUL (which no PO file can hold) and EOT (gettext's context
#: separator), DEL, NEL and the Unicode line separators: the characters a line
#: splitter may take for line ends.
CONTROLS = [chr(c) for c in range(1, 32) if c != 4] + ["\x7f", "\x85", "\u2028", "\u2029"]


def controls_catalog() -> Catalog:
    catalog = Catalog(metadata={"Content-Type": "text/plain; charset=UTF-8", "Language": "es"})
    for char in CONTROLS + ["\\", '"', "\\a"]:
        catalog.append(Entry(f"U+{ord(char[-1]):04X} {len(char)}", f"a{char}b"))
    return catalog


def test_writer_escapes_what_gettext_escapes_and_reads_it_back(tmp_path):
    path = tmp_path / "controls.po"
    write_catalog(controls_catalog(), path)
    text = path.read_text(encoding="utf-8")
    for char, escape in zip("\a\b\f\r\t\v", "abfrtv"):
        assert f'msgstr "a\\{escape}b"' in text  # C escapes, as write-po.c
    assert 'msgstr ""\n"a\\n"\n"b"\n' in text  # a line break: a new line after it
    assert 'msgstr "a\x1bb"' in text  # other controls as they are
    # GNU msgcat writes the same bytes, and reads what we wrote as we do
    result = subprocess.run(["msgcat", "-o", "-", str(path)], capture_output=True, check=True)
    assert result.stdout.decode("utf-8") == text
    again = read_catalog(path)
    assert [e.msgstr for e in again] == [e.msgstr for e in controls_catalog()]


def test_a_bell_escape_is_not_a_backslash_before_an_a(tmp_path):
    path = tmp_path / "bell.po"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    '# see C:\\apps\nmsgid "One"\nmsgstr "a\\ab \\\\a \\\\\\ac"\n', encoding="utf-8")
    [entry] = read_catalog(path)
    assert entry.msgstr == "a\ab \\a \\\ac"
    assert entry.translator_comment == "see C:\\apps"


@pytest.mark.parametrize("header, line, why", [
    ("Plural-Forms: garbage\\n", 3, "Plural-Forms must be \"nplurals=N; plural=EXPRESSION;\", not 'garbage'"),
    ("Plural-Forms: nplurals=2; plural=(n != 1;\\n", 3,
     "Plural-Forms: '(n != 1' is not a plural expression gettext understands"),
])
def test_a_plural_forms_header_gettext_cannot_use(tmp_path, header, line, why):
    path = tmp_path / "x.po"
    path.write_text(f'msgid ""\nmsgstr ""\n"{header}"\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_catalog(path)
    assert str(err.value) == f"{path}:{line}: invalid catalog: {why}"


def test_an_unknown_escape_is_refused_as_msgfmt_does(tmp_path):
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "One"\nmsgstr "U\\\\q\\qno"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"x.po:5: invalid catalog: unknown escape sequence \\q"):
        read_catalog(path)
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True).returncode != 0


def test_a_huge_message_is_refused_at_once(tmp_path):
    path = tmp_path / "x.po"
    huge = "".join(f'"{"word " * 15}"\n' for _ in range(4000))  # 300,000 characters
    path.write_text(f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "One"\nmsgstr ""\n{huge}',
                    encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(InputError, match="x.po:5: invalid catalog: a message longer than 200,000 characters"):
        read_catalog(path)
    assert time.monotonic() - started < 2


# -- the layout is GNU gettext's, byte for byte ------------------------------------------

def msgcat(path, width: int) -> bytes:
    """What GNU msgcat writes for a catalog at a width (0: --no-wrap)."""
    options = ["--no-wrap"] if width == 0 else ["-w", str(width)]
    return subprocess.run(["msgcat", *options, "-o", "-", str(path)], capture_output=True, check=True).stdout


#: Words that wrap in interesting places: hyphens, abbreviations, slashes, URLs, escapes,
#: wide characters, emoji, combining marks, separators, a word longer than any line.
WORDS = ["the", "Inter-American", "U.S.", "N.W.", "and/or", "(U.S.A.)", "12,345.67", "50%", "$10", "end,",
         "http://www.oas.org/en/media_center/press_release.asp?sCodigo=E-123/15", "\t", "\v", "\f", "\\",
         '"', "\\t", "中文字符", "日本語のテキスト", "한국어", "😀", "👍🏽", "🇪🇸", "naïve", "e\u0301", "—", "…",
         "«hola»", "“quoted”", "¿Qué?", "¡Sí!", "<1>", "</1>", "<2/>", "x" * 90, "a-b-c-d", "\u200b",
         "\u00a0", "\u2028", "a\nb", "line\n", "\r", "\x1b", "\a", "\b", "Ｆｕｌｌ"]


def generated_catalog(rng, width: int) -> Catalog:
    def text(most=40):
        return " ".join(rng.choice(WORDS) if rng.random() < 0.4 else rng.choice(["lorem", "ipsum", "dolor"])
                        for _ in range(rng.randint(0, most)))
    catalog = Catalog(header="A header comment.\nSecond line.", wrap_width=width, metadata={
        "Project-Id-Version": "x", "Content-Type": "text/plain; charset=UTF-8", "Language": "es",
        "Plural-Forms": "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"})
    for number in range(30):
        entry = Entry(f"{number} {text()}", text() if rng.random() < 0.7 else "",
                      references=[(f"source/page-{n}.html", str(rng.randint(1, 99999)))
                                  for n in range(rng.randint(0, 9))],
                      # (a comment line ending in a backslash is continued by gettext's reader)
                      translator_comment=text(8).replace("\\", "/") if rng.random() < 0.2 else "",
                      flags=["fuzzy"] if rng.random() < 0.3 else [])
        entry.previous_msgid = text() if rng.random() < 0.2 else None
        entry.msgctxt = text(5) if rng.random() < 0.1 else None
        if rng.random() < 0.1:
            entry.obsolete, entry.references = True, []
        catalog.append(entry)
    # a line that ends exactly at the width, and one a column longer
    for extra in (0, 1):
        catalog.append(Entry("w" * extra + "y " * (max(width, 20) // 2 - 2) + "z" * 5, ""))
    return catalog


@pytest.mark.parametrize("width", [79, 40, 20, 100, 0])
def test_the_writer_lays_out_generated_catalogs_as_msgcat(tmp_path, width):
    import random
    for seed in range(12):
        path = tmp_path / f"{seed}.po"
        write_catalog(generated_catalog(random.Random(f"{width}-{seed}"), width), path)
        assert msgcat(path, width) == path.read_bytes(), f"seed {seed}"


def test_the_header_is_wrapped_and_a_one_field_header_is_on_one_line(tmp_path):
    path = tmp_path / "x.po"
    write_catalog(Catalog(metadata={"Content-Type": "text/plain; charset=UTF-8"}), path, date_keys=())
    assert path.read_text(encoding="utf-8").startswith('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n')
    catalog = Catalog(metadata={"Content-Type": "text/plain; charset=UTF-8",
                                "Plural-Forms": "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"})
    catalog.append(Entry("The Inter-American Development Bank of the U.S. and the N.W. region of the country, in "
                         "Washington D.C.", ""))
    write_catalog(catalog, path)
    text = path.read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? "\n"1 : 2);\\n"' in text
    assert 'Bank of the U.S. and the N.W. region of the "\n"country, in Washington D.C."' in text
    for width in (79, 30):
        catalog.wrap_width = width
        write_catalog(catalog, tmp_path / f"{width}.po")
        assert msgcat(tmp_path / f"{width}.po", width) == (tmp_path / f"{width}.po").read_bytes()


@pytest.fixture(scope="module")
def fixture_catalogs(tmp_path_factory) -> dict[int, list]:
    """Templates and catalogs (machine-filled) of the sample and of every corpus page,
    at the default width and without wrapping: their paths, by width."""
    from conftest import CORPUS, SAMPLE, cli

    made = {}
    for width in (79, 0):
        root = tmp_path_factory.mktemp(f"fixtures-{width}")
        (root / "source").mkdir(parents=True)
        (root / "bulletin-i18n.toml").write_text(f'engine = "pseudo"\nwrap_width = {width}\n', encoding="utf-8")
        for number, page in enumerate([SAMPLE, *CORPUS]):
            (root / "source" / f"p{number:02}-{page.stem}.html").write_bytes(page.read_bytes())
        assert cli("-C", root, "extract").returncode == 0
        assert cli("-C", root, "pretranslate").returncode == 0
        made[width] = sorted((root / "locales").rglob("*.po*"))
        assert len(made[width]) == 2 * (1 + len(CORPUS))
    return made


def test_every_catalog_of_the_fixtures_is_laid_out_as_msgcat(fixture_catalogs):
    for width, catalogs in fixture_catalogs.items():
        for path in catalogs:
            assert msgcat(path, width) == path.read_bytes(), path.name


# -- the fast reader against polib ---------------------------------------------------------


def _as_read(po) -> tuple:
    """What the tool keeps of a parsed file, line numbers and layout included."""
    from bulletin_i18n.po.codec import catalog_from_polib

    catalog = catalog_from_polib(po)
    return catalog, [entry.line for entry in catalog], catalog.outdated_layout


def _both(text: str) -> tuple:
    """(polib's reading or its error, the fast reader's or None when it leaves the file to polib)."""
    from bulletin_i18n.po.pofile import _Lines, _read_po, _Unusual

    try:
        reference = _as_read(polib.pofile(_Lines(text), check_for_duplicates=True))
    except (OSError, ValueError) as exc:
        reference = exc
    try:
        fast = _as_read(_read_po(text))
    except _Unusual:
        fast = None
    return reference, fast


def _mutations(text: str):
    """The text with each line removed, doubled, made obsolete, made a previous
    msgid, cut in half, or swapped with the next."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        yield "\n".join(lines[:i] + lines[i + 1:])
        yield "\n".join(lines[:i + 1] + lines[i:])
        yield "\n".join(lines[:i] + ["#~ " + line] + lines[i + 1:])
        yield "\n".join(lines[:i] + ["#| " + line] + lines[i + 1:])
        yield "\n".join(lines[:i] + [line[: len(line) // 2]] + lines[i + 1:])
        yield "\n".join(lines[:i] + lines[i + 1: i + 2] + [line] + lines[i + 2:])


HOSTILE = [
    '#~| msgid "x"\n',
    '# head\n#\n# more\nmsgid ""\nmsgstr "A: b\\n"\n"c\\n"\n"D: e\\n"\n\n#, fuzzy\nmsgid "a"\nmsgstr "b"\n# trailing\n',
    'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',  # obsolete after a live twin: polib refuses
    '#~ msgid "a"\n#~ msgstr "c"\n\nmsgid "a"\nmsgstr "b"\n',
    'msgctxt "k"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n\nmsgctxt ""\nmsgid "a"\nmsgstr "d"\n',
    'msgid ""\nmsgstr ""\n\nmsgctxt "x"\nmsgid ""\nmsgstr "y"\n',  # two headers
    'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n"z"\nmsgstr[x] "w"\n',
    'msgid "a"\nmsgstr[',
    '#: a.html:12 b.html :7 c.html:x d:e:9 ::\n#: \n#.\n#. x\n#,\n#, fuzzy, c-format,\nmsgid "a"\nmsgstr "b"\n',
    '#| msgctxt "p"\n#| msgid "old"\n#| "er"\n#| msgid_plural "olds"\nmsgid "a"\nmsgstr "b"\n#| "tail"\n',
    '#|\nmsgid "a"\nmsgstr "b"\n', '#| msgid\nmsgid "a"\nmsgstr "b"\n', '#| msgfoo "x"\nmsgid "a"\nmsgstr "b"\n',
    'msgid "a"\nmsgstr "b"\n#foo\n', '## x\n#  y\nmsgid "a"\nmsgstr "b"\n',
    'msgid "a \\" q"\nmsgstr "x"\n"un"escaped"\n', 'msgid "tab\\there \\\\n \\v\\b\\f\\r \\q"\nmsgstr ""\n',
    '\ufeffmsgid ""\nmsgstr "X: y\\n"\n\nmsgid "a"\nmsgstr "b"\r\n\r\n', 'msgid "a"\n msgstr  "b"  \n\x0b\n',
    'msgstr "b"\n', 'msgid "a"\nmsgid "b"\nmsgstr "c"\n', '"lonely"\n', 'msgid "a"\nmsgstr "b"\nmsgctxt "c"\n',
]


def test_the_fast_reader_reads_what_polib_reads():
    """On every catalog of the repository, generated catalogs of every kind of text,
    hostile files, and every one-line mutation of them, the fast reader gives
    what polib gives (entries, header, fields, line numbers) or leaves the file
    to polib; and a file polib refuses is always left to it."""
    import random
    from pathlib import Path

    from bulletin_i18n.po.pofile import render

    root = Path(__file__).resolve().parents[2]
    texts = [path.read_text(encoding="utf-8") for path in sorted((root / "locales").rglob("*.po*"))]
    assert texts
    texts += [render(generated_catalog(random.Random(f"reader-{seed}"), width))
              for seed, width in enumerate((79, 40, 0, 20))]
    read = left = refused = 0
    for text in texts:  # what the tool writes: never left to polib
        reference, fast = _both(text)
        assert fast is not None and fast == reference
    for text in [*HOSTILE, *(t[:3000] for t in [texts[0], *texts[-2:]])]:
        for mutated in [text, *_mutations(text)]:
            reference, fast = _both(mutated)
            if isinstance(reference, Exception):
                assert fast is None, mutated
                refused += 1
            elif fast is None:
                left += 1
            else:
                assert fast == reference, mutated
                read += 1
    assert read > 10 * (left + 1) and refused > 50


# -- the writer says what a read of its file gives ------------------------------------------


def _odd_catalog(width: int) -> Catalog:
    """Plurals, obsolete entries (with and without a translation, with previous
    texts), multi-line strings, previous msgids, no-wrap, comment lines gettext
    writes bare, references a reader splits again, a fuzzy flag on no translation."""
    from bulletin_i18n.model import Notes

    catalog = Catalog(header="Odd entries.", wrap_width=width, header_fuzzy=True, metadata={
        "Content-Type": "text/plain; charset=UTF-8", "Language": "es",
        "Plural-Forms": "nplurals=2; plural=(n != 1);"})
    long = "A paragraph long enough to be wrapped by any writer that wraps at all, " * 3
    catalog.entries += [
        Entry("One file", msgid_plural="%d files", msgstr_plural={0: "Un archivo", 1: "%d archivos"},
              references=[("source/a.html", "3")]),
        Entry("Half done", msgid_plural="Halves", msgstr_plural={0: "", 1: "Mitades"}, flags=["fuzzy"]),
        Entry("First line\nSecond line\n" + long, "Primera\nSegunda\n" + long, flags=["fuzzy"],
              previous_msgid="First line\n" + long, translator_comment="a note\n\nafter a blank line"),
        Entry(long, long, flags=["no-wrap"], msgctxt="ctx\nwith a break", previous_msgctxt="old ctx",
              previous_msgid="An older paragraph",
              notes=Notes(element="td > p", other=["kept"]), references=[("a file.html", "7"), ("b:c.html", ""),
                                                                           ("d.html", "x")]),
        Entry("Empty fuzzy", "", flags=["fuzzy", "python-format"]),
        Entry("Gone", "Ido", obsolete=True, flags=["fuzzy", "c-format", "other"], previous_msgid="Went",
              previous_msgid_plural="Wents", translator_comment="kept"),
        Entry("Gone untranslated", "", obsolete=True),
        Entry("Gone plural", msgid_plural="Gones", msgstr_plural={0: "Ido", 1: "Idos"}, obsolete=True,
              previous_msgctxt="c", previous_msgid="Went plural"),
        Entry("Last " + long, "Último " + long),
    ]
    return catalog


def test_the_writer_gives_the_catalog_and_lines_a_read_of_its_file_gives(tmp_path):
    """What ``put_catalog`` says it wrote (entries, header, line numbers) is what
    reading the file gives, on the repository's catalogs, generated catalogs of
    every kind of text, and catalogs of odd entries, wrapped and not."""
    import copy
    import random
    from pathlib import Path

    from bulletin_i18n.po.pofile import put_catalog

    root = Path(__file__).resolve().parents[2]
    catalogs = [read_catalog(path) for path in sorted((root / "locales").rglob("*.po*"))]
    assert catalogs
    for seed, width in enumerate((79, 40, 0, 20, 79, 0)):
        catalogs += [generated_catalog(random.Random(f"lines-{seed}"), width), _odd_catalog(width)]
    # comment lines a read changes (white space stripped, a bare "#." skipped): read from the text
    padded = _odd_catalog(79)
    padded.entries[0].translator_comment = "ends in a space "
    padded.entries[1].notes.other = ["", "after a bare line"]
    padded.header = "A header\u2028"
    catalogs.append(padded)
    catalogs.append(_odd_catalog(0))
    for number, catalog in enumerate(catalogs):
        path = tmp_path / f"{number}.po"
        put = put_catalog(copy.deepcopy(catalog), path)
        assert put.changed and put.data == path.read_bytes()
        again = read_catalog(path, catalog.wrap_width)
        assert put.catalog == again, number
        assert [e.line for e in put.catalog] == [e.line for e in again], number
        assert all(e.line for e in again)
    # the odd catalog kept what gettext keeps: the line of an obsolete entry is past its #~| lines
    text = (tmp_path / f"{len(catalogs) - 1}.po").read_text(encoding="utf-8").split("\n")
    gone = next(e for e in put.catalog if e.msgid == "Gone")
    assert text[gone.line - 1] == "# kept" and gone.previous_msgid is None
    gone_plural = next(e for e in put.catalog if e.msgid == "Gone plural")
    assert text[gone_plural.line - 1] == '#~ msgid "Gone plural"'
    assert not any(e.msgid == "Gone untranslated" for e in put.catalog)


def test_the_writer_gives_the_lines_of_every_fixture_catalog(tmp_path, fixture_catalogs):
    """The templates and machine-filled catalogs of the sample and of every corpus
    page, at the default width and without wrapping: written again from what a read
    gives, the writer's line numbers are those a read of the file gives."""
    import copy

    from bulletin_i18n.po.pofile import put_catalog

    for width, paths in fixture_catalogs.items():
        for path in paths:
            read = read_catalog(path, width)
            copy_path = tmp_path / f"again-{width}-{path.name}"
            put = put_catalog(copy.deepcopy(read), copy_path, date_keys=())
            assert put.data == path.read_bytes(), path.name  # the same file
            assert [(e.msgid, e.line) for e in put.catalog] == [(e.msgid, e.line) for e in read], path.name
            assert put.catalog == read, path.name


def test_a_catalog_made_after_the_caller_found_none_is_not_overwritten(tmp_path):
    """``expected=None``: the caller found no file. One a translator saved since
    stops the write (not read first: the check before the rename catches it)."""
    from bulletin_i18n.fsutil import ChangedOnDisk
    from bulletin_i18n.po.pofile import put_catalog

    path = tmp_path / "es.po"
    saved = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "A"\nmsgstr "B"\n'
    path.write_bytes(saved)
    with pytest.raises(ChangedOnDisk):
        put_catalog(_odd_catalog(79), path, expected=None)
    assert path.read_bytes() == saved and [p.name for p in tmp_path.iterdir()] == ["es.po"]
    other = tmp_path / "new.po"
    put = put_catalog(_odd_catalog(79), other, expected=None)
    assert put.changed and other.read_bytes() == put.data
