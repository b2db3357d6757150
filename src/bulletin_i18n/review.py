"""Static pages for reviewers: one review page per bulletin, and the output index.

``output/review/<name>.html`` shows every message of a bulletin in document
order (the order of its template ``locales/<name>.pot``): the English text and,
per target language, the translation with its status (reviewed, fuzzy from
machine translation, fuzzy from memory, fuzzy, untranslated), its ``file:line``
in the catalog and the findings of ``check``'s quality rules. Placeholders show
as markers (``‹1›…‹/1›``, ``‹2/›``) whose tooltip says what they stand for. A
"needs work" box hides the rows every language has reviewed without findings.

``output/index.html`` lists the bulletins with, per language, how complete the
catalog is, and links to the editions and review pages.

Both pages are self-contained (inline CSS and script, no network).
"""

from __future__ import annotations

import posixpath
from collections import Counter
from html import escape
from pathlib import Path

import polib
from babel import Locale, UnknownLocaleError

from . import placeholders as ph
from .catalog import MEMORY_PREFIX, MT_PREFIX, comment_lines, entry_state, placeholder_descriptions, read_catalog
from .config import Settings
from .editions import edition_langs
from .fsutil import write_atomic
from .project import catalog_status, select_sources

REVIEW_DIR = "review"
INDEX_FILE = "index.html"
#: Status of an entry -> label shown to reviewers.
STATUS_LABELS = {
    "reviewed": "reviewed",
    "machine": "fuzzy — machine",
    "memory": "fuzzy — memory",
    "fuzzy": "fuzzy",
    "untranslated": "untranslated",
}
_PROVENANCE = ((MT_PREFIX, "machine"), (MEMORY_PREFIX, "memory"))
#: ``check`` rules the status of a row already tells.
_SHOWN_AS_STATUS = frozenset({"fuzzy"})

_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: .4em .6em; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
.ph { background: #e4ecf7; color: #1f4e79; border-radius: 3px; padding: 0 2px;
      font: 12px monospace; white-space: nowrap; }
