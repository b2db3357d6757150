"""Apertium, the offline engine: one long-running null-flush pipeline."""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import threading
import weakref
from pathlib import Path

from ..errors import EngineError
from ..languages import primary_language
from .. import placeholders as ph
from .base import Engine


#: ISO 639-1 codes and Apertium's three-letter codes.
_APERTIUM_CODES = {
    "en": "eng", "es": "spa", "ca": "cat", "fr": "fra", "pt": "por", "it": "ita",
    "gl": "glg", "oc": "oci", "de": "deu", "eu": "eus", "ro": "ron", "an": "arg",
}
#: Pairs from English that Debian and Ubuntu package as ``apertium-<source>-<target>``.
DEBIAN_PAIRS = frozenset({"en-es", "en-ca", "en-gl"})
_APERTIUM_DATA_DIRS = ("/usr/share/apertium", "/usr/local/share/apertium")
#: Stream-format characters escaped in Apertium's input (as apertium-destxt does).
_STREAM_SPECIAL = re.compile(r"([\\\[\]^$@{}/<>])")
#: Added to each segment: two sentence ends (the first ends the segment's
#: sentence as the source would; the second is a sentence end whatever the
#: segment's last word, so the next segment starts after the same tags), and a
#: blank carrying a line break.
_ENDING_WORDS = ". ."
_SEGMENT_END = _ENDING_WORDS + "[][\n]"


def _apertium_code(lang: str) -> str:
    base = primary_language(lang)
    return _APERTIUM_CODES.get(base, base)


def _find_mode(pair: str) -> Path | None:
    dirs = [os.environ["APERTIUM_DATADIR"]] if os.environ.get("APERTIUM_DATADIR") else []
    for folder in dirs + list(_APERTIUM_DATA_DIRS):
        mode = Path(folder) / "modes" / f"{pair}.mode"
        if mode.is_file():
            return mode
    return None


