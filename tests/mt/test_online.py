"""Online engines over loopback: each API's request and answer, batching, retries, failures."""

from __future__ import annotations

import socket
import time

import pytest

from bulletin_i18n.errors import EngineError
from bulletin_i18n.mt import Engine, make_engine
from mt_stub import ApiStub, fake_translation

DIALOGUE = "The <1>IV Inter-American Dialogue of High Authorities of MSMEs</1> held April 16-17 in Washington, DC"
INSULZA = "<1/>At the inauguration, the Secretary General of the OAS, <2>José Miguel Insulza</2>, spoke."
FOOTER = "<1>» Back to newsletter</1><2/> SHARE WITH A FRIEND:"
KEYS = {"DEEPL_API_KEY": "deepl-key:fx", "MICROSOFT_API_KEY": "ms-key", "GOOGLE_API_KEY": "g-key"}


def engine(name: str, stub: ApiStub, **options) -> Engine:
    options = {"retries": 3, "backoff": 0.01, "timeout": 2, **options}
    return make_engine(name, "en", "es", url=stub.url, **options)


@pytest.fixture
def keys(monkeypatch):
    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)


def test_libre_sends_texts_as_one_list_with_masks_and_the_key_read_at_call_time(monkeypatch, glossary):
    texts = [DIALOGUE, INSULZA, FOOTER, "Videos", "2015"]
    with ApiStub() as stub:
        libre = engine("libre", stub, concurrency=2)
        monkeypatch.setenv("LIBRE_API_KEY", "secret-read-at-call-time")
        results = libre.translate(texts, glossary)
    assert [r.text for r in results] == [
        "ES The <1>IV Diálogo Interamericano de Altas Autoridades de MIPYMES</1> held April 16-17 in Washington, DC",
        "ES <1/>At the inauguration, the Secretario General of the OEA, <2>José Miguel Insulza</2>, spoke.",
        "ES <1>» Back to boletín</1><2/> SHARE WITH A FRIEND:",  # a glossary term
        "ES Videos",
        "2015",  # nothing to translate: never sent
    ]
    [request] = stub.requests  # four texts in one request
    assert request.api == "libre" and len(request.texts) == 4
    assert (request.body["source"], request.body["target"], request.body["format"]) == ("en", "es", "text")
    assert request.body["api_key"] == "secret-read-at-call-time"
    assert "__PH0__" in request.texts[0] and "<1>" not in request.texts[0]


def test_libre_without_a_key_sends_none(monkeypatch):
    monkeypatch.delenv("LIBRE_API_KEY", raising=False)
    with ApiStub() as stub:
        assert engine("libre", stub).translate(["Hello."])[0].text == "ES Hello."
    assert "api_key" not in stub.requests[0].body


@pytest.mark.parametrize("name, auth", [
    ("deepl", lambda r: r.headers["Authorization"] == "DeepL-Auth-Key deepl-key:fx"
     and (r.body["source_lang"], r.body["target_lang"]) == ("EN", "ES")),
    ("microsoft", lambda r: r.headers["Ocp-Apim-Subscription-Key"] == "ms-key"
     and (r.params["api-version"], r.params["from"], r.params["to"]) == ("3.0", "en", "es")),
    ("google", lambda r: r.params["key"] == "g-key" and (r.body["source"], r.body["target"]) == ("en", "es")),
    ("mymemory", lambda r: r.params["langpair"] == "en|es"),
])
def test_each_api_is_spoken_as_documented(keys, name, auth):
    with ApiStub() as stub:
        results = engine(name, stub).translate(["Good <1>morning</1>.", "Thank you."])
    assert [r.text for r in results] == ["ES Good <1>morning</1>.", "ES Thank you."]
    assert {r.api for r in stub.requests} == {name}
    assert all(auth(request) for request in stub.requests)
    # MyMemory takes one text a request; the others both in one
    assert len(stub.requests) == (2 if name == "mymemory" else 1)


