"""What makes a built page an edition of its language.

Every edition of a bulletin lives at ``output/<lang>/<name>.html``. Finishing a
page for ``lang`` (:func:`finish_edition`):

* sets ``<html lang>`` (and ``xml:lang`` when present);
* puts in ``<head>`` one ``<link rel="alternate" hreflang>`` per edition (the
  page's own included), replacing any the source had;
* points the language switch (an element of the body with ``hreflang``) to the
  other edition: in the source edition to the target one, in a target edition
  back to the source one, with ``hreflang``/``lang`` and the text
  ``switch_text`` of the source language;
* in a target edition only: rewrites link prefixes by ``url_map[lang]``, points
  relative asset links (``src``, ``srcset``, ``background``, ``poster``,
  ``<object data>``, stylesheet and icon ``<link href>``, CSS ``url()``) to the
  source edition's copy of the asset (see :func:`publish_assets`), writes the
  text of ``<time datetime>`` with Babel, and localises English month-year
  dates ("April 2015") left in the text;
* marks the block of each text segment with ``data-i18n-id``, an id derived
  from the segment's text and its rank among equal texts, so counterpart blocks
  of all editions carry the same id.

Links to editions are absolute (``base_url`` + ``/<lang>/<name>.html``) when
the project has a ``base_url``, else relative from one edition to the other.
Page-internal (``#...``) and absolute links are never touched, except by
``url_map``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import Callable, Iterable
from urllib.parse import unquote, urlsplit

from lxml import etree

from ..fsutil import under, write_atomic
from ..languages import month_names, month_year, primary_language
from ..model import Segment
from ..placeholders import ATOMIC
from .apply import Located

#: Attributes holding the URL of an asset, on any element but these.
_ASSET_ATTRIBUTES = ("src", "background", "poster")
_NOT_ASSET_ELEMENTS = frozenset({"iframe", "frame", "a", "area", "form"})
#: ``<link rel>`` values whose ``href`` is an asset (others are pages).
_ASSET_RELS = frozenset({"stylesheet", "icon", "apple-touch-icon", "preload", "manifest", "mask-icon"})
#: The elements :func:`_visit_assets` looks at: those with an attribute or a tag that may name an asset.
_ASSET_KEYS = frozenset({"src", "background", "poster", "srcset", "style"})
_ASSET_TAGS = frozenset({"object", "link", "style"})
_STYLE_ONLY = frozenset({"style"})
_SRCSET_URL = re.compile(r"((?:^|,)\s*)([^\s,]+)")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)""", re.I)
#: Attributes whose URL prefix ``url_map`` rewrites.
_MAPPED_ATTRIBUTES = ("href", "src", "action")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ].*)?$")

Rewrite = Callable[[str], str]


def finish_edition(root: etree._Element, *, settings, name: str, lang: str,
                   segments: Iterable[Segment] = (), located: Iterable[Located] = (),
                   asset_elements: list[etree._Element] | None = None, ids: list[str] | None = None) -> None:
    """Make a built page the ``lang`` edition of bulletin ``name``.

    ``segments`` are the page's segments in document order, ``located`` their
    places in ``root`` (translated in place for a target language).
    ``asset_elements``: the elements of ``root`` that may name an asset
    (:meth:`Assets.elements_in`), else the whole page is walked for them.
    ``ids``: the segments' :func:`segment_ids` (the same in every edition: made
    once per bulletin by the caller), else made here.
    """
    segments, located = list(segments), list(located)
    source_lang = settings.source_lang
    root.set("lang", lang)
    if root.get("xml:lang") is not None:
        root.set("xml:lang", lang)
    if lang != source_lang:
        map_urls(root, settings.url_map.get(lang, {}))
        rewrite_assets(root, lambda url: shared_asset_url(url, name, source_lang, lang), asset_elements)
        localise_times(root, lang)
        localise_segment_dates(segments, located, lang, source_lang)
    set_alternates(root, settings, name, lang)
    set_language_switch(root, settings, name, lang)
    if settings.segment_ids:
        mark_segments(segments, located, ids)


# -- links between editions --------------------------------------------------------


def edition_url(settings, name: str, lang: str, from_lang: str) -> str:
    """The URL of the ``lang`` edition of ``name`` as written in the ``from_lang`` one."""
    return _edition_url(settings.base_url, name, lang, from_lang)


@lru_cache(maxsize=4096)  # asked for by each edition's links and switch
def _edition_url(base_url: str | None, name: str, lang: str, from_lang: str) -> str:
    target = f"{lang}/{name}.html"
    if base_url:
        return f"{base_url.rstrip('/')}/{target}"
    return relative_link(target, posixpath.dirname(f"{from_lang}/{name}.html"))


