"""Machine translation engines for pre-translation.

Every engine takes messages with inline placeholders (``<1>…</1>``, ``<2/>``) and
gives one :class:`Result` per message. The shared part (:meth:`Engine.translate`)
protects what no engine may touch: placeholders and glossary terms become masks
such as ``__PH3__`` on the way in and come back on the way out (a glossary term as its
approved target). When an engine loses or garbles a placeholder, the message is
repaired into one the build accepts and the result carries a note for the
translator.

Engines: ``pseudo`` (pseudo-localisation, for testing layouts), ``apertium``
(offline, one long-running process) and the online ones through deep-translator:
``google``, ``deepl``, ``microsoft``, ``mymemory`` and ``libre``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import placeholders
from .config import primary_language
from .errors import EngineError
from .glossary import Glossary

#: Note given when placeholders had to be put back by the tool.
RESTORED_NOTE = "placeholders restored by the tool: check their position"

#: Masks are single unknown words to Apertium: ``⟦3⟧`` is split and moved in pieces
#: when a rule reorders words ("the country's ⟦3⟧ sector"), ``__PH3__`` is not.
MASK = "__PH{}__"
#: A mask as an engine may give it back (spaces inserted, case changed).
_MASK_RE = re.compile(r"__\s*PH\s*(\d+)\s*__", re.IGNORECASE)


@dataclass(frozen=True)
class Result:
    """A machine translation, with a note for the translator when it needs a check."""

    text: str
    note: str = ""


@dataclass
class _Masked:
    """A message ready for an engine: masks in place of what must survive."""

    text: str
    #: What each mask (number k) stands for: a placeholder token or a glossary target.
    tokens: list[str]
    #: Source terms of the glossary masks, by mask number.
    terms: dict[int, str]


class Engine:
    """A machine translation engine; subclasses implement :meth:`_translate_masked`."""

    name = ""
    #: False for engines whose output must not contain glossary targets (pseudo).
    protects_terms = True

    def __init__(self, source_lang: str, target_lang: str):
        self.source_lang = source_lang
        self.target_lang = target_lang

    def version(self) -> str:
        raise NotImplementedError

    @property
    def key(self) -> str:
        """What identifies this engine's output in a cache."""
        return f"{self.name} {self.version()}"

    def translate(self, texts: list[str], glossary: Glossary | None = None) -> list[Result]:
        """Translate messages with placeholders; one :class:`Result` per message, in order.

        Messages without a word (only placeholders, numbers, punctuation) are
        returned as they are without asking the engine.
        """
        wordy = [i for i, text in enumerate(texts) if placeholders.has_words(text)]
        masked = {i: _mask(texts[i], glossary if self.protects_terms else None) for i in wordy}
        translated = self._translate_masked([masked[i].text for i in wordy]) if wordy else []
        if len(translated) != len(wordy):
            raise EngineError(f"{self.name}: gave {len(translated)} translations for {len(wordy)} texts")
        results = [Result(text) for text in texts]
        for i, output in zip(wordy, translated):
            results[i] = _finish(texts[i], masked[i], output)
        return results

    def _translate_masked(self, texts: list[str]) -> list[str]:
        """Translate plain texts holding masks (:data:`MASK`); same count, same order."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what the engine holds (a process, connections)."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# -- masking and restoring ------------------------------------------------------


def _mask(text: str, glossary: Glossary | None) -> _Masked:
    """Replace placeholder tokens, URLs and e-mail addresses, and glossary terms
    by numbered masks.

    Line breaks become spaces: engines treat a newline as a sentence boundary
    (or not at all), and messages are one paragraph each.
    """
    spans = [(m.start(), m.end(), m.group(0), None) for m in placeholders.TOKEN_RE.finditer(text)]
    spans += [(start, end, url, None) for start, end, url in placeholders.urls_in(text)]
    if glossary is not None:
        spans += [(start, end, term.target, term.source) for start, end, term in glossary.spans(text)
                  if not any(start < e and s < end for s, e, _, _ in spans)]
    spans.sort(key=lambda span: span[0])
    pieces, tokens, terms, pos = [], [], {}, 0
    for start, end, token, term in spans:
        pieces.append(text[pos:start])
        if term is not None:
            terms[len(tokens)] = term
        pieces.append(MASK.format(len(tokens)))
        tokens.append(token)
        pos = end
    pieces.append(text[pos:])
    return _Masked(" ".join("".join(pieces).splitlines()), tokens, terms)


def _finish(source: str, masked: _Masked, output: str) -> Result:
    """Restore masks in an engine's output, tidy spaces, repair placeholders."""
    seen: set[int] = set()

    def restore(match: re.Match) -> str:
        number = int(match.group(1))
        if number >= len(masked.tokens):
            return ""
        seen.add(number)
        return masked.tokens[number]

    text = _MASK_RE.sub(restore, output)
    text = _keep_outer_space(source, re.sub(r" {2,}", " ", text).strip())
    notes = []
    if placeholders.problems(source, text):
        text = repair(source, text)
        notes.append(RESTORED_NOTE)
    lost = sorted({term for number, term in masked.terms.items() if number not in seen})
    if lost:
        notes.append("glossary term lost by the engine: " + ", ".join(lost))
    urls = [token for number, token in enumerate(masked.tokens)
            if number not in seen and number not in masked.terms and not placeholders.TOKEN_RE.fullmatch(token)]
    if urls:
        notes.append("URL lost by the engine: " + ", ".join(urls))
    return Result(text, "; ".join(notes))


