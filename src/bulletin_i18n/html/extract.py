"""HTML page -> translatable segments.

A *segment* is one message for translators:

* the flowing text of a block (``p``, ``li``, ``h1``-``h6``, ``td``, ``title``,
  text directly in ``body``/``div``/``td``…): a run of text and inline
  elements between two block children of one element, with its inline markup as
  placeholders (see :mod:`bulletin_i18n.placeholders`);
* a translatable attribute: ``alt``, ``title``, ``placeholder``, ``aria-label``,
  the ``value`` of submit/button inputs, and the ``content`` of the meta
  description, keywords, ``og:title``/``og:description`` and Twitter cards.

Never extracted: ``script``/``style``/``template`` content, the raw text of
``xmp``, ``iframe``, ``noembed``, ``noframes`` and ``plaintext`` (kept as the
source has it, like scripts: see :data:`.page.RAW_TEXT`), comments (Outlook
conditional comments included), subtrees under ``translate="no"`` (with HTML5
inheritance: ``translate="yes"`` re-enables) or ``class="notranslate"``, text
marked as another language (``lang="es"``), and segments without a letter.
ITS 2.0 global rules (:mod:`.its`) decide for the elements and attributes they
select; the walk consults their decisions where it reads ``translate``.

:func:`extract` gives the plain :class:`~bulletin_i18n.model.Segment` of each
message and, beside it, an :class:`Anchor`: where the message sits in the
parsed tree, as positions in document order (plain numbers, valid on any copy
of the same tree), so that :mod:`.apply` can put a translation back in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .. import placeholders as ph
from ..languages import primary_language
from ..model import Placeholder, Segment
from .page import RAW_TEXT

#: Inline elements that become paired placeholders.
INLINE = frozenset(
    "a abbr acronym b bdi bdo big cite code data del dfn em font i ins kbd mark nobr q s "
    "samp small span strike strong sub sup time tt u var".split()
)
#: Elements a translator only places (their content is never translated in place).
ATOMIC = frozenset(
    "img br wbr input iframe embed object video audio canvas svg math picture script "
    "style template noscript textarea meter progress area map".split()
)
#: Elements whose content is never text to translate: raw text (which a browser
#: shows as written, if at all), form fields, templates, foreign and embedded content.
SKIP_CONTENT = RAW_TEXT | frozenset("template textarea svg math object".split())

#: Merge tags of e-mail platforms: Mailchimp *|X|*, Handlebars/Jinja {{x}} {% x %},
#: and %%x%% (Salesforce); plus text that would read as a placeholder.
LITERAL_RE = re.compile(r"\*\|.*?\|\*|\{\{.*?\}\}|\{%.*?%\}|%%[^%\s]+%%|" + ph.TOKEN_RE.pattern, re.S)
_WS = " \t\n\r\f"
_WS_RE = re.compile(r"[ \t\n\r\f]+")
_EDGE_WS = _WS + "\u00a0"

_META_CONTENT = frozenset(
    "description keywords og:title og:description og:site_name twitter:title "
    "twitter:description".split()
)
_BUTTON_TYPES = frozenset({"submit", "button", "reset"})
#: Elements whose white space is part of the text (kept as is in messages).
_PREFORMATTED = frozenset({"pre", "listing"})


@dataclass(frozen=True)
class Anchor:
    """Where a segment sits in its page, by the position of each node in
    document order (``root.iter()``)."""

    parent: int | None = None  # text: the element holding it
    prev: int | None = None  # text: the node it follows (None: the parent's text)
    items: tuple[int, ...] = ()  # text: its top-level inline nodes
    #: White space around the text (of a block, or of an attribute's value), kept at build.
    prefix: str = ""
    suffix: str = ""
    element: int | None = None  # attribute: the element carrying it
    #: The node each placeholder stands for, by placeholder number - 1 (None: a literal).
    nodes: tuple[int | None, ...] = ()


@dataclass
class Extraction:
    """A page's segments in document order, and the anchor of each."""

    segments: list[Segment] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)


def extract(root: etree._Element, source_lang: str = "en", rules=None) -> Extraction:
    """The segments of a parsed page, in document order, with their anchors.
    ``rules``: what ITS global rules decided for the page (:func:`.its.decide`)."""
    walker = _Walker(primary_language(source_lang), rules or None)
    walker.has_preformatted = next(root.iter(*_PREFORMATTED), None) is not None
    walker.container(root, (True, True))
    position = {node: index for index, node in enumerate(root.iter())}
    extraction = Extraction()
    for found in walker.found:
        extraction.segments.append(found.segment)
        extraction.anchors.append(found.anchor(position))
    return extraction


