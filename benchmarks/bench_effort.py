"""How much work the drafts save a translator, measured on real published translations.

Reads ``../shared/parallel/`` (English pages and the Spanish translations people
made of them, two sites; see its README.md and SOURCES.md) and, per page pair
and in total, scores three kinds of Spanish drafts of the English segments
against the human Spanish:

(a) raw Apertium on the same plain text: placeholders stripped, one
    ``apertium -u eng-spa`` process per page, segments separated by blank lines;
(b) the tool's drafts: ``mt.make_engine("apertium", "en", "es")`` on the
    segments with their placeholders (stripped afterwards for scoring), post-edited
    as the tool does; ``--engine`` measures another engine or a chain instead
    (``--engine openai,apertium --engine-url http://localhost:11434/v1
    --model llama3.1`` for a language model on a local server);
(c) the tool with the other pages of the same site aligned into memory (leave
    one out): exact and fuzzy hits of ``tm.memory.Memory.lookup`` first, then (b)
    with the post-edits learned from those pages (``tm.postedits``: the other
    pages' drafts against their published Spanish), as ``align`` learns them.

The reference of an English segment is its Spanish partner found by this
project's aligner (``bulletin_i18n.tm.align``) on the same pair; only segments
that got a partner are scored. Scores: chrF (sacrebleu, corpus level, 0-100,
higher is better) and the character edit distance (rapidfuzz Levenshtein,
normalised: edits over the longer text's length, summed over segments, so a
page's figure weighs its segments by length; 0 is identical, lower is better).

It also measures the aligner: the share of English segments that get a
Spanish partner per page (target: 85 % on pages of the same revision), and its
precision on the hand-checked pairs of ``benchmarks/data/align-gold.tsv``
(target: 95 %); and ``align`` then ``build`` through the command line on each
pair of the same revision: a temporary project with the English page as its
bulletin, ``align --trust`` with the published Spanish page, ``build``, then
the visible text of the Spanish edition against that of the published page
(text nodes of ``body``, scripts, styles and comments out, white space
normalised; the same extraction on both), chrF per page and in all (target:
95 on each page).

    .venv/bin/pip install -e '.[bench]'   # sacrebleu
    .venv/bin/python benchmarks/bench_effort.py [--engine NAME] [--engine-url URL] [--model M]
                                                [--gold-sample N]

Without ``../shared/parallel`` it says so and exits with status 0.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARALLEL = ROOT.parent / "shared" / "parallel"
GOLD = ROOT / "benchmarks" / "data" / "align-gold.tsv"
#: Pairs whose Spanish translates an earlier revision of the English (SOURCES.md).
DRIFT = {"articles/missing-char-glyph/index", "nl-201512"}
#: Hits of the leave-one-out memory, as the tool takes them at sync.
FUZZY_THRESHOLD = 75.0


@dataclass
class PagePair:
    site: str
    name: str
    en: Path
    es: Path
    en_segments: list = field(default_factory=list)
    alignment: object = None
    seconds: float = 0.0


def discover() -> list[PagePair]:
    from bulletin_i18n.project.align import pair_folders

    pages = []
    for site in sorted(p for p in PARALLEL.iterdir() if p.is_dir()):
        for en, es, name in pair_folders(site, site):
            pages.append(PagePair(site.name, name, en, es))
    return pages


def align_all(pages: list[PagePair]) -> None:
    from bulletin_i18n.project.align import read_segments
    from bulletin_i18n.tm.align import align_pages

    for page in pages:
        started = time.perf_counter()
        page.en_segments = read_segments(page.en, "en")
        page.alignment = align_pages(page.en_segments, read_segments(page.es, "es"))
        page.seconds = time.perf_counter() - started


def plain(text: str) -> str:
    from bulletin_i18n import placeholders as ph

    return " ".join(ph.strip(text, " ").split())


def raw_apertium(texts: list[str]) -> list[str]:
    """One ``apertium -u eng-spa`` process for a page's texts, a blank line between them."""
    if not texts:
        return []
    out = subprocess.run(["apertium", "-u", "eng-spa"], input="\n\n".join(texts) + "\n",
                         capture_output=True, text=True, check=True).stdout
    drafts = [" ".join(part.split()) for part in out.strip("\n").split("\n\n")]
    if len(drafts) != len(texts):
        raise SystemExit(f"apertium gave {len(drafts)} paragraphs for {len(texts)} segments")
    return drafts


