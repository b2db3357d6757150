"""GNU gettext's line breaking, checked against libunistring itself (the library msgcat uses)."""

from __future__ import annotations

import ctypes
import ctypes.util
import subprocess
import sys
import unicodedata

import pytest

from bulletin_i18n.po.linebreak import MANDATORY, POSSIBLE, PROHIBITED, char_width, possible_breaks, width_breaks


@pytest.fixture(scope="module")
def libunistring():
    """The libunistring that GNU gettext's tools are linked with."""
    name = ctypes.util.find_library("unistring")
    assert name, "libunistring (a dependency of GNU gettext) not found"
    lib = ctypes.CDLL(name)
    lib.uc_width.restype = ctypes.c_int
    return lib


#: libunistring's UC_BREAK_PROHIBITED, _POSSIBLE, _MANDATORY
GNU_RESULTS = {1: PROHIBITED, 2: POSSIBLE, 3: MANDATORY}


def gnu_breaks(lib, text: str) -> list[int]:
    data = text.encode("utf-8")
    out = ctypes.create_string_buffer(len(data))
    lib.u8_possible_linebreaks(data, ctypes.c_size_t(len(data)), b"UTF-8", out)
    result, at = [], 0
    for char in text:
        result.append(GNU_RESULTS[out.raw[at]])
        at += len(char.encode("utf-8"))
    return result


def gnu_width_breaks(lib, text: str, width: int, start: int) -> list[int]:
    data = text.encode("utf-8")
    out = ctypes.create_string_buffer(len(data))
    lib.u8_width_linebreaks(data, ctypes.c_size_t(len(data)), width, start, 0, None, b"UTF-8", out)
    indexes, at = [], 0
    for index, char in enumerate(text):
        if out.raw[at] == 2:
            indexes.append(index)
        at += len(char.encode("utf-8"))
    return indexes


#: One character of each line breaking class, and line separators.
PROBES = ("a1()-./\"!%$中\u00a0\u2060\u2014\u00b4}\u2026\u3005\u0301\u200d\u200b가각\u1100\u1161\u11a8א"
          "\U0001F1E6\U0001F466\U0001F3FB\U0001F600\uff08\uff09\t\u0085\u2028' ")


def probes(char: str) -> str:
    """``char`` beside every probe, with and without spaces, each context after a line feed."""
    parts = []
    for other in PROBES:
        parts += [other + char, char + other, f"{other} {char}", f"{char} {other}", other + char + char + other]
    return "\n".join(parts)


@pytest.mark.parametrize("first, last, step", [
    (0x20, 0x3000, 1), (0x3000, 0xF900, 13), (0xF900, 0x10000, 1), (0x10000, 0x1F000, 7), (0x1F000, 0x1FB00, 1),
    (0x20000, 0x32000, 997),
])
def test_break_opportunities_and_widths_are_libunistrings(libunistring, first, last, step):
    """The characters that Unicode 14 assigns (the version of this Python's
    unicodedata and of GNU gettext's libunistring 1.0): all of them in the
    ranges of alphabets, punctuation, symbols and emoji; one in ``step`` in
    the uniform ranges of ideographs, syllables and historic scripts."""
    wrong = {}
    for code in range(first, last, step):
        char = chr(code)
        if unicodedata.category(char) in ("Cn", "Cs", "Co"):
            continue
        text = probes(char)
        if possible_breaks(text) != gnu_breaks(libunistring, text):
            wrong[f"U+{code:04X}"] = "breaks"
        if char_width(char) != max(libunistring.uc_width(code, b"UTF-8"), 0):
            wrong[f"U+{code:04X}"] = "width"
    assert not wrong


@pytest.mark.parametrize("text", [
    "The Inter-American Development Bank of the U.S. and the N.W. region, in Washington D.C. and/or (U.S.A.)",
    "Visit http://www.oas.org/en/media_center/press_release.asp?sCodigo=E-123/15 for 12,345.67 or 50% more!",
    "中文字符和日本語のテキストは、どこでも改行できます。한국어 문장도 있습니다 😀👍🏽 and 🇪🇸🇲🇽 flags",
    "a\\tb\\\\c\\\"d " * 20, "word " * 40, "x" * 200 + " y", "¿Qué pasó? ¡Sí! «Hola» “quoted” — naïve e\u0301 …",
])
@pytest.mark.parametrize("width", [77, 40, 10, 1])
def test_the_greedy_fill_is_libunistrings(libunistring, text, width):
    for start in (0, 6, 80):
        assert width_breaks(text, width, start) == gnu_width_breaks(libunistring, text, width, start)


def test_the_committed_table_of_western_letters_is_what_the_properties_give():
    """The fast path's classes of Western characters are committed (not computed
    at import); they must stay what uniseg and unicodedata say of each character."""
    from bulletin_i18n.po import linebreak

    assert {start: len(letters) for start, letters in linebreak._FAST_RANGES.items()} == {
        0x20: 0x7F - 0x20, 0xA0: 0x250 - 0xA0, 0x2000: 0x2070 - 0x2000, 0x20A0: 0x20C1 - 0x20A0}
    assert linebreak.fast_letters_from_properties() == linebreak._FAST_RANGES
    assert linebreak._LETTERS["a"] == chr(65 + linebreak.AL) and "\u200b" not in linebreak._LETTERS


def test_western_text_is_laid_out_without_reading_uniseg():
    """uniseg (about 20 ms to import) is read only for a character past the table."""
    script = ("import sys\nfrom bulletin_i18n.po.linebreak import width_breaks\n"
              "print(width_breaks('Inter-American cooperation, «now» – 2015 ' * 4, 40, 7))\n"
              "print('uniseg' in sys.modules)\n"
              "print(width_breaks('\u4e2d\u6587' * 30, 40, 7))\nprint('uniseg' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[1] == "False" and out[3] == "True"
    assert out[0] == str(width_breaks("Inter-American cooperation, «now» – 2015 " * 4, 40, 7)) != "[]"
    assert out[2] == str(width_breaks("\u4e2d\u6587" * 30, 40, 7)) != "[]"
