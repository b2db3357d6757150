"""The review page of a bulletin: every message beside its translations.

It shows every message of a bulletin in document order (the order of its
template): the English text and, per target language, the translation with a
badge that says what readers of the edition see:

* *reviewed*: the translation, reviewed, with no finding of ``check``;
* *has findings*: a reviewed translation the edition shows, on which
  ``check``'s quality rules found something (listed under it);
* *not used: English shown*: a reviewed translation the build refuses (its
  placeholders do not match, a control character…), with the build's reason;
* *machine draft*, *fuzzy: from memory*, *fuzzy*: a suggestion nobody
  reviewed yet; the edition shows the English;
* *untranslated*.

Its ``file:line`` in the catalog goes under it; for a fuzzy entry whose English
changed, the earlier English with the changed words marked (a word diff).
Placeholders show as markers (``‹1›…‹/1›``, ``‹2/›``) whose tooltip says what
they stand for. At the top, the count of each status per language, a filter by
status, by finding, a text search and "needs work only".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Catalog, Entry, Provenance, State
from .html import E, element_html, language_name, message_html, page, text_html, value_html, word_diff

#: Status of an entry -> the badge reviewers read, in the order the filters show them.
STATUS_LABELS = {
    "reviewed": "reviewed",
    "findings": "has findings",
    "not-used": "not used: English shown",
    "machine": "machine draft",
    "memory": "fuzzy: from memory",
    "fuzzy": "fuzzy",
    "untranslated": "untranslated",
}
#: ``check`` rules the status of a row already tells.
SHOWN_AS_STATUS = frozenset({"fuzzy"})

_FILTER_SCRIPT = """
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("#segments tbody tr"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=status]"));
  var finding = document.getElementById("finding");
  var search = document.getElementById("search");
  var needsWork = document.getElementById("needs-work");
  var shown = document.getElementById("shown");
  function filter() {
    var wanted = {};
    boxes.forEach(function (box) { wanted[box.value] = box.checked; });
    var rule = finding.value, text = search.value.trim().toLowerCase(), count = 0;
    rows.forEach(function (row) {
      var cells = Array.prototype.slice.call(row.querySelectorAll("td[data-status]"));
      var keep = cells.some(function (cell) { return wanted[cell.getAttribute("data-status")]; });
      if (keep && rule) {
        keep = cells.some(function (cell) {
          var rules = (cell.getAttribute("data-findings") || "").split(" ").filter(Boolean);
          return rule === "*" ? rules.length > 0 : rules.indexOf(rule) >= 0;
        });
      }
      if (keep && needsWork.checked) { keep = !row.classList.contains("done"); }
      if (keep && text) { keep = row.textContent.toLowerCase().indexOf(text) >= 0; }
      row.hidden = !keep;
      if (keep) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " rows shown";
  }
  boxes.concat([finding, needsWork]).forEach(function (input) { input.addEventListener("change", filter); });
  search.addEventListener("input", filter);
  filter();
})();
"""


@dataclass
class Column:
    """One target language of the page: its catalog (None: none yet), where it is,
    and the translations the build does not use, with the reasons (by msgid)."""

    lang: str
    path: str  # as shown: relative to the project
    catalog: Catalog | None
    not_used: dict[str, list[str]] = field(default_factory=dict)

    def entries(self) -> dict[str, Entry]:
        return {e.msgid: e for e in self.catalog.live()} if self.catalog is not None else {}


def entry_status(entry: Entry | None, not_used: bool = False, findings: bool = False) -> str:
    """A key of :data:`STATUS_LABELS` for a catalog entry (None: not in the catalog).

    ``not_used``: the build refuses its translation; ``findings``: check found
    something in it. Both matter only for a reviewed entry (a fuzzy one is not
    in the edition anyway).
    """
    state = State.UNTRANSLATED if entry is None else entry.state
    if state is State.TRANSLATED:
        return "not-used" if not_used else "findings" if findings else "reviewed"
    if state is not State.FUZZY:
        return "untranslated"
    if entry.machine_draft:
        return "machine"
    origin = entry.origin
    return "memory" if origin is not None and origin.kind == Provenance.MEMORY else "fuzzy"


@dataclass
class _Cell:
    lang: str
    path: str
    entry: Entry | None
    status: str
    reasons: list[str]
    findings: list


def review_page(name: str, template: Catalog, columns: list[Column], findings: dict,
                editions: list[tuple[str, str]], source_lang: str) -> str:
    """The HTML of a bulletin's review page.

    ``findings`` are check's findings by (catalog path, line); ``editions``
    (language, link) pairs of the bulletin's editions.
    """
    entries = {column.lang: column.entries() for column in columns}
    table = []
    for source in template.live():
        cells = []
        for column in columns:
            entry = entries[column.lang].get(source.msgid)
            problems = [f for f in findings.get((column.path, entry.line), []) if f.rule not in SHOWN_AS_STATUS] \
                if entry is not None else []
            reasons = column.not_used.get(source.msgid, []) if entry is not None and entry.msgstr else []
            status = entry_status(entry, bool(reasons), bool(problems))
            cells.append(_Cell(column.lang, column.path, entry, status, reasons, problems))
        table.append((source, cells))
    rules = sorted({f.rule for _, cells in table for cell in cells for f in cell.findings})
    body = [
        E.h1(f"Review: {name}"),
        E.p("Editions: ", *_joined([E.a(language_name(lang), href=href, hreflang=lang) for lang, href in editions])),
        _summary(columns, table),
        _controls(rules),
        E.table(
            E.thead(E.tr(E.th("#"), E.th(language_name(source_lang), lang=source_lang),
                         *[E.th(f"{language_name(c.lang)} ({c.lang})", lang=c.lang) for c in columns])),
            E.tbody(), id="segments"),
    ]
    # the rows, written as text, go into the frame lxml writes (the page's only tbody)
    rows = "".join([_row(number, source, cells, source_lang) for number, (source, cells) in enumerate(table, 1)])
    return page(f"Review: {name}", *body, script=_FILTER_SCRIPT).replace(
        "<tbody></tbody>", f"<tbody>{rows}</tbody>", 1)


def _joined(items: list, separator: str = " · ") -> list:
    out = []
    for item in items:
        if out:
            out.append(separator)
        out.append(item)
    return out


def _summary(columns: list[Column], table: list) -> object:
    """The count of each status, per language."""
    lines = []
    for index, column in enumerate(columns):
        counts = Counter(cells[index].status for _, cells in table)
        parts = [E.span(f"{label}: ", E.span(str(counts[key]), {"class": "count"}), {"data-status": key})
                 for key, label in STATUS_LABELS.items() if counts[key]]
        lines.append(E.li(f"{column.path}: ", *(_joined(parts, ", ") or ["no entries"]),
                          {"data-lang": column.lang}))
    return E.ul(*lines, {"class": "summary"})


def _controls(rules: list[str]) -> object:
    boxes = [E.label(E.input(type="checkbox", name="status", value=key, checked="checked"), f" {label}")
             for key, label in STATUS_LABELS.items()]
    options = [E.option("any row", value=""), E.option("rows with a finding", value="*")]
    options += [E.option(f"{rule} findings", value=rule) for rule in rules]
    return E.div(
        E.fieldset(E.legend("Status"), *_joined(boxes, " ")),
        E.label("Findings ", E.select(*options, id="finding")),
        E.label("Search ", E.input(type="search", id="search", placeholder="words in any column")),
        E.label(E.input(type="checkbox", id="needs-work"),
                " Needs work only (hide rows reviewed in every language without findings)"),
        E.span(id="shown"),
        {"class": "controls"})


def _row(number: int, source: Entry, cells: list[_Cell], source_lang: str) -> str:
    """A row of the table as HTML text (what lxml writes of the same elements)."""
    descriptions = source.notes.descriptions()
    done = all(cell.status == "reviewed" for cell in cells)
    refs = ", ".join(f"{file}:{line}" for file, line in source.references)
    return (f'<tr class="{"segment done" if done else "segment"}"><td class="number">{number}</td>'
            f'<td lang={value_html(source_lang)}><div class="text">{message_html(source.msgid, descriptions)}</div>'
            f'<div class="where">{text_html(refs)}</div></td>'
            f'{"".join([_cell(cell, source, descriptions) for cell in cells])}</tr>\n')


def _cell(cell: _Cell, source: Entry, descriptions: dict[int, str]) -> str:
    entry = cell.entry
    status = cell.status
    rules = " ".join(dict.fromkeys(f.rule for f in cell.findings))
    parts = [f'<td lang={value_html(cell.lang)} data-status="{status}" data-findings={value_html(rules)}>'
             f'<span class="status st-{status}">{STATUS_LABELS[status]}</span>']
    if cell.reasons:
        why = "; ".join(cell.reasons)
        reason = f"why: {why}" if status == "not-used" else f"not usable even once reviewed: {why}"
        parts.append(f'<div class="reason">{text_html(reason)}</div>')
    text = message_html(entry.msgstr, descriptions) if entry is not None and entry.msgstr else ""
    parts.append(f'<div class="text">{text}</div>')
    if entry is not None and entry.fuzzy and entry.previous_msgid:
        parts.append(element_html(E.div("The English changed: ", *word_diff(entry.previous_msgid, source.msgid,
                                                                             descriptions),
                                        {"class": "previous",
                                         "title": "words of the earlier English struck out, new words marked"})))
    if entry is not None:
        parts.append(f'<div class="where">{text_html(f"{cell.path}:{entry.line}")}</div>')
    if cell.findings:
        items = "".join(f'<li class={value_html(f.severity)}>{text_html(f"{f.rule}: {f.message}")}</li>\n'
                        for f in cell.findings)
        parts.append(f'<ul class="findings">{items}</ul>')
    parts.append("</td>")
    return "".join(parts)
