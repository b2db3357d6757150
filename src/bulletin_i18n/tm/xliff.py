"""XLIFF 1.2 and 2.0 for CAT tools (Trados, memoQ, OmegaT…): a catalog's messages out and back.

:func:`write_xliff` writes one :class:`XliffDocument` (a catalog: its units,
each a message with its state, notes and context) as XLIFF 1.2 or 2.0;
:func:`read_xliff` reads either version back. Nothing here knows PO files or
a project: :mod:`..project.xliff` makes the documents from catalogs and
writes the translations back.

Placeholders are inline codes that a CAT tool protects, carrying what they
stand for (the description the extractor gives translators)::

    1.2  <1>red</1>  ->  <bpt id="1" ctype="link">&lt;a href="…"&gt;</bpt>red<ept id="1">&lt;/a&gt;</ept>
         <2/>        ->  <ph id="2" ctype="image">&lt;img src="…"&gt;</ph>
    2.0  <1>red</1>  ->  <pc id="1" type="link" dispStart="&lt;a href=…&gt;" dispEnd="&lt;/a&gt;">red</pc>
         <2/>        ->  <ph id="2" type="image" disp="&lt;img src=…&gt;"/>

States: untranslated -> ``new`` (1.2) / ``initial`` (2.0); fuzzy ->
``needs-review-translation`` / ``translated``; reviewed -> ``final`` with
``approved="yes"`` / ``final``. Reading takes ``final``, ``signed-off`` and
``approved="yes"`` (1.2), ``reviewed`` and ``final`` (2.0) as reviewed, any
other state of a non-empty target as fuzzy. ``<g>``, ``<x/>``, ``<bx/>`` and
``<ex/>`` (1.2) and ``<sc/>``/``<ec/>`` (2.0), which other tools write, are
read as placeholders too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from lxml import etree

from .. import __version__
from .. import placeholders as ph
from ..errors import InputError
from ..model import State
from .tmx import append_text

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"
#: This tool's extension attribute (allowed on units by both versions): the hash of the
#: translation the unit was exported with, so that an import sees what changed since.
NS_TOOL = "urn:bulletin-i18n:xliff"
_BASE = f"{{{NS_TOOL}}}base"
VERSIONS = ("1.2", "2.0")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TAG = re.compile(r"^<(\w+)")
#: HTML element -> XLIFF 1.2 ``ctype`` of a paired code (``bpt``) and of an atomic one
#: (``ph``), from the values 1.2 defines for each (others: ``x-<element>``); XLIFF 2.0 ``type``.
_CTYPES_PAIRED = {"a": "link", "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underlined"}
_CTYPES_ATOMIC = {"img": "image", "br": "lb"}
_TYPES_20 = {"a": "link", "img": "image"}

#: Export states, by version.
_STATES = {
    "1.2": {State.UNTRANSLATED: "new", State.FUZZY: "needs-review-translation", State.TRANSLATED: "final"},
    "2.0": {State.UNTRANSLATED: "initial", State.FUZZY: "translated", State.TRANSLATED: "final"},
}
_REVIEWED = {"1.2": {"final", "signed-off"}, "2.0": {"reviewed", "final"}}


@dataclass(frozen=True)
class XliffUnit:
    """One message: its id, texts (placeholders in the ``<1>…</1>`` syntax) and state."""

    id: str
    source: str
    target: str = ""
    state: State = State.UNTRANSLATED
    notes: tuple[str, ...] = ()
    context: str | None = None  # msgctxt
    placeholders: dict[int, str] = field(default_factory=dict)  # number -> what it stands for
    line: int | None = None  # when read: the line of the unit's target (else of the unit)
    base: str | None = None  # the hash of the translation when exported (this tool's exports)


@dataclass
class XliffDocument:
    """One catalog as a file of units: ``original`` names the catalog."""

    original: str
    source_lang: str
    target_lang: str
    units: list[XliffUnit] = field(default_factory=list)


def unit_id(msgctxt: str | None, msgid: str) -> str:
    """A unit's id: stable for a message (context and text), unique in a catalog."""
    key = msgid if msgctxt is None else f"{msgctxt}\x04{msgid}"
    return "m" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# -- writing ------------------------------------------------------------------------


def write_xliff(document: XliffDocument, version: str = "2.0") -> bytes:
    """A document as XLIFF ``version`` (1.2 or 2.0), UTF-8 with a declaration."""
    if version not in VERSIONS:
        raise ValueError(f"XLIFF version {version!r}: 1.2 or 2.0")
    fills: list = []  # (element, text, inline writer): filled after indenting, their white space is text
    root = _write_12(document, fills) if version == "1.2" else _write_20(document, fills)
    etree.indent(root, space=" ")
    for element, text, writer, descriptions in fills:
        writer(element, text, descriptions)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False) + b"\n"


