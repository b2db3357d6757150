"""Shared helpers: the sample material, a fresh project, and page comparisons."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Everything the tests read lives here, inside the repository (sources and
#: licences in fixtures/README.md): a fresh clone runs the whole suite.
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE = FIXTURES / "bulletins" / "sedi-2015-04.html"
SAMPLE_1252 = FIXTURES / "bulletins" / "sedi-2015-04-windows-1252.html"
REVISION = FIXTURES / "bulletins" / "revisions" / "sedi-2015-04-r2.html"
GLOSSARY = FIXTURES / "glossary" / "en-es.csv"
#: An English bulletin and its published Spanish edition, for the aligner.
ALIGN_EN = FIXTURES / "align" / "weekly.en.html"
ALIGN_ES = FIXTURES / "align" / "weekly.es.html"
CORPUS_DIR = FIXTURES / "corpus" / "newsletters"
CORPUS = sorted(CORPUS_DIR.rglob("*.html"))
#: The sample's pictures (drawn by scripts/make-sample-images).
SAMPLE_IMAGES = ROOT / "source" / "images"
#: The number of corpus pages fixtures/corpus/SOURCES.md lists.
CORPUS_SIZE = 33


#: Every catalog and template the tool's writer produced in this process during the run,
#: with its width: :func:`pytest_sessionfinish` compares each with what GNU msgcat writes.
RENDERED: dict[str, int] = {}


def pytest_configure(config) -> None:
    from bulletin_i18n.po import pofile

    rendered = pofile._rendered  # what render() and every write of a catalog lay out

    def recording(catalog):
        made = rendered(catalog)
        RENDERED.setdefault(made[0], catalog.wrap_width)
        return made

    pofile._rendered = recording


def pytest_sessionfinish(session, exitstatus) -> None:
    """The writer's layout is msgcat's for every catalog the tests produced: a
    difference fails the run, naming the catalog (flags gettext does not know,
    which msgcat drops, aside)."""
    import hashlib
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    if not RENDERED or exitstatus not in (0, 1):
        return

    def differs(item) -> str | None:
        text, width = item
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "x.po"
            path.write_text(text, encoding="utf-8")
            options = ["--force-po", "--no-wrap" if width <= 0 else f"--width={width}"]
            result = subprocess.run(["msgcat", *options, "-o", "-", str(path)], capture_output=True)
        if result.returncode != 0:
            return f"msgcat refused a catalog the tool wrote: {result.stderr.decode(errors='replace')[:300]}"
        if _known_flags_only(result.stdout.decode("utf-8")) != _known_flags_only(text):
            digest = hashlib.sha1(text.encode()).hexdigest()[:8]
            kept = Path(tempfile.gettempdir()) / f"bulletin-i18n-layout-{digest}.po"
            kept.write_text(text, encoding="utf-8")
            return f"the writer's layout differs from msgcat -w {width} for {kept}"
        return None

    with ThreadPoolExecutor(max_workers=4) as pool:
        problems = [p for p in pool.map(differs, RENDERED.items()) if p]
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"layout: {len(RENDERED)} catalogs the tests wrote compared with msgcat, "
                            f"{len(problems)} differ")
        for problem in problems[:20]:
            reporter.write_line(f"layout: {problem}", red=True)
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _known_flags_only(text: str) -> str:
    """PO text without the flags gettext drops (it keeps fuzzy, format flags, no-wrap)."""
    import re

    known = re.compile(r"fuzzy|(?:no-|possible-|impossible-)?[a-z0-9+-]+-format|no-wrap|wrap|range: .*")
    lines = []
    for line in text.split("\n"):
        if line.startswith("#, "):
            flags = [f for f in line[3:].split(", ") if known.fullmatch(f)]
            if not flags:
                continue
            line = "#, " + ", ".join(flags)
        lines.append(line)
    return "\n".join(lines)


def pytest_sessionstart(session) -> None:
    """A missing fixture fails the run at once; no test is skipped or dropped for it."""
    missing = [p for p in (SAMPLE, SAMPLE_1252, REVISION, GLOSSARY, SAMPLE_IMAGES / "tross.jpg", ALIGN_EN, ALIGN_ES)
               if not p.exists()]
    if missing or len(CORPUS) != CORPUS_SIZE:
        raise pytest.UsageError(
            f"test fixtures missing: {', '.join(p.relative_to(ROOT).as_posix() for p in missing)}"
            f"{'' if len(CORPUS) == CORPUS_SIZE else f' (corpus: {len(CORPUS)} of {CORPUS_SIZE} pages)'}")


@pytest.fixture(scope="module")
def glossary():
    """The organisation's glossary, as the engines and checks read it."""
    from bulletin_i18n.glossary import load_glossary

    return load_glossary(GLOSSARY)


@pytest.fixture(scope="module")
def apertium():
    """One real Apertium engine (en -> es) for a test module."""
    from bulletin_i18n.mt import make_engine

    with make_engine("apertium", "en", "es") as engine:
        yield engine


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder with the sample bulletin and the glossary."""
    (tmp_path / "source").mkdir()
    shutil.copy(SAMPLE, tmp_path / "source" / "sedi-2015-04.html")
    shutil.copytree(SAMPLE_IMAGES, tmp_path / "source" / "images")
    (tmp_path / "glossary").mkdir()
    shutil.copy(GLOSSARY, tmp_path / "glossary" / "en-es.csv")
    return tmp_path


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    """GNU msgfmt --check on a catalog; fails the test when msgfmt rejects it."""
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


SKIP_TEXT = {"script", "style"}


def visible_words(root) -> list[str]:
    """The words a reader sees (text outside script/style/comments), in order."""
    words = []
    for node in root.iter():
        if isinstance(node.tag, str) and node.tag not in SKIP_TEXT and node.text:
            words.extend(node.text.split())
        if node.tail and node.getparent() is not None:
            words.extend(node.tail.split())
    return words


def structure(root) -> list[tuple]:
    """Every element and comment, in order, with its attributes."""
    out = []
    for node in root.iter():
        if isinstance(node.tag, str):
            out.append((node.tag, tuple(sorted(node.attrib.items()))))
        else:
            out.append(("#comment", node.text))
    return out


def parse_html(path: Path):
    from lxml import html
    return html.document_fromstring(path.read_bytes())


def located_segments(root, source_lang: str = "en"):
    """A page's segments and their places in ``root``, as the build uses them."""
    from bulletin_i18n.html.apply import locate
    from bulletin_i18n.html.extract import extract

    extraction = extract(root, source_lang)
    return extraction.segments, locate(root, extraction.anchors)


def extracted(root: Path):
    """The settings of the project in ``root``, its templates and catalogs written."""
    from bulletin_i18n.project import Project
    from bulletin_i18n.project.steps import update_catalogs
    from bulletin_i18n.settings import load_settings

    settings = load_settings(root)
    project = Project(settings)
    for source in settings.sources():
        update_catalogs(project, project.load(source))
    return settings


@dataclass
class Run:
    """What a command printed, and its exit status."""

    returncode: int
    stdout: str
    stderr: str


def cli(*args: str) -> Run:
    """The command line in this process (click's test runner), as a user calls it."""
    from click.testing import CliRunner

    from bulletin_i18n.cli import main

    result = CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)