def extract_segments(root: etree._Element, source_lang: str = "en", rules=None) -> list[Segment]:
    """The segments of a parsed page, in document order."""
    return extract(root, source_lang, rules).segments


@dataclass
class _Found:
    """A segment as the walk finds it, with the live nodes of its anchor."""

    segment: Segment
    nodes: list  # the node of each placeholder (None: a literal)
    parent: etree._Element | None = None
    prev: etree._Element | None = None
    items: list = field(default_factory=list)
    prefix: str = ""
    suffix: str = ""
    element: etree._Element | None = None

    def anchor(self, position: dict) -> Anchor:
        parent, prev, element = self.parent, self.prev, self.element
        return Anchor(None if parent is None else position[parent], None if prev is None else position[prev],
                      tuple([position[n] for n in self.items]), self.prefix, self.suffix,
                      None if element is None else position[element],
                      tuple([None if n is None else position[n] for n in self.nodes]))


# -- the walk ---------------------------------------------------------------------


def _is_element(node) -> bool:
    return isinstance(node.tag, str)


def _has_block(el: etree._Element) -> bool:
    for node in el.iterdescendants():
        tag = node.tag
        if isinstance(tag, str) and tag not in INLINE and tag not in ATOMIC and ":" not in tag:
            return True
    return False


def _is_inline(node) -> bool:
    if not _is_element(node):
        return True  # comment, processing instruction
    tag = node.tag
    if tag in ATOMIC or ":" in tag:
        return True
    return tag in INLINE and not _has_block(node)


#: The attributes :func:`_context` reads, and those :func:`_default_attributes` may extract.
_CONTEXT_NAMES = frozenset({"translate", "class", "lang", "xml:lang"})
_MESSAGE_NAMES = frozenset({"alt", "title", "aria-label", "placeholder", "value", "content"})


def _context(el: etree._Element, ctx: tuple[bool, bool], source_lang: str, rules=None) -> tuple[bool, bool]:
    """(translate, same language) of an element, inherited as HTML5/ITS 2.0 say:
    a global rule's decision (``rules``, :class:`.its.Decisions`) overrides the
    inherited one, and the local ``translate`` attribute overrides both."""
    translate, same_lang = ctx
    if rules is not None:
        translate = rules.elements.get(el, translate)
    flag = el.get("translate")
    if flag is not None:
        flag = flag.strip().lower()
        if flag in ("yes", ""):
            translate = True
        elif flag == "no":
            translate = False
    if "notranslate" in (el.get("class") or "").split():
        translate = False
    lang = el.get("lang")
    if lang is None:
        lang = el.get("xml:lang")
    if lang is not None:
        same_lang = lang.strip() == "" or primary_language(lang) == source_lang
    return translate, same_lang


def _leading(text: str) -> str:
    """The white space (no-break spaces included) a text starts with."""
    return text[: len(text) - len(text.lstrip(_EDGE_WS))]


def _trailing(text: str) -> str:
    """The white space (no-break spaces included) a text ends with."""
    return text[len(text.rstrip(_EDGE_WS)):]


def _blank(text: str | None) -> bool:
    return not text or not text.strip(_EDGE_WS)


def _label(el: etree._Element) -> str:
    if el.get("id"):
        return f"{el.tag}#{el.get('id')}"
    classes = (el.get("class") or "").split()
    return f"{el.tag}.{classes[0]}" if classes else el.tag


def _path(el: etree._Element, depth: int = 3) -> str:
    labels = [_label(el)]
    for ancestor in el.iterancestors():
        if len(labels) == depth or ancestor.tag in ("body", "html"):
            break
        labels.append(_label(ancestor))
    return " > ".join(reversed(labels))


def _short(text: str, limit: int = 60) -> str:
    text = _WS_RE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(el: etree._Element) -> str:
    if el.tag is etree.Comment:
        return f"<!--{_short(el.text or '', 40)}--> (comment)"
    if not _is_element(el):
        return "(processing instruction)"
    shown = [f'{name}="{_short(el.get(name), 70)}"' for name in ("href", "src", "title", "alt", "lang")
             if el.get(name)]
    start = "<" + " ".join([el.tag] + shown) + ">"
    if el.tag == "br":
        return "<br> (line break)"
    return start