class ApertiumEngine(Engine):
    """Apertium, offline: long-running null-flush pipelines for all batches.

    The pipeline is the language pair's mode from ``apertium-wblank-mode -z``,
    run under bash with unknown-word marks off. Each segment is written in
    Apertium's stream format, followed by two sentence ends (the second one a
    sentence end whatever the segment's last word), a blank and a NUL; the
    answer is read up to its NUL.

    Inline markup goes as Apertium's own: the words inside a paired placeholder
    carry word-bound blanks (``[[1]]red[[/]]``), which move with their words
    through every transfer stage, so that ``all the <1>volunteers</1>`` agrees
    as the plain text does (``todos los <1>voluntarios</1>``); atomic
    placeholders and pairs around no word are superblanks, which stay between
    the words where they were. A segment whose markup does not come back whole
    (a word Apertium dropped carried a pair) is translated again with its
    placeholders as masks, and repaired if need be.

    Segments never influence each other. The one stage that remembers is
    Apertium's HMM tagger: a word whose set of readings its model never saw
    ("known": adjective or participle) makes it narrow, for good, the readings
    it gives every later unknown word (its ``find_similar_ambiguity_class``
    overwrites the open class), so a draft would depend on what the process
    translated before. The pipeline therefore runs in three parts: the
    analyser, the tagger and the rest. A second tagger, which prints those
    words (``-d``), tells which segments hold one; the others go through one
    long-running tagger, which they never change, and each of those few gets a
    fresh tagger of its own (a few milliseconds). Every segment is thus tagged
    as in a fresh process, in any batch and any order.
    """

    name = "apertium"
    keeps_placeholders = True

    def __init__(self, source_lang: str, target_lang: str, mode: Path):
        super().__init__(source_lang, target_lang)
        self.mode = mode
        self._stages: dict[str, _Stage] = {}
        weakref.finalize(self, _close_stages, self._stages)
        self._tagger: list[str] | None = None  # the tagger's command, for fresh ones
        self._version: str | None = None
        self._lock = threading.Lock()

    def version(self) -> str:
        """Apertium's version and a fingerprint of the pair's data files."""
        if self._version is None:
            mode_text = self.mode.read_text(encoding="utf-8")
            digest = hashlib.sha1(mode_text.encode())
            for data in sorted(set(re.findall(r"'([^']+)'", mode_text))):
                stat = Path(data).stat() if Path(data).exists() else None
                digest.update(f"{data}:{stat and stat.st_size}:{stat and stat.st_mtime_ns}".encode())
            self._version = f"{_apertium_release()}/{self.mode.stem}@{digest.hexdigest()[:8]}"
        return self._version

    def _start(self) -> dict[str, _Stage]:
        """The pipeline's parts, started (again) as needed."""
        if not self._stages or any(not stage.alive() for stage in self._stages.values()):
            self.close()
            script = subprocess.run(["apertium-wblank-mode", "-z", str(self.mode)],
                                    capture_output=True, text=True, check=True).stdout
            commands = [command.strip() for command in script.strip().split(" | ")]
            tagger = next((i for i, command in enumerate(commands) if command.startswith("apertium-tagger ")), None)
            if tagger is None or tagger == 0 or tagger == len(commands) - 1:
                self._stages["whole"] = _Stage(script)
            else:
                self._tagger = shlex.split(commands[tagger].replace("$2", ""))
                self._stages.update({
                    "analyser": _Stage(" | ".join(commands[:tagger])),
                    "check": _Stage(commands[tagger].replace(" -g ", " -d -g ", 1), merge_stderr=True),
                    "tagger": _Stage(commands[tagger]),
                    "rest": _Stage(" | ".join(commands[tagger + 1:])),
                    "spare": _Stage(self._tagger),  # for a segment that would change the tagger
                })
        return self._stages

    def _translate_masked(self, texts: list[str]) -> list[str]:
        """Texts holding placeholder tokens and masks, translated with their markup."""
        streams = [_markup_stream(text) for text in texts]
        with self._lock:
            answers = self._run([stream or _to_stream(_mask_tokens(text)[0])
                                 for text, stream in zip(texts, streams)])
            results: list[str | None] = [
                _from_markup(text, answer) if stream is not None else _unmask_tokens(text, _from_stream(answer))
                for text, stream, answer in zip(texts, streams, answers)]
            # markup that did not come back whole: the segment again, placeholders as masks
            again = [i for i, result in enumerate(results) if result is None]
            if again:
                masked = [_mask_tokens(texts[i]) for i in again]
                answers = self._run([_to_stream(text) for text, _ in masked])
                for i, (_, tokens), answer in zip(again, masked, answers):
                    results[i] = _unmask_tokens(texts[i], _from_stream(answer), tokens)
        return results

    def _run(self, streams: list[str]) -> list[bytes]:
        """Segments in stream format through the pipeline: its answers, in order.

        The parts run side by side: while the analyser reads ahead and the rest
        of the pipeline works on earlier segments, each analysed segment is
        checked and tagged (by the long-running tagger, or by a fresh one)."""
        stages = self._start()
        chunks = [(stream + _SEGMENT_END).encode() for stream in streams]
        if "whole" in stages:
            return self._complete(stages["whole"], stages["whole"].run(chunks), len(chunks))
        analyser, check, tagger, rest = (stages[name] for name in ("analyser", "check", "tagger", "rest"))
        feeding = threading.Thread(target=analyser.send_all, args=(chunks,), daemon=True)
        feeding.start()
        answers: list[bytes] = []
        reading = threading.Thread(target=rest.receive_into, args=(answers, len(chunks)), daemon=True)
        reading.start()
        try:
            for start in range(0, len(chunks), _GROUP):
                analyses = [analyser.receive() for _ in chunks[start:start + _GROUP]]
                if None in analyses:
                    self._complete(analyser, [], len(chunks) - start)
                marked = [_NEW_CLASS in report for report in self._all(check, analyses)]
                tagged = iter(self._all(tagger, [a for a, m in zip(analyses, marked) if not m]))
                for analysis, mark in zip(analyses, marked):
                    if not rest.send(self._fresh_tagger(analysis) if mark else next(tagged)):
                        break
        finally:
            feeding.join()
            if not all(stage.alive() for stage in stages.values()):
                self._stop_stages()
            reading.join()
        return self._complete(rest, answers, len(chunks))

    def _all(self, stage: _Stage, chunks: list[bytes]) -> list[bytes]:
        return self._complete(stage, stage.run(chunks), len(chunks))

    def _complete(self, stage: _Stage, answers: list[bytes], count: int) -> list[bytes]:
        """The answers of a part, or the error of a part that stopped."""
        if len(answers) < count:
            detail = stage.errors()
            self.close()
            raise EngineError(f"apertium stopped after {len(answers)} of {count} segments: {detail}")
        return answers

    def _fresh_tagger(self, analysis: bytes) -> bytes:
        """One segment's analysis tagged by a tagger that saw nothing before: the
        spare one started beforehand, replaced at once by another (which loads
        its model while the work goes on)."""
        spare = self._stages.pop("spare", None) or _Stage(self._tagger)
        self._stages["spare"] = _Stage(self._tagger)
        tagged = spare.exchange(analysis)
        spare.close()
        if tagged is None:
            self._complete(spare, [], 1)
        return tagged

    def _stop_stages(self) -> None:
        for stage in self._stages.values():
            stage.kill()

    def close(self) -> None:
        _close_stages(self._stages)