def contexts(page: PagePair) -> dict:
    """What a language model is told about each segment, as sync tells it: the
    page's title and the English before and after it."""
    from bulletin_i18n.mt.base import Context

    segments = page.en_segments
    title = next((s.msgid for s in segments if s.attribute is None
                  and (s.path == "title" or s.path.endswith("> title"))), "")
    found: dict = {}
    for index, segment in enumerate(segments):
        before = segments[index - 1].msgid if index else ""
        after = segments[index + 1].msgid if index + 1 < len(segments) else ""
        found.setdefault(segment.msgid, Context(title, before, after))
    return found


def memory_for(pages: list[PagePair], page: PagePair):
    """A translation memory of the other pages of the same site, as aligned."""
    from bulletin_i18n.tm.memory import Memory

    memory = Memory()
    for other in pages:
        if other.site == page.site and other is not page:
            for pair in other.alignment.pairs:
                memory.add(pair.msgid, pair.msgstr, other.name)
    return memory


def edit_distance(hyps: list[str], refs: list[str]) -> tuple[int, int]:
    from rapidfuzz.distance import Levenshtein

    edits = sum(Levenshtein.distance(h, r) for h, r in zip(hyps, refs))
    return edits, sum(max(len(h), len(r)) for h, r in zip(hyps, refs))


# -- the aligner's precision ----------------------------------------------------------


def read_gold() -> list[dict]:
    if not GOLD.is_file():
        return []
    with GOLD.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def precision(pages: list[PagePair], gold: list[dict]) -> tuple[dict, list[str]]:
    """Per site: (correct, judged) over gold rows the aligner still produces; and
    the rows it no longer produces as judged."""
    by_name = {p.name: p for p in pages}
    counts: dict[str, list[int]] = {}
    stale = []
    for row in gold:
        page = by_name.get(row["page"])
        if page is None:
            stale.append(f"{row['page']}: page not found")
            continue
        index = int(row["en_segment"]) - 1
        pair = next((p for p in page.alignment.pairs if index in p.en), None)
        if pair is None or not plain(pair.msgstr).startswith(row["es_excerpt"].removesuffix("…")):
            stale.append(f"{row['page']} en {row['en_segment']}: no longer paired as judged")
            continue
        site = counts.setdefault(page.site, [0, 0])
        site[0] += row["verdict"] == "correct"
        site[1] += 1
    return counts, stale


