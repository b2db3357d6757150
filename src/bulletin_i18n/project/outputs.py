"""Where the review pages and the index are, and whether a sync left them as they are.

Kept apart from :mod:`.publish` (which reads the stages that write them): a
sync that redid no bulletin learns here, from the files' names and the
index's kept figures, that no page needs writing, without reading a stage.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..fsutil import files_under, under
from .state import state_path

REVIEW_DIR = "review"
INDEX_FILE = "index.html"
#: The index's figures of each bulletin, kept between runs (under the state folder).
FIGURES_FILE = "index.json"
#: What the index keeps of each language's figures (see ``review.index.Figures``).
_FIGURE_KEYS = frozenset({"entries", "words", "machine", "findings", "passed", "fuzzy"})


def review_path(settings, name: str) -> Path:
    return settings.output_path / REVIEW_DIR / f"{name}.html"


def review_pages(settings) -> set[str]:
    """The review pages there are, as ``<name>.html``: by one listing, what
    ``review_path(settings, name).is_file()`` says of each bulletin."""
    folder = under(settings.output_folder, REVIEW_DIR)
    return set(files_under(folder, lambda name: name.endswith(".html"), files_only=True))


def pages_current(settings, reports) -> bool:
    """Whether :func:`.publish.refresh_pages` would write nothing after a sync
    whose ``reports`` cover every bulletin of the project: none was redone,
    each has its review page, and the index exists with kept figures made at
    the digests the sync found (so its rows, links and figures are as they
    would be written). False whenever in doubt: the pages are then refreshed."""
    if any(not r.skipped or not r.state or not r.state.get("digest") for r in reports):
        return False
    output = settings.output_folder
    if not os.path.isfile(under(output, INDEX_FILE)):
        return False
    try:
        with open(state_path(settings, FIGURES_FILE), encoding="utf-8") as handle:
            kept = json.load(handle)
    except (OSError, ValueError):
        return False
    if not isinstance(kept, dict) or len(kept) != len(reports):
        return False
    pages = review_pages(settings)
    for report in reports:
        figures = kept.get(report.name)
        if not isinstance(figures, dict) or figures.get("digest") != report.state["digest"]:
            return False
        if not _readable(figures.get("figures")) or f"{report.name}.html" not in pages:
            return False
    return True


def _readable(figures) -> bool:
    """Kept figures the index can show again as they are (``Figures.from_dict``
    reads them): only figures as the index writes them pass, anything else is
    made anew by the index."""
    return isinstance(figures, dict) and all(data is None or _figure(data) for data in figures.values())


def _figure(data) -> bool:
    def numbers(value, most: int, least: int = 0) -> bool:
        return isinstance(value, list) and least <= len(value) <= most and all(
            isinstance(n, int) and not isinstance(n, bool) for n in value)

    return (isinstance(data, dict) and data.keys() >= _FIGURE_KEYS and numbers(data["entries"], 4)
            and numbers(data["words"], 4) and numbers(data["machine"], 2, 2) and numbers(data["findings"], 2, 2)
            and isinstance(data["passed"], bool) and numbers([data["fuzzy"]], 1))