class _Walker:
    def __init__(self, source_lang: str, rules=None):
        self.source_lang = source_lang
        self.rules = rules
        self.found: list[_Found] = []
        self.has_preformatted = True

    # containers ----------------------------------------------------------------
    def container(self, el: etree._Element, ctx: tuple[bool, bool]) -> None:
        if self.rules is None:  # what _context and attributes() read, by the element's attribute names
            names = el.keys()
            if names:
                if not _CONTEXT_NAMES.isdisjoint(names):
                    ctx = _context(el, ctx, self.source_lang)
                if ctx[0] and ctx[1] and not _MESSAGE_NAMES.isdisjoint(names):
                    self.attributes(el, ctx)
        else:
            ctx = _context(el, ctx, self.source_lang, self.rules)
            self.attributes(el, ctx)
        if el.tag in SKIP_CONTENT:
            return
        prev = None
        run: list = []
        for child in el:
            # _is_inline, written out: this loop sees every node of the page
            tag = child.tag
            if tag.__class__ is not str or tag in ATOMIC or ":" in tag or (tag in INLINE and not _has_block(child)):
                run.append(child)
                continue
            text = el.text if prev is None else prev.tail
            if run or (text and text.strip(_EDGE_WS)):  # else run() has nothing to do
                self.run(el, prev, run, ctx)
            self.container(child, ctx)
            prev, run = child, []
        text = el.text if prev is None else prev.tail
        if run or (text and text.strip(_EDGE_WS)):
            self.run(el, prev, run, ctx)

    def run(self, parent, prev, items: list, ctx) -> None:
        if not items and _blank(parent.text if prev is None else prev.tail):
            return
        if not (ctx[0] and ctx[1]):
            # nothing here is translated, but translate="yes" may re-enable below
            for item in items:
                if _is_element(item):
                    self.container(item, ctx)
            return
        items = list(items)
        # atomic items at the edges stay outside the segment, as layout
        while items and self._edge(items[0], ctx) and _blank(parent.text if prev is None else prev.tail):
            self.inside_atomic(items[0], ctx)
            prev = items.pop(0)
        tail_items = []
        while items and self._edge(items[-1], ctx) and _blank(items[-1].tail):
            tail_items.insert(0, items.pop())
        # a segment wrapped whole in one inline element is that element's content
        if len(items) == 1 and not self._atomic(items[0], ctx) and \
                _blank(parent.text if prev is None else prev.tail) and _blank(items[0].tail):
            wrapper = items[0]
            self.run(wrapper, None, list(wrapper), self._enter(wrapper, ctx))
        elif items or not _blank(parent.text if prev is None else prev.tail):  # else nothing is left
            self.segment(parent, prev, items, ctx)
        for item in tail_items:
            self.inside_atomic(item, ctx)

    def _enter(self, el, ctx):
        ctx = _context(el, ctx, self.source_lang, self.rules)
        self.attributes(el, ctx)
        return ctx

    def _atomic(self, node, ctx) -> bool:
        if not _is_element(node) or node.tag in ATOMIC or ":" in node.tag:
            return True
        return not all(_context(node, ctx, self.source_lang, self.rules))

    def _edge(self, node, ctx) -> bool:
        """An item that stays outside a segment at its edges: atomic, or without a letter."""
        if self._atomic(node, ctx):
            return True
        return not ph.has_letter("".join(node.itertext()))

    def inside_atomic(self, node, ctx) -> None:
        """Attributes of an atomic item, and text re-enabled inside it."""
        if _is_element(node):
            self.container(node, ctx)

    # one segment ------------------------------------------------------------------
    def segment(self, parent, prev, items: list, ctx) -> None:
        first = (parent.text if prev is None else prev.tail) or ""
        last = (items[-1].tail if items else first) or ""
        builder = _MessageBuilder(self, ctx)
        raw = builder.render(first, items)
        preformatted = self.has_preformatted and (parent.tag in _PREFORMATTED or any(
            a.tag in _PREFORMATTED for a in parent.iterancestors()))
        msgid = (raw if preformatted else _WS_RE.sub(" ", raw)).strip(_EDGE_WS)
        if ph.has_words(msgid):
            self.found.append(_Found(
                Segment(msgid, _line(parent, prev, items, first), _path(parent),
                        placeholders=tuple(builder.placeholders)),
                builder.nodes,
                parent=parent,
                prev=prev,
                items=items,
                prefix=_leading(first),
                suffix=_trailing(last),
            ))
        for item, item_ctx in builder.entered:
            self.attributes(item, item_ctx)
        for item in builder.visited:
            self.inside_atomic(item, ctx)

    # attributes ------------------------------------------------------------------
    def attributes(self, el: etree._Element, ctx) -> None:
        if el.tag.__class__ is not str or not ctx[1] or not (ctx[0] or self.rules is not None):
            return
        names = _translatable_attributes(el, self.rules, ctx[0]) if self.rules is not None \
            else _default_attributes(el)
        for name in names:
            value = el.get(name)
            builder = _MessageBuilder(self, ctx)
            msgid = _WS_RE.sub(" ", builder.text(value)).strip(_EDGE_WS)
            if ph.has_words(msgid):
                self.found.append(_Found(
                    Segment(msgid, el.sourceline or 0, _path(el), name, tuple(builder.placeholders)),
                    builder.nodes, element=el, prefix=_leading(value), suffix=_trailing(value),
                ))


