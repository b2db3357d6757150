"""Writing catalogs: the tool's gettext-layout writer against polib's and GNU msgcat.

Renders the templates and machine-filled (pseudo engine) catalogs of the sample
bulletin and of the 33 corpus pages under ``tests/fixtures/`` ``--repeat``
times with the tool's writer (``po.pofile.render``) and with polib's
(``str(POFile)``, what the tool used before its own writer), both in this
process, and once with GNU ``msgcat`` (one process a file, so its figure
includes starting it), checking on the way that the tool's bytes are msgcat's.

    .venv/bin/python benchmarks/bench_writer.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import polib

from bulletin_i18n.po.pofile import read_catalog, render
from bulletin_i18n.project import Project
from bulletin_i18n.project.publish import extract_project
from bulletin_i18n.project.translate import pretranslate_project
from bulletin_i18n.settings import load_settings

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def catalogs(root: Path) -> list[Path]:
    (root / "source").mkdir()
    (root / "bulletin-i18n.toml").write_text('engine = "pseudo"\n', encoding="utf-8")
    pages = sorted((FIXTURES / "bulletins").glob("*.html"))[:1] + sorted((FIXTURES / "corpus").rglob("*.html"))
    for number, page in enumerate(pages):
        shutil.copy(page, root / "source" / f"p{number:02}.html")
    extract_project(Project(load_settings(root)))
    pretranslate_project(Project(load_settings(root)), stream=io.StringIO())
    return sorted((root / "locales").rglob("*.po*"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = catalogs(Path(folder))
        ours = [read_catalog(p) for p in paths]
        theirs = [polib.pofile(str(p), wrapwidth=79) for p in paths]
        size = sum(p.stat().st_size for p in paths)
        print(f"{len(paths)} catalogs and templates, {size / 1e6:.2f} MB, rendered {args.repeat} times")
        start = time.perf_counter()
        for _ in range(args.repeat):
            for catalog in ours:
                render(catalog)
        tool = (time.perf_counter() - start) / args.repeat
        start = time.perf_counter()
        for _ in range(args.repeat):
            for po in theirs:
                str(po)
        peer = (time.perf_counter() - start) / args.repeat
        start = time.perf_counter()
        same = 0
        for path, catalog in zip(paths, ours):
            out = subprocess.run(["msgcat", "-o", "-", str(path)], capture_output=True, check=True).stdout
            same += out == render(catalog).encode("utf-8")
        gnu = time.perf_counter() - start
        print(f"  tool's writer:  {tool * 1000:7.1f} ms a pass ({tool / len(paths) * 1000:.2f} ms a file)")
        print(f"  polib's writer: {peer * 1000:7.1f} ms a pass ({peer / len(paths) * 1000:.2f} ms a file)")
        print(f"  GNU msgcat:     {gnu * 1000:7.1f} ms a pass, one process a file")
        print(f"  the tool's bytes are msgcat's for {same} of {len(paths)} files")


if __name__ == "__main__":
    main()
