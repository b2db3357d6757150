"""Online engines over their HTTP APIs: LibreTranslate, DeepL, Microsoft Translator,
Google Cloud Translation and MyMemory.

Each engine is one documented JSON call. What they share is here: a
``requests.Session`` whose adapter retries refused connections, timeouts, 429
and 5xx answers with exponential backoff (urllib3's ``Retry``, honouring
``Retry-After``), a timeout on every request, texts packed into requests up to
the API's limits (a longer text cut at sentence ends), and at most
``concurrency`` requests at a time. A refused key is never retried; a failure
after the last retry is an :class:`~bulletin_i18n.errors.EngineError` that
says why.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from ..errors import EngineError
from ..languages import primary_language
from .base import Engine

if TYPE_CHECKING:  # requests is imported when an online engine is made
    import requests

#: Answers worth another try.
RETRY_STATUSES = (429, 500, 502, 503, 504)
_STATUS_NAMES = {429: "429 too many requests", 500: "500 server error", 502: "502 bad gateway",
                 503: "503 service unavailable", 504: "504 gateway timeout"}


@dataclass(frozen=True)
class Api:
    """How to reach one engine."""

    #: Default address (None: the user must give one, --engine-url).
    url: str | None
    #: Longest text sent in one request, in characters.
    limit: int
    #: Most texts in one request.
    batch: int
    #: Environment variable of the key, and whether the engine works without one.
    key_env: str | None = None
    key_required: bool = True
    version: str = "api"


class OnlineEngine(Engine):
    """An engine behind an HTTP API (subclasses say how one request looks)."""

    api: Api

    def __init__(self, source_lang: str, target_lang: str, *, url: str | None = None,
                 concurrency: int = 4, timeout: float = 30.0, retries: int = 4, backoff: float = 1.0):
        super().__init__(source_lang, target_lang)
        base = url or self.api.url
        if base is None:
            raise EngineError(f"{self.name} needs the server's address: --engine-url or the engine_url setting")
        self.url = base.rstrip("/")
        self.concurrency = max(1, concurrency)
        self.timeout = timeout
        self.retries = max(0, retries)
        import requests  # read when an online engine is made, not by every command
        from requests.adapters import HTTPAdapter
        from urllib3.util.retry import Retry

        retry = Retry(total=self.retries, connect=self.retries, read=self.retries, status=self.retries,
                      other=0, backoff_factor=backoff, status_forcelist=RETRY_STATUSES, allowed_methods=None,
                      respect_retry_after_header=True, raise_on_status=False)
        self.session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry, pool_maxsize=self.concurrency)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def version(self) -> str:
        return self.api.version

    @property
    def key(self) -> str:
        return f"{super().key} {self.url}"

    @property
    def source(self) -> str:
        return primary_language(self.source_lang)

    @property
    def target(self) -> str:
        return primary_language(self.target_lang)

    def api_key(self) -> str | None:
        """The key, read from the environment when a request is made."""
        env = self.api.key_env
        key = os.environ.get(env) if env else None
        if not key and self.api.key_required:
            raise EngineError(f"{self.name} needs an API key: set the environment variable {env}")
        return key

    # -- batching -------------------------------------------------------------------
    def _translate_masked(self, texts: list[str]) -> list[str]:
        units, owners = [], []
        for index, text in enumerate(texts):
            for piece in _split_to_fit(text, self.api.limit):
                units.append(piece)
                owners.append(index)
        chunks = _pack(units, self.api.limit, self.api.batch)
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            answers = [out for chunk in pool.map(self._translate_chunk, chunks) for out in chunk]
        joined: list[list[str]] = [[] for _ in texts]
        for owner, answer in zip(owners, answers):
            joined[owner].append(answer.strip())
        return [" ".join(parts) for parts in joined]

    def _translate_chunk(self, pieces: list[str]) -> list[str]:
        answers = self._request(pieces)
        if len(answers) != len(pieces):
            raise EngineError(f"{self.name}: answered {len(answers)} texts for {len(pieces)}")
        return answers

    def _request(self, texts: list[str]) -> list[str]:
        """One request for ``texts``; the translations in order."""
        raise NotImplementedError

    # -- HTTP -----------------------------------------------------------------------
    def call(self, method: str, path: str, read: Callable[[Any], Any], **options) -> Any:
        """One request (retried by the session), its JSON answer given to ``read``."""
        import requests

        url = self.url + path
        attempts = self.retries + 1
        try:
            response = self.session.request(method, url, timeout=self.timeout, **options)
        except requests.exceptions.RequestException as exc:
            raise EngineError(f"{self.name}: gave up after {attempts} attempts ({_why(exc)}) at {self.url}") from exc
        status = response.status_code
        if status in (401, 403):
            raise EngineError(f"{self.name}: the server refused the API key ({status}) at {self.url}")
        if status in RETRY_STATUSES:
            raise EngineError(f"{self.name}: gave up after {attempts} attempts ({_STATUS_NAMES[status]}) "
                              f"at {self.url}")
        if status >= 400:
            raise EngineError(f"{self.name}: the server answered {status}: {_error_text(response)} at {self.url}")
        try:
            return read(response.json())
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise EngineError(f"{self.name}: unexpected answer from {self.url}: {response.text[:200]!r}") from exc

    def close(self) -> None:
        self.session.close()


def _why(exc: requests.exceptions.RequestException) -> str:
    import requests

    text = repr(exc)
    if isinstance(exc, requests.exceptions.Timeout) or "Timeout" in text or "timed out" in text:
        return "timed out"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "cannot connect"
    return type(exc).__name__


def _error_text(response: requests.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(data, dict):
        error = data.get("error") or data.get("message") or data
        return str(error.get("message", error) if isinstance(error, dict) else error)[:200]
    return str(data)[:200]


# -- the engines ---------------------------------------------------------------------------


class LibreEngine(OnlineEngine):
    """LibreTranslate (self-hosted or a service): ``POST /translate`` with a list of texts."""

    name = "libre"
    api = Api(url=None, limit=5000, batch=50, key_env="LIBRE_API_KEY", key_required=False)

    def _request(self, texts: list[str]) -> list[str]:
        body = {"q": texts, "source": self.source, "target": self.target, "format": "text"}
        key = self.api_key()
        if key:
            body["api_key"] = key
        return self.call("POST", "/translate", lambda data: _as_list(data["translatedText"]), json=body)


class DeepLEngine(OnlineEngine):
    """DeepL API v2 (the free plan's keys end in ``:fx`` and use its own address)."""

    name = "deepl"
    api = Api(url=None, limit=30000, batch=50, key_env="DEEPL_API_KEY", version="v2")

    def __init__(self, source_lang: str, target_lang: str, *, url: str | None = None, **options):
        if url is None:
            free = (os.environ.get("DEEPL_API_KEY") or "").endswith(":fx")
            url = "https://api-free.deepl.com" if free else "https://api.deepl.com"
        super().__init__(source_lang, target_lang, url=url, **options)

    def _request(self, texts: list[str]) -> list[str]:
        body = {"text": texts, "source_lang": self.source.upper(), "target_lang": self.target.upper()}
        headers = {"Authorization": f"DeepL-Auth-Key {self.api_key()}"}
        return self.call("POST", "/v2/translate", lambda data: [t["text"] for t in data["translations"]],
                         json=body, headers=headers)


class MicrosoftEngine(OnlineEngine):
    """Microsoft Translator v3 (``MICROSOFT_REGION`` for a regional resource)."""

    name = "microsoft"
    api = Api(url="https://api.cognitive.microsofttranslator.com", limit=10000, batch=100,
              key_env="MICROSOFT_API_KEY", version="v3.0")

    def _request(self, texts: list[str]) -> list[str]:
        headers = {"Ocp-Apim-Subscription-Key": self.api_key()}
        if os.environ.get("MICROSOFT_REGION"):
            headers["Ocp-Apim-Subscription-Region"] = os.environ["MICROSOFT_REGION"]
        params = {"api-version": "3.0", "from": self.source, "to": self.target, "textType": "plain"}
        return self.call("POST", "/translate", lambda data: [item["translations"][0]["text"] for item in data],
                         json=[{"Text": text} for text in texts], params=params, headers=headers)


class GoogleEngine(OnlineEngine):
    """Google Cloud Translation, basic edition (v2), with an API key."""

    name = "google"
    api = Api(url="https://translation.googleapis.com", limit=5000, batch=100, key_env="GOOGLE_API_KEY",
              version="v2")

    def _request(self, texts: list[str]) -> list[str]:
        body = {"q": texts, "source": self.source, "target": self.target, "format": "text"}
        return self.call("POST", "/language/translate/v2",
                         lambda data: [t["translatedText"] for t in data["data"]["translations"]],
                         json=body, params={"key": self.api_key()})


class MyMemoryEngine(OnlineEngine):
    """MyMemory, keyless for small volumes (``MYMEMORY_EMAIL`` raises its daily quota)."""

    name = "mymemory"
    api = Api(url="https://api.mymemory.translated.net", limit=490, batch=1, key_env=None, key_required=False)

    def _request(self, texts: list[str]) -> list[str]:
        params = {"q": texts[0], "langpair": f"{self.source}|{self.target}"}
        if os.environ.get("MYMEMORY_EMAIL"):
            params["de"] = os.environ["MYMEMORY_EMAIL"]
        return self.call("GET", "/get", lambda data: [data["responseData"]["translatedText"]], params=params)


ONLINE: dict[str, type[OnlineEngine]] = {
    engine.name: engine for engine in (GoogleEngine, DeepLEngine, MicrosoftEngine, MyMemoryEngine, LibreEngine)
}


def _as_list(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


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


def _pack(units: list[str], limit: int, batch: int) -> list[list[str]]:
    """Consecutive units grouped so that each group has at most ``batch`` units
    and ``limit`` characters."""
    chunks: list[list[str]] = []
    size = 0
    for unit in units:
        if chunks and len(chunks[-1]) < batch and size + len(unit) <= limit:
            chunks[-1].append(unit)
            size += len(unit)
        else:
            chunks.append([unit])
            size = len(unit)
    return chunks