def _write_12(document: XliffDocument, fills: list) -> etree._Element:
    root = etree.Element(f"{{{NS_12}}}xliff", nsmap={None: NS_12, "bi": NS_TOOL}, version="1.2")
    file = _sub(root, NS_12, "file", {"original": document.original, "source-language": document.source_lang,
                                      "target-language": document.target_lang, "datatype": "po",
                                      "tool-id": "bulletin-i18n"})
    header = _sub(file, NS_12, "header")
    _sub(header, NS_12, "tool", {"tool-id": "bulletin-i18n", "tool-name": "bulletin-i18n",
                                 "tool-version": __version__})
    body = _sub(file, NS_12, "body")
    for unit in document.units:
        attributes = {"id": unit.id, _XML_SPACE: "preserve"}
        if unit.state is State.TRANSLATED:
            attributes["approved"] = "yes"
        if unit.base is not None:
            attributes[_BASE] = unit.base
        element = _sub(body, NS_12, "trans-unit", attributes)
        fills.append((_sub(element, NS_12, "source"), unit.source, _inline_12, unit.placeholders))
        target = _sub(element, NS_12, "target", {"state": _STATES["1.2"][unit.state]})
        fills.append((target, unit.target, _inline_12, unit.placeholders))
        if unit.context is not None:
            group = _sub(element, NS_12, "context-group", {"name": "po-entry", "purpose": "information"})
            _sub(group, NS_12, "context", {"context-type": "x-po-msgctxt"}).text = unit.context
        for note in unit.notes:
            _sub(element, NS_12, "note", {"from": "bulletin-i18n"}).text = note
    return root


def _write_20(document: XliffDocument, fills: list) -> etree._Element:
    root = etree.Element(f"{{{NS_20}}}xliff", nsmap={None: NS_20, "bi": NS_TOOL}, version="2.0",
                         srcLang=document.source_lang, trgLang=document.target_lang)
    file = _sub(root, NS_20, "file", {"id": "f1", "original": document.original})
    for unit in document.units:
        element = _sub(file, NS_20, "unit", {"id": unit.id, **({_BASE: unit.base} if unit.base is not None else {})})
        notes = [("context", unit.context)] if unit.context is not None else []
        notes += [(None, note) for note in unit.notes]
        if notes:
            holder = _sub(element, NS_20, "notes")
            for category, text in notes:
                _sub(holder, NS_20, "note", {"category": category} if category else {}).text = text
        segment = _sub(element, NS_20, "segment", {"state": _STATES["2.0"][unit.state]})
        fills.append((_sub(segment, NS_20, "source", {_XML_SPACE: "preserve"}), unit.source, _inline_20,
                      unit.placeholders))
        if unit.target:
            fills.append((_sub(segment, NS_20, "target", {_XML_SPACE: "preserve"}), unit.target, _inline_20,
                          unit.placeholders))
    return root


def _sub(parent: etree._Element, ns: str, tag: str, attributes: dict | None = None) -> etree._Element:
    return etree.SubElement(parent, f"{{{ns}}}{tag}", attributes or {})


def _closing(description: str) -> str:
    match = _TAG.match(description)
    return f"</{match.group(1)}>" if match else ""


def _element_name(description: str) -> str:
    match = _TAG.match(description)
    return match.group(1).lower() if match else ""


def _inline_12(parent: etree._Element, text: str, descriptions: dict[int, str]) -> etree._Element:
    """``parent`` holding ``text``, placeholders as ``bpt``/``ept``/``ph``."""
    last, pos = None, 0
    for token in ph.tokens(text):
        append_text(parent, last, text[pos:token.start])
        description = descriptions.get(token.number, "")
        attributes = {"id": str(token.number)}
        name = _element_name(description)
        table = _CTYPES_ATOMIC if token.role == ph.SELF else _CTYPES_PAIRED
        ctype = table.get(name) or (f"x-{name}" if name else None)
        if token.role == ph.SELF:
            last = _sub(parent, NS_12, "ph", {**attributes, **({"ctype": ctype} if ctype else {})})
            last.text = description or token.text
        elif token.role == ph.OPEN:
            last = _sub(parent, NS_12, "bpt", {**attributes, **({"ctype": ctype} if ctype else {})})
            last.text = description or token.text
        else:
            last = _sub(parent, NS_12, "ept", attributes)
            last.text = _closing(description) or token.text
        pos = token.end
    append_text(parent, last, text[pos:])
    return parent


def _inline_20(parent: etree._Element, text: str, descriptions: dict[int, str]) -> etree._Element:
    """``parent`` holding ``text``, placeholders as ``pc`` and ``ph`` (the text must be
    well nested; one that is not is written as plain text)."""
    try:
        items = ph.parse(text)
    except ph.PlaceholderError:
        parent.text = text
        return parent
    _fill_20(parent, items, descriptions)
    return parent


