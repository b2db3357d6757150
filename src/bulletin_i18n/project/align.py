"""``bulletin-i18n align``: an archive of published Spanish editions as translation memory.

Reads each English page and its Spanish edition through the extractor, aligns
their segments (:mod:`bulletin_i18n.tm.align`, on plain data), writes the
pairs as ``memory/aligned-<name>.tmx`` (TMX as ``export-tmx`` writes it, each
unit unreviewed unless trusted), fills the empty entries of the catalog of an
English page that is one of the project's bulletins, learns post-edits for the
project's engine from every aligned page (``memory/postedits-<lang>.tsv``:
:mod:`bulletin_i18n.tm.postedits`, applied by sync and pretranslate to that
engine's drafts), and says what it did.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .. import placeholders as ph
from ..errors import EngineError, TryAgain
from ..fsutil import ChangedOnDisk, write_atomic
from ..glossary import load_glossary
from ..html import its
from ..html.extract import extract_segments
from ..html.page import read_page
from ..languages import same_language
from ..model import Catalog, Provenance, Segment
from ..mt.cache import translate_cached
from ..tm import postedits
from ..tm.align import Alignment, align_pages
from ..tm.tmx import REVIEW_PROP, TRUSTED, UNREVIEWED, TranslationUnit, import_tmx, placeholder_types, write_units
from .project import Project
from .state import memory_path, project_lock
from .steps import ATTEMPTS, update_catalogs
from .translate import _glossary, engine_for, mt_cache, plain, postedits_path, read_postedits

#: Where an aligned pair comes from, as its memory origin says: ``archive <Spanish page>``.
ARCHIVE_ORIGIN = "archive"
_PAGE_SUFFIXES = (".html", ".xhtml", ".htm")


@dataclass
class PageReport:
    """What ``align`` did with one pair of pages."""

    en_path: Path
    es_path: Path
    name: str
    alignment: Alignment
    tmx: Path | None = None
    units: int = 0
    catalog: Path | None = None
    filled: int = 0


class AlignReports(list):
    """The :class:`PageReport` of each pair, and what was learned after them."""

    learned: "Learned | None" = None


@dataclass
class Learned:
    """Post-edits ``align`` learned for one language's engine (or why it did not)."""

    lang: str
    path: Path | None = None
    engine: str = ""
    rules: int = 0
    examples: int = 0
    pages: int = 0
    skipped: str = ""  # why nothing was learned
    dropped: int = 0  # rules people put out of use, kept so


# -- pages ---------------------------------------------------------------------------------


def read_segments(path: Path, lang: str, rules: Sequence = ()) -> list[Segment]:
    """The segments of a page as the extractor gives them, read as language ``lang``,
    with ITS rules: ``rules`` (the project's) and the page's own."""
    page = read_page(Path(path))
    decided = its.decide(page.root, [*rules, *its.page_rules(page.root, Path(path))])
    return extract_segments(page.root, lang, decided)


def align_files(en_path: Path, es_path: Path, source_lang: str = "en", lang: str = "es") -> Alignment:
    """Align an English page with its Spanish edition (both read from files)."""
    return align_pages(read_segments(en_path, source_lang), read_segments(es_path, lang))


def _stem(path: Path) -> str:
    """``x.en.html`` -> ``x``; ``x.html`` -> ``x``."""
    name = path.name
    for suffix in _PAGE_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return re.sub(r"\.(en|es)$", "", name, flags=re.I)


def pair_folders(en_dir: Path, es_dir: Path) -> list[tuple[Path, Path, str]]:
    """(English page, Spanish page, name) of every pair in two folders (or one).

    ``X.en.html`` pairs with ``X.es.html``, and ``X.html`` in the English folder
    with ``X.html`` at the same place in the Spanish one; ``.xhtml`` alike.
    The name is the English page's path under its folder, without suffixes.
    """
    en_dir, es_dir = Path(en_dir), Path(es_dir)
    found = []
    for en in sorted(p for p in en_dir.rglob("*") if p.is_file() and p.suffix.lower() in _PAGE_SUFFIXES):
        relative = en.relative_to(en_dir)
        if re.search(r"\.es\.x?html?$", en.name, re.I):
            continue
        if re.search(r"\.en\.x?html?$", en.name, re.I):
            candidates = [es_dir / relative.parent / re.sub(r"\.en(\.x?html?)$", r".es\1", en.name, flags=re.I)]
        else:
            candidates = [es_dir / relative]
        candidates += [c.with_suffix(s) for c in list(candidates) for s in _PAGE_SUFFIXES if c.suffix != s]
        es = next((c for c in candidates if c.is_file() and c.resolve() != en.resolve()), None)
        if es is not None:
            found.append((en, es, (relative.parent / _stem(en)).as_posix()))
    return found


# -- memory and catalogs ---------------------------------------------------------------------


def tmx_name(name: str) -> str:
    return "aligned-" + re.sub(r"[^\w.-]+", "-", name).strip("-") + ".tmx"


