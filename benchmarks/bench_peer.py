"""bulletin-i18n against Translate Toolkit and bare lxml, in the same run.

The pages: N bulletins made from the sample bulletin (``source/``) and the
newsletter templates of ``tests/fixtures/corpus/newsletters/``, taken in turn,
each made a little different (its number in the first text), so that no two
are the same. Every tool takes the same folder of pages.

Rows (wall-clock time of separate processes, as a user runs them):

  lxml parse+serialise    the floor: what any lxml-based tool must pay
  bulletin-i18n           ``extract`` (POT + PO per bulletin) then ``build``
                          (both editions), with --jobs 1 and --jobs N
  html2po+po2html         Translate Toolkit: a PO per bulletin, then one edition
  sync --no-mt (cold)     a fresh project: catalogs, editions, review pages, index
  sync (one changed)      one bulletin of N edited, then sync
  sync (nothing changed)  sync again
  check                   CI's gate over the synced project, --jobs 1 and --jobs N
  peak RSS                the largest resident set of each run of the tool

and two floors no implementation of these commands goes under on this machine:
the tool's start (Python, click and the command line read: what a sync that
finds nothing to do pays before its first stat), and writing as many new files
of the same sizes as extract+build writes (a POT, a PO and two editions per
bulletin), with plain open/write and nothing else.

Translate Toolkit comes with the ``test`` extra (``translate-toolkit``); its
``html2po``/``po2html`` are looked for beside this Python, on PATH, or in
TT_BIN. Nothing here is asserted: the figures are printed for people.

Usage: python benchmarks/bench_peer.py [N] [--jobs N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "source" / "sedi-2015-04.html"
TEMPLATES = ROOT / "tests" / "fixtures" / "corpus" / "newsletters"

LXML = """
import sys
from pathlib import Path
from lxml import etree, html
for path in sorted(Path(sys.argv[1]).glob("*.html")):
    etree.tostring(html.document_fromstring(path.read_bytes()), method="html", encoding="utf-8")
"""
#: The extraction walk in isolation, in one process: the tool's parse, then its walk.
WALK = """
import sys, time
from pathlib import Path
from bulletin_i18n.html.extract import extract
from bulletin_i18n.html.page import read_page
paths = sorted(Path(sys.argv[1]).glob("*.html"))
pages = [read_page(path) for path in paths]
start = time.perf_counter()
segments = sum(len(extract(page.root).segments) for page in pages)
print(time.perf_counter() - start, segments)
"""


def pages() -> list[str]:
    """The sample, then every newsletter template (in path order)."""
    found = [SAMPLE, *sorted(TEMPLATES.rglob("*.html"))]
    return [path.read_text(encoding="utf-8", errors="replace") for path in found]


def make_source(folder: Path, count: int) -> int:
    """Write ``count`` bulletins into ``folder``; returns their total size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = pages()
    total = 0
    for number in range(count):
        text = texts[number % len(texts)]
        # a different first text in each page (after <body>, or at the top)
        marker = text.lower().find("<body")
        cut = text.find(">", marker) + 1 if marker >= 0 else 0
        text = f"{text[:cut]}<p>Bulletin {number}</p>{text[cut:]}"
        data = text.encode("utf-8")
        (folder / f"b{number:04}.html").write_bytes(data)
        total += len(data)
    return total