def _fill_20(parent: etree._Element, items: list, descriptions: dict[int, str]) -> None:
    last = None
    for item in items:
        if isinstance(item, str):
            append_text(parent, last, item)
            continue
        description = descriptions.get(item.number, "")
        kind = _TYPES_20.get(_element_name(description), "fmt")
        if item.kind == ph.ATOMIC:
            attributes = {"id": str(item.number), "type": kind}
            if description:
                attributes["disp"] = description
            last = _sub(parent, NS_20, "ph", attributes)
        else:
            attributes = {"id": str(item.number), "type": kind}
            if description:
                attributes["dispStart"] = description
                if _closing(description):
                    attributes["dispEnd"] = _closing(description)
            last = _sub(parent, NS_20, "pc", attributes)
            _fill_20(last, item.children, descriptions)


# -- reading ------------------------------------------------------------------------


def read_xliff(data: bytes, path: str = "<xliff>") -> list[XliffDocument]:
    """Every file of an XLIFF 1.2 or 2.0 document, its units' texts with
    placeholders in the ``<1>…</1>`` syntax; an unusable document or unit is an
    :class:`InputError` naming its line."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        raise InputError(f"{path}:{line or 1}: not well-formed XML: {exc.msg}", path=path, line=line) from exc
    namespace = etree.QName(root).namespace
    if etree.QName(root).localname != "xliff" or root.get("version") not in VERSIONS:
        raise InputError(f"{path}:{root.sourceline}: not an XLIFF 1.2 or 2.0 document", path=path,
                         line=root.sourceline)
    version = root.get("version")
    documents = []
    for file in root.iter(f"{{{namespace}}}file"):
        if version == "1.2":
            documents.append(XliffDocument(file.get("original", ""), file.get("source-language", ""),
                                           file.get("target-language", ""),
                                           [_read_unit_12(u, path) for u in file.iter(f"{{{NS_12}}}trans-unit")]))
        else:
            documents.append(XliffDocument(file.get("original", ""), root.get("srcLang", ""),
                                           root.get("trgLang", ""),
                                           [_read_unit_20(u, path) for u in file.iter(f"{{{NS_20}}}unit")]))
    return documents


def _read_unit_12(unit: etree._Element, path: str) -> XliffUnit:
    source = unit.find(f"{{{NS_12}}}source")
    target = unit.find(f"{{{NS_12}}}target")
    text = _text_of(target, path) if target is not None else ""
    state = State.UNTRANSLATED
    if text:
        reviewed = unit.get("approved") == "yes" or (target.get("state") in _REVIEWED["1.2"])
        state = State.TRANSLATED if reviewed else State.FUZZY
    context = unit.findtext(f"{{{NS_12}}}context-group/{{{NS_12}}}context[@context-type='x-po-msgctxt']")
    return XliffUnit(unit.get("id", ""), _text_of(source, path) if source is not None else "", text, state,
                     context=context, line=(target if target is not None else unit).sourceline,
                     base=unit.get(_BASE))


def _read_unit_20(unit: etree._Element, path: str) -> XliffUnit:
    segments = unit.findall(f"{{{NS_20}}}segment")
    if len(segments) != 1:
        raise InputError(f"{path}:{unit.sourceline}: unit {unit.get('id')!r} has {len(segments)} segments; "
                         "a unit split or joined in a CAT tool cannot go back to its message",
                         path=path, line=unit.sourceline)
    segment = segments[0]
    source = segment.find(f"{{{NS_20}}}source")
    target = segment.find(f"{{{NS_20}}}target")
    text = _text_of(target, path) if target is not None else ""
    state = State.UNTRANSLATED
    if text:
        state = State.TRANSLATED if segment.get("state") in _REVIEWED["2.0"] else State.FUZZY
    context = unit.findtext(f"{{{NS_20}}}notes/{{{NS_20}}}note[@category='context']")
    return XliffUnit(unit.get("id", ""), _text_of(source, path) if source is not None else "", text, state,
                     context=context, line=(target if target is not None else unit).sourceline,
                     base=unit.get(_BASE))


def _text_of(element: etree._Element, path: str) -> str:
    """The text of a source or target, inline codes as placeholders."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            parts.append(child.tail or "")
            continue
        name = etree.QName(child).localname
        number = child.get("id") or child.get("rid") or ""
        if name in ("mrk", "sub", "it"):  # annotations: their text
            parts.append(_text_of(child, path))
        elif not number.isdigit():
            raise InputError(f"{path}:{child.sourceline}: <{name}> with id {number!r}: inline codes of this "
                             "tool's exports have the placeholder's number as id", path=path,
                             line=child.sourceline)
        elif name in ("bpt", "bx", "sc"):
            parts.append(ph.open_tag(int(number)))
        elif name in ("ept", "ex", "ec"):
            parts.append(ph.close_tag(int(number if name != "ec" else child.get("startRef") or number)))
        elif name in ("ph", "x"):
            parts.append(ph.atomic_tag(int(number)))
        elif name in ("g", "pc"):
            parts.append(ph.open_tag(int(number)) + _text_of(child, path) + ph.close_tag(int(number)))
        else:
            raise InputError(f"{path}:{child.sourceline}: unknown inline element <{name}>", path=path,
                             line=child.sourceline)
        parts.append(child.tail or "")
    return "".join(parts)
