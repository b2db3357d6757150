"""The index of the output folder: every bulletin, how complete each language is,
and links to its editions and review page."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from .html import language_name, page


@dataclass
class IndexRow:
    """One bulletin of the index."""

    name: str
    editions: list[tuple[str, str]] = field(default_factory=list)  # (language, link)
    review: str | None = None  # link to its review page, if written
    #: (translated, live entries) per target language; None: no catalog yet.
    completeness: dict[str, tuple[int, int] | None] = field(default_factory=dict)


def index_page(rows: list[IndexRow], target_langs: list[str]) -> str:
    """The HTML of ``output/index.html``."""
    heads = "".join(f'<th lang="{lang}">{escape(language_name(lang))}</th>' for lang in target_langs)
    lines = []
    for row in rows:
        editions = " · ".join(f'<a href="{escape(href)}" hreflang="{lang}">{lang}</a>'
                              for lang, href in row.editions)
        review = f'<a href="{escape(row.review)}">review</a>' if row.review else "—"
        bars = "".join(_completeness_cell(row.completeness.get(lang), lang) for lang in target_langs)
        lines.append(f'<tr class="bulletin"><td>{escape(row.name)}</td>{bars}'
                     f'<td>{editions or "—"}</td><td>{review}</td></tr>\n')
    body = f"""<h1>Bulletins</h1>
<table id="bulletins">
<thead><tr><th>Bulletin</th>{heads}<th>Editions</th><th>Review</th></tr></thead>
<tbody>
{"".join(lines)}</tbody>
</table>"""
    return page("Bulletins", body)


def _completeness_cell(counts: tuple[int, int] | None, lang: str) -> str:
    if counts is None:
        return f'<td lang="{lang}">no catalog</td>'
    done, total = counts
    percent = 100 * done / total if total else 100.0
    return (f'<td lang="{lang}" data-percent="{percent:.0f}">'
            f'<span class="bar" role="progressbar" aria-valuenow="{percent:.0f}" aria-valuemin="0" '
            f'aria-valuemax="100"><span style="width:{percent:.0f}%"></span></span> '
            f'{done}/{total} ({percent:.0f}%)</td>')