def relative_link(target: str, start: str) -> str:
    """``posixpath.relpath(target, start)`` for two relative paths, by strings:
    ``relpath`` makes both absolute first, asking the system for the current
    folder each time (twice per link; a build makes thousands). Paths that
    climb above their start (``..``), absolute or empty ones go to ``relpath``."""
    if not target or not start or target[0] == "/" or start[0] == "/":
        return posixpath.relpath(target, start)
    to, origin = posixpath.normpath(target).split("/"), posixpath.normpath(start).split("/")
    if to[0] == ".." or origin[0] == "..":
        return posixpath.relpath(target, start)
    if to == ["."]:
        to = []
    if origin == ["."]:
        origin = []
    common = 0
    for one, other in zip(to, origin):
        if one != other:
            break
        common += 1
    return "/".join([".."] * (len(origin) - common) + to[common:]) or "."


def edition_langs(settings) -> list[str]:
    """The languages of a bulletin's editions: the source one first."""
    return [settings.source_lang] + [l for l in settings.target_langs if l != settings.source_lang]


def set_alternates(root: etree._Element, settings, name: str, lang: str) -> None:
    """One ``<link rel="alternate" hreflang>`` per edition in ``<head>``, and no other."""
    head = root.find("head")
    if head is None:
        return
    for link in head.findall("link"):
        if link.get("hreflang") is not None and "alternate" in (link.get("rel") or "").lower().split():
            if not (link.tail or "").strip():
                link.tail = None
            _remove_keeping_tail(link)
    indent = _child_indent(head)
    for other in edition_langs(settings):
        link = etree.SubElement(head, "link", rel="alternate", hreflang=other,
                                href=edition_url(settings, name, other, lang))
        link.tail = indent
    head[-1].tail = "\n"


def set_language_switch(root: etree._Element, settings, name: str, lang: str) -> None:
    """Point each language switch of the body to the edition of its language.

    In a target edition, the switch to that very language becomes the way back
    to the source edition, labelled ``switch_text[source_lang]``.
    """
    body = root.find("body")
    if body is None:
        return
    source_lang = settings.source_lang
    langs = edition_langs(settings)
    for switch in _SWITCHES(body):
        wanted = primary_language(switch.get("hreflang"))
        if wanted == lang and lang != source_lang:
            _turn_back(switch, settings.switch_text.get(source_lang), source_lang)
            wanted = source_lang
        if wanted in langs and switch.get("href") is not None:
            switch.set("href", edition_url(settings, name, wanted, lang))


_SWITCHES = etree.XPath(".//*[@hreflang]")  # compiled once, not per page


def _turn_back(switch: etree._Element, text: str | None, source_lang: str) -> None:
    switch.set("hreflang", source_lang)
    if switch.get("lang") is not None:
        switch.set("lang", source_lang)
    if switch.get("xml:lang") is not None:
        switch.set("xml:lang", source_lang)
    if text:
        for child in list(switch):
            _remove_keeping_tail(child)
        switch.text = text


def _remove_keeping_tail(element: etree._Element) -> None:
    """Remove an element; the text after it stays where it was."""
    parent, previous = element.getparent(), element.getprevious()
    tail = element.tail or ""
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _child_indent(parent: etree._Element) -> str:
    """The white space between a parent's children ("\\n" when there is none)."""
    text = parent.text or ""
    return text if text and not text.strip() else "\n"


# -- URLs of a target edition ------------------------------------------------------


def map_urls(root: etree._Element, mapping: dict[str, str]) -> None:
    """Rewrite the prefixes of ``href``/``src``/``action`` by ``mapping`` (longest first)."""
    if not mapping:
        return
    prefixes = sorted(mapping, key=len, reverse=True)
    for element in root.iter(etree.Element):
        for attribute in _MAPPED_ATTRIBUTES:
            value = element.get(attribute)
            if value is None:
                continue
            for prefix in prefixes:
                if value.startswith(prefix):
                    element.set(attribute, mapping[prefix] + value[len(prefix):])
                    break


def is_relative(url: str) -> bool:
    """A URL relative to the page's folder (not absolute, root-relative or internal)."""
    url = url.strip()
    if not url or url.startswith(("#", "/", "\\")):
        return False
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and bool(parts.path)


