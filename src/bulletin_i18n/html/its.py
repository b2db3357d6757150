"""ITS 2.0 global rules of the Translate data category, for HTML pages.

An editor says once what is not translated, for every bulletin, and a page can
say it for itself, as the W3C Internationalization Tag Set (ITS) 2.0 specifies
(https://www.w3.org/TR/its20/#trans-datacat):

* rules files (``<its:rules version="2.0">`` with ``its:translateRule``
  elements whose ``selector`` is an XPath 1.0 expression, with the rules
  file's namespace bindings, ``its:param`` variables and ``xlink:href`` links to
  other rules files), named in the settings (``its_rules``) or linked from the
  page (``<link rel="its-rules" href="rules.xml">``, relative to the page), or
  embedded in it (``<script type="application/its+xml">``);
* CSS selectors from the settings (``no_translate``) for the elements that are
  not translated, and attribute names (``translate_attributes``) that are.

:func:`page_rules` gathers the rules that apply to a page, in the order ITS
gives them precedence (the settings' rules, then the page's in document order:
a later rule wins), and :func:`decide` applies them to the parsed page once:
the :class:`Decisions` say, for the elements and attributes a rule selects,
whether they are translated. The walk of :mod:`.extract` consults them where
it reads the local ``translate`` attribute, which still wins, and passes an
element's decision on to its descendants (an attribute's is its own).

As ITS places HTML in the XHTML namespace, an XPath selector sees the page's
elements in ``http://www.w3.org/1999/xhtml`` (``//h:code`` with ``h`` bound to
it in the rules file). Rules files are read with entity expansion, DTDs and
network access off; one that is not well-formed, has another version than 1.0
or 2.0, or an invalid selector is an :class:`~bulletin_i18n.errors.InputError`
naming its file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import InputError, line_in

ITS_NS = "http://www.w3.org/2005/11/its"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XLINK_NS = "http://www.w3.org/1999/xlink"
#: Versions of ``its:rules`` whose Translate rules mean what this module does.
VERSIONS = ("1.0", "2.0")
#: Attributes HTML5 lists as translatable: by default they follow their element's
#: decision; every other attribute is not translated (ITS 2.0, section 8.2.3).
HTML_TRANSLATABLE_ATTRIBUTES = frozenset(
    "abbr alt content download label lang placeholder srcdoc style title value".split())


@dataclass(frozen=True)
class Rule:
    """One ``translateRule``: a selector and the decision for what it selects."""

    selector: str
    translate: bool
    origin: str  # "file:line", for messages
    query_language: str = "xpath"  # or "css"
    namespaces: tuple[tuple[str, str], ...] = ()
    params: tuple[tuple[str, str], ...] = ()
    compiled: object = field(default=None, compare=False, repr=False)


@dataclass
class Decisions:
    """What global rules decided for a page: per element (inherited by its
    descendants, unless they decide otherwise) and per attribute (its own)."""

    elements: dict = field(default_factory=dict)  # element -> bool
    attributes: dict = field(default_factory=dict)  # element -> {name: bool}

    def __bool__(self) -> bool:
        return bool(self.elements or self.attributes)


# -- reading rules -------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True)


def read_rules(path: Path, _seen: frozenset = frozenset()) -> list[Rule]:
    """The Translate rules of a rules file, in order (those of a file it links first)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the ITS rules file: {exc.strerror}", path=path) from exc
    return parse_rules(data, str(path), base=path.parent, _seen=_seen | {path.resolve()})


