"""A LibreTranslate server on the loopback interface, for tests without internet.

It speaks the API as deep-translator's LibreTranslator uses it: ``POST
/translate`` with ``q``, ``source``, ``target``, ``format`` and ``api_key`` in the
query string and an empty body; it answers ``{"translatedText": ...}`` or, on
failure, ``{"error": ...}`` with the status given by the test's script.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

#: ``answer(params, number) -> (status, text)``: number counts requests from 0.
Answer = Callable[[dict[str, str], int], tuple[int, str]]


def fake_translation(text: str) -> str:
    """A recognisable "translation": every line gets the prefix ``ES ``."""
    return "\n".join("ES " + line for line in text.split("\n"))


def happy(params: dict[str, str], number: int) -> tuple[int, str]:
    return 200, fake_translation(params["q"])


class LibreStub:
    """Serve ``answer`` on 127.0.0.1 (a free port) while used as a context manager."""

    def __init__(self, answer: Answer = happy):
        self.answer = answer
        self.requests: list[dict[str, str]] = []
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                url = urlparse(self.path)
                params = {key: values[0] for key, values in parse_qs(url.query).items()}
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with stub._lock:
                    number = len(stub.requests)
                    stub.requests.append(params)
                if url.path != "/translate":
                    status, text = 404, "not found"
                else:
                    status, text = stub.answer(params, number)
                payload = {"translatedText": text} if status == 200 else {"error": text}
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> LibreStub:
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
