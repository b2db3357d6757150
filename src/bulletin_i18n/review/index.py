"""The index of the output folder: every bulletin, where each language stands,
and links to its editions and review page.

Per bulletin and language it shows :class:`Figures`, made from ``check``'s own
result for that catalog (:class:`~bulletin_i18n.qa.runner.CatalogResult`): a
stacked bar of reviewed entries, machine drafts, other fuzzy entries and
untranslated ones, by entries and by source words; the translated share as
``check`` prints it (the same rounding); and check's verdict with its numbers
of errors and warnings.
"""

from __future__ import annotations

import hashlib
import html as html_lib
from dataclasses import dataclass, field

from lxml import html as lxml_html

from ..model import Counts, show_percent
from ..qa.runner import ERROR, CatalogResult
from .html import E, language_name, page, plural

#: The parts of a bar, in order: key, label.
PARTS = (("reviewed", "reviewed"), ("machine", "machine drafts"), ("fuzzy", "other fuzzy"),
         ("untranslated", "untranslated"))


@dataclass
class Figures:
    """What the index shows of one catalog: check's counts, drafts and verdict."""

    entries: Counts
    words: Counts
    machine_entries: int = 0
    machine_words: int = 0
    errors: int = 0
    warnings: int = 0
    passed: bool = True
    #: Of the errors: one per fuzzy entry (when fuzzy entries are not allowed).
    fuzzy_errors: int = 0

    @classmethod
    def of(cls, result: CatalogResult) -> Figures:
        fuzzy = sum(f.rule == "fuzzy" and f.severity == ERROR for f in result.findings)
        return cls(result.entries, result.words, result.machine_entries, result.machine_words,
                   result.errors, result.warnings, result.passed, fuzzy)

    def as_dict(self) -> dict:
        """A form JSON keeps (:meth:`from_dict` reads it back)."""
        return {"entries": self.entries.as_list(), "words": self.words.as_list(),
                "machine": [self.machine_entries, self.machine_words],
                "findings": [self.errors, self.warnings], "passed": self.passed, "fuzzy": self.fuzzy_errors}

    @classmethod
    def from_dict(cls, data: dict) -> Figures:
        return cls(Counts(*data["entries"]), Counts(*data["words"]), *data["machine"], *data["findings"],
                   bool(data["passed"]), int(data["fuzzy"]))

    def parts(self, counts: Counts, machine: int) -> dict[str, int]:
        """Reviewed, machine drafts, other fuzzy, untranslated: of entries or of words."""
        return {"reviewed": counts.translated, "machine": machine, "fuzzy": counts.fuzzy - machine,
                "untranslated": counts.untranslated}


@dataclass
class IndexRow:
    """One bulletin of the index."""

    name: str
    editions: list[tuple[str, str]] = field(default_factory=list)  # (language, link)
    review: str | None = None  # link to its review page, if written
    #: Per target language; None: no catalog yet.
    figures: dict[str, Figures | None] = field(default_factory=dict)


def index_page(rows: list[IndexRow], target_langs: list[str], rendered: list[str] | None = None) -> str:
    """The HTML of ``output/index.html``. ``rendered``: each row's HTML as
    :func:`render_row` gives it (rows kept from the last index), made here if not given."""
    heads = [E.th(f"{language_name(lang)} ({lang})", lang=lang) for lang in target_langs]
    legend = E.p(*[E.span(E.span({"class": f"key seg-{key}"}), label, " ") for key, label in PARTS],
                 {"class": "legend"})
    frame = page("Bulletins", E.h1("Bulletins"), legend, E.table(
        E.thead(E.tr(E.th("Bulletin"), *heads, E.th("Editions"), E.th("Review"))),
        E.tbody(), id="bulletins"))
    if rendered is None:
        rendered = [render_row(row, target_langs) for row in rows]
    # as the page would serialise the rows in it: one line each, right after <tbody>
    return frame.replace(_EMPTY_BODY, "<tbody>" + "".join(line + "\n" for line in rendered) + "</tbody>", 1)


_EMPTY_BODY = "<tbody></tbody>"
_ROW_START = '<tr class="bulletin"><td>'