def _keep_outer_space(source: str, text: str) -> str:
    """Give a translation the leading and trailing white space of its source."""
    core = source.strip()
    if not core:
        return source
    start = source.index(core)
    return source[:start] + text + source[start + len(core):]


def repair(source: str, text: str) -> str:
    """Make ``text`` use exactly the placeholders of ``source``, properly nested.

    Keeps each placeholder where the engine put it when that is usable (first
    atomic occurrence; first opening tag with the first closing tag after it),
    drops unknown or repeated ones, breaks crossings by dropping the inner pair,
    and appends whatever is still missing at the end, in source order.
    """
    want = placeholders.signature(source)
    pieces = _pieces(text)
    keep = _usable_tokens(pieces, want)
    keep = _uncross(pieces, keep)
    out = []
    for index, piece in enumerate(pieces):
        if isinstance(piece, str):
            out.append(piece)
        elif index in keep:
            out.append(_tag(*piece))
    placed = {pieces[i][0] for i in keep}
    tail = "".join(
        placeholders.atomic_tag(n) if kind == placeholders.ATOMIC
        else placeholders.open_tag(n) + placeholders.close_tag(n)
        for n, kind in want.items() if n not in placed
    )
    body = re.sub(r" {2,}", " ", "".join(out)).rstrip()
    return f"{body} {tail}".strip() if tail else _keep_outer_space(source, body.strip())


def _pieces(text: str) -> list:
    """Text split into strings and (number, role) tokens; role is open, close or atomic."""
    pieces, pos = [], 0
    for match in placeholders.TOKEN_RE.finditer(text):
        pieces.append(text[pos:match.start()])
        closing, number, selfclosing = match.groups()
        role = "atomic" if selfclosing else "close" if closing else "open"
        pieces.append((int(number), role))
        pos = match.end()
    pieces.append(text[pos:])
    return pieces


def _usable_tokens(pieces: list, want: dict[int, str]) -> set[int]:
    """Indexes of the tokens worth keeping, before nesting is checked."""
    keep: set[int] = set()
    for number, kind in want.items():
        found = [(i, p[1]) for i, p in enumerate(pieces) if isinstance(p, tuple) and p[0] == number]
        if kind == placeholders.ATOMIC:
            atomic = [i for i, role in found if role == "atomic"]
            keep.update(atomic[:1])
            continue
        opening = next((i for i, role in found if role == "open"), None)
        closing = next((i for i, role in found if role == "close" and opening is not None and i > opening), None)
        if closing is not None:
            keep.update((opening, closing))
    return keep