def parse_rules(data: bytes | str, origin: str, line: int = 1, base: Path | None = None,
                _seen: frozenset = frozenset()) -> list[Rule]:
    """The Translate rules of an ``its:rules`` document (``line``: where it starts in ``origin``)."""
    if isinstance(data, str):
        data = data.strip().encode("utf-8")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        at = line + (exc.lineno or line_in(str(exc)) or 1) - 1
        raise InputError(f"{origin}:{at}: the ITS rules are not well-formed XML: {exc.msg}",
                         path=origin, line=at) from exc
    if root is None or root.tag != f"{{{ITS_NS}}}rules":
        raise InputError(f"{origin}:{line}: not ITS rules (the root element should be its:rules in "
                         f"the namespace {ITS_NS})", path=origin, line=line)
    here = line + (root.sourceline or 1) - 1
    version = root.get("version")
    if version not in VERSIONS:
        raise InputError(f"{origin}:{here}: its:rules version {version!r} is not supported (ITS "
                         f"{' or '.join(VERSIONS)})", path=origin, line=here)
    rules: list[Rule] = []
    linked = root.get(f"{{{XLINK_NS}}}href")
    if linked:
        rules.extend(_linked(linked, origin, here, base, _seen))
    query_language = (root.get("queryLanguage") or "xpath").strip().lower()
    if query_language not in ("xpath", "css"):
        raise InputError(f"{origin}:{here}: queryLanguage {query_language!r} is not supported (xpath or css)",
                         path=origin, line=here)
    params: dict[str, str] = {}
    for child in root:
        if not isinstance(child.tag, str):
            continue
        at = line + (child.sourceline or 1) - 1
        if child.tag == f"{{{ITS_NS}}}param":
            name = child.get("name")
            if not name:
                raise InputError(f"{origin}:{at}: its:param has no name", path=origin, line=at)
            params[name] = child.text or ""
        elif child.tag == f"{{{ITS_NS}}}translateRule":
            rules.append(_rule(child, f"{origin}:{at}", query_language, params))
    return rules


def rules_files(path: Path) -> list[Path]:
    """A rules file and those it links by ``xlink:href``, in order: what its rules
    depend on (a file that cannot be read or parsed ends the list; reading its
    rules reports why)."""
    files: list[Path] = []
    seen: set[Path] = set()
    current: Path | None = Path(path)
    while current is not None and current.resolve() not in seen:
        seen.add(current.resolve())
        files.append(current)
        try:
            root = etree.parse(str(current), _parser()).getroot()
        except (OSError, etree.XMLSyntaxError):
            break
        href = root.get(f"{{{XLINK_NS}}}href")
        current = current.parent / href if href and "://" not in href else None
    return files


def _linked(href: str, origin: str, line: int, base: Path | None, seen: frozenset) -> list[Rule]:
    if "://" in href or base is None:
        raise InputError(f"{origin}:{line}: xlink:href {href!r}: only rules files beside this one are read",
                         path=origin, line=line)
    target = (base / href)
    if target.resolve() in seen:
        raise InputError(f"{origin}:{line}: xlink:href {href!r} links back to a file that links here",
                         path=origin, line=line)
    return read_rules(target, seen)


def _rule(element, origin: str, query_language: str, params: dict[str, str]) -> Rule:
    selector = element.get("selector")
    flag = (element.get("translate") or "").strip()
    path, _, line = origin.rpartition(":")
    if not selector:
        raise InputError(f"{origin}: its:translateRule has no selector", path=path, line=int(line))
    if flag not in ("yes", "no"):
        raise InputError(f"{origin}: its:translateRule translate={flag!r} should be \"yes\" or \"no\"",
                         path=path, line=int(line))
    namespaces = tuple(sorted((k, v) for k, v in element.nsmap.items() if k))
    rule = Rule(selector, flag == "yes", origin, query_language, namespaces, tuple(params.items()))
    return _compile(rule)


def _compile(rule: Rule) -> Rule:
    path, _, line = rule.origin.rpartition(":")
    try:
        if rule.query_language == "css":
            from lxml.cssselect import CSSSelector
            compiled = CSSSelector(rule.selector, translator="html")
        else:
            compiled = etree.XPath(rule.selector, namespaces=dict(rule.namespaces))
    except Exception as exc:  # XPathSyntaxError, cssselect's SelectorError
        raise InputError(f"{rule.origin}: invalid selector {rule.selector!r}: {exc}",
                         path=path, line=int(line) if line.isdigit() else None) from exc
    return Rule(rule.selector, rule.translate, rule.origin, rule.query_language, rule.namespaces,
                rule.params, compiled)


def css_rules(selectors, origin: str, translate: bool = False) -> list[Rule]:
    """Rules from CSS selectors (the settings' ``no_translate``)."""
    return [_compile(Rule(s, translate, origin, "css")) for s in selectors]


def attribute_rules(names, origin: str) -> list[Rule]:
    """Rules that make the named attributes translatable wherever they are."""
    return [_compile(Rule(f"//@*[local-name()='{name}']", True, origin)) for name in names]