def write_aligned_tmx(path: Path, alignment: Alignment, en_segments: Sequence[Segment], *, origin: str,
                      trusted: bool = False, source_lang: str = "en", lang: str = "es") -> int:
    """Write the pairs of an alignment as TMX 1.4 (placeholders as
    ``bpt``/``ept``/``ph``, as ``export-tmx`` writes them); returns the number of units.

    Each unit carries ``x-origin`` (``archive <page>``), ``x-review``
    (``unreviewed`` unless ``trusted``) and ``x-align`` (bead, segment numbers
    and confidence), so a person can trace it back to both pages.
    """
    review = TRUSTED if trusted else UNREVIEWED
    units = []
    for pair in alignment.pairs:
        numbers = (f"en {','.join(str(i + 1) for i in pair.en)} "
                   f"es {','.join(str(j + 1) for j in pair.es)}")
        props = (("x-origin", f"{ARCHIVE_ORIGIN} {origin}"), (REVIEW_PROP, review),
                 ("x-align", f"{pair.bead} {numbers} {pair.confidence:.2f}"))
        types = placeholder_types(en_segments[pair.en[0]].placeholders)
        units.append(TranslationUnit(lang, pair.msgid, pair.msgstr, types, props))
    return write_units(units, path, source_lang, o_tmf="HTML")


def fill_catalog(project: Project, source: Path, alignment: Alignment, *, origin: str,
                 trusted: bool = False, lang: str = "es") -> tuple[Path, int]:
    """Fill the empty entries of a project bulletin's catalog with the aligned pairs.

    A translated or fuzzy entry is never changed. Filled entries are fuzzy
    unless ``trusted``, with a memory provenance ``archive <page>``
    (unreviewed unless ``trusted``). A bulletin without a catalog gets one
    first, as ``extract`` writes it. A catalog a translator saves meanwhile is
    read and filled again, never overwritten. Returns the catalog and how
    many entries were filled.
    """
    settings = project.settings
    name = settings.name_of(source)
    path = settings.catalog_path(name, lang)
    if project.catalog(name, lang) is None:
        glossary = load_glossary(settings.glossary_path, settings.source_lang, lang)
        update_catalogs(project, project.load(source), glossary=glossary)
    found: dict[str, str] = {}
    for pair in alignment.pairs:
        found.setdefault(pair.msgid, pair.msgstr)
    for _ in range(ATTEMPTS):
        old = project.catalog(name, lang)
        po = copy.deepcopy(old)
        filled = _fill(po, found, origin=f"{ARCHIVE_ORIGIN} {origin}", trusted=trusted)
        try:
            if filled:
                project.write(po, path, old=old)
            return path, filled
        except ChangedOnDisk:  # a translator saved it meanwhile: fill their file instead
            project.forget(path)
    raise TryAgain(f"{project.relative(path)}: changed on disk {ATTEMPTS} times while align filled it; "
                        "nothing of it was overwritten: run the command again")


def _fill(po: Catalog, found: dict[str, str], *, origin: str, trusted: bool) -> int:
    """Fill the empty entries of ``po`` that have a usable pair; how many were filled."""
    filled = 0
    for entry in po:
        msgstr = found.get(entry.msgid)
        if entry.obsolete or entry.msgstr or entry.msgid_plural or not msgstr or ph.problems(entry.msgid, msgstr):
            continue
        entry.msgstr = msgstr
        if not trusted:
            entry.flags = sorted(set(entry.flags) | {"fuzzy"})
        entry.provenance.append(Provenance(Provenance.MEMORY, origin=origin, reviewed=trusted))
        filled += 1
    return filled


# -- post-edits learned from the archive ---------------------------------------------------


ALIGNED_GLOB = "aligned-*.tmx"


def learn_from_archive(project: Project, lang: str = "es") -> Learned:
    """Draft the English of every aligned page (``memory/aligned-*.tmx``) with the
    language's engine (through the cache), compare the drafts with the published
    Spanish, and write the post-edits learned as ``memory/postedits-<lang>.tsv``.
    An engine that cannot be made or fails leaves the file as it was, and says why."""

    settings = project.settings
    learned = Learned(lang)
    examples = []
    files = sorted(memory_path(settings).glob(ALIGNED_GLOB))
    for path in files:
        examples += [(source, target, path.name) for pair_lang, source, target in import_tmx(path)
                     if same_language(pair_lang, lang)]
    learned.examples, learned.pages = len(examples), len(files)
    if not examples:
        learned.skipped = "no aligned page"
        return learned
    try:
        engine = engine_for(settings, lang)
        try:
            with mt_cache(settings) as cache:
                drafts, _ = translate_cached(engine, [source for source, _, _ in examples], cache=cache,
                                             glossary=_glossary(settings, lang))
        finally:
            engine.close()
    except EngineError as exc:
        learned.skipped = f"no engine: {str(exc).splitlines()[0]}"
        return learned
    usable = [(plain(drafts[source].text), plain(target), page) for source, target, page in examples
              if drafts[source].text and not drafts[source].engine]
    rules = postedits.learn(usable)
    learned.path, learned.engine = postedits_path(settings, lang), engine.name
    found = read_postedits(settings, lang)  # the file as people left it
    made_for, kept, dropped, expected = found if found is not None else ("", [], [], None)
    if made_for and made_for != engine.name:  # rules of another engine's drafts say nothing of this one
        kept, dropped = [], []
    rules, dropped = postedits.relearn(rules, kept, dropped)
    learned.rules, learned.dropped = len(rules), len(dropped)
    # a person's edit of the file while this ran is not overwritten (ChangedOnDisk: align again)
    write_atomic(learned.path, postedits.dumps(rules, engine.name, dropped), expected=expected)
    return learned


