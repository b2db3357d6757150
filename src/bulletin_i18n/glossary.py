"""The organisation's approved terms, from CSV or TBX.

CSV: a header ``source,target[,note]`` then one term a row. TBX (TermBase eXchange,
ISO 30042): each ``termEntry``/``conceptEntry`` gives its first term in the source
language and its first term in the target language.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .languages import primary_language


@dataclass(frozen=True)
class Term:
    source: str
    target: str
    note: str = ""


class Glossary:
    """Terms of one language pair, found in text by whole word, longest first."""

    def __init__(self, terms: list[Term], version: str = ""):
        self.terms = sorted(terms, key=lambda t: (-len(t.source), t.source))
        self.version = version
        # a cheap substring test first: most terms are not in most texts
        self._patterns = [(t.source.split()[0].lower(), _pattern(t.source), t) for t in self.terms]

    def __len__(self) -> int:
        return len(self.terms)

    def find(self, text: str) -> list[Term]:
        """Terms of the glossary in ``text``, in text order, longest match winning overlaps.

        Matching ignores case only for terms written in lower case in the
        glossary (acronyms such as ``OAS`` must match as written).
        """
        found: list[Term] = []
        for _, _, term in self.spans(text):
            if term not in found:
                found.append(term)
        return found

    def spans(self, text: str) -> list[tuple[int, int, Term]]:
        """Non-overlapping (start, end, term) of glossary terms in ``text``, in order."""
        taken: list[tuple[int, int, Term]] = []
        lowered = text.lower()
        for first_word, pattern, term in self._patterns:
            if first_word not in lowered:
                continue
            for match in pattern.finditer(text):
                start, end = match.span()
                if any(start < e and s < end for s, e, _ in taken):
                    continue
                taken.append((start, end, term))
        return sorted(taken, key=lambda item: item[0])


def _pattern(source: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(part) for part in source.split())
    flags = re.IGNORECASE if source[:1].islower() else 0
    return re.compile(rf"(?<!\w){words}(?!\w)", flags)  # "OAS-SEDI" holds OAS


def load_glossary(path: Path | None, source_lang: str = "en", target_lang: str = "es") -> Glossary:
    """Read a glossary file; a missing path gives an empty glossary."""
    if path is None or not Path(path).is_file():
        return Glossary([], version="none")
    path = Path(path)
    raw = path.read_bytes()
    version = hashlib.sha1(raw).hexdigest()[:12]
    if path.suffix.lower() in (".tbx", ".xml"):
        terms = _read_tbx(path, raw, source_lang, target_lang)
    else:
        terms = _read_csv(path, raw)
    return Glossary(terms, version=version)


def _read_csv(path: Path, raw: bytes) -> list[Term]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason})", path=path) from exc
    reader = csv.reader(text.splitlines())
    terms = []
    header = None
    for number, row in enumerate(reader, start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in row]
            if "source" not in header or "target" not in header:
                raise InputError(
                    f"{path}:{number}: the first row must name the columns source,target[,note]",
                    path=path, line=number,
                )
            continue
        cells = dict(zip(header, (cell.strip() for cell in row)))
        if not cells.get("source") or not cells.get("target"):
            raise InputError(f"{path}:{number}: a term needs a source and a target", path=path, line=number)
        terms.append(Term(cells["source"], cells["target"], cells.get("note", "")))
    return terms


def _read_tbx(path: Path, raw: bytes, source_lang: str, target_lang: str) -> list[Term]:
    from lxml import etree

    try:
        root = etree.fromstring(raw)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError(f"{path}:{line}: invalid TBX: {exc.msg}", path=path, line=line) from exc
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    terms = []
    for entry in root.iter():
        if not isinstance(entry.tag, str) or etree.QName(entry).localname not in ("termEntry", "conceptEntry"):
            continue
        found: dict[str, str] = {}
        note = ""
        for lang_set in entry.iter():
            if not isinstance(lang_set.tag, str):
                continue
            local = etree.QName(lang_set).localname
            if local == "descrip" and not note:
                note = (lang_set.text or "").strip()
            if local != "langSet":
                continue
            lang = primary_language(lang_set.get(xml_lang) or lang_set.get("lang") or "")
            for term in lang_set.iter():
                if isinstance(term.tag, str) and etree.QName(term).localname == "term" and lang not in found:
                    found[lang] = "".join(term.itertext()).strip()
        if found.get(source_lang) and found.get(target_lang):
            terms.append(Term(found[source_lang], found[target_lang], note))
    return terms
