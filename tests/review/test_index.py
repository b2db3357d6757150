"""The index page: rows rendered one at a time (and kept from the last index)
make the same bytes as the whole page rendered at once."""

from __future__ import annotations

from bulletin_i18n.model import Counts
from bulletin_i18n.review.html import E, page
from bulletin_i18n.review.index import (
    PARTS, Figures, IndexRow, _figures_cell, index_page, language_name, render_row, rows_in,
)


def whole_page(rows: list[IndexRow], target_langs: list[str]) -> str:
    """The index as it was rendered before rows were rendered apart: one tree."""
    heads = [E.th(f"{language_name(lang)} ({lang})", lang=lang) for lang in target_langs]
    lines = []
    for row in rows:
        editions = []
        for lang, href in row.editions:
            editions += [" · "] if editions else []
            editions.append(E.a(lang, href=href, hreflang=lang))
        lines.append(E.tr(E.td(row.name), *[_figures_cell(row.figures.get(lang), lang) for lang in target_langs],
                          E.td(*(editions or ["—"])), E.td(E.a("review", href=row.review) if row.review else "—"),
                          {"class": "bulletin"}))
    legend = E.p(*[E.span(E.span({"class": f"key seg-{key}"}), label, " ") for key, label in PARTS],
                 {"class": "legend"})
    return page("Bulletins", E.h1("Bulletins"), legend, E.table(
        E.thead(E.tr(E.th("Bulletin"), *heads, E.th("Editions"), E.th("Review"))),
        E.tbody(*lines), id="bulletins"))


def rows() -> list[IndexRow]:
    figures = Figures(Counts(3, 2, 1, 4), Counts(30, 20, 10, 0), 1, 12, 2, 1, False, 1)
    done = Figures(Counts(5, 0, 0, 0), Counts(50, 0, 0, 0))
    return [
        IndexRow("a & <b> \"c\"", [("en", "en/a & b.html"), ("es", "es/a%20b.html")], "review/a & b.html",
                 {"es": figures, "fr": None}),
        IndexRow("sub/año-2015", [], None, {"es": done, "fr": figures}),
        IndexRow("empty", [("en", "en/empty.html")], "review/empty.html", {"es": Figures(Counts(), Counts())}),
    ]


def test_rows_rendered_apart_make_the_page_rendered_at_once():
    for target_langs, chosen in ((["es", "fr"], rows()), (["es"], rows()[1:]), (["es"], [])):
        text = index_page(chosen, target_langs)
        assert text == whole_page(chosen, target_langs)
        assert text.count('<tr class="bulletin">') == len(chosen)
        kept = [render_row(row, target_langs) for row in chosen]
        assert index_page(chosen, target_langs, kept) == text


def test_the_rows_of_a_written_index_by_name():
    text = index_page(rows(), ["es", "fr"])
    found = rows_in(text)
    assert list(found) == [row.name for row in rows()]
    assert found["a & <b> \"c\""] == render_row(rows()[0], ["es", "fr"])
    assert rows_in("<html>not an index</html>") == {}