def _uncross(pieces: list, keep: set[int]) -> set[int]:
    """Drop pairs until the kept tokens nest properly."""
    keep = set(keep)
    while True:
        stack: list[int] = []
        crossing = None
        for index in sorted(keep):
            number, role = pieces[index]
            if role == "open":
                stack.append(number)
            elif role == "close":
                if stack[-1] != number:
                    crossing = stack[-1]
                    break
                stack.pop()
        if crossing is None:
            return keep
        keep = {i for i in keep if pieces[i][0] != crossing}


def _tag(number: int, role: str) -> str:
    return {"open": placeholders.open_tag, "close": placeholders.close_tag,
            "atomic": placeholders.atomic_tag}[role](number)


# -- pseudo-localisation --------------------------------------------------------

_PSEUDO = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝħíĵķĺɱñóþǫŕšŧúṽŵẋýžÁƁÇĐÉƑĜĦÍĴĶĹṀÑÓÞǪŔŠŦÚṼŴẊÝŽ",
)


class PseudoEngine(Engine):
    """Pseudo-localisation: every ASCII letter becomes an accented look-alike.

    Shows untranslated text and encoding problems at a glance. Glossary terms are
    not protected (their targets would bring English letters back).
    """

    name = "pseudo"
    protects_terms = False

    def version(self) -> str:
        return "1"

    def _translate_masked(self, texts: list[str]) -> list[str]:
        return [_outside_masks(text, lambda part: part.translate(_PSEUDO)) for text in texts]


def _outside_masks(text: str, change) -> str:
    """Apply ``change`` to the text between masks, keeping the masks."""
    parts = _MASK_RE.split(text)
    # split() alternates text and captured mask numbers.
    return "".join(change(part) if i % 2 == 0 else MASK.format(part) for i, part in enumerate(parts))


# -- Apertium ----------------------------------------------------------------------

#: ISO 639-1 codes and Apertium's three-letter codes.
_APERTIUM_CODES = {
    "en": "eng", "es": "spa", "ca": "cat", "fr": "fra", "pt": "por", "it": "ita",
    "gl": "glg", "oc": "oci", "de": "deu", "eu": "eus", "ro": "ron", "an": "arg",
}
_APERTIUM_DATA_DIRS = ("/usr/share/apertium", "/usr/local/share/apertium")
#: Stream-format characters escaped in Apertium's input (as apertium-destxt does).
_STREAM_SPECIAL = re.compile(r"([\\\[\]^$@{}/<>])")
#: Added to each segment: a sentence end and a blank carrying a line break.
_SEGMENT_END = ".[][\n]"


def _apertium_code(lang: str) -> str:
    base = re.split(r"[-_]", lang.lower())[0]
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


# -- online engines (deep-translator) -------------------------------------------------

_local = threading.local()
_patched = False


def _use_thread_timeouts() -> None:
    """Make requests honour a per-thread default timeout (deep-translator sets none).

    Only calls without their own timeout, made from a thread that set
    ``_local.timeout``, are affected; every other use of requests is unchanged.
    """
    global _patched
    if _patched:
        return
    import requests

    original = requests.Session.request

    def request(self, method, url, *args, **kwargs):
        if not args[7:8] and kwargs.get("timeout") is None:
            kwargs["timeout"] = getattr(_local, "timeout", None)
        return original(self, method, url, *args, **kwargs)

    requests.Session.request = request
    _patched = True


@dataclass(frozen=True)
class _Online:
    """How to reach one deep-translator engine."""

    cls: str
    #: Longest text sent in one request (the engine's limit, with a margin).
    limit: int
    key_env: str | None = None
    #: Language names instead of ISO codes (MyMemory wants "english", not "en").
    by_name: bool = False


