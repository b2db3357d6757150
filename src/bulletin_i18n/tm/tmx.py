"""Translation memory exchange (TMX 1.4) with CAT tools.

:func:`write_tmx` writes translations as one translation unit per distinct
(source, language, translation), the origin catalog as a ``x-origin`` prop
(:func:`write_units` writes units with any props: ``align`` adds ``x-review``
and ``x-align``). Placeholders become TMX inline elements, so a CAT tool
protects them:
``<1>…</1>`` -> ``<bpt i="1" type="link">&lt;1&gt;</bpt>…<ept i="1">&lt;/1&gt;</ept>``
and ``<2/>`` -> ``<ph x="2" type="image">&lt;2/&gt;</ph>``.

:func:`import_tmx` reads any TMX 1.4 file back as (language, source, target)
with placeholders in the ``<1>…</1>`` syntax; a unit whose ``x-review`` prop
is ``unreviewed`` is a pair nobody reviewed (a suggestion only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from lxml import etree

from .. import __version__
from .. import placeholders as ph
from ..errors import InputError
from ..fsutil import write_atomic
from ..languages import same_language
from ..model import Entry, Placeholder

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TAG_RE = re.compile(r"^<(\w+)")
#: A unit prop saying whether a person vouched for the pair: ``unreviewed`` pairs
#: (the aligned archive, ``bulletin-i18n align``) fill entries as fuzzy only.
REVIEW_PROP = "x-review"
UNREVIEWED = "unreviewed"
TRUSTED = "trusted"
#: HTML element -> TMX type of its inline element (others are ``x-<tag>``).
_TMX_TYPES = {
    "a": "link", "b": "bold", "strong": "bold", "i": "italic", "em": "italic",
    "u": "ulined", "img": "image", "br": "lb", "sup": "super", "sub": "sub",
}


# -- export -----------------------------------------------------------------------


@dataclass(frozen=True)
class TranslationUnit:
    """One translation unit to write: a source text and its translation."""

    lang: str  # the translation's language
    source: str
    target: str
    types: dict[int, str]  # TMX type of each placeholder (:func:`placeholder_types`)
    props: tuple[tuple[str, str], ...] = ()  # (type, text) of each ``<prop>``


def write_tmx(units: Iterable[tuple[str, Entry, str]], out_path: Path, srclang: str) -> int:
    """Write ``(language, entry, origin)`` units as TMX 1.4; returns how many units.

    One unit per distinct (language, source, translation); the origin (the
    catalog) is the unit's ``x-origin`` prop.
    """
    return write_units((TranslationUnit(lang, entry.msgid, entry.msgstr,
                                        placeholder_types(entry.notes.placeholders), (("x-origin", origin),))
                        for lang, entry, origin in units), out_path, srclang)


def write_units(units: Iterable[TranslationUnit], out_path: Path, srclang: str, *, o_tmf: str = "PO") -> int:
    """Write units as TMX 1.4, one per distinct (language, source, translation);
    returns how many. ``o_tmf`` names the format the texts come from."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "bulletin-i18n", "creationtoolversion": __version__,
        "segtype": "paragraph", "o-tmf": o_tmf, "adminlang": "en",
        "srclang": srclang, "datatype": "html",
    })
    body = etree.SubElement(root, "body")
    seen = set()
    segs = []
    for item in units:
        if (item.lang, item.source, item.target) in seen:
            continue
        if ph.CONTROLS.search(item.source) or ph.CONTROLS.search(item.target):
            continue  # XML cannot carry it (check reports the entry as a 'controls' error)
        seen.add((item.lang, item.source, item.target))
        unit = etree.SubElement(body, "tu")
        for kind, text in item.props:
            etree.SubElement(unit, "prop", type=kind).text = text
        for tuv_lang, text in ((srclang, item.source), (item.lang, item.target)):
            segs.append((etree.SubElement(unit, "tuv", {_XML_LANG: tuv_lang}), to_seg(text, item.types)))
    etree.indent(root, space=" ")  # before the segments: their white space is text
    for tuv, seg in segs:
        tuv.append(seg)
    write_atomic(Path(out_path), etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">'))
    return len(seen)


def placeholder_types(placeholders: Iterable[Placeholder]) -> dict[int, str]:
    """TMX type of each placeholder, from the element its description names."""
    types = {}
    for item in placeholders:
        match = _TAG_RE.match(item.description)
        if match:
            tag = match.group(1).lower()
            types[item.number] = _TMX_TYPES.get(tag, f"x-{tag}")
    return types


def to_seg(text: str, types: dict[int, str]) -> etree._Element:
    """A ``<seg>`` of a message, placeholders as ``bpt``/``ept``/``ph`` elements."""
    seg = etree.Element("seg")
    last = None
    pos = 0
    for token in ph.tokens(text):
        append_text(seg, last, text[pos:token.start])
        number = token.number
        if token.role == ph.SELF:
            last = etree.SubElement(seg, "ph", x=str(number))
        elif token.role == ph.CLOSE:
            last = etree.SubElement(seg, "ept", i=str(number))
        else:
            last = etree.SubElement(seg, "bpt", i=str(number), x=str(number))
        if token.role != ph.CLOSE and number in types:
            last.set("type", types[number])
        last.text = token.text
        pos = token.end
    append_text(seg, last, text[pos:])
    return seg


def append_text(parent: etree._Element, last: etree._Element | None, text: str) -> None:
    """Add text after the last inline element of ``parent`` (or as its text when none)."""
    if not text:
        return
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


# -- import -----------------------------------------------------------------------


def import_tmx(path: Path, *, with_review: bool = False) -> list[tuple]:
    """(language, source, target) of every translation unit of a TMX file.

    The source is the variant in the header's ``srclang`` (else the unit's
    first); inline elements become placeholders again. ``with_review`` adds a
    fourth item: False for a unit marked ``unreviewed`` (:data:`REVIEW_PROP`).
    """
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError) as exc:
        raise InputError(f"{path}: not a readable TMX file: {exc}", path=path) from exc
    root = tree.getroot()
    header = root.find("header")
    srclang = (header.get("srclang") if header is not None else None) or ""
    pairs = []
    for unit in root.iter("tu"):
        try:
            variants = [(_lang_of(tuv), from_seg(tuv.find("seg"))) for tuv in unit.findall("tuv")
                        if tuv.find("seg") is not None]
        except ValueError as exc:
            raise InputError(f"{path}:{unit.sourceline}: unusable translation unit: {exc}",
                             path=path, line=unit.sourceline) from exc
        if len(variants) < 2:
            continue
        source = next((v for v in variants if same_language(v[0], srclang)), variants[0])
        review = (unit.findtext(f"prop[@type='{REVIEW_PROP}']") != UNREVIEWED,) if with_review else ()
        pairs.extend((lang, source[1], text, *review) for lang, text in variants
                     if (lang, text) != source and text)
    return pairs


def _lang_of(tuv: etree._Element) -> str:
    return tuv.get(_XML_LANG) or tuv.get("lang") or ""


def from_seg(seg: etree._Element) -> str:
    """A message from a ``<seg>``: ``bpt``/``ept``/``ph``/``it`` as placeholders, ``hi``
    and ``sub`` as their text."""
    parts = [seg.text or ""]
    for child in seg:
        parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _inline(element: etree._Element) -> str:
    code = "".join(element.itertext())
    if ph.TOKEN_RE.fullmatch(code):
        return code  # our own export: the native code is the placeholder
    if element.tag == "bpt":
        return ph.open_tag(_number(element, "i"))
    if element.tag == "ept":
        return ph.close_tag(_number(element, "i"))
    if element.tag in ("ph", "it"):
        return ph.atomic_tag(_number(element, "x", "i"))
    return from_seg(element)  # hi, sub: their text


def _number(element: etree._Element, *names: str) -> int:
    """The number of an inline element, from the first of its attributes ``names``."""
    value = next((element.get(name) for name in names if element.get(name)), None)
    if value is None or not value.isdigit():
        raise ValueError(f"<{element.tag}> needs a numeric "
                         f"{' or '.join(names)} attribute, got {value!r}")
    return int(value)