def gold_sample(pages: list[PagePair], size: int, seed: int = 13) -> None:
    """Print pairs to judge by hand, as rows for the gold file (verdict empty):
    from every page alike, first its pairs that are not 1:1 or under 0.9
    confidence (at most half of its share), then pairs at random."""
    rng = random.Random(seed)
    share = -(-size // len(pages))
    chosen = []
    for page in pages:
        pairs = list(page.alignment.pairs)
        rng.shuffle(pairs)
        doubtful = [p for p in pairs if p.bead != "1:1" or p.confidence < 0.9][: share // 2]
        chosen += [(page, p) for p in doubtful]
        chosen += [(page, p) for p in pairs if p not in doubtful][: share - len(doubtful)]
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(["page", "en_segment", "en_excerpt", "es_excerpt", "verdict", "note"])
    for page, pair in sorted(chosen, key=lambda c: (c[0].name, c[1].en)):
        writer.writerow([page.name, pair.en[0] + 1, plain(pair.msgid)[:200], plain(pair.msgstr)[:200], "", ""])


# -- align, then build: the Spanish edition against the published page ---------------------


def visible_text(path: Path) -> str:
    """The text a reader sees in a page: the text nodes of its body (scripts,
    styles, templates and comments out), white space normalised."""
    import lxml.html

    root = lxml.html.document_fromstring(path.read_bytes())
    body = root.find(".//body")
    texts = (body if body is not None else root).xpath(
        ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]")
    return " ".join(" ".join(texts).split())


def _tool(*args: str) -> subprocess.CompletedProcess:
    """The tool's command line, as a user runs it (this interpreter, the same ``PYTHONPATH``)."""
    done = subprocess.run([sys.executable, "-m", "bulletin_i18n", *args], capture_output=True, text=True,
                          env=dict(os.environ))
    if done.returncode:
        raise SystemExit(f"bulletin-i18n {' '.join(args)}: exit {done.returncode}\n{done.stdout}{done.stderr}")
    return done


def roundtrip(page: PagePair) -> tuple[str, str, int, float]:
    """``init``, the English page as the bulletin, ``align --trust`` with the
    published Spanish page, ``build``: (visible text of the built Spanish
    edition, of the published page, entries filled, seconds)."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-effort-") as tmp:
        project = Path(tmp) / "project"
        _tool("-q", "init", str(project))
        source = project / "source" / "page.html"
        shutil.copyfile(page.en, source)
        report = _tool("-C", str(project), "align", "--trust", str(source), str(page.es)).stdout
        _tool("-q", "-C", str(project), "build", "--jobs", "1")
        built = visible_text(project / "output" / "es" / "page.html")
    filled = sum(int(line.split()[1]) for line in report.splitlines() if line.strip().startswith("filled "))
    return built, visible_text(page.es), filled, time.perf_counter() - started


def print_roundtrip(pages: list[PagePair], chrf) -> None:
    print("align --trust, then build: the Spanish edition's visible text against the published page's;")
    print("catalog entries filled by align, of the page's distinct English texts")
    print(f"(pairs of the same revision; target chrF 95)\n{'page':<40} {'chrF':>6} {'filled':>6} {'of':>4} "
          f"{'chars built':>11} {'published':>9} {'time':>6}")
    built_all, published_all, seconds = [], [], 0.0
    for page in pages:
        if page.name in DRIFT:
            continue
        built, published, filled, took = roundtrip(page)
        built_all.append(built)
        published_all.append(published)
        seconds += took
        print(f"{page.name[:40]:<40} {chrf.sentence_score(built, [published]).score:>6.1f} {filled:>6} "
              f"{len({s.msgid for s in page.en_segments}):>4} {len(built):>11,} {len(published):>9,} {took:>5.1f}s")
    low = sum(chrf.sentence_score(b, [p]).score < 95 for b, p in zip(built_all, published_all))
    print(f"{'total':<40} {chrf.corpus_score(built_all, [published_all]).score:>6.1f}   "
          f"{len(built_all)} pages, {low} under 95; {seconds:.1f} s\n")


# -- main ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", default="apertium", help="engine or chain of (b) and (c) (default apertium)")
    parser.add_argument("--engine-url", help="server of the engine (openai: Ollama, vLLM, LM Studio)")
    parser.add_argument("--model", help="the openai engine's model")
    parser.add_argument("--roundtrip-only", action="store_true",
                        help="only align then build each pair of the same revision, and compare the editions")
    parser.add_argument("--gold-sample", type=int, metavar="N",
                        help="print N pairs to judge by hand (rows for the gold file) and stop")
    args = parser.parse_args()
    if not PARALLEL.is_dir():
        print(f"bench_effort: {PARALLEL.name}/ is missing (expected beside the repository, as "
              "../shared/parallel): nothing to measure.")
        return 0
    try:
        from sacrebleu.metrics import CHRF
    except ImportError:
        print("bench_effort: needs sacrebleu: .venv/bin/pip install -e '.[bench]'", file=sys.stderr)
        return 2
    from bulletin_i18n.mt import make_engine
    from bulletin_i18n.tm.postedits import apply as apply_postedits
    from bulletin_i18n.tm.postedits import learn as learn_postedits
    from bulletin_i18n.tm.repair import repair_placeables

    started = time.perf_counter()
    pages = discover()
    align_all(pages)
    align_seconds = sum(p.seconds for p in pages)
    if args.gold_sample:
        gold_sample(pages, args.gold_sample)
        return 0

    chrf = CHRF()
    print_roundtrip(pages, chrf)
    if args.roundtrip_only:
        return 0
    score = lambda hyps, refs: chrf.corpus_score(hyps, [refs]).score if hyps else float("nan")  # noqa: E731
    print("Reference: each English segment's Spanish partner found by this project's aligner on the")
    print("same page pair; only English segments with a partner are scored. (a) raw Apertium,")
    print(f"(b) the tool's drafts ({args.engine}), (c) the tool with the other pages of the site aligned")
    print("into memory (leave one out). chrF: higher is better; edit: character edits over length,")
    print("lower is better.\n")
    header = (f"{'page':<40} {'segs':>4} {'chrF a':>7} {'b':>6} {'c':>6}   {'edit a':>6} {'b':>6} {'c':>6}"
              f"   {'memory, post-edits':>18}")
    print(header)
    print("-" * len(header))
    totals = {key: ([], [], [], []) for key in ("all",) + tuple(sorted({p.site for p in pages}))}
    seconds = {"raw": 0.0, "tool": 0.0, "memory": 0.0}
    hits_total = [0, 0, 0]
    drafts: dict[str, tuple] = {}
    with make_engine(args.engine, "en", "es", url=args.engine_url, model=args.model) as engine:
        engine.translate(["Warm-up."])  # the first call starts the pipeline
        for page in pages:
            pairs = sorted(page.alignment.pairs, key=lambda p: p.en)
            msgids = [p.msgid for p in pairs]
            t0 = time.perf_counter()
            draft_a = raw_apertium([plain(m) for m in msgids])
            t1 = time.perf_counter()
            machine = [r.text for r in engine.translate(msgids, None, contexts(page))]
            seconds["raw"] += t1 - t0
            seconds["tool"] += time.perf_counter() - t1
            drafts[page.name] = (msgids, [plain(p.msgstr) for p in pairs], draft_a, machine)
    learned_total = [0, 0]
    for page in pages:
        msgids, refs, draft_a, machine = drafts[page.name]
        draft_b = [plain(text) for text in machine]
        t2 = time.perf_counter()
        memory = memory_for(pages, page)
        # post-edits learned from the other pages of the site: their drafts against their published Spanish
        rules = learn_postedits((plain(d), r, other.name) for other in pages
                                if other.site == page.site and other is not page
                                for d, r in zip(drafts[other.name][3], drafts[other.name][1]))
        draft_c, exact, fuzzy, updated, edited = [], 0, 0, 0, 0
        for msgid, text in zip(msgids, machine):
            hit = memory.lookup(msgid, FUZZY_THRESHOLD)
            if hit is None:
                post_edited = apply_postedits(text, rules)
                edited += post_edited != text
                draft_c.append(plain(post_edited))
            else:
                # as sync fills it: a similar hit with its placeables updated
                repaired = None if hit.exact else repair_placeables(hit.msgid, hit.msgstr, msgid, "es")
                draft_c.append(plain(repaired.text if repaired else hit.msgstr))
                exact += hit.exact
                fuzzy += not hit.exact
                updated += repaired is not None
        seconds["memory"] += time.perf_counter() - t2
        hits_total[0] += exact
        hits_total[1] += fuzzy
        hits_total[2] += updated
        learned_total[0] += len(rules)
        learned_total[1] += edited
        for key in ("all", page.site):
            hyps_a, hyps_b, hyps_c, ref = totals[key]
            hyps_a += draft_a
            hyps_b += draft_b
            hyps_c += draft_c
            ref += refs
        edits = [edit_distance(d, refs) for d in (draft_a, draft_b, draft_c)]
        mark = " *" if page.name in DRIFT else ""
        print(f"{(page.name + mark)[:40]:<40} {len(refs):>4} {score(draft_a, refs):>7.1f} "
              f"{score(draft_b, refs):>6.1f} {score(draft_c, refs):>6.1f}   "
              + " ".join(f"{e / n if n else 0:>6.3f}" for e, n in edits)
              + f"   {exact:>3} ex {fuzzy:>3} fz {edited:>3} pe")
    print("-" * len(header))
    for key, (hyps_a, hyps_b, hyps_c, ref) in totals.items():
        edits = [edit_distance(d, ref) for d in (hyps_a, hyps_b, hyps_c)]
        label = "total" if key == "all" else f"  {key}"
        print(f"{label:<40} {len(ref):>4} {score(hyps_a, ref):>7.1f} {score(hyps_b, ref):>6.1f} "
              f"{score(hyps_c, ref):>6.1f}   " + " ".join(f"{e / n if n else 0:>6.3f}" for e, n in edits)
              + (f"   {hits_total[0]:>3} ex {hits_total[1]:>3} fz {learned_total[1]:>3} pe"
                 if key == "all" else ""))
    print("* the Spanish translates an earlier revision of the English (SOURCES.md)")
    print(f"  of the fuzzy hits, {hits_total[2]} had their numbers, dates, names or links updated")
    print(f"  pe: drafts changed by post-edits learned from the other pages of the site "
          f"({learned_total[0] / len(pages):.0f} rules a page on average)\n")

    print("Aligner: English segments with a Spanish partner")
    print(f"{'page':<40} {'EN':>4} {'ES':>4} {'paired':>6} {'share':>6} {'left out':>8} {'time':>7}")
    sites: dict[str, list[int]] = {}
    for page in pages:
        al = page.alignment
        covered = len({i for p in al.pairs for i in p.en})
        mark = " *" if page.name in DRIFT else ""
        print(f"{(page.name + mark)[:40]:<40} {al.en_count:>4} {al.es_count:>4} {covered:>6} "
              f"{al.coverage:>6.0%} {len(al.left_out):>8} {page.seconds:>6.2f}s")
        for key in (page.site, page.site + " (same revision)") if page.name not in DRIFT else (page.site,):
            site = sites.setdefault(key, [0, 0])
            site[0] += covered
            site[1] += al.en_count
    for key, (covered, count) in sorted(sites.items()):
        print(f"  {key:<38} {covered:>4} of {count:>4} = {covered / count:.1%}")
    same = [sum(v[i] for k, v in sites.items() if k.endswith("(same revision)")) for i in (0, 1)]
    print(f"  {'all pages of the same revision':<38} {same[0]:>4} of {same[1]:>4} = {same[0] / same[1]:.1%}"
          "   (target 85 %)")

    gold = read_gold()
    counts, stale = precision(pages, gold)
    print(f"\nAligner precision on hand-checked pairs ({GOLD.relative_to(ROOT)}, {len(gold)} rows)")
    correct = judged = 0
    for site, (good, count) in sorted(counts.items()):
        print(f"  {site:<38} {good:>4} of {count:>4} correct = {good / count:.1%}")
        correct += good
        judged += count
    if judged:
        print(f"  {'total':<38} {correct:>4} of {judged:>4} correct = {correct / judged:.1%}   (target 95 %)")
    for line in stale:
        print(f"  not counted: {line}")
    print(f"\nTime: aligning {len(pages)} page pairs {align_seconds:.2f} s; raw Apertium "
          f"{seconds['raw']:.1f} s ({len(pages)} processes); tool drafts {seconds['tool']:.1f} s; "
          f"memory lookups {seconds['memory']:.2f} s; whole run {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
