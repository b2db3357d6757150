"""Where GNU gettext breaks a long string of a PO file, and how wide a character is.

GNU gettext (``msgcat``, ``msgmerge``, ``xgettext``; Poedit too) wraps a
message with the line breaking of Unicode Standard Annex #14 as libunistring
implements it (the pair table of UAX #14, with its tailoring), not at spaces
only: it may break after a hyphen (``Inter-`` / ``American``), after the full
stop of an abbreviation followed by a letter (``U.`` / ``S.``) or after a
slash (``and/`` / ``or``), never inside an escape sequence, and it counts
East Asian wide characters as two columns. This module computes the same
break opportunities and the same greedy fill, from the characters' Unicode
properties (``Line_Break`` from :mod:`uniseg`, East Asian width and category
from :mod:`unicodedata`); :mod:`.pofile` writes the lines. The tests compare
both with libunistring itself and the whole layout with ``msgcat``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Line breaking classes (the rows and columns of the pair table), then the
# classes resolved before the table is used.
(WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO, PR, SY, AL,
 H2, H3, ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM) = range(33)
BK, CM, ZW, SP = 33, 36, 37, 38
#: A Hebrew letter followed by a hyphen or break-after character (rule LB21a).
_HL_BA = 100

_ORDER = "WJ GL B2 BA BB HY CL CP1 CP2 EX IN NS OP1 OP2 QU IS NU PO PR SY AL H2 H3 ID1 ID2 JL JV JT HL RI ZWJ EB EM"
#: The pair table of UAX #14 (before: rows; after: columns) as libunistring 1.0
#: tailors it: D a direct break opportunity, I a break only after spaces, P none.
_TABLE_ROWS = """
WJ  PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII
GL  PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII
B2  PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
BA  PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
BB  PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII
HY  PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD
CL  PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD
CP1 PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD
CP2 PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD
EX  PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
IN  PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
NS  PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
OP1 PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP
OP2 PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP
QU  PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII
IS  PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD
NU  PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD
PO  PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD
PR  PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII
SY  PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD
AL  PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD
H2  PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD
H3  PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD
ID1 PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD
ID2 PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI
JL  PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD
JV  PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD
JT  PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD
HL  PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD
RI  PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
ZWJ PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII
EB  PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI
EM  PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD
"""
_TABLE = [row.split()[1] for row in _TABLE_ROWS.strip().split("\n")]
assert [row.split()[0] for row in _TABLE_ROWS.strip().split("\n")] == _ORDER.split()

#: Break results, as libunistring names them.
PROHIBITED, POSSIBLE, MANDATORY = 0, 1, 2

_BY_NAME = {name: value for value, name in enumerate(_ORDER.split())}
_BY_NAME.update({
    "OP": OP1, "CP": CP1, "ID": ID1,  # East Asian and pictographic ones told apart below
    "BK": BK, "NL": BK, "CR": BK, "LF": BK, "CM": CM, "ZW": ZW, "SP": SP,
    # resolved as libunistring resolves them (for a non-CJK encoding)
    "AI": AL, "SA": AL, "XX": AL, "SG": AL, "CB": ID1, "CJ": NS,
    # classes of Unicode 15.1 and later for Brahmic scripts: in Unicode 14 (the
    # version GNU gettext's libunistring 1.0 knows) these characters were AL or CM
    "AK": AL, "AP": AL, "AS": AL, "VF": CM, "VI": CM,
})
_EAST_ASIAN = frozenset("WFH")
#: Punctuation and numbers of Brahmic scripts that Unicode 15.1 made ID (or BA): AL before.
_WAS_AL = frozenset([0x1B5C, *range(0x1B61, 0x1B6B), *range(0x1B74, 0x1B7D), *range(0xA9C1, 0xA9C7),
                     *range(0xA9CA, 0xA9E0), 0xAA5C, *range(0x11049, 0x11066), 0x11EF7, 0x11EF8,
                     0x19DA, 0x2057])
#: Other characters whose class libunistring 1.0 resolves otherwise.
_WAS = {0xFE10: IS, 0xFE13: IS, 0xFE14: IS, **dict.fromkeys([0x1F10D, 0x1F10E, 0x1F10F, 0x1F16D, 0x1F16E,
                                                            0x1F16F, 0x1F1AD, 0x1F8B0, 0x1F8B1], ID1)}

#: ASCII, by hand (the common case, and what the tests check first).
_ASCII = [AL] * 128
for _code in range(0x20):
    _ASCII[_code] = CM  # controls other than the ones below: attached (class CM)
_ASCII[0x09] = BA
for _code in (0x0A, 0x0B, 0x0C, 0x0D):
    _ASCII[_code] = BK
_ASCII[0x7F] = CM
for _char, _cls in {" ": SP, "!": EX, '"': QU, "$": PR, "%": PO, "'": QU, "(": OP1, ")": CP1,
                    "+": PR, ",": IS, "-": HY, ".": IS, "/": SY, ":": IS, ";": IS, "?": EX,
                    "[": OP1, "\\": PR, "]": CP1, "{": OP1, "|": BA, "}": CL}.items():
    _ASCII[ord(_char)] = _cls
for _code in range(0x30, 0x3A):
    _ASCII[_code] = NU


@lru_cache(maxsize=4096)
def line_break_class(char: str) -> int:
    """The resolved line breaking class of a character."""
    code = ord(char)
    if code < 128:
        return _ASCII[code]
    name = _uniseg_class(char)
    category = unicodedata.category(char)
    cls = _BY_NAME.get(name, AL)
    # classes that changed after Unicode 14, the version libunistring 1.0 knows
    if code in _WAS:
        return _WAS[code]
    if name in ("AS", "AK", "AP") and category == "Nd":
        cls = NU
    elif name == "GL" and category == "Mn" and code >= 0x1DC0 and code != 0x16FE4:
        cls = CM
    elif (name == "NU" and category == "Cf") or (name == "BA" and category == "Lo") or code in _WAS_AL:
        cls = AL
    elif name == "CP" and category == "Pe" and 0x2E55 <= code <= 0x2E5C:
        cls = CL
    if cls == OP1 or cls == CP1:
        if unicodedata.east_asian_width(char) in _EAST_ASIAN:
            cls += 1  # OP2, CP2
    elif cls == ID1 and category == "Cn" and _extended_pictographic(char):
        cls = ID2  # a code point kept for future emoji (rule LB30b)
    return cls


def _uniseg_class(char: str) -> str:
    """The Line_Break property of a character, by :mod:`uniseg` (read when a
    character past the committed table of :data:`_FAST_RANGES` first needs it:
    uniseg and the package metadata it reads take some 20 ms to import)."""
    from uniseg.linebreak import line_break

    return line_break(char).name


def _extended_pictographic(char: str) -> bool:
    from uniseg.emoji import extended_pictographic
    return bool(extended_pictographic(char))


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """The columns a character takes, as libunistring's ``uc_width`` counts them
    for UTF-8 (controls count as 0)."""
    code = ord(char)
    if 0x20 <= code < 0x7F:
        return 1
    if unicodedata.category(char) in ("Cf", "Cc") or unicodedata.bidirectional(char) == "NSM":
        return 0
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FB or 0xE0000 <= code <= 0xE0FFF:
        return 0  # conjoining Hangul vowels and finals; tags and variation selectors
    if unicodedata.name(char, "").startswith("ZERO WIDTH "):
        return 0
    if unicodedata.east_asian_width(char) in "WF":
        return 2
    return 1


def possible_breaks(text: str) -> list[int]:
    """For each character, whether a line may break before it (UAX #14 as
    libunistring's ``u8_possible_linebreaks``)."""
    out = [PROHIBITED] * len(text)
    prev = BK  # class of the last character
    last = BK  # class of the last character that is not a space
    seen_space = False
    ri_count = 0
    table = _TABLE
    for index, char in enumerate(text):
        cls = line_break_class(char)
        if cls == BK:
            out[index] = MANDATORY
            prev = last = BK
            seen_space = False
        elif cls == SP:
            seen_space = True
            prev = SP
        elif cls == ZW:
            last = ZW
            seen_space = False
            prev = ZW
        elif cls == CM or cls == ZWJ:
            if last == BK:
                last, seen_space = AL, False
            elif last == ZW or seen_space:
                out[index] = POSSIBLE
                last, seen_space = AL, False
            prev = cls
        else:
            if last == BK:
                pass
            elif last == ZW:
                out[index] = POSSIBLE
            elif prev == ZWJ:
                pass
            elif last == RI and cls == RI:
                if seen_space or ri_count % 2 == 0:
                    out[index] = POSSIBLE
            elif prev == _HL_BA:
                pass
            else:
                rule = table[last][cls]
                if rule == "D" or (rule == "I" and seen_space):
                    out[index] = POSSIBLE
            last = cls
            seen_space = False
            prev = _HL_BA if prev == HL and cls in (HY, BA) else cls
        ri_count = ri_count + 1 if cls == RI else 0
    return out


# -- the common case, by regular expressions over the classes ---------------------------
#
# Text whose characters are each one column wide and of a class the pair table
# alone decides (no combining marks, joiners, regional indicators, Hebrew
# letters or mandatory breaks) needs no state but "the last class before the
# spaces": its opportunities are found by two regular expressions over a
# string of class letters, and only the opportunities are visited in Python.

#: The class letter of what the fast path cannot handle.
_COMPLEX = "~"
_PLAIN_CLASSES = frozenset(range(33)) - {ZWJ, RI, HL}


class _ClassLetters(dict):
    """``str.translate`` table: a character to the letter of its class, or ``~``."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        cls = line_break_class(char)
        letter = " " if cls == SP else chr(65 + cls) if cls in _PLAIN_CLASSES and char_width(char) == 1 \
            else _COMPLEX
        self[code] = letter
        return letter


_CLASS_LETTERS = _ClassLetters()
#: A run of spaces, the last class before it and the class after it.
_AFTER_SPACES = re.compile(r"(\S) +(?=(\S))")
#: Class pairs with a break after spaces between them (D or I in the table).
_SPACED = frozenset(chr(65 + a) + chr(65 + b) for a in range(33) for b in range(33) if _TABLE[a][b] != "P")


#: Adjacent class pairs with a direct break opportunity (D in the table).
_DIRECT_PAIRS = frozenset(chr(65 + a) + chr(65 + b) for a in _PLAIN_CLASSES for b in _PLAIN_CLASSES
                          if _TABLE[a][b] == "D")


def _is_opportunity(classes, index: int) -> bool:
    """Whether a line may break before ``index`` of text given as its class letters
    (a string of them, or the text itself read through :data:`_LETTERS`)."""
    after = classes[index]
    if after == " ":
        return False
    before = classes[index - 1]
    if before != " ":
        return before + after in _DIRECT_PAIRS
    last = index - 2  # the last character that is not a space, if any
    while last >= 0 and classes[last] == " ":
        last -= 1
    return last >= 0 and classes[last] + after in _SPACED


class _Letters:
    """Text read as class letters, one character at a time (the characters of
    :data:`_FAST` only), without translating it whole."""

    __slots__ = ("text", "length")

    def __init__(self, text: str):
        self.text = text
        self.length = len(text)

    def __getitem__(self, index: int) -> str:
        return _LETTERS[self.text[index]]

    def __len__(self) -> int:
        return self.length


#: The characters of Western text (ASCII, Latin-1, Latin Extended-A and -B, general
#: punctuation, currency signs) that the fast path handles, and their class letters
#: (``~`` for one it does not handle). Committed rather than computed when the module
#: is read (which took uniseg's import and 650 look-ups); a test checks that it is
#: what :func:`fast_letters_from_properties` makes of the characters' properties.
_FAST_RANGES = {
    0x20: " JOUSRUOMHUSPFPTQQQQQQQQQQPPUUUJUUUUUUUUUUUUUUUUUUUUUUUUUUUMSHUUUUUUUUUUUUUUUUUUUUUUUUUUUUUMDGU",
    0xA0: "BMRSSSUUUUUOU~UURSUUEUUUUUUOUUUM" + "U" * 400,
    0x2000: "DDDDDDDBDDD~~~~~DBDDCUUUOOMOOOMOUUUUKKKD~~~~~~~BRRRRRRRRUOOULLUUUUUUPMGLLLUUUUUUUUUUUUDUDDDDUDDD"
            + "~" * 16,
    0x20A0: "SSSSSSSRSSSSSSSSSSSSSSRSSSSRSSRSR",
}


def fast_letters_from_properties() -> dict[int, str]:
    """:data:`_FAST_RANGES` as the characters' Unicode properties give it (by
    :func:`line_break_class` and :func:`char_width`, through uniseg)."""
    made = {}
    for start, letters in _FAST_RANGES.items():
        made[start] = "".join(_ClassLetters().__missing__(code) for code in range(start, start + len(letters)))
    return made


_LETTERS = {}
for _start, _letters in _FAST_RANGES.items():
    for _code, _letter in enumerate(_letters, _start):
        _CLASS_LETTERS[_code] = _letter
        if _letter != _COMPLEX:
            _LETTERS[chr(_code)] = _letter
#: A character the fast path of :data:`_LETTERS` does not know.
_NOT_FAST = re.compile("[^" + re.escape("".join(_LETTERS)) + "]")
#: Letters and digits (classes AL and NU): never a break between two of them.
_WORD_LETTERS = frozenset(chr(65 + AL) + chr(65 + NU))
_WORD_CHARS = frozenset(char for char, letter in _LETTERS.items() if letter in _WORD_LETTERS)


def _plain_width_breaks(classes, width: int, start_column: int, prohibited, text: str | None = None,
                        word: frozenset = _WORD_LETTERS) -> list[int]:
    """:func:`width_breaks` of text whose characters are one column wide and of
    classes the pair table alone decides (given as their class letters).

    Line by line: a line from ``start`` breaks before the last opportunity
    that leaves it within the width, or, if none, at the first one after
    (a longer word overflows): that is where the greedy fill over every
    opportunity breaks, found by looking at the end of each line only."""
    breaks = []
    start, column, end = 0, start_column, len(classes)
    chars = classes if text is None else text  # where letters and digits are told
    while True:
        limit = start + width - column  # the line may hold the text up to here
        if end <= limit:
            return breaks
        at = min(limit, end - 1)
        while at > start and ((chars[at] in word and chars[at - 1] in word) or at in prohibited
                              or not _is_opportunity(classes, at)):
            at -= 1
        if at <= start:  # no opportunity within the width: the first one after it
            at = max(limit, start) + 1
            while at < end and (at in prohibited or not _is_opportunity(classes, at)):
                at += 1
            if at >= end:
                return breaks
        breaks.append(at)
        start, column = at, 0


def width_breaks(text: str, width: int, start_column: int, prohibited: frozenset[int] | set[int] = frozenset()
                 ) -> list[int]:
    """The indexes before which GNU gettext breaks ``text`` to fit ``width``
    columns, the first line starting at ``start_column`` (a greedy fill over
    the break opportunities, as libunistring's ``u8_width_linebreaks``):
    ``prohibited`` holds indexes where no break may be."""
    if not _NOT_FAST.search(text):  # Western text: read its classes where lines end only
        return _plain_width_breaks(_Letters(text), width, start_column, prohibited, text, _WORD_CHARS)
    classes = text.translate(_CLASS_LETTERS)
    if _COMPLEX not in classes:  # one column a character, the table alone decides
        return _plain_width_breaks(classes, width, start_column, prohibited)
    possible = possible_breaks(text)
    breaks = []
    last_break = -1  # where the current piece starts, if it follows a break opportunity
    last_column = start_column
    piece = 0
    for index, char in enumerate(text):
        kind = PROHIBITED if index in prohibited else possible[index]
        if kind != PROHIBITED:
            if last_break >= 0 and last_column + piece > width:
                breaks.append(last_break)
                last_column = 0
        if kind == MANDATORY:
            last_break, last_column, piece = -1, 0, 0
        else:
            if kind == POSSIBLE:
                last_break = index
                last_column += piece
                piece = 0
            piece += char_width(char)
    if last_break >= 0 and last_column + piece > width:
        breaks.append(last_break)
    return breaks