def settings_rules(root: Path, files=(), no_translate=(), translate_attributes=(),
                   origin: str = "settings") -> list[Rule]:
    """The rules the project's settings give every bulletin: its rules files (relative
    to the project's folder ``root``), then its CSS selectors and attribute names."""
    rules: list[Rule] = []
    for name in files:
        rules.extend(read_rules(Path(root) / name))
    rules.extend(css_rules(no_translate, f"{origin}: no_translate"))
    rules.extend(attribute_rules(translate_attributes, f"{origin}: translate_attributes"))
    return rules


def page_rules(root: etree._Element, page_path: Path | str) -> list[Rule]:
    """The rules a page links (``<link rel="its-rules">``) and embeds (``<script
    type="application/its+xml">``), in document order."""
    rules: list[Rule] = []
    page_path = Path(page_path)
    for el in root.iter("link", "script"):
        line = el.sourceline or 1
        if el.tag == "link" and "its-rules" in (el.get("rel") or "").lower().split():
            href = (el.get("href") or "").strip()
            if not href or "://" in href or href.startswith("//"):
                raise InputError(f"{page_path}:{line}: <link rel=\"its-rules\" href={href!r}>: only a rules "
                                 "file beside the page is read (a relative path)", path=page_path, line=line)
            target = page_path.parent / href.split("#")[0]
            if not target.is_file():
                raise InputError(f"{page_path}:{line}: <link rel=\"its-rules\">: no rules file {href!r}",
                                 path=page_path, line=line)
            rules.extend(read_rules(target))
        elif el.tag == "script" and (el.get("type") or "").strip().lower() == "application/its+xml":
            text = el.text or ""
            start = line + text[: len(text) - len(text.lstrip())].count("\n")
            rules.extend(parse_rules(text, str(page_path), start, base=page_path.parent))
    return rules


# -- applying rules ------------------------------------------------------------------


def _mirror(root: etree._Element):
    """A copy of the page's elements, attributes and text in the XHTML namespace
    (as ITS sees HTML), and the page's element for each element of the copy."""
    originals = {}
    copies = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        parent = copies.get(el.getparent()) if el is not root else None
        tag = el.tag if ":" not in el.tag else el.tag.replace(":", "_")
        try:
            qname = etree.QName(XHTML_NS, tag)
        except ValueError:  # a name XML cannot hold: selectable by position only
            qname = etree.QName(XHTML_NS, "x")
        node = etree.Element(qname) if parent is None else etree.SubElement(parent, qname)
        for name, value in el.attrib.items():
            try:
                node.set(name, value)
            except (ValueError, TypeError):
                pass
        node.text = el.text
        if parent is not None:
            node.tail = el.tail
        copies[el] = node
        originals[node] = el
    return etree.ElementTree(copies[root]), originals


def decide(root: etree._Element, rules: list[Rule]) -> Decisions:
    """Apply the rules to a parsed page: a later rule overrides an earlier one."""
    decisions = Decisions()
    if not rules:
        return decisions
    mirror = originals = None
    for rule in rules:
        if rule.query_language == "css":
            selected = rule.compiled(root)
        else:
            if mirror is None:
                mirror, originals = _mirror(root)
            try:
                found = rule.compiled(mirror, **dict(rule.params))
            except etree.XPathError as exc:
                path, _, line = rule.origin.rpartition(":")
                raise InputError(f"{rule.origin}: invalid selector {rule.selector!r}: {exc}",
                                 path=path, line=int(line) if line.isdigit() else None) from exc
            if not isinstance(found, list):
                continue
            selected = []
            for item in found:
                if isinstance(item, etree._Element):
                    if item in originals:
                        selected.append(originals[item])
                elif getattr(item, "is_attribute", False):
                    parent = originals.get(item.getparent())
                    if parent is not None:
                        selected.append((parent, item.attrname))
        for item in selected:
            if isinstance(item, tuple):
                decisions.attributes.setdefault(item[0], {})[item[1]] = rule.translate
            elif isinstance(item, etree._Element) and isinstance(item.tag, str):
                decisions.elements[item] = rule.translate
    return decisions


def attribute_translated(el: etree._Element, name: str, element_translated: bool, decisions: Decisions) -> bool:
    """ITS's decision for an attribute: a global rule's, else HTML's default (a
    translatable attribute of HTML5 follows its element; any other is not)."""
    ruled = decisions.attributes.get(el, {}).get(name)
    if ruled is not None:
        return ruled
    return element_translated and name in HTML_TRANSLATABLE_ATTRIBUTES