ONLINE = {
    "google": _Online("GoogleTranslator", 4900),
    "deepl": _Online("DeeplTranslator", 4900, "DEEPL_API_KEY"),
    "microsoft": _Online("MicrosoftTranslator", 4900, "MICROSOFT_API_KEY"),
    "mymemory": _Online("MyMemoryTranslator", 490, by_name=True),
    # The text travels in the query string: stay well below URL length limits.
    "libre": _Online("LibreTranslator", 1500, "LIBRE_API_KEY"),
}


class OnlineEngine(Engine):
    """An online engine through deep-translator, with the care it lacks.

    Texts are packed one per line into requests up to the engine's size limit
    (a longer text is cut at sentence ends), sent by at most ``concurrency``
    threads, each request with ``timeout`` seconds and up to ``retries`` retries
    with exponential backoff (``backoff`` seconds, doubled each time) on
    timeouts, refused connections, 429 and 5xx answers.
    """

    def __init__(self, name: str, source_lang: str, target_lang: str, *, url: str | None = None,
                 concurrency: int = 4, timeout: float = 30.0, retries: int = 4, backoff: float = 1.0):
        super().__init__(source_lang, target_lang)
        self.name = name
        self.spec = ONLINE[name]
        self.url = url.rstrip("/") + "/" if url else None
        self.concurrency = max(1, concurrency)
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        _use_thread_timeouts()

    def version(self) -> str:
        return metadata.version("deep-translator")

    @property
    def key(self) -> str:
        return f"{super().key} {self.url}" if self.url else super().key

    def _translate_masked(self, texts: list[str]) -> list[str]:
        units, owners = [], []
        for index, text in enumerate(texts):
            for piece in _split_to_fit(text, self.spec.limit):
                units.append(piece)
                owners.append(index)
        chunks = _pack(units, self.spec.limit)
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            answers = [out for chunk in pool.map(self._translate_chunk, chunks) for out in chunk]
        joined = [[] for _ in texts]
        for owner, answer in zip(owners, answers):
            joined[owner].append(answer.strip())
        return [" ".join(parts) for parts in joined]

    def _translate_chunk(self, pieces: list[str]) -> list[str]:
        """One request for lines that fit together; one each if the lines got mixed up."""
        lines = self._call("\n".join(pieces)).split("\n")
        if len(lines) == len(pieces) or len(pieces) == 1:
            return lines if len(pieces) > 1 else ["\n".join(lines)]
        return [self._call(piece) for piece in pieces]

    def _call(self, text: str) -> str:
        """One request, retried on transient failures."""
        _local.timeout = self.timeout
        for attempt in range(self.retries + 1):
            try:
                return self._translator().translate(text) or ""
            except EngineError:
                raise
            except Exception as exc:  # noqa: BLE001 - deep-translator's exceptions share no base
                reason = _transient(exc)
                if reason is None:
                    raise EngineError(f"{self.name}: {_describe(exc)}") from exc
                if attempt == self.retries:
                    raise EngineError(
                        f"{self.name}: gave up after {attempt + 1} attempts ({reason})"
                        + (f" at {self.url}" if self.url else "")
                    ) from exc
                time.sleep(self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")

    def _translator(self):
        """This thread's translator (deep-translator objects keep per-call state)."""
        translator = getattr(_local, self.key, None)
        if translator is None:
            translator = self._make_translator()
            setattr(_local, self.key, translator)
        return translator

    def _make_translator(self):
        import deep_translator
        from deep_translator.constants import GOOGLE_LANGUAGES_TO_CODES

        options = {}
        if self.spec.key_env:
            key = os.environ.get(self.spec.key_env) or ("-" if self.name == "libre" and self.url else "")
            if not key:
                raise EngineError(f"{self.name} needs an API key: set the environment variable {self.spec.key_env}")
            options["api_key"] = key
        if self.url:
            options["custom_url"] = self.url
        source, target = (primary_language(self.source_lang), primary_language(self.target_lang))
        if self.spec.by_name:
            names = {code: name for name, code in reversed(GOOGLE_LANGUAGES_TO_CODES.items())}
            source, target = names.get(source, source), names.get(target, target)
        try:
            return getattr(deep_translator, self.spec.cls)(source=source, target=target, **options)
        except Exception as exc:  # noqa: BLE001
            if _transient(exc):
                raise
            raise EngineError(f"{self.name}: cannot start: {_describe(exc)}") from exc


def _split_to_fit(text: str, limit: int) -> list[str]:
    """A text as pieces no longer than ``limit``: cut at sentence ends, else at a space."""
    if len(text) <= limit:
        return [text]
    pieces, current = [], ""
    for sentence in re.split(r"(?<=[.!?;:])\s+", text):
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    return pieces + ([current] if current else [])


def _pack(units: list[str], limit: int) -> list[list[str]]:
    """Consecutive units grouped so that each group, one per line, fits ``limit``."""
    chunks: list[list[str]] = []
    size = 0
    for unit in units:
        if chunks and size + 1 + len(unit) <= limit:
            chunks[-1].append(unit)
            size += 1 + len(unit)
        else:
            chunks.append([unit])
            size = len(unit)
    return chunks


#: deep-translator's ServerException messages that mean "try again later".
_RETRY_SERVER_MESSAGES = {
    "ERR_TOO_MANY_REQUESTS": "429 too many requests",
    "ERR_INTERNAL_SERVER_ERROR": "500 server error",
    "ERR_SERVICE_NOT_AVAIBLE": "503 service unavailable",
    "API server error": "server error",
}


def _transient(exc: Exception) -> str | None:
    """Why a failure is worth retrying, or None when it is not."""
    import requests
    from deep_translator import exceptions as dt

    if isinstance(exc, requests.exceptions.Timeout):
        return "timed out"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "cannot connect"
    if isinstance(exc, dt.TooManyRequests):
        return "429 too many requests"
    if isinstance(exc, dt.RequestError):
        return "request failed"
    if isinstance(exc, dt.ServerException):
        return _RETRY_SERVER_MESSAGES.get(str(exc))
    return None


def _describe(exc: Exception) -> str:
    from deep_translator import exceptions as dt

    if isinstance(exc, dt.AuthorizationException):
        return "the server refused the API key (403)"
    return f"{type(exc).__name__}: {exc}"


# -- factory ---------------------------------------------------------------------------

ENGINES = ("apertium", "pseudo", *ONLINE)


def make_engine(name: str, source_lang: str, target_lang: str, *, url: str | None = None,
                concurrency: int = 4, timeout: float = 30.0, retries: int = 4,
                backoff: float = 1.0) -> Engine:
    """The engine called ``name`` for a language pair.

    Raises :class:`EngineError` with what to install or set when the engine
    cannot work here.
    """
    if name == "pseudo":
        return PseudoEngine(source_lang, target_lang)
    if name == "apertium":
        return _make_apertium(source_lang, target_lang)
    if name in ONLINE:
        if name == "libre" and not url:
            raise EngineError("libre needs the server's address: --engine-url or the engine_url setting")
        return OnlineEngine(name, source_lang, target_lang, url=url, concurrency=concurrency,
                            timeout=timeout, retries=retries, backoff=backoff)
    raise EngineError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")


def _make_apertium(source_lang: str, target_lang: str) -> ApertiumEngine:
    pair = f"{_apertium_code(source_lang)}-{_apertium_code(target_lang)}"
    package = f"apertium-{source_lang}-{target_lang}"  # Debian names pairs by ISO 639-1 codes
    if not (shutil.which("apertium") and shutil.which("apertium-wblank-mode") and shutil.which("bash")):
        raise EngineError(f"apertium is not installed: sudo apt-get install apertium {package}")
    mode = _find_mode(pair)
    if mode is None:
        raise EngineError(
            f"apertium has no {pair} language pair ({source_lang}->{target_lang}): "
            f"sudo apt-get install {package}"
        )
    return ApertiumEngine(source_lang, target_lang, mode)
