"""Apertium, the offline engine: one long-running null-flush pipeline."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
import weakref
from pathlib import Path

from ..errors import EngineError
from ..languages import primary_language
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
#: Added to each segment: a sentence end and a blank carrying a line break.
_SEGMENT_END = ".[][\n]"


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
    """Apertium, offline: one long-running null-flush pipeline for all batches.

    The pipeline is the language pair's mode from ``apertium-wblank-mode -z``,
    run under bash with unknown-word marks off. Each segment is written in
    Apertium's stream format, followed by a sentence end, a blank and a NUL; the
    answer is read up to its NUL. Segments never influence each other.
    """

    name = "apertium"

    def __init__(self, source_lang: str, target_lang: str, mode: Path):
        super().__init__(source_lang, target_lang)
        self.mode = mode
        self._process: subprocess.Popen | None = None
        self._stderr = None
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

    def _start(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            script = subprocess.run(["apertium-wblank-mode", "-z", str(self.mode)],
                                    capture_output=True, text=True, check=True).stdout
            self._stderr = tempfile.TemporaryFile()
            # $1: no unknown-word marks (apertium -u); $2: tagger option (none).
            self._process = subprocess.Popen(
                ["bash", "-c", script, "apertium", "-n", ""],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
                env={**os.environ, "LC_ALL": "C.UTF-8"},
            )
            weakref.finalize(self, _stop, self._process)
        return self._process

    def _translate_masked(self, texts: list[str]) -> list[str]:
        with self._lock:
            process = self._start()
            payload = b"".join((_to_stream(text) + _SEGMENT_END).encode() + b"\0" for text in texts)
            writer = threading.Thread(target=_feed, args=(process, payload), daemon=True)
            writer.start()
            answers = _read_segments(process, len(texts))
            writer.join()
            if len(answers) < len(texts):
                self._stderr.seek(0)
                detail = self._stderr.read().decode(errors="replace").strip()[-500:]
                self.close()
                raise EngineError(f"apertium stopped after {len(answers)} of {len(texts)} segments: {detail}")
        return [_from_stream(answer) for answer in answers]

    def close(self) -> None:
        if self._process is not None:
            _stop(self._process)
            self._process = None


def _apertium_release() -> str:
    """Apertium's version, as ``apertium -V`` prints it, read without running it."""
    script = Path(shutil.which("apertium") or "").read_text(encoding="utf-8", errors="replace")
    match = re.search(r'^apertium_version="Apertium ([^"]+)"', script, re.MULTILINE)
    return match.group(1) if match else "unknown"


def _to_stream(text: str) -> str:
    return _STREAM_SPECIAL.sub(r"\\\1", text.replace("\0", ""))


def _from_stream(answer: bytes) -> str:
    """Apertium's answer as plain text, without the ending added to each segment."""
    text = answer.decode("utf-8", errors="replace").removesuffix(_SEGMENT_END[1:]).removesuffix(".")
    return re.sub(r"\\(.)|[\[\]]", lambda m: m.group(1) or "", text)


def _feed(process: subprocess.Popen, payload: bytes) -> None:
    try:
        process.stdin.write(payload)
        process.stdin.flush()
    except (BrokenPipeError, ValueError):
        pass  # the reader reports the stopped process


def _read_segments(process: subprocess.Popen, count: int) -> list[bytes]:
    """Read ``count`` NUL-terminated answers (fewer if the process stops)."""
    answers: list[bytes] = []
    buffer = b""
    while len(answers) < count:
        chunk = process.stdout.read1(65536)
        if not chunk:
            break
        buffer += chunk
        *done, buffer = buffer.split(b"\0")
        answers.extend(done)
    return answers[:count]


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
