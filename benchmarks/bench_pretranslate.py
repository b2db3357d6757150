"""Pre-translation through the tool versus raw Apertium on the same text.

Pre-translates every segment of the sample bulletins (engine apertium, a fresh
cache, glossary on) and compares with one raw ``apertium -u eng-spa`` process
over the same texts as plain text (placeholders removed, one segment a
paragraph). Then runs again on the warm cache. Each figure is the best of
``--runs`` runs, after one warm-up run of Apertium (the first run after boot
reads its data from disk).

    .venv/bin/python benchmarks/bench_pretranslate.py [--corpus] [--runs 5]

Targets: overhead below 15 %, cached run below 1 % of the first.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from bulletin_i18n import placeholders as ph
from bulletin_i18n.glossary import load_glossary
from bulletin_i18n.html.extract import extract_segments
from bulletin_i18n.html.page import read_page
from bulletin_i18n.model import Catalog, Entry
from bulletin_i18n.mt import make_engine
from bulletin_i18n.mt.cache import MTCache
from bulletin_i18n.mt.fill import fill_catalog

SHARED = Path(__file__).resolve().parents[2] / "shared"


def sample_pages(corpus: bool) -> list[Path]:
    pages = sorted((SHARED / "bulletins").rglob("*.html"))
    if corpus:
        pages += sorted((SHARED / "corpus" / "newsletters").rglob("*.html"))
    return pages


def messages(pages: list[Path]) -> list[str]:
    """Distinct messages with words, in first-seen order."""
    found: dict[str, None] = {}
    for page in pages:
        for segment in extract_segments(read_page(page).root):
            if ph.has_words(segment.msgid):
                found.setdefault(segment.msgid, None)
    return list(found)


def catalog(msgids: list[str]) -> Catalog:
    return Catalog(entries=[Entry(msgid) for msgid in msgids])


def tool_run(msgids: list[str], cache: MTCache, glossary) -> float:
    """Seconds to pre-translate a fresh catalog, engine start and stop included."""
    started = time.perf_counter()
    with make_engine("apertium", "en", "es") as engine:
        fill_catalog(catalog(msgids), engine, cache=cache, glossary=glossary)
    return time.perf_counter() - started


def raw_run(msgids: list[str]) -> float:
    """Seconds for one raw Apertium process over the same texts."""
    text = "\n\n".join(" ".join(ph.strip(m, " ").split()) for m in msgids) + "\n"
    started = time.perf_counter()
    subprocess.run(["apertium", "-u", "eng-spa"], input=text.encode(), capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="store_true", help="add the newsletter corpus to the samples")
    parser.add_argument("--runs", type=int, default=5, help="runs of each measure (best is kept)")
    args = parser.parse_args()

    msgids = messages(sample_pages(args.corpus))
    words = sum(len(ph.strip(m, " ").split()) for m in msgids)
    glossary = load_glossary(SHARED / "glossary" / "en-es.csv")
    raw_run(msgids)  # warm-up: Apertium's data into the page cache
    raw = min(raw_run(msgids) for _ in range(args.runs))
    firsts, cached = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder, MTCache(Path(folder) / "mt-cache.sqlite") as cache:
            firsts.append(tool_run(msgids, cache, glossary))
            cached.append(tool_run(msgids, cache, glossary))
    first, again = min(firsts), min(cached)
    print(f"segments: {len(msgids)} ({words} words), best of {args.runs} runs")
    print(f"raw apertium (one process):        {raw * 1000:8.1f} ms")
    print(f"tool, fresh cache:                 {first * 1000:8.1f} ms  overhead {100 * (first - raw) / raw:+.1f} %")
    print(f"tool, cached run:                  {again * 1000:8.1f} ms  = {100 * again / first:.2f} % of the first")


if __name__ == "__main__":
    main()