def rewrite_assets(root: etree._Element, rewrite: Rewrite,
                   elements: list[etree._Element] | None = None) -> None:
    """Apply ``rewrite`` to every relative asset URL of a page.

    Assets are what the page loads: ``src``/``background``/``poster``
    attributes (not of frames), ``srcset``, ``<object data>``, the ``href`` of
    stylesheet and icon links, and ``url()`` in styles. ``elements``: those
    of the page that may name one (any others are not looked at).
    """
    _visit_assets(root, lambda url, element: rewrite(url), elements)


def _may_hold_asset(element: etree._Element) -> bool:
    """Whether an element has a tag or an attribute that may name an asset
    (whatever the values: a translation or ``url_map`` may change them)."""
    return element.tag in _ASSET_TAGS or not _ASSET_KEYS.isdisjoint(element.keys())


def _is_candidate(node) -> bool:
    return node.tag.__class__ is str and _may_hold_asset(node)


def _visit_assets(root: etree._Element, visit: Callable[[str, etree._Element], str],
                  elements: Iterable[etree._Element] | None = None) -> None:
    """Call ``visit(url, element)`` on each relative asset URL, setting what it returns.
    ``elements``: the page's elements to look at (default all)."""
    def one(element: etree._Element) -> Rewrite:
        return lambda url: visit(url, element) if is_relative(url) else url

    def set_if_changed(element: etree._Element, attribute: str, value: str, new: str) -> None:
        if new != value:
            element.set(attribute, new)

    # the elements that may hold an asset (most hold none; a walk in Python over
    # their attribute names takes half the time of an XPath query for them)
    for element in root.iter(etree.Element) if elements is None else elements:
        tag = element.tag
        if tag not in _ASSET_TAGS:
            names = _ASSET_KEYS.intersection(element.keys())
            if not names or (names == _STYLE_ONLY and "url(" not in element.get("style").lower()):
                continue
        if tag not in _NOT_ASSET_ELEMENTS:
            for attribute in _ASSET_ATTRIBUTES:
                value = element.get(attribute)
                if value is not None:
                    set_if_changed(element, attribute, value, one(element)(value))
        value = element.get("srcset")
        if value:
            set_if_changed(element, "srcset", value, _rewrite_srcset(value, one(element)))
        value = element.get("data")
        if tag == "object" and value:
            set_if_changed(element, "data", value, one(element)(value))
        value = element.get("href")
        if tag == "link" and value and _ASSET_RELS & set((element.get("rel") or "").lower().split()):
            set_if_changed(element, "href", value, one(element)(value))
        value = element.get("style")
        if value and "url(" in value.lower():
            set_if_changed(element, "style", value, _rewrite_css(value, one(element)))
        if tag == "style" and element.text and "url(" in element.text.lower():
            element.text = _rewrite_css(element.text, one(element))


def _rewrite_srcset(value: str, one: Rewrite) -> str:
    return _SRCSET_URL.sub(lambda m: m.group(1) + one(m.group(2)), value)


def _rewrite_css(css: str, one: Rewrite) -> str:
    return _CSS_URL.sub(lambda m: f"url({m.group(1)}{one(m.group(2))}{m.group(1)})", css)


def shared_asset_url(url: str, name: str, source_lang: str, lang: str) -> str:
    """A relative asset URL of the source page, as the ``lang`` edition reaches the
    source edition's copy (``images/a.jpg`` -> ``../en/images/a.jpg``)."""
    parts = urlsplit(url)
    folder = posixpath.dirname(f"{source_lang}/{name}.html")
    target = posixpath.normpath(posixpath.join(folder, parts.path))
    path = relative_link(target, posixpath.dirname(f"{lang}/{name}.html"))
    if parts.path.endswith("/"):
        path += "/"
    return path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


@dataclass(frozen=True)
class MissingAsset:
    """An asset a page (or one of its style sheets) refers to that does not exist."""

    path: str  # the page or style sheet, relative to the project
    line: int
    url: str
    expected: str  # where the file should be, relative to the project

    @property
    def message(self) -> str:
        return f"asset {self.url} not found (no {self.expected})"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Assets:
    """The relative assets a page refers to: (source file, copy) of those that
    exist under ``source/``, and those that do not."""

    files: list[tuple[Path, Path]] = field(default_factory=list)
    missing: list[MissingAsset] = field(default_factory=list)
    #: Where the elements that may name an asset are in the page as read, as
    #: positions in ``root.iter()`` (as anchors are), and how many nodes it had:
    #: a copy of that page finds them again without a walk (see :meth:`elements_in`).
    positions: list[int] = field(default_factory=list)
    nodes: int | None = None

    def elements_in(self, nodes: list) -> list[etree._Element] | None:
        """The elements that may name an asset in a copy of the page as read,
        given its ``list(root.iter())``; None when ``nodes`` is not of such a copy."""
        if self.nodes is None or len(nodes) != self.nodes:
            return None
        found = [nodes[position] for position in self.positions]
        return found if all(_is_candidate(element) for element in found) else None