def render_row(row: IndexRow, target_langs: list[str]) -> str:
    """One bulletin's row of the index, as the page holds it (a line)."""
    editions = []
    for lang, href in row.editions:
        editions += [" · "] if editions else []
        editions.append(E.a(lang, href=href, hreflang=lang))
    return lxml_html.tostring(E.tr(
        E.td(row.name),
        *[_figures_cell(row.figures.get(lang), lang) for lang in target_langs],
        E.td(*(editions or ["—"])),
        E.td(E.a("review", href=row.review) if row.review else "—"),
        {"class": "bulletin"}), encoding="unicode")


def row_key(row: IndexRow, figures: dict[str, dict | None], target_langs: list[str], code: str) -> str:
    """What a row shows, in short: a row with the same key renders the same.
    ``figures``: the row's figures as :meth:`Figures.as_dict` gives them, by
    language; ``code``: a key of the code that renders it (another version of
    the tool may render the same figures otherwise)."""
    shown = (code, target_langs, row.name, row.editions, row.review, sorted(figures.items()))
    return hashlib.sha1(repr(shown).encode()).hexdigest()


def rows_in(text: str) -> dict[str, str]:
    """The rows of an index page (as :func:`index_page` wrote it), by bulletin name;
    empty when the page is not one."""
    start, end = text.find("<tbody>"), text.find("</tbody>")
    if start < 0 or end < start:
        return {}
    found = {}
    for line in text[start + len("<tbody>"):end].split("\n"):
        if line.startswith(_ROW_START) and line.endswith("</tr>"):
            name = line[len(_ROW_START):line.find("</td>")]
            found[html_lib.unescape(name)] = line
    return found


def _figures_cell(figures: Figures | None, lang: str):
    if figures is None:
        return E.td("no catalog: run bulletin-i18n sync", lang=lang)
    entries, words = figures.entries, figures.words
    percent_entries, percent_words = show_percent(entries.percent()), show_percent(words.percent())
    by_entries = figures.parts(entries, figures.machine_entries)
    by_words = figures.parts(words, figures.machine_words)
    verdict = "passed" if figures.passed else "failed"
    of_them = f" ({figures.fuzzy_errors} of them fuzzy entries)" if figures.fuzzy_errors else ""
    findings = f"{plural(figures.errors, 'error')}{of_them}, {plural(figures.warnings, 'warning')}"
    data = {
        "lang": lang, "class": "figures",
        "data-translated": str(entries.translated), "data-total": str(entries.total),
        "data-fuzzy": str(entries.fuzzy), "data-untranslated": str(entries.untranslated),
        "data-obsolete": str(entries.obsolete), "data-machine": str(figures.machine_entries),
        "data-words-translated": str(words.translated), "data-words-total": str(words.total),
        "data-words-machine": str(figures.machine_words),
        "data-percent-entries": percent_entries, "data-percent-words": percent_words,
        "data-errors": str(figures.errors), "data-warnings": str(figures.warnings), "data-check": verdict,
    }
    return E.td(
        _bar(by_entries, entries.total, "entries"),
        E.div(f"{entries.translated}/{entries.total} entries reviewed ({percent_entries}%)", {"class": "line"}),
        _bar(by_words, words.total, "words"),
        E.div(f"{words.translated}/{words.total} words reviewed ({percent_words}%)", {"class": "line"}),
        E.div(", ".join(f"{by_entries[key]} {label}" for key, label in PARTS[1:] if by_entries[key])
              or "nothing left to do", {"class": "line"}),
        E.div("check: ", E.span(verdict, {"class": verdict}), f", {findings}", {"class": "line"}),
        data)


def _bar(parts: dict[str, int], total: int, unit: str):
    """A stacked bar of the parts; its label says them in words."""
    label = f"{unit}: " + ", ".join(f"{parts[key]} {name}" for key, name in PARTS)
    segments = [E.span({"class": f"seg-{key}", "style": f"width:{100 * parts[key] / total:.2f}%",
                        "title": f"{parts[key]} {name}"})
                for key, name in PARTS if total and parts[key]]
    return E.div(*segments, {"class": f"stack {unit}", "role": "img", "aria-label": label})
