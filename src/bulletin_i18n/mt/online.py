"""Online engines through deep-translator: Google, DeepL, Microsoft, MyMemory, LibreTranslate."""

from __future__ import annotations

import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata

from ..errors import EngineError
from ..languages import primary_language
from .base import Engine


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