def page_assets(root: etree._Element, settings, name: str) -> Assets:
    """The assets of a page, and of the style sheets it links (their ``url()``s).

    The copy of an asset is the same path under the source edition's folder:
    the source edition keeps its links, the target editions link to it. An
    asset that does not exist is a warning naming the page (or style sheet)
    and line; remote URLs are not assets here.
    """
    assets = Assets()
    candidates = []
    for position, node in enumerate(root.iter()):  # (comments too: positions as locate counts them)
        if _is_candidate(node):
            assets.positions.append(position)
            candidates.append(node)
    assets.nodes = position + 1
    refs: list[tuple[str, int]] = []
    _visit_assets(root, lambda url, element: refs.append((url, element.sourceline or 0)) or url, candidates)
    if refs:  # (most pages of a long run link the same few pictures, or none)
        source = under(settings.source_folder, f"{name}.html")
        _collect(assets, set(), settings, source, refs, {})
    return assets


def _collect(assets: Assets, seen: set[str], settings, referrer: str,
             refs: Iterable[tuple[str, int]], folders: dict[str, str]) -> None:
    """Paths as strings (``Path.resolve`` of every asset of every page cost a
    ``stat`` of each folder up to the root, and pathlib's parsing): an asset that
    is a plain file (not a link) is its folder's real path and its name, the
    folders' real paths found once for the page (``folders``)."""
    source_dir = _real_folder(folders, settings.source_folder)
    inside = source_dir if source_dir.endswith("/") else source_dir + "/"
    from_folder = os.path.dirname(referrer)
    for url, line in refs:
        path = unquote(urlsplit(url).path)
        if not path or path.endswith("/"):
            continue
        asset = _plain_file(folders, from_folder, path)
        is_file = asset is not None
        if asset is None:  # missing, a link, a folder...: as pathlib resolves it
            resolved = (Path(referrer).parent / path).resolve()
            asset, is_file = str(resolved), resolved.is_file()
        if asset in seen:
            continue
        seen.add(asset)
        if not is_file:
            assets.missing.append(MissingAsset(settings.relative(referrer), line, url,
                                               settings.relative(asset)))
            continue
        if not asset.startswith(inside):
            continue  # outside the project's sources: left as it is
        copy = under(settings.output_folder, f"{settings.source_lang}/{asset[len(inside):]}")
        assets.files.append((Path(asset), Path(copy)))
        if asset[-4:].lower() == ".css" and Path(asset).suffix.lower() == ".css":
            _collect(assets, seen, settings, asset, _css_refs(asset), folders)


def _real_folder(folders: dict[str, str], folder: str) -> str:
    """``os.path.realpath`` of a folder, found once per page."""
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = os.path.realpath(folder)
    return real


def _plain_file(folders: dict[str, str], from_folder: str, path: str) -> str | None:
    """The real path of ``from_folder/path`` (as ``Path.resolve`` gives it) when it
    is a regular file and not a link; None otherwise (the caller resolves it)."""
    if path.startswith("/"):
        return None
    folder, base = os.path.split(os.path.join(from_folder, path))
    if not base or base in (".", ".."):
        return None
    try:
        if not S_ISREG(os.lstat(os.path.join(folder, base)).st_mode):
            return None
    except (OSError, ValueError):
        return None
    real = _real_folder(folders, folder)
    return real + base if real.endswith("/") else f"{real}/{base}"


def _css_refs(path: str) -> list[tuple[str, int]]:
    """The relative ``url()`` references of a style sheet, with their lines."""
    text = Path(path).read_bytes().decode("utf-8", errors="replace")
    return [(match.group(2), text.count("\n", 0, match.start()) + 1)
            for match in _CSS_URL.finditer(text) if is_relative(match.group(2))]


def publish_assets(assets: Assets) -> list[Path]:
    """Copy a page's assets next to the source edition; returns the copies written.

    A copy already identical to its source is left alone.
    """
    return [copy for asset, copy in assets.files
            if write_atomic(copy, asset.read_bytes(), durable=False)]


# -- dates -----------------------------------------------------------------------