def align_into_project(project: Project, pages: Sequence[tuple[Path, Path, str | None]], *,
                       trusted: bool = False, lang: str = "es", learn: bool = True) -> list[PageReport]:
    """``bulletin-i18n align``: align each (English, Spanish, name) pair of pages,
    write ``memory/aligned-<name>.tmx``, and fill the catalog of an English page
    that is one of the project's bulletins. A None name is taken from the page.
    Post-edits are learned afterwards (:func:`learn_from_archive`)."""
    settings = project.settings
    sources = {p.resolve(): p for p in project.sources()}
    reports = AlignReports()
    with project_lock(settings):
        for en_path, es_path, name in pages:
            en_path, es_path = Path(en_path), Path(es_path)
            # the project's ITS rules on both pages: the pairs are the texts its catalogs hold
            en_segments = read_segments(en_path, settings.source_lang, project.its_rules())
            alignment = align_pages(en_segments, read_segments(es_path, lang, project.its_rules()))
            source = sources.get(en_path.resolve())
            if source is not None:
                name = settings.name_of(source)
            name = name or _stem(en_path)
            origin = _shown(project, es_path)
            report = PageReport(en_path, es_path, name, alignment)
            report.tmx = memory_path(settings) / tmx_name(name)
            report.units = write_aligned_tmx(report.tmx, alignment, en_segments, origin=origin, trusted=trusted,
                                             source_lang=settings.source_lang, lang=lang)
            if source is not None and lang in settings.target_langs:
                report.catalog, report.filled = fill_catalog(project, source, alignment, origin=origin,
                                                             trusted=trusted, lang=lang)
            reports.append(report)
        if learn and reports and lang in settings.target_langs:
            reports.learned = learn_from_archive(project, lang)
    return reports


def _shown(project: Project, path: Path) -> str:
    """A page as written in memory and catalogs: relative to the project, else its name."""
    shown = project.relative(path)
    return shown if not Path(shown).is_absolute() and not shown.startswith("..") else path.name


# -- the report ----------------------------------------------------------------------------------


def format_report(project: Project, reports: Sequence[PageReport], *, trusted: bool = False) -> str:
    """What ``align`` prints: per page, pairs aligned, what was written, and each
    segment left out with its reason."""
    lines = []
    total_en = total_pairs = 0
    for report in reports:
        al = report.alignment
        covered = len({i for p in al.pairs for i in p.en})
        total_en += al.en_count
        total_pairs += covered
        lines.append(f"{report.name}: {covered} of {al.en_count} English segments aligned "
                     f"({al.coverage:.0%}) with {report.es_path.name}, {len(al.left_out)} left out")
        lines.append(f"  wrote {project.relative(report.tmx)} ({report.units} units, "
                     + ("trusted" if trusted else "fuzzy until reviewed") + ")")
        if report.catalog is not None:
            lines.append(f"  filled {report.filled} empty entries of {project.relative(report.catalog)}"
                         + ("" if trusted else " (fuzzy)"))
        for item in al.left_out:
            where = " ".join(filter(None, [
                f"en {','.join(str(i + 1) for i in item.en)}" if item.en else "",
                f"es {','.join(str(j + 1) for j in item.es)}" if item.es else ""]))
            lines.append(f"  left out {where}: {item.reason}: {_excerpt(item.en_text or item.es_text)}")
    if len(reports) > 1:
        share = total_pairs / total_en if total_en else 0.0
        lines.append(f"total: {total_pairs} of {total_en} English segments aligned ({share:.0%}) "
                     f"in {len(reports)} pages")
    learned = getattr(reports, "learned", None)
    if learned is not None and learned.path is not None:
        lines.append(f"learned {learned.rules} post-edits of {learned.engine} drafts from {learned.examples} pairs "
                     f"of {learned.pages} aligned pages: wrote {project.relative(learned.path)}"
                     + (f" ({learned.dropped} dropped by people, kept out of use)" if learned.dropped else ""))
    elif learned is not None:
        lines.append(f"no post-edits learned ({learned.skipped})")
    if not trusted and reports:
        lines.append("The pairs are fuzzy suggestions: run `bulletin-i18n sync`, then review them "
                     "(or align again with --trust when the published editions are reviewed).")
    return "\n".join(lines)


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
