"""Machine translation servers on the loopback interface, for tests without internet.

One HTTP server speaks the APIs of the online engines as their documentation
gives them:

* LibreTranslate: ``POST /translate`` JSON ``{"q": [...], "source", "target",
  "format", "api_key"}`` -> ``{"translatedText": [...]}``;
* DeepL: ``POST /v2/translate`` JSON ``{"text": [...], "source_lang",
  "target_lang"}``, ``Authorization: DeepL-Auth-Key K`` -> ``{"translations": [{"text"}]}``;
* Microsoft: ``POST /translate?api-version=3.0&from&to`` JSON ``[{"Text"}]``,
  ``Ocp-Apim-Subscription-Key`` -> ``[{"translations": [{"text", "to"}]}]``;
* Google: ``POST /language/translate/v2?key=K`` JSON ``{"q": [...], "source",
  "target", "format"}`` -> ``{"data": {"translations": [{"translatedText"}]}}``;
* MyMemory: ``GET /get?q&langpair`` -> ``{"responseData": {"translatedText"}}``;
* OpenAI-compatible chat completions: ``POST …/chat/completions`` JSON
  ``{"model", "messages": [system, user]}``, the user message the tool's JSON
  (``{"title", "glossary", "segments": [{"id", "text", "before", "after"}]}``)
  -> ``{"choices": [{"message": {"content": "{\"translations\": [{\"id\", \"text\"}]}"}}]}``.
  For status 200, ``texts`` as a list are the translations (by position), a
  ``str`` is the message content as it is (a malformed answer); a 429 carries
  ``retry-after-ms: 20``.

A test's script decides each answer: ``answer(request, number) -> (status, texts)``
gets the request (its API, texts, parameters and headers) and the number of
requests before it; for status 200 ``texts`` are the translations, otherwise
an error message (or raw bytes: a malformed answer).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


@dataclass
class Request:
    api: str  # libre, deepl, microsoft, google, mymemory (or "unknown")
    texts: list[str]
    params: dict[str, str] = field(default_factory=dict)  # query string
    body: dict | list | None = None
    headers: dict[str, str] = field(default_factory=dict)


Answer = Callable[[Request, int], tuple[int, "list[str] | str | bytes"]]


def fake_translation(text: str) -> str:
    """A recognisable "translation": every line gets the prefix ``ES ``."""
    return "\n".join("ES " + line for line in text.split("\n"))


def happy(request: Request, number: int) -> tuple[int, list[str]]:
    return 200, [fake_translation(text) for text in request.texts]


def _read(method: str, path: str, params: dict[str, str], body) -> Request:
    if method == "POST" and path == "/translate" and "api-version" in params:
        return Request("microsoft", [item["Text"] for item in body], params, body)
    if method == "POST" and path == "/translate":
        q = body["q"]
        return Request("libre", q if isinstance(q, list) else [q], params, body)
    if method == "POST" and path == "/v2/translate":
        return Request("deepl", list(body["text"]), params, body)
    if method == "POST" and path == "/language/translate/v2":
        return Request("google", list(body["q"]), params, body)
    if method == "GET" and path == "/get":
        return Request("mymemory", [params["q"]], params, body)
    if method == "POST" and path.endswith("/chat/completions"):
        try:
            asked = json.loads(body["messages"][-1]["content"])
            texts = [segment["text"] for segment in asked["segments"]]
        except (ValueError, KeyError, TypeError, IndexError):
            texts = []
        return Request("openai", texts, params, body)
    return Request("unknown", [], params, body)


def asked(request: Request) -> dict:
    """What the tool sent a chat completions stub: its JSON user message."""
    return json.loads(request.body["messages"][-1]["content"])


def _chat(texts, request: Request) -> dict:
    if isinstance(texts, str):
        content = texts
    else:
        content = json.dumps({"translations": [{"id": i, "text": t} for i, t in enumerate(texts, 1)]},
                             ensure_ascii=False)
    return {"id": "chatcmpl-stub", "object": "chat.completion", "created": 0, "model": request.body["model"],
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def _answer(api: str, status: int, texts, request: Request | None = None) -> bytes:
    if isinstance(texts, bytes):
        return texts
    if api == "openai":
        if status != 200:
            return json.dumps({"error": {"message": texts, "type": "error", "code": status}}).encode()
        return json.dumps(_chat(texts, request)).encode()
    if status != 200:
        return json.dumps({"error": texts} if api != "deepl" else {"message": texts}).encode()
    payload = {
        "libre": lambda: {"translatedText": texts},
        "deepl": lambda: {"translations": [{"detected_source_language": "EN", "text": t} for t in texts]},
        "microsoft": lambda: [{"translations": [{"text": t, "to": "es"}]} for t in texts],
        "google": lambda: {"data": {"translations": [{"translatedText": t} for t in texts]}},
        "mymemory": lambda: {"responseData": {"translatedText": texts[0], "match": 0.85}, "responseStatus": 200},
    }[api]()
    return json.dumps(payload).encode()


class ApiStub:
    """Serve ``answer`` on 127.0.0.1 (a free port) while used as a context manager."""

    def __init__(self, answer: Answer = happy):
        self.answer = answer
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def handle_one(self, method: str) -> None:
                url = urlparse(self.path)
                params = {key: values[0] for key, values in parse_qs(url.query).items()}
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = json.loads(raw) if raw else None
                request = _read(method, url.path, params, body)
                request.headers = dict(self.headers.items())
                with stub._lock:
                    number = len(stub.requests)
                    stub.requests.append(request)
                if request.api == "unknown":
                    status, texts = 404, "not found"
                else:
                    status, texts = stub.answer(request, number)
                data = _answer(request.api, status, texts, request)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    if request.api == "openai" and status == 429:
                        self.send_header("retry-after-ms", "20")
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up waiting (a timeout test)

            def do_POST(self):  # noqa: N802 - http.server's naming
                self.handle_one("POST")

            def do_GET(self):  # noqa: N802
                self.handle_one("GET")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> ApiStub:
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