def _translatable_attributes(el: etree._Element, rules=None, translate: bool = True) -> list[str]:
    """The attributes of an element extracted for translators: by default (when
    the element is translated) those below; ITS global rules (``rules``) add
    or remove names, whatever the element's own decision."""
    names = _default_attributes(el) if translate else []
    ruled = rules.attributes.get(el) if rules is not None else None
    if ruled:
        names = [name for name in names if ruled.get(name, True)]
        names += [name for name, yes in ruled.items() if yes and name not in names and el.get(name)]
    return names


def _default_attributes(el: etree._Element) -> list[str]:
    names = []
    tag = el.tag
    if tag == "meta":
        key = (el.get("name") or el.get("property") or "").lower()
        if key in _META_CONTENT and el.get("content"):
            names.append("content")
        return names
    if el.get("alt") and (tag in ("img", "area") or (tag == "input" and el.get("type", "").lower() == "image")):
        names.append("alt")
    for name in ("title", "aria-label"):
        if el.get(name):
            names.append(name)
    if tag in ("input", "textarea") and el.get("placeholder"):
        names.append("placeholder")
    if tag == "input" and el.get("type", "").lower() in _BUTTON_TYPES and el.get("value"):
        names.append("value")
    return names


def _line(parent, prev, items, first: str) -> int:
    """The source line where a segment's text starts."""
    leading = _leading(first)
    if prev is None:
        return (parent.sourceline or 0) + leading.count("\n")
    if items and not first.strip(_EDGE_WS) and _is_element(items[0]) and items[0].sourceline:
        return items[0].sourceline
    end = max(node.sourceline or 0 for node in prev.iter())
    return end + leading.count("\n")


class _MessageBuilder:
    """Writes a run of text and inline items as a message with placeholders."""

    def __init__(self, walker: _Walker, ctx):
        self.walker = walker
        self.ctx = ctx
        self.placeholders: list[Placeholder] = []
        self.nodes: list = []  # the node of each placeholder (None: a literal)
        self.entered: list = []  # paired elements, for their attributes
        self.visited: list = []  # atomic elements, for attributes and re-enabled text

    def _add(self, kind, element=None, **kw) -> int:
        number = len(self.placeholders) + 1
        self.placeholders.append(Placeholder(number, kind, **kw))
        self.nodes.append(element)
        return number

    def text(self, value: str | None) -> str:
        if not value:
            return ""
        if "*" not in value and "{" not in value and "%" not in value and "<" not in value:
            return value  # (every literal starts with one of these: most texts hold none)
        out = []
        pos = 0
        for match in LITERAL_RE.finditer(value):
            out.append(value[pos: match.start()])
            literal = match.group(0)
            number = self._add(ph.ATOMIC, literal=literal,
                               description=f"{_short(literal)} (keep as is)")
            out.append(ph.atomic_tag(number))
            pos = match.end()
        out.append(value[pos:])
        return "".join(out)

    def render(self, first: str, items: list, ctx=None) -> str:
        ctx = ctx or self.ctx
        parts = [self.text(first)]
        for item in items:
            parts.append(self.item(item, ctx))
            parts.append(self.text(item.tail))
        return "".join(parts)

    def item(self, node, ctx) -> str:
        if self.walker._atomic(node, ctx):
            description = _describe(node)
            if _is_element(node) and node.tag not in ATOMIC and ":" not in node.tag:
                description += f" {_short(''.join(node.itertext()), 40)!r} (not translated)"
            number = self._add(ph.ATOMIC, element=node, description=description)
            self.visited.append(node)
            return ph.atomic_tag(number)
        inner_ctx = _context(node, ctx, self.walker.source_lang, self.walker.rules)
        number = self._add(ph.PAIRED, element=node, description=_describe(node))
        self.entered.append((node, inner_ctx))
        inner = self.render(node.text or "", list(node), inner_ctx)
        return f"{ph.open_tag(number)}{inner}{ph.close_tag(number)}"
