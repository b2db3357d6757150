"""XLIFF exchange of a project's catalogs with CAT tools: ``export-xliff`` and ``import-xliff``.

Export writes one file per bulletin and language, ``<name>.<lang>.xlf``, with
every live message of the catalog (:mod:`..tm.xliff` lays it out). Import
writes the translations back with the rules of a translator's edit: a
translation whose inline codes do not match its English is refused (with the
file and line), a unit whose message is gone is skipped, a reviewed state
removes the fuzzy flag and any other state sets it, and a translation that
changed in the catalog since the export is not overwritten. A catalog whose
content does not change is not written, so importing an export whose targets
nobody changed leaves every catalog byte for byte as it was.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from .. import placeholders as ph
from ..errors import InputError
from ..fsutil import write_atomic
from ..model import Catalog, State, text_hash
from ..po.codec import comment_lines, translator_lines
from ..tm.xliff import XliffDocument, XliffUnit, read_xliff, unit_id, write_xliff
from .project import Project
from .state import project_lock


def export_xliff(project: Project, out_dir: Path, *, version: str = "2.0", langs: list[str] | None = None,
                 names: list[str] | None = None) -> list[tuple[Path, int]]:
    """Write ``<name>.<lang>.xlf`` for each bulletin's catalog; returns (file, units) written."""
    settings = project.settings
    written = []
    for name in project.names(names):
        for lang in langs or settings.target_langs:
            catalog = project.catalog(name, lang)
            if catalog is None:
                continue
            document = catalog_document(catalog, settings.relative(settings.catalog_path(name, lang)),
                                        settings.source_lang, lang)
            path = Path(out_dir) / f"{name}.{lang}.xlf"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, write_xliff(document, version), durable=False)
            written.append((path, len(document.units)))
    return written


def catalog_document(catalog: Catalog, original: str, source_lang: str, lang: str) -> XliffDocument:
    """A catalog's live messages as an XLIFF document (plural messages are left out:
    XLIFF has no plural forms)."""
    units = [XliffUnit(unit_id(e.msgctxt, e.msgid), e.msgid, e.msgstr, e.state,
                       tuple(comment_lines(e) + translator_lines(e)), e.msgctxt, e.notes.descriptions(),
                       base=text_hash(e.msgstr))
             for e in catalog.live() if e.msgid and not e.msgid_plural]
    return XliffDocument(original, source_lang, lang, units)


@dataclass
class ImportReport:
    """What an import did: catalogs written and left alone, units taken, refused, skipped."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    updated: int = 0
    refused: list[str] = field(default_factory=list)  # "file:line: why"
    skipped: list[str] = field(default_factory=list)


def import_xliff(project: Project, files: list[Path]) -> ImportReport:
    """Write the translations of XLIFF files back into the project's catalogs.

    Every file is read (and so checked) before any catalog is written."""
    settings = project.settings
    report = ImportReport()
    with project_lock(settings):
        documents = []
        for path in files:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                raise InputError(f"{path}: cannot read: {exc.strerror}", path=path) from exc
            documents += [(path, document) for document in read_xliff(data, str(path))]
        catalogs: dict[Path, Catalog] = {}
        for path, document in documents:
            target = _catalog_path(project, path, document)
            if target not in catalogs:
                found = project.read(target)
                if found is None:
                    raise InputError(f"{path}: {document.original}: no such catalog (run sync first)", path=path)
                catalogs[target] = copy.deepcopy(found)
            report.updated += _apply(catalogs[target], document, path, report)
        for target, catalog in catalogs.items():
            written = project.write(catalog, target)
            (report.written if written else report.unchanged).append(target)
    return report


def _catalog_path(project: Project, path: Path, document: XliffDocument) -> Path:
    settings = project.settings
    for name in project.names():
        for lang in settings.target_langs:
            candidate = settings.catalog_path(name, lang)
            if settings.relative(candidate) == document.original:
                return candidate
    raise InputError(f"{path}: file original={document.original!r} is not a catalog of this project "
                     f"({', '.join(settings.target_langs)})", path=path)


def _apply(catalog: Catalog, document: XliffDocument, path: Path, report: ImportReport) -> int:
    """The units' translations in a catalog, as a translator's edit; returns how many changed."""
    entries = {unit_id(e.msgctxt, e.msgid): e for e in catalog.live() if e.msgid and not e.msgid_plural}
    changed = 0
    for unit in document.units:
        entry = entries.get(unit.id)
        where = f"{path}:{unit.line}"
        if entry is None:
            report.skipped.append(f"{where}: {_short(unit.source)}: no longer in {document.original} "
                                  "(run sync, then export again)")
            continue
        if not unit.target or (unit.target == entry.msgstr and unit.state is entry.state):
            continue
        problems = ph.problems(entry.msgid, unit.target)
        if problems:
            report.refused.append(f"{where}: translation refused, its inline codes do not match the English "
                                  f"({'; '.join(problems)}): {_short(entry.msgid)}")
            continue
        if unit.base is not None and unit.base != text_hash(entry.msgstr) and unit.target != entry.msgstr:
            report.refused.append(f"{where}: translation not imported: {_short(entry.msgid)} was translated "
                                  f"again in {document.original} since the export")
            continue
        entry.msgstr = unit.target
        fuzzy = unit.state is not State.TRANSLATED
        if fuzzy and "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        elif not fuzzy and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")  # reviewed: the earlier English is done with, as in Poedit
            entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
        changed += 1
    return changed


def _short(text: str, width: int = 50) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")