def localise_times(root: etree._Element, lang: str) -> None:
    """Write the text of each ``<time datetime>`` (day or month precision) in ``lang``."""
    for time in root.iter("time"):
        text = format_datetime_attribute(time.get("datetime") or "", lang)
        if text is None:
            continue
        for child in list(time):
            _remove_keeping_tail(child)
        time.text = text


def format_datetime_attribute(value: str, lang: str) -> str | None:
    """``2015-04-16`` -> "16 de abril de 2015", ``2015-04`` -> "abril de 2015" (Babel, in
    ``lang``); None for anything else."""
    match = _DATETIME.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date = _dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        return None
    if day:
        from babel.dates import format_date  # read when a page holds a day's date

        return format_date(date, "long", locale=lang)
    return month_year(date.year, date.month, lang)


@lru_cache(maxsize=None)
def _months(source_lang: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """A pattern of "<month name> <year>" in ``source_lang``, and the month numbers."""
    names = month_names(source_lang)
    numbers = {names[number]: number for number in range(1, 13)}
    alternatives = "|".join(re.escape(name) for name in numbers)
    return re.compile(rf"\b({alternatives})\s+(\d{{4}})\b"), numbers


_YEAR = re.compile(r"\d{4}")


def localise_month_year(text: str, lang: str, source_lang: str = "en") -> str:
    """Month-year dates of the source language in ``text`` written in ``lang``
    ("April 2015" -> "abril de 2015")."""
    if not _YEAR.search(text):  # no date here (most texts): the pattern needs a year
        return text
    pattern, numbers = _months(source_lang)

    def local(match: re.Match) -> str:
        date = _dt.date(int(match.group(2)), numbers[match.group(1)], 1)
        return month_year(date.year, date.month, lang)

    return pattern.sub(local, text)


def localise_segment_dates(segments: Iterable[Segment], located: Iterable[Located], lang: str,
                           source_lang: str) -> None:
    """Localise month-year dates left in the text of text segments (untranslated
    ones, or translations that kept the source date); what the segment keeps as
    is (``translate="no"``, another language) stays."""
    for segment, place in zip(segments, located):
        if segment.attribute:
            continue
        kept = {id(place.nodes[p.number]) for p in segment.placeholders
                if p.kind == ATOMIC and place.nodes.get(p.number) is not None}
        slot = (place.parent, "text") if place.prev is None else (place.prev, "tail")
        _localise_slot(*slot, lang, source_lang)
        for item in place.items:
            _localise_inline(item, kept, lang, source_lang)


def _localise_inline(node, kept: set[int], lang: str, source_lang: str) -> None:
    """Localise the text in and after an inline node, except inside a kept one."""
    if isinstance(node.tag, str) and id(node) not in kept:
        _localise_slot(node, "text", lang, source_lang)
        for child in node:
            _localise_inline(child, kept, lang, source_lang)
    _localise_slot(node, "tail", lang, source_lang)


def _localise_slot(element: etree._Element, slot: str, lang: str, source_lang: str) -> None:
    text = getattr(element, slot)
    if text:
        setattr(element, slot, localise_month_year(text, lang, source_lang))


# -- alignment ---------------------------------------------------------------------


def segment_ids(segments: Iterable[Segment]) -> list[str]:
    """A stable id per segment: its text's digest, and its rank among equal texts.

    The same in every edition (they share the source texts and their order), and
    unchanged for a block when others are added or removed around it.
    """
    seen: Counter[str] = Counter()
    ids = []
    for segment in segments:
        seen[segment.msgid] += 1
        digest = _text_digest(segment.msgid)
        rank = seen[segment.msgid]
        ids.append(f"s-{digest}" if rank == 1 else f"s-{digest}-{rank}")
    return ids


@lru_cache(maxsize=4096)  # each edition of a bulletin asks for the same texts
def _text_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def mark_segments(segments: Iterable[Segment], located: Iterable[Located], ids: list[str] | None = None) -> None:
    """``data-i18n-id`` on the block of each text segment of the body (the first
    segment of a block names it). ``ids``: the segments' :func:`segment_ids`, if made."""
    segments = list(segments)
    for segment, place, ident in zip(segments, located, segment_ids(segments) if ids is None else ids):
        block = place.parent
        if segment.attribute or block is None or _in_head(block):
            continue
        if block.get("data-i18n-id") is None:
            block.set("data-i18n-id", ident)


def _in_head(element: etree._Element) -> bool:
    """Whether the element is ``<head>`` or inside it."""
    return element.tag == "head" or next(element.iterancestors("head"), None) is not None
