"""Reading HTML pages in any encoding and writing them back as UTF-8."""

from __future__ import annotations

import codecs
import os
import re
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .. import placeholders as ph
from ..errors import InputError
from ..fsutil import read_with_stat

#: What the prescan of a page's start sees (WHATWG HTML, "prescan a byte stream
#: to determine its encoding"): comments, tags with their attributes (up to their
#: ">", or to the end of what is scanned), other markup. Linear: nothing backtracks.
_PRESCAN = re.compile(rb"""
    <!--.*?(?:-->|\Z)
  | <(?P<name>[A-Za-z][^\s/>]*)(?P<attributes>(?:[^>"']|"[^"]*(?:"|\Z)|'[^']*(?:'|\Z))*+)
  | <[!/?][^>]*
""", re.DOTALL | re.VERBOSE)
_ATTRIBUTE = re.compile(rb"""([^\s/>=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_CONTENT_CHARSET = re.compile(rb"""charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))""", re.IGNORECASE)
#: How far the prescan looks.
_PRESCAN_BYTES = 4096
#: Python's codecs of the encodings a browser knows (WHATWG Encoding).
_WEB_ENCODINGS = frozenset(
    "utf-8 cp866 iso8859-2 iso8859-3 iso8859-4 iso8859-5 iso8859-6 iso8859-7 iso8859-8 iso8859-10 "
    "iso8859-13 iso8859-14 iso8859-15 iso8859-16 koi8-r koi8-u mac-roman cp874 cp1250 cp1251 cp1252 "
    "cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 gbk gb18030 big5hkscs euc_jp iso2022_jp cp932 cp949".split()
)
#: The codec a browser uses for a label that Python reads otherwise. A <meta>
#: declaring UTF-16 was found as ASCII bytes, so the page is not UTF-16 (which
#: starts with its byte-order mark): browsers read it as UTF-8.
_AS_BROWSERS_READ = {
    "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
    "tis-620": "cp874", "gb2312": "gbk", "big5": "big5hkscs", "shift_jis": "cp932", "euc_kr": "cp949",
    "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8",
}


#: Elements whose content a browser reads as raw text, up to their end tag (to
#: the end of the page for plaintext): no markup and no character reference
#: inside. libxml2 reads them so (their content is one text node, as written),
#: but escapes that text when it writes a page (``&`` -> ``&amp;``) except in
#: script and style: :func:`serialize` writes it back as it was read.
RAW_TEXT = frozenset("script style xmp iframe noembed noframes plaintext".split())

#: The largest page read, in bytes: past it a page is refused (README, "Limits").
#: Extraction and build take time and memory in proportion to a page's size:
#: at this size, up to a minute and 1.5 GB for the costliest shapes.
MAX_PAGE_BYTES = 5_000_000
#: The deepest nesting of elements read (``<html>`` is level 1): past it a page
#: is refused (README, "Limits"). Extraction and build recurse once or twice
#: per level, within Python's default limit of 1,000 frames; libxml2 itself
#: stops at 2,048 levels (with ``huge_tree``; at 256 without).
MAX_DEPTH = 400
#: The first element (in document order) with MAX_DEPTH elements above it: a path
#: of MAX_DEPTH + 1 steps, which libxml2 follows in half the time it took to count
#: the ancestors of every element (the first one deeper still is below it).
_TOO_DEEP = etree.XPath("(" + "/*" * (MAX_DEPTH + 1) + ")[1]")

#: Every byte but the C0 controls that :data:`.placeholders.CONTROLS` names.
_NOT_C0_CONTROLS = bytes(byte for byte in range(256) if byte not in {*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)})
#: Controls that stand for white space become a space; the others are dropped.
_AS_SPACE = {"\x0b": " ", "\x0c": " "}


@dataclass
class Page:
    """A parsed source page and what is needed to write it back."""

    path: Path
    root: etree._Element
    doctype: str
    encoding: str
    #: What reading changed, for the person who owns the page: (line, message).
    warnings: list[tuple[int, str]] = field(default_factory=list)


def detect_encoding(data: bytes) -> str:
    """The encoding of an HTML page, as a browser finds it: a byte-order mark, then
    the first ``<meta>`` that declares an encoding a browser knows, then UTF-8
    if the page is valid UTF-8, else windows-1252."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return name
    for markup in _PRESCAN.finditer(data[:_PRESCAN_BYTES]):
        if (markup.group("name") or b"").lower() == b"meta":
            encoding = _web_encoding(_declared_label(markup.group("attributes")))
            if encoding:
                return encoding
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _declared_label(attributes: bytes) -> bytes | None:
    """The encoding label a ``<meta>`` declares: its ``charset`` attribute, or the
    charset in its ``content`` when it has ``http-equiv="content-type"`` (of
    attributes named twice, the first counts)."""
    values: dict[bytes, bytes] = {}
    for match in _ATTRIBUTE.finditer(attributes):
        value = next((v for v in match.group(2, 3, 4) if v is not None), b"")
        values.setdefault(match.group(1).lower(), value)
    if b"charset" in values:
        return values[b"charset"]
    if values.get(b"http-equiv", b"").lower() == b"content-type":
        found = _CONTENT_CHARSET.search(values.get(b"content", b""))
        if found:
            return next(v for v in found.groups() if v is not None)
    return None


