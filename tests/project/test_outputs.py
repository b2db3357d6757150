"""Whether a sync that redid no bulletin leaves the review pages and the index as they are."""

from __future__ import annotations

import json
import shutil

from bulletin_i18n.project import Project
from bulletin_i18n.project.outputs import FIGURES_FILE, pages_current, review_path
from bulletin_i18n.project.publish import refresh_pages
from bulletin_i18n.project.state import state_path
from bulletin_i18n.project.sync import sync
from bulletin_i18n.settings import load_settings

NAME = "sedi-2015-04"


def synced(project):
    """A project synced with its pages, then a sync that redoes nothing: its reports."""
    shutil.copy(project / "source" / f"{NAME}.html", project / "source" / "second.html")
    settings = load_settings(project)
    refresh_pages(Project(settings), sync(Project(settings), fill_factory=None))
    reports = sync(Project(settings))
    assert all(report.skipped for report in reports) and len(reports) == 2
    return settings, reports


def test_pages_are_current_only_when_refreshing_them_would_write_nothing(project):
    settings, reports = synced(project)
    assert pages_current(settings, reports)
    assert refresh_pages(Project(settings), reports) == []  # the slow way agrees
    # a review page gone: made again
    review_path(settings, "second").unlink()
    assert not pages_current(settings, reports)
    assert refresh_pages(Project(settings), reports) == [review_path(settings, "second")]
    assert pages_current(settings, reports)
    # kept figures made at another digest, or unreadable, or for other bulletins
    figures = state_path(settings, FIGURES_FILE)
    kept = json.loads(figures.read_text(encoding="utf-8"))
    for changed in ({**kept, NAME: {**kept[NAME], "digest": "0"}}, {**kept, NAME: {**kept[NAME], "figures": 1}},
                    {NAME: kept[NAME]}, {**kept, "third": kept[NAME]}):
        figures.write_text(json.dumps(changed), encoding="utf-8")
        assert not pages_current(settings, reports)
    figures.write_text("{", encoding="utf-8")
    assert not pages_current(settings, reports)
    figures.write_text(json.dumps(kept), encoding="utf-8")
    assert pages_current(settings, reports)
    # the index gone, or a bulletin redone
    (settings.output_path / "index.html").unlink()
    assert not pages_current(settings, reports)
    assert refresh_pages(Project(settings), reports) == [settings.output_path / "index.html"]
    reports[0].skipped = False
    assert not pages_current(settings, reports)


def test_kept_figures_pass_only_as_the_index_writes_them(project):
    settings, reports = synced(project)
    figures = state_path(settings, FIGURES_FILE)
    kept = json.loads(figures.read_text(encoding="utf-8"))
    written = kept[NAME]["figures"]["es"]
    assert set(written) >= {"entries", "words", "machine", "findings", "passed", "fuzzy"}
    for wrong in ({"machine": [1]}, {"findings": [1, 2, 3]}, {"entries": [1, 2, 3, 4, 5]}, {"passed": "yes"},
                  {"fuzzy": "0"}, {"words": None}):
        figures.write_text(json.dumps({**kept, NAME: {**kept[NAME], "figures": {"es": {**written, **wrong}}}}),
                           encoding="utf-8")
        assert not pages_current(settings, reports), wrong
    figures.write_text(json.dumps({**kept, NAME: {**kept[NAME], "figures": {"es": None}}}), encoding="utf-8")
    assert pages_current(settings, reports)  # no catalog yet: shown as such
