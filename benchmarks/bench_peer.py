"""bulletin-i18n against Translate Toolkit's html2po + po2html, in the same run.

Both tools take N copies of the sample bulletin through the same round trip:
HTML -> template/catalog -> HTML edition, each in one process over a folder.

  bulletin-i18n   `extract` (POT + PO per bulletin) then `build` (both editions)
  html2po+po2html `html2po` (PO per bulletin) then `po2html` (one edition)

Translate Toolkit is not a dependency of this project: install it anywhere
(`python3 -m venv /some/venv && /some/venv/bin/pip install translate-toolkit`)
and put its bin folder on PATH, or name it with TT_BIN=/some/venv/bin.

Usage: python benchmarks/bench_peer.py [N]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "source" / "sedi-2015-04.html"


def timed(label: str, commands: list[list[str]], count: int) -> float:
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    print(f"{label:<18} {elapsed:8.2f} s  {elapsed / count * 1000:7.2f} ms/bulletin")
    return elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    tt_bin = os.environ.get("TT_BIN")
    html2po = shutil.which("html2po", path=tt_bin) if tt_bin else shutil.which("html2po")
    po2html = shutil.which("po2html", path=tt_bin) if tt_bin else shutil.which("po2html")
    tool = shutil.which("bulletin-i18n", path=str(Path(sys.executable).parent)) or "bulletin-i18n"
    text = SAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        (project / "source").mkdir(parents=True)
        for number in range(count):
            (project / "source" / f"b{number:04}.html").write_text(
                text.replace("April 2015", f"Issue {number}"), encoding="utf-8")
        print(f"{count} bulletins of {len(text.encode()):,} bytes")
        ours = timed("bulletin-i18n", [[tool, "-C", str(project), "extract"],
                                       [tool, "-C", str(project), "build"]], count)
        if not (html2po and po2html):
            print("Translate Toolkit not found (set TT_BIN or PATH): no comparison")
            return
        peer = Path(tmp) / "peer"
        peer.mkdir()
        theirs = timed("html2po+po2html", [
            [html2po, "--progress=none", "-i", str(project / "source"), "-o", str(peer / "po")],
            [po2html, "--progress=none", "-i", str(peer / "po"), "-t", str(project / "source"),
             "-o", str(peer / "out")],
        ], count)
        print(f"bulletin-i18n takes {ours / theirs:.0%} of the peer's time "
              "(it writes a POT and a PO per bulletin, and two editions instead of one)")


if __name__ == "__main__":
    main()