def _web_encoding(label: bytes | None) -> str | None:
    """Python's codec for an encoding label as a browser reads it; None when
    the label names no encoding a browser knows (a browser ignores it)."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.decode("ascii").strip()).name
    except (LookupError, UnicodeDecodeError, ValueError):
        return None
    name = _AS_BROWSERS_READ.get(name, name)
    return name if name in _WEB_ENCODINGS else None


def read_page(path: Path) -> Page:
    """Read and parse one page; an unreadable, undecodable or too large file is an InputError."""
    return parse_page(read_page_file(path)[0], path)


def read_page_file(path: Path) -> tuple[bytes, os.stat_result]:
    """A page's bytes (what :func:`read_page` parses) and the file's stat as it
    was read; an unreadable or too large file is an InputError."""
    path = Path(path)
    try:  # a larger file is not even read
        return read_with_stat(path, lambda size: _check_size(size, path))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}", path=path) from exc


def _check_size(size: int, path: Path | str) -> None:
    if size > MAX_PAGE_BYTES:
        raise InputError(f"{path}:1: {size:,} bytes ({size / 1e6:.1f} MB), more than the {MAX_PAGE_BYTES:,} "
                         "a page may have: refused", path=path, line=1)


def parse_page(data: bytes, path: Path | str = "<page>") -> Page:
    """Parse a page's bytes; a page that cannot be read whole is an InputError."""
    _check_size(len(data), path)
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: not valid {encoding} (byte {data[exc.start]:#04x})", path=path, line=line
        ) from exc
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError(f"{path}:1: empty page", path=path, line=1)
    warnings = []
    encoded = text.encode("utf-8")
    # (the bytes tell at once whether there is any: a C0 control is its own byte in
    # UTF-8, U+FFFE and U+FFFF are EF BF BE and EF BF BF)
    found = ph.CONTROLS.search(text) if encoded.translate(None, _NOT_C0_CONTROLS) or \
        b"\xef\xbf\xbe" in encoded or b"\xef\xbf\xbf" in encoded else None
    if found:
        line = text.count("\n", 0, found.start()) + 1
        count = len(ph.CONTROLS.findall(text))
        warnings.append((line, f"{count} control character{'s' * (count != 1)} (first U+{ord(found.group()):04X}) "
                               "that a page cannot carry: vertical tabs and form feeds read as spaces, "
                               "the others dropped"))
        text = ph.CONTROLS.sub(lambda m: _AS_SPACE.get(m.group(), ""), text)
        encoded = text.encode("utf-8")
    # plain lxml elements (not lxml.html's classes): the walk creates many of them
    # huge_tree: libxml2's limits for any page (256 levels, 10 MB of text in a
    # node) are far above real pages but below what a page may be here
    parser = etree.HTMLParser(encoding="utf-8", remove_blank_text=False, remove_comments=False,
                              remove_pis=False, default_doctype=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(encoded, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"{path}:1: cannot parse HTML: {exc}", path=path, line=1) from exc
    if root is None:
        raise InputError(f"{path}:1: no HTML document", path=path, line=1)
    _check_whole(root, parser, path)
    docinfo = root.getroottree().docinfo
    return Page(Path(path), root, docinfo.doctype or "", encoding, warnings)


def _check_whole(root: etree._Element, parser: etree.HTMLParser, path: Path | str) -> None:
    """A page nested deeper than MAX_DEPTH, or that libxml2 stopped reading, is
    refused: libxml2 keeps what it read before it stopped, and the tool never
    builds a page without its end.

    Depth comes first: libxml2 stops at its own depth limit, deeper than ours.
    """
    deep = _TOO_DEEP(root)
    if deep:
        line = deep[0].sourceline or 1
        raise InputError(f"{path}:{line}: elements nested deeper than {MAX_DEPTH} levels: refused, "
                         "rather than built without what lies deeper", path=path, line=line)
    stopped = next((error for error in parser.error_log if error.level == etree.ErrorLevels.FATAL), None)
    if stopped is not None:
        line = stopped.line or 1
        raise InputError(f"{path}:{line}: the HTML parser stopped here ({stopped.message}): refused, "
                         "rather than built without the rest", path=path, line=line)


def set_charset_utf8(root: etree._Element) -> None:
    """Declare UTF-8 in the page, replacing any other charset declaration."""
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    declared = False
    for meta in head.iter("meta"):
        if meta.get("charset") is not None:
            if meta.get("charset").strip().lower() not in ("utf-8", "utf8"):
                meta.set("charset", "utf-8")
            declared = True
        elif (meta.get("http-equiv") or "").lower() == "content-type":
            if not re.search(r"charset\s*=\s*utf-?8\s*$", meta.get("content") or "", re.I):
                meta.set("content", "text/html; charset=utf-8")
            declared = True
    if not declared:
        meta = etree.Element("meta", charset="utf-8")
        meta.tail = head.text
        head.insert(0, meta)


def serialize(page: Page, root: etree._Element | None = None) -> bytes:
    """The page as UTF-8 HTML with its doctype, declaring UTF-8."""
    root = page.root if root is None else root
    set_charset_utf8(root)
    body = _tostring(root)
    prefix = (page.doctype + "\n").encode("utf-8") if page.doctype else b""
    return prefix + body + b"\n"


def _tostring(root: etree._Element) -> bytes:
    """lxml's HTML serialisation, with what libxml2 writes wrong written as a browser reads it.

    * The text of raw-text elements is written as it was read (libxml2 escapes it).
    * An attribute value holding ``<`` or ``>`` is written with them escaped, as
      browsers serialise since 2025 (whatwg/html#6362): libxml2 writes a
      ``<!--...-->`` span of a value as it is (a hack for server-side includes),
      and inside a <noscript>, which a browser running scripts reads as raw text,
      a value holding ``<!--</noscript>...-->`` would end it there.

    Each of those is written as a marker (a random nonce, which nothing in the
    page can foresee, and its number), then the markers are replaced.
    """
    held: list[tuple[etree._Element, str | None, str]] = []  # (element, attribute or None: text, value)
    for element in root.iter(*RAW_TEXT):
        if element.text:
            held.append((element, None, element.text))
    for element in root.iter(etree.Element):  # a walk: an XPath query for them took twice as long
        for name, value in element.items():
            if "<" in value or ">" in value:
                held.append((element, name, value))
    if not held:
        return etree.tostring(root, method="html", encoding="utf-8")
    nonce = _nonce()
    for number, (element, attribute, _) in enumerate(held):
        _put(element, attribute, f"{nonce}{number}-")
    try:
        out = etree.tostring(root, method="html", encoding="utf-8")
    finally:
        for element, attribute, value in held:
            _put(element, attribute, value)
    written = [(value if attribute is None else _escape_attribute(value)).encode("utf-8")
               for _, attribute, value in held]
    first, *marked = out.split(nonce.encode("ascii"))
    parts = [first]
    for piece in marked:  # b"<number>-<what follows the marker>"
        number, _, after = piece.partition(b"-")
        parts += [written[int(number)], after]
    return b"".join(parts)


@lru_cache(maxsize=1)
def _nonce() -> str:
    """The markers' nonce: random, drawn once a process (a page read cannot
    foresee it; a draw per page was a system call per page)."""
    return uuid.uuid4().hex


def _put(element: etree._Element, attribute: str | None, value: str) -> None:
    if attribute is None:
        element.text = value
    else:
        element.set(attribute, value)


def _escape_attribute(value: str) -> str:
    """A value as written between double quotes, ``<`` and ``>`` escaped too."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