.status { font-size: 12px; font-weight: bold; display: inline-block; padding: 0 .4em; border-radius: 3px; }
.st-reviewed { background: #d8f0d8; } .st-machine { background: #fde2c8; }
.st-memory { background: #e8dcf5; } .st-fuzzy { background: #fff1b8; }
.st-untranslated { background: #f6cccc; }
.where { color: #777; font: 11px monospace; }
.previous { color: #555; font-size: 12px; margin-top: .3em; font-style: italic; }
.findings { margin: .2em 0 0 1.2em; padding: 0; color: #a00; font-size: 12px; }
.findings .warning { color: #8a6d00; }
.number { color: #999; width: 2em; }
body.needs-work-only tr.done { display: none; }
.bar { width: 10em; height: .8em; background: #eee; border-radius: 3px; display: inline-block; }
.bar span { display: block; height: 100%; background: #4a8a4a; border-radius: 3px; }
"""

_FILTER_SCRIPT = """
document.getElementById("needs-work").addEventListener("change", function () {
  document.body.classList.toggle("needs-work-only", this.checked);
});
"""


# -- entries -----------------------------------------------------------------------


def entry_status(entry: polib.POEntry | None) -> str:
    """A key of :data:`STATUS_LABELS` for a catalog entry (None: not in the catalog)."""
    state = "untranslated" if entry is None else entry_state(entry)
    if state == "translated":
        return "reviewed"
    if state != "fuzzy":
        return "untranslated"
    for line in comment_lines(entry):
        for prefix, status in _PROVENANCE:
            if line.startswith(prefix):
                return status
    return "fuzzy"


def render_message(text: str, descriptions: dict[int, str]) -> str:
    """A message as HTML, placeholders as readable markers (``‹1›``, ``‹/1›``, ``‹2/›``)."""
    out, pos = [], 0
    for match in ph.TOKEN_RE.finditer(text):
        out.append(escape(text[pos:match.start()]))
        closing, number, atomic = match.groups()
        title = descriptions.get(int(number), "")
        out.append(f'<span class="ph" title="{escape(title)}">‹{closing}{number}{atomic}›</span>')
        pos = match.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def language_name(lang: str) -> str:
    """The language's own name ("español"), or its code when Babel does not know it."""
    try:
        return Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_")) or lang
    except (ValueError, UnknownLocaleError):
        return lang


# -- the review page --------------------------------------------------------------


def review_path(settings: Settings, name: str) -> Path:
    return settings.output_path / REVIEW_DIR / f"{name}.html"


def check_findings(settings: Settings, names: list[str] | None = None) -> dict[tuple[str, int], list]:
    """``check``'s findings on catalog entries, by (catalog path, line).
    A fuzzy entry's finding is its status, not listed."""
    from .check import run_check

    found: dict[tuple[str, int], list] = {}
    for finding in run_check(settings, names=names).findings:
        if finding.line is not None and finding.rule not in _SHOWN_AS_STATUS:
            found.setdefault((finding.path, finding.line), []).append(finding)
    return found


def write_reviews(settings: Settings, names: list[str] | None = None) -> list[Path]:
    """Review pages of the bulletins ``names`` (default all); returns the pages written."""
    chosen = [settings.name_of(source) for source in select_sources(settings, names)]
    findings = check_findings(settings, chosen)
    written = []
    for name in chosen:
        written.extend(write_review(settings, name, findings=findings))
    return written


def write_review(settings: Settings, name: str, *, findings: dict | None = None) -> list[Path]:
    """Write ``output/review/<name>.html``; returns it in a list if it changed.

    ``findings`` are :func:`check_findings` (computed for this bulletin if None).
    """
    if findings is None:
        findings = check_findings(settings, [name])
    template = read_catalog(settings.template_path(name), settings.wrap_width)
    catalogs = _target_catalogs(settings, name)
    page = review_path(settings, name)
    rows = [_review_row(settings, number, entry, catalogs, findings)
            for number, entry in enumerate((e for e in template if not e.obsolete), 1)]
    heads = "".join(f'<th lang="{lang}">{escape(language_name(lang))} ({lang})</th>' for lang in catalogs)
    body = f"""<h1>Review: {escape(name)}</h1>
<p>Editions: {_edition_links(settings, name, page)}</p>
{_summaries(catalogs)}
<p><label><input type="checkbox" id="needs-work"> Needs work only (hide rows reviewed in every
language without findings)</label></p>
<table id="segments">
<thead><tr><th>#</th><th lang="{settings.source_lang}">{escape(language_name(settings.source_lang))}</th>{heads}</tr></thead>
<tbody>
{"".join(rows)}</tbody>
</table>
<script>{_FILTER_SCRIPT}</script>"""
    return _write_page(page, f"Review: {name}", body)


def _target_catalogs(settings: Settings, name: str) -> dict[str, tuple[str, dict[str, polib.POEntry]]]:
    """lang -> (shown catalog path, live entries by msgid); missing catalogs are empty."""
    catalogs = {}
    for lang in settings.target_langs:
        path = settings.catalog_path(name, lang)
        po = read_catalog(path, settings.wrap_width) if path.is_file() else []
        catalogs[lang] = (settings.relative(path), {e.msgid: e for e in po if not e.obsolete})
    return catalogs


def _review_row(settings: Settings, number: int, source: polib.POEntry,
                catalogs: dict, findings: dict) -> str:
    descriptions = placeholder_descriptions(source)
    done = True
    cells = []
    for lang, (path, entries) in catalogs.items():
        entry = entries.get(source.msgid)
        status = entry_status(entry)
        problems = findings.get((path, entry.linenum), []) if entry is not None else []
        done = done and status == "reviewed" and not problems
        where = f'<div class="where">{escape(path)}:{entry.linenum}</div>' if entry is not None else ""
        text = render_message(entry.msgstr, descriptions) if entry is not None and entry.msgstr else ""
        if entry is not None and entry.fuzzy and entry.previous_msgid:
            text += (f'<div class="previous">translated from the earlier English: '
                     f'{render_message(entry.previous_msgid, descriptions)}</div>')
        items = "".join(f'<li class="{escape(f.severity)}">{escape(f.rule)}: {escape(f.message)}</li>'
                        for f in problems)
        cells.append(
            f'<td lang="{lang}" data-status="{status}">'
            f'<span class="status st-{status}">{STATUS_LABELS[status]}</span>'
            f'<div class="text">{text}</div>{where}'
            + (f'<ul class="findings">{items}</ul>' if items else "") + "</td>")
    refs = ", ".join(f"{file}:{line}" for file, line in source.occurrences)
    return (f'<tr class="segment{" done" if done else ""}"><td class="number">{number}</td>'
            f'<td lang="{settings.source_lang}"><div class="text">{render_message(source.msgid, descriptions)}'
            f'</div><div class="where">{escape(refs)}</div></td>{"".join(cells)}</tr>\n')


def _summaries(catalogs: dict) -> str:
    lines = []
    for lang, (path, entries) in catalogs.items():
        counts = Counter(entry_status(e) for e in entries.values())
        shown = ", ".join(f"{counts[key]} {label}" for key, label in STATUS_LABELS.items() if counts[key])
        lines.append(f"<li>{escape(path)}: {escape(shown or 'no entries')}</li>")
    return f'<ul class="summary">{"".join(lines)}</ul>'


def _edition_links(settings: Settings, name: str, page: Path) -> str:
    links = []
    for lang in edition_langs(settings):
        href = _href(settings.edition_path(name, lang), page)
        links.append(f'<a href="{escape(href)}" hreflang="{lang}">{escape(language_name(lang))}</a>')
    return " · ".join(links)


def _href(target: Path, page: Path) -> str:
    """A relative link from ``page`` to ``target`` (both under the output folder)."""
    return posixpath.relpath(target.as_posix(), page.parent.as_posix())


def _write_page(path: Path, title: str, body: str) -> list[Path]:
    html = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
{body}
</body>
</html>
"""
    return [path] if write_atomic(path, html, durable=False) else []


# -- the index --------------------------------------------------------------------


def completeness(settings: Settings, name: str, lang: str) -> tuple[int, int] | None:
    """(translated, live entries) of a bulletin's catalog, None when there is none."""
    path = settings.catalog_path(name, lang)
    if not path.is_file():
        return None
    return catalog_status(read_catalog(path, settings.wrap_width), lang, path).completeness


def write_index(settings: Settings,
                counts: dict[tuple[str, str], tuple[int, int]] | None = None) -> list[Path]:
    """Write ``output/index.html``; returns it in a list if it changed.

    ``counts`` maps (bulletin, language) to (translated, total) entries where
    the caller knows them (sync does); the other catalogs are read.
    """
    counts = counts or {}
    page = settings.output_path / INDEX_FILE
    langs = edition_langs(settings)
    heads = "".join(f'<th lang="{lang}">{escape(language_name(lang))}</th>' for lang in settings.target_langs)
    rows = []
    for source in settings.sources():
        name = settings.name_of(source)
        editions = " · ".join(
            f'<a href="{escape(_href(settings.edition_path(name, lang), page))}" hreflang="{lang}">{lang}</a>'
            for lang in langs if settings.edition_path(name, lang).is_file())
        review = review_path(settings, name)
        review_link = f'<a href="{escape(_href(review, page))}">review</a>' if review.is_file() else "—"
        bars = "".join(_completeness_cell(
            counts[name, lang] if (name, lang) in counts else completeness(settings, name, lang), lang)
            for lang in settings.target_langs)
        rows.append(f'<tr class="bulletin"><td>{escape(name)}</td>{bars}'
                    f'<td>{editions or "—"}</td><td>{review_link}</td></tr>\n')
    body = f"""<h1>Bulletins</h1>
<table id="bulletins">
<thead><tr><th>Bulletin</th>{heads}<th>Editions</th><th>Review</th></tr></thead>
<tbody>
{"".join(rows)}</tbody>
</table>"""
    return _write_page(page, "Bulletins", body)


def _completeness_cell(counts: tuple[int, int] | None, lang: str) -> str:
    if counts is None:
        return f'<td lang="{lang}">no catalog</td>'
    done, total = counts
    percent = 100 * done / total if total else 100.0
    return (f'<td lang="{lang}" data-percent="{percent:.0f}">'
            f'<span class="bar" role="progressbar" aria-valuenow="{percent:.0f}" aria-valuemin="0" '
            f'aria-valuemax="100"><span style="width:{percent:.0f}%"></span></span> '
            f'{done}/{total} ({percent:.0f}%)</td>')