@pytest.mark.parametrize("name, variable", [("deepl", "DEEPL_API_KEY"), ("microsoft", "MICROSOFT_API_KEY"),
                                            ("google", "GOOGLE_API_KEY")])
def test_a_missing_key_is_named(monkeypatch, name, variable):
    monkeypatch.delenv(variable, raising=False)
    with ApiStub() as stub:
        with pytest.raises(EngineError, match=f"{name} needs an API key: set the environment variable {variable}"):
            engine(name, stub).translate(["Hello."])
    assert stub.requests == []


def test_long_texts_are_cut_at_sentence_ends_and_joined_back():
    long_text = " ".join(f"Sentence number {n} is here." for n in range(300))  # > 5,000 characters
    with ApiStub() as stub:
        results = engine("libre", stub).translate([long_text, "One.", "Two."])
    assert [r.text for r in results[1:]] == ["ES One.", "ES Two."]
    assert results[0].text.count("ES ") >= 2 and "Sentence number 299 is here." in results[0].text
    assert all(sum(map(len, r.texts)) <= 5000 for r in stub.requests)


def test_retries_429_and_500_then_succeeds():
    script = {0: (429, "slow down"), 1: (500, "oops")}
    with ApiStub(lambda request, n: script.get(n, (200, [fake_translation(t) for t in request.texts]))) as stub:
        result = engine("libre", stub).translate(["Welcome to the <1>OAS</1>."])[0]
    assert result.text == "ES Welcome to the <1>OAS</1>."
    assert len(stub.requests) == 3


def test_failing_for_good_gives_a_clear_error():
    with ApiStub(lambda request, n: (500, "down")) as stub:
        started = time.monotonic()
        with pytest.raises(EngineError, match=r"libre: gave up after 3 attempts \(500 server error\) at http://127"):
            engine("libre", stub, retries=2).translate(["Hello."])
    assert len(stub.requests) == 3 and time.monotonic() - started < 1


def test_refused_key_is_not_retried(keys):
    with ApiStub(lambda request, n: (403, "bad key")) as stub:
        with pytest.raises(EngineError, match=r"deepl: the server refused the API key \(403\)"):
            engine("deepl", stub).translate(["Hello."])
    assert len(stub.requests) == 1


def test_a_client_error_says_what_the_server_said():
    with ApiStub(lambda request, n: (400, "es is not supported")) as stub:
        with pytest.raises(EngineError, match="libre: the server answered 400: es is not supported"):
            engine("libre", stub).translate(["Hello."])
    assert len(stub.requests) == 1


@pytest.mark.parametrize("answer", [b"<html>busy</html>", b'{"translatedText": 3}', b'{"other": []}'])
def test_a_malformed_answer_is_an_engine_error(answer):
    with ApiStub(lambda request, n: (200, answer)) as stub:
        with pytest.raises(EngineError, match="libre: unexpected answer|libre: answered"):
            engine("libre", stub).translate(["Hello.", "Bye."])


def test_a_hung_server_times_out():
    def hang(request, number):
        time.sleep(3)
        return 200, ["late"]

    with ApiStub(hang) as stub:
        started = time.monotonic()
        with pytest.raises(EngineError, match=r"gave up after 2 attempts \(timed out\)"):
            engine("libre", stub, timeout=0.2, retries=1).translate(["Hello."])
    assert time.monotonic() - started < 2


def test_an_unreachable_server_is_retried_then_reported():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    libre = make_engine("libre", "en", "es", url=f"http://127.0.0.1:{port}", retries=1, backoff=0.01)
    with pytest.raises(EngineError, match=r"gave up after 2 attempts \(cannot connect\)"):
        libre.translate(["Hello."])


def test_the_engine_and_its_server_key_the_cache():
    with ApiStub() as stub:
        libre = engine("libre", stub)
        assert libre.version() == "api" and libre.key == f"libre api postedit 1 {stub.url.rstrip('/')}"
