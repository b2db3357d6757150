"""The review page of a bulletin: every message beside its translations.

It shows every message of a bulletin in document order (the order of its
template): the English text and, per target language, the translation with
its status (reviewed, fuzzy from machine translation, fuzzy from memory,
fuzzy, untranslated), its ``file:line`` in the catalog and the findings of
``check``'s quality rules. Placeholders show as markers (``‹1›…‹/1›``,
``‹2/›``) whose tooltip says what they stand for. A "needs work" box hides the
rows every language has reviewed without findings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from ..model import Catalog, Entry, Provenance, State
from .html import language_name, page, render_message

#: Status of an entry -> label shown to reviewers.
STATUS_LABELS = {
    "reviewed": "reviewed",
    "machine": "fuzzy — machine",
    "memory": "fuzzy — memory",
    "fuzzy": "fuzzy",
    "untranslated": "untranslated",
}
#: ``check`` rules the status of a row already tells.
SHOWN_AS_STATUS = frozenset({"fuzzy"})

_FILTER_SCRIPT = """
document.getElementById("needs-work").addEventListener("change", function () {
  document.body.classList.toggle("needs-work-only", this.checked);
});
"""


@dataclass
class Column:
    """One target language of the page: its catalog (None: none yet) and where it is."""

    lang: str
    path: str  # as shown: relative to the project
    catalog: Catalog | None

    def entries(self) -> dict[str, Entry]:
        return {e.msgid: e for e in self.catalog.live()} if self.catalog is not None else {}


def entry_status(entry: Entry | None) -> str:
    """A key of :data:`STATUS_LABELS` for a catalog entry (None: not in the catalog)."""
    state = State.UNTRANSLATED if entry is None else entry.state
    if state is State.TRANSLATED:
        return "reviewed"
    if state is not State.FUZZY:
        return "untranslated"
    origin = entry.origin
    return origin.kind if origin is not None and origin.kind in (Provenance.MACHINE, Provenance.MEMORY) \
        else "fuzzy"


def review_page(name: str, template: Catalog, columns: list[Column], findings: dict,
                editions: list[tuple[str, str]], source_lang: str) -> str:
    """The HTML of a bulletin's review page.

    ``findings`` are check's findings by (catalog path, line); ``editions``
    (language, link) pairs of the bulletin's editions.
    """
    entries = {column.lang: column.entries() for column in columns}
    rows = [_row(number, entry, columns, entries, findings, source_lang)
            for number, entry in enumerate(template.live(), 1)]
    heads = "".join(f'<th lang="{c.lang}">{escape(language_name(c.lang))} ({c.lang})</th>' for c in columns)
    links = " · ".join(f'<a href="{escape(href)}" hreflang="{lang}">{escape(language_name(lang))}</a>'
                       for lang, href in editions)
    body = f"""<h1>Review: {escape(name)}</h1>
<p>Editions: {links}</p>
{_summaries(columns, entries)}
<p><label><input type="checkbox" id="needs-work"> Needs work only (hide rows reviewed in every
language without findings)</label></p>
<table id="segments">
<thead><tr><th>#</th><th lang="{source_lang}">{escape(language_name(source_lang))}</th>{heads}</tr></thead>
<tbody>
{"".join(rows)}</tbody>
</table>
<script>{_FILTER_SCRIPT}</script>"""
    return page(f"Review: {name}", body)


def _row(number: int, source: Entry, columns: list[Column], entries: dict, findings: dict,
         source_lang: str) -> str:
    descriptions = source.notes.descriptions()
    done = True
    cells = []
    for column in columns:
        entry = entries[column.lang].get(source.msgid)
        status = entry_status(entry)
        problems = findings.get((column.path, entry.line), []) if entry is not None else []
        done = done and status == "reviewed" and not problems
        where = f'<div class="where">{escape(column.path)}:{entry.line}</div>' if entry is not None else ""
        text = render_message(entry.msgstr, descriptions) if entry is not None and entry.msgstr else ""
        if entry is not None and entry.fuzzy and entry.previous_msgid:
            text += (f'<div class="previous">translated from the earlier English: '
                     f'{render_message(entry.previous_msgid, descriptions)}</div>')
        items = "".join(f'<li class="{escape(f.severity)}">{escape(f.rule)}: {escape(f.message)}</li>'
                        for f in problems)
        cells.append(
            f'<td lang="{column.lang}" data-status="{status}">'
            f'<span class="status st-{status}">{STATUS_LABELS[status]}</span>'
            f'<div class="text">{text}</div>{where}'
            + (f'<ul class="findings">{items}</ul>' if items else "") + "</td>")
    refs = ", ".join(f"{file}:{line}" for file, line in source.references)
    return (f'<tr class="segment{" done" if done else ""}"><td class="number">{number}</td>'
            f'<td lang="{source_lang}"><div class="text">{render_message(source.msgid, descriptions)}'
            f'</div><div class="where">{escape(refs)}</div></td>{"".join(cells)}</tr>\n')


def _summaries(columns: list[Column], entries: dict) -> str:
    lines = []
    for column in columns:
        counts = Counter(entry_status(e) for e in entries[column.lang].values())
        shown = ", ".join(f"{counts[key]} {label}" for key, label in STATUS_LABELS.items() if counts[key])
        lines.append(f"<li>{escape(column.path)}: {escape(shown or 'no entries')}</li>")
    return f'<ul class="summary">{"".join(lines)}</ul>'