def _close_stages(stages: dict[str, _Stage]) -> None:
    for stage in stages.values():
        stage.close()
    stages.clear()


#: Segments checked and tagged at a time, while the other parts work.
_GROUP = 32
#: What the checking tagger prints for a word whose readings its model never saw.
_NEW_CLASS = b"A new ambiguity class was found"
_ENV = {**os.environ, "LC_ALL": "C.UTF-8"}


class _Stage:
    """Part of a pipeline, long-running: NUL-terminated chunks in, one answer each out."""

    def __init__(self, script: str | list[str], *, merge_stderr: bool = False):
        self._stderr = tempfile.TemporaryFile()
        self._buffer = b""
        # a script for bash: $1, no unknown-word marks (apertium -u); $2, tagger option (none)
        command = ["bash", "-c", script, "apertium", "-n", ""] if isinstance(script, str) else script
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if merge_stderr else self._stderr, env=_ENV,
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, chunk: bytes) -> bool:
        """Write one chunk; False if the process stopped reading."""
        try:
            self.process.stdin.write(chunk + b"\0")
            self.process.stdin.flush()
            return True
        except (BrokenPipeError, ValueError, OSError):
            return False

    def send_all(self, chunks: list[bytes]) -> None:
        for chunk in chunks:
            if not self.send(chunk):
                return

    def receive(self) -> bytes | None:
        """The next answer, or None if the process stopped."""
        while b"\0" not in self._buffer:
            data = self.process.stdout.read1(65536)
            if not data:
                return None
            self._buffer += data
        answer, self._buffer = self._buffer.split(b"\0", 1)
        return answer

    def receive_into(self, answers: list[bytes], count: int) -> None:
        while len(answers) < count:
            answer = self.receive()
            if answer is None:
                return
            answers.append(answer)

    def exchange(self, chunk: bytes) -> bytes | None:
        """One chunk in, its answer out (written from a thread when it is large,
        so that a long answer cannot block the writing)."""
        if len(chunk) < 16384:
            return self.receive() if self.send(chunk) else None
        writer = threading.Thread(target=self.send, args=(chunk,), daemon=True)
        writer.start()
        answer = self.receive()
        writer.join()
        return answer

    def run(self, chunks: list[bytes]) -> list[bytes]:
        """The answers to ``chunks`` (fewer if the process stops)."""
        writer = threading.Thread(target=self.send_all, args=(chunks,), daemon=True)
        writer.start()
        answers: list[bytes] = []
        self.receive_into(answers, len(chunks))
        writer.join()
        return answers

    def errors(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace").strip()[-500:]

    def kill(self) -> None:
        if self.alive():
            self.process.kill()

    def close(self) -> None:
        _stop(self.process)


def _apertium_release() -> str:
    """Apertium's version, as ``apertium -V`` prints it, read without running it."""
    script = Path(shutil.which("apertium") or "").read_text(encoding="utf-8", errors="replace")
    match = re.search(r'^apertium_version="Apertium ([^"]+)"', script, re.MULTILINE)
    return match.group(1) if match else "unknown"


def _to_stream(text: str) -> str:
    return _STREAM_SPECIAL.sub(r"\\\1", text.replace("\0", ""))


def _strip_ending(answer: bytes) -> str:
    """Apertium's answer without the ending added to each segment."""
    text = answer.decode("utf-8", errors="replace")
    return text.removesuffix(_SEGMENT_END[_SEGMENT_END.index("["):]).removesuffix(_ENDING_WORDS)


def _from_stream(answer: bytes) -> str:
    """Apertium's answer as plain text, without the ending added to each segment."""
    return re.sub(r"\\(.)|[\[\]]", lambda m: m.group(1) or "", _strip_ending(answer))


# -- placeholders as Apertium's markup -----------------------------------------------

#: A letter or a digit: text that Apertium reads as a word.
_WORDY = re.compile(r"\w")
#: One piece of Apertium's stream: a word-bound blank's end or start, a
#: superblank, an escaped character, or plain text.
_STREAM_PIECE = re.compile(
    r"(?P<wend>\[\[/\]\])|\[\[(?P<wblank>(?:[^\]\\]|\\.)*)\]\]|\[(?P<blank>(?:[^\]\\]|\\.)*)\]"
    r"|\\(?P<escaped>.)|(?P<text>[^\[\]\\]+)", re.DOTALL)
#: A mask inside a word-bound blank: Apertium reads the underscores as blanks.
_SPLIT_MASK = re.compile(r"__\[\[((?:[^\]\\]|\\.)*)\]\](PH\d+)\[\[/\]\]__")
#: Placeholders as masks for the second try, numbered apart from the base masks.
_TOKEN_MASK = "__PH{}__"
_TOKEN_MASK_BASE = 900
_TOKEN_MASK_RE = re.compile(r"__\s*PH\s*(9\d\d)\s*__", re.IGNORECASE)


def _markup_stream(text: str) -> str | None:
    """A text with placeholder tokens in Apertium's stream format, the tokens as
    markup: the words of a paired placeholder in word-bound blanks naming every
    pair around them (``[[1 3]]word[[/]]``), an atomic placeholder, or a pair
    around no word, as a superblank holding its tokens. None for a text whose
    placeholders do not parse."""
    try:
        tree = ph.parse(text)
    except ph.PlaceholderError:
        return None
    out: list[str] = []

    def walk(items: list, labels: tuple[int, ...]) -> None:
        for item in items:
            if isinstance(item, str):
                core = item.strip()
                if labels and _WORDY.search(core):
                    start = item.index(core)
                    out.append(_to_stream(item[:start]) + "[[" + " ".join(map(str, labels)) + "]]"
                               + _to_stream(core) + "[[/]]" + _to_stream(item[start + len(core):]))
                else:
                    out.append(_to_stream(item))
            elif item.kind == ph.PAIRED and _WORDY.search(ph.strip(ph.render(item.children))):
                walk(item.children, labels + (item.number,))
            else:
                out.append("[" + _to_stream(ph.render([item])) + "]")

    walk(tree, ())
    return "".join(out)


def _from_markup(source: str, answer: bytes) -> str | None:
    """Apertium's answer to :func:`_markup_stream` with the placeholder tokens
    back: each pair around the words that carry it (from the first to the last),
    or None when a pair was lost or two pairs cross."""
    raw = _SPLIT_MASK.sub(r"[[\1]]__\2__[[/]]", _strip_ending(answer))
    items: list[tuple[str, tuple[int, ...]]] = []
    labels: tuple[int, ...] = ()
    for piece in _STREAM_PIECE.finditer(raw):
        if piece.group("wend") is not None:
            labels = ()
        elif piece.group("wblank") is not None:
            labels = tuple(int(n) for n in piece.group("wblank").split() if n.isdigit())
        elif piece.group("blank") is not None:
            items.append((_unescape(piece.group("blank")), ()))
        else:
            items.append((piece.group("escaped") or piece.group("text"), labels))
    depth = _depths(ph.parse(source))
    spans: dict[int, list[int]] = {}
    for index, (_, carried) in enumerate(items):
        for number in carried:
            span = spans.setdefault(number, [index, index])
            span[1] = index
    wanted = {n for n, d in depth.items() if _carried(source, n)}
    if set(spans) != wanted:
        return None
    for a, (fa, la) in spans.items():
        for b, (fb, lb) in spans.items():
            if fa < fb <= la < lb:
                return None
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    for number in sorted(spans, key=lambda n: (-(spans[n][1] - spans[n][0]), depth[n])):
        opens.setdefault(spans[number][0], []).append(number)
    for number in sorted(spans, key=lambda n: (spans[n][1] - spans[n][0], -depth[n])):
        closes.setdefault(spans[number][1], []).append(number)
    out = []
    for index, (text, _) in enumerate(items):
        out += [ph.open_tag(n) for n in opens.get(index, ())]
        out.append(text)
        out += [ph.close_tag(n) for n in closes.get(index, ())]
    result = _hug_punctuation(ph.parse(source), "".join(out))
    return result if not ph.problems(source, result) else None


def _hug_punctuation(tree: list, result: str) -> str:
    """Pairs that opened or closed with punctuation Apertium does not read as a
    word (``<1>» Back</1>``, ``<1>"hello"</1>``) take it back in when it is
    beside them: Apertium leaves it where it was, outside the word-bound blanks."""
    for node in _paired(tree):
        inner = ph.render(node.children)
        opening, closing = ph.open_tag(node.number), ph.close_tag(node.number)
        lead = re.match(r"[^\w<]*", inner).group(0).strip()
        at = result.find(opening)
        if lead and at >= 0 and result[:at].rstrip().endswith(lead):
            start = len(result[:at].rstrip()) - len(lead)
            result = result[:start] + opening + result[start:at] + result[at + len(opening):]
        trail = re.search(r"[^\w>]*$", inner).group(0).strip()
        at = result.find(closing)
        if trail and at >= 0 and result[at + len(closing):].lstrip().startswith(trail):
            after = at + len(closing)
            end = after + (len(result[after:]) - len(result[after:].lstrip())) + len(trail)
            result = result[:at] + result[after:end] + closing + result[end:]
    return result


def _paired(items: list):
    for item in items:
        if not isinstance(item, str) and item.kind == ph.PAIRED:
            yield item
            yield from _paired(item.children)


def _depths(items: list, depth: int = 0, found: dict[int, int] | None = None) -> dict[int, int]:
    """How deep each paired placeholder of a parsed text sits."""
    found = {} if found is None else found
    for item in items:
        if not isinstance(item, str) and item.kind == ph.PAIRED:
            found[item.number] = depth
            _depths(item.children, depth + 1, found)
    return found


def _carried(source: str, number: int) -> bool:
    """Whether a pair of the source went as word-bound blanks (it holds a word)."""
    def find(items: list):
        for item in items:
            if not isinstance(item, str):
                if item.number == number:
                    return item
                inner = find(item.children)
                if inner is not None:
                    return inner
        return None

    node = find(ph.parse(source))
    return bool(_WORDY.search(ph.strip(ph.render(node.children))))


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _mask_tokens(text: str) -> tuple[str, list[str]]:
    """A text's placeholder tokens as masks (the second try): text and tokens."""
    tokens: list[str] = []

    def mask(match: re.Match) -> str:
        tokens.append(match.group(0))
        return _TOKEN_MASK.format(_TOKEN_MASK_BASE + len(tokens) - 1)

    return ph.TOKEN_RE.sub(mask, text), tokens


def _unmask_tokens(source: str, text: str, tokens: list[str] | None = None) -> str:
    """The tokens of :func:`_mask_tokens` back in an answer (the base repairs what is lost)."""
    tokens = _mask_tokens(source)[1] if tokens is None else tokens

    def unmask(match: re.Match) -> str:
        index = int(match.group(1)) - _TOKEN_MASK_BASE
        return tokens[index] if index < len(tokens) else ""

    return _TOKEN_MASK_RE.sub(unmask, text)


def _stop(process: subprocess.Popen) -> None:
    """End the pipeline: it exits on end of input; nobody needs to wait for that."""
    if process.poll() is None and not process.stdin.closed:
        process.stdin.close()
        try:
            threading.Thread(target=_reap, args=(process,), daemon=True).start()
        except RuntimeError:
            pass  # interpreter shutting down: the pipeline ends on its own at end of input


def _reap(process: subprocess.Popen) -> None:
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def make_apertium(source_lang: str, target_lang: str) -> ApertiumEngine:
    pair = f"{_apertium_code(source_lang)}-{_apertium_code(target_lang)}"
    package = f"apertium-{source_lang}-{target_lang}"  # Debian names pairs by ISO 639-1 codes
    if not (shutil.which("apertium") and shutil.which("apertium-wblank-mode") and shutil.which("bash")):
        raise EngineError(f"apertium is not installed: sudo apt-get install apertium {package}")
    mode = _find_mode(pair)
    if mode is None:
        known = f"{primary_language(source_lang)}-{primary_language(target_lang)}" in DEBIAN_PAIRS
        error = EngineError(
            f"apertium has no {pair} language pair ({source_lang}->{target_lang}): "
            + (f"sudo apt-get install {package}" if known else
               "Debian and Ubuntu have no package for it (`apertium -l` lists the pairs installed)"))
        error.missing_pair = True  # the caller may name the other engines
        raise error
    return ApertiumEngine(source_lang, target_lang, mode)
