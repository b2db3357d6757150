"""Speed of the HTML stages against lxml alone, on 1,000 bulletins.

Prints, for N copies of the sample bulletin (each a little different):
  lxml           parse + serialise (the floor: what any lxml tool must pay)
  extract        parse + segments (the walk that finds translatable text)
  build          parse + segments + translations applied + serialise
  sync (cold)    the whole `sync --no-mt` over a project of N bulletins, catalogs
                 written, both editions built
  sync (warm)    the same run again, nothing changed (incremental skip)
  sync (1 edit)  one bulletin of N changed

Usage: python benchmarks/bench_pipeline.py [N]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree, html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bulletin_i18n.build import apply_translations  # noqa: E402
from bulletin_i18n.config import load_settings  # noqa: E402
from bulletin_i18n.extract import extract_segments  # noqa: E402
from bulletin_i18n.htmlio import parse_page, serialize  # noqa: E402
from bulletin_i18n.project import sync  # noqa: E402

SAMPLE = ROOT / "source" / "sedi-2015-04.html"


def pages(count: int) -> list[bytes]:
    text = SAMPLE.read_text(encoding="utf-8")
    return [text.replace("April 2015", f"Issue {i}").encode("utf-8") for i in range(count)]


def timed(label: str, func, count: int, floor: float | None = None) -> float:
    start = time.perf_counter()
    func()
    elapsed = time.perf_counter() - start
    ratio = f"  ({elapsed / floor:.1f}x lxml)" if floor else ""
    print(f"{label:<16} {elapsed:8.3f} s  {elapsed / count * 1000:7.2f} ms/page{ratio}")
    return elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    data = pages(count)
    print(f"{count} bulletins of {len(data[0]):,} bytes")

    def lxml_only():
        for page in data:
            etree.tostring(html.document_fromstring(page), method="html", encoding="utf-8")

    def extract_only():
        for page in data:
            extract_segments(parse_page(page).root)

    def build_only():
        for page in data:
            parsed = parse_page(page)
            apply_translations(extract_segments(parsed.root), lambda m: m)
            serialize(parsed)

    floor = timed("lxml", lxml_only, count)
    timed("extract", extract_only, count, floor)
    timed("build", build_only, count, floor)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "source").mkdir()
        for number, page in enumerate(data):
            (project / "source" / f"b{number:04}.html").write_bytes(page)
        shutil.copytree(ROOT / "glossary", project / "glossary")
        settings = load_settings(project)
        timed("sync (cold)", lambda: sync(settings), count, floor)
        timed("sync (warm)", lambda: sync(settings), count, floor)
        edited = project / "source" / "b0000.html"
        edited.write_bytes(edited.read_bytes().replace(b"Videos", b"Films"))
        timed("sync (1 edit)", lambda: sync(settings), count, floor)


if __name__ == "__main__":
    main()