def run(command: list[str], status: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall time and the peak RSS (MB) of one process."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode not in status:
        raise subprocess.CalledProcessError(done.returncode, command, stderr=done.stderr)
    elapsed = time.perf_counter() - start
    # ru_maxrss of children is the largest child so far: a fresh process pool per row
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def peak_of(command: list[str], status: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of a process and its workers, by /usr/bin/time
    if there is one, else by the children's rusage. ``status``: the exit
    statuses that are not a failure (check exits 1 on untranslated catalogs)."""
    gnu_time = shutil.which("time") if Path("/usr/bin/time").exists() else None
    if gnu_time:
        with tempfile.NamedTemporaryFile("r") as out:
            start = time.perf_counter()
            done = subprocess.run([gnu_time, "-f", "%M", "-o", out.name, *command],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            if done.returncode not in status:
                raise subprocess.CalledProcessError(done.returncode, command)
            return elapsed, int(out.read().split()[-1]) / 1024
    return run(command, status)


#: Writing the files extract+build writes (their sizes), into fresh folders: the disk's floor.
WRITE = """
import os, sys, time
from pathlib import Path
made, target = Path(sys.argv[1]), Path(sys.argv[2])
files = [path for top in ("locales", "output") for path in sorted((made / top).rglob("*"))
         if path.is_file() and path.suffix in (".po", ".pot", ".html")]
data = [(target / path.relative_to(made), path.read_bytes()) for path in files]
for folder in sorted({path.parent for path, _ in data}):
    folder.mkdir(parents=True, exist_ok=True)
start = time.perf_counter()
for path, content in data:
    with open(path, "wb") as handle:
        handle.write(content)
print(time.perf_counter() - start, len(data))
"""


#: The tool's command line in this process, which at its exit writes its own CPU time
#: and its workers' (user + system) to the file named first: what is left to one
#: process bounds how far more cores can take a run (Amdahl's law).
CPU_SPLIT = """
import atexit, resource, sys
from bulletin_i18n.cli import main
out = sys.argv.pop(1)
def note():
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w") as handle:
        handle.write(f"{own.ru_utime + own.ru_stime} {workers.ru_utime + workers.ru_stime}")
atexit.register(note)
sys.argv[0] = "bulletin-i18n"
main()
"""


def row(label: str, seconds: float, count: int, note: str = "") -> None:
    print(f"{label:<37} {seconds:8.2f} s  {seconds / count * 1000:7.2f} ms/bulletin  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    count, jobs = args.count, max(1, args.jobs)
    bin_dir = Path(sys.executable).parent
    tool = shutil.which("bulletin-i18n", path=str(bin_dir)) or "bulletin-i18n"
    search = os.environ.get("TT_BIN") or f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    html2po, po2html = shutil.which("html2po", path=search), shutil.which("po2html", path=search)
    # The tool's modules compiled first, as installing a wheel compiles them: an editable
    # install under PYTHONDONTWRITEBYTECODE would otherwise compile them in every run
    # (about 0.1 s), which a user's installed tool does not pay. Translate Toolkit's are.
    import bulletin_i18n
    compileall.compile_dir(Path(bulletin_i18n.__file__).parent, quiet=1)
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        size = make_source(base / "pages", count)
        print(f"{count} bulletins, {size / 1e6:.1f} MB (the sample bulletin and "
              f"{len(pages()) - 1} newsletter templates of tests/fixtures, in turn)")
        print(f"machine: {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
              "at the start (other processes share it)")
        print()

        def project(name: str) -> Path:
            folder = base / name
            shutil.copytree(base / "pages", folder / "source")
            shutil.copytree(SAMPLE.parent / "images", folder / "source" / "images")
            return folder

        floor, _ = run([sys.executable, "-c", LXML, str(base / "pages")])
        row("lxml parse+serialise", floor, count, "(the floor)")
        walk, segments = subprocess.run([sys.executable, "-c", WALK, str(base / "pages")], check=True,
                                        capture_output=True, text=True).stdout.split()
        row("extraction walk alone (in process)", float(walk), count, f"({int(segments):,} segments)")

        ours = {}
        for n in sorted({1, jobs}):
            folder = project(f"tool-{n}")
            extract_time, extract_peak = peak_of([tool, "-q", "-C", str(folder), "extract", "--jobs", str(n)])
            build_time, build_peak = peak_of([tool, "-q", "-C", str(folder), "build", "--jobs", str(n)])
            ours[n] = extract_time + build_time
            row(f"bulletin-i18n extract+build -j{n}", ours[n], count,
                f"({extract_time:.2f} + {build_time:.2f} s; {ours[n] / floor:.1f}x lxml; "
                f"peak {max(extract_peak, build_peak):.0f} MB)")
        best = ours[jobs]
        if html2po and po2html:
            peer = base / "peer"
            peer.mkdir()
            start = time.perf_counter()
            subprocess.run([html2po, "--progress=none", "-i", str(base / "pages"), "-o", str(peer / "po")],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run([po2html, "--progress=none", "-i", str(peer / "po"), "-t", str(base / "pages"),
                            "-o", str(peer / "out")], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            theirs = time.perf_counter() - start
            row("Translate Toolkit html2po+po2html", theirs, count, f"({theirs / floor:.1f}x lxml)")
        else:
            theirs = None
            print("Translate Toolkit not found (pip install -e '.[test]', or TT_BIN): no comparison")

        syncs, split = {}, None
        for n in sorted({1, jobs}):
            folder = project(f"sync-{n}")
            command = [tool, "-q", "-C", str(folder), "sync", "--no-mt", "--jobs", str(n)]
            if n > 1:  # the same command line, in a Python that notes the parent's CPU apart from the workers'
                cpu = base / "cpu.txt"
                command = [sys.executable, "-c", CPU_SPLIT, str(cpu), *command[1:]]
            cold, cold_peak = peak_of(command)
            if n > 1:
                split = [float(value) for value in cpu.read_text().split()]
            syncs[n] = cold
            row(f"sync --no-mt, cold -j{n}", cold, count,
                f"({cold / ours[n]:.2f}x extract+build; peak {cold_peak:.0f} MB)")
        folder = base / f"sync-{jobs}"
        command = [tool, "-q", "-C", str(folder), "sync", "--no-mt", "--jobs", str(jobs)]
        first = folder / "source" / "b0001.html"
        first.write_text(first.read_text(encoding="utf-8").replace("Bulletin 1<", "Bulletin one<"),
                         encoding="utf-8")
        one, one_peak = peak_of(command)
        row("sync, one changed", one, count, f"({one / syncs[jobs]:.1%} of cold; peak {one_peak:.0f} MB)")
        none, none_peak = peak_of(command)
        row("sync, nothing changed", none, count, f"({none / syncs[jobs]:.1%} of cold; peak {none_peak:.0f} MB)")
        start = min(run([tool, "--version"])[0] for _ in range(5))
        row("floor: the tool's start", start, count, f"({start / syncs[jobs]:.1%} of cold: bulletin-i18n --version, "
                                                     "best of 5)")
        written, files = subprocess.run([sys.executable, "-c", WRITE, str(base / f"tool-{jobs}"), str(base / "write")],
                                        check=True, capture_output=True, text=True).stdout.split()
        row("floor: writing extract+build's files", float(written), count,
            f"({int(files):,} new files, open+write only; {float(written) / floor:.1f}x lxml)")
        checks = {}
        for n in sorted({1, jobs}):
            checks[n], check_peak = peak_of([tool, "-q", "-C", str(folder), "check", "--jobs", str(n)], status=(0, 1))
            row(f"check -j{n}", checks[n], count, f"(peak {check_peak:.0f} MB)")

        print()
        if theirs:
            print(f"bulletin-i18n extract+build (-j{jobs}) is {theirs / best:.1f}x faster than Translate Toolkit "
                  f"(-j1: {theirs / ours[1]:.1f}x), and takes {best / floor:.1f}x bare lxml's time "
                  "(it writes a POT and a PO per bulletin, and two editions where the peer writes one)")
        if jobs > 1:
            print(f"jobs: -j{jobs} over -j1: extract+build {ours[1] / ours[jobs]:.2f}x, cold sync "
                  f"{syncs[1] / syncs[jobs]:.2f}x, check {checks[1] / checks[jobs]:.2f}x on {os.cpu_count()} CPUs "
                  f"(ideal {min(jobs, os.cpu_count() or 1)}x; the CPUs are shared, so less is expected)")
        if split:
            own, workers = split
            bound = {cores: (own + workers) / (own + workers / cores) for cores in (4, 8, 16)}
            print(f"cold sync -j{jobs}: the main process used {own:.2f} s of CPU, its workers {workers:.2f} s; "
                  "with the main process's share left to one core (Amdahl's law), more cores could take it "
                  f"at most {bound[4]:.1f}x (4), {bound[8]:.1f}x (8), {bound[16]:.1f}x (16) over one; "
                  "measure -j1 and -jN on such a machine to see how near it comes")


if __name__ == "__main__":
    main()
