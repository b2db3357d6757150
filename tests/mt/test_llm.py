"""The language model engine over loopback (OpenAI-compatible chat API), alone and in a chain."""

from __future__ import annotations

import re
import time

import pytest

from bulletin_i18n import placeholders as ph
from bulletin_i18n.errors import EngineError
from bulletin_i18n.model import Catalog, Entry, Notes
from bulletin_i18n.mt import ChainEngine, make_engine
from bulletin_i18n.mt.base import RESTORED_NOTE
from bulletin_i18n.mt.cache import MTCache
from bulletin_i18n.mt.fill import fill_catalog
from bulletin_i18n.po.codec import translator_lines
from mt_stub import ApiStub, asked

INSULZA = "<1/>At the inauguration, the Secretary General of the OAS, <2>José Miguel Insulza</2>, spoke."
LINK = "Read the report at http://www.oas.org/en/sedi/report.pdf today."
QUESTION = "Is it <1>good</1>?"
SPANISH = {
    INSULZA: "<1/>En la inauguración, el Secretario General de la OEA, <2>José Miguel Insulza</2>, habló.",
    "Read the report at __PH0__ today.": "Lea hoy el informe en __PH0__.",  # the URL as a mask
    QUESTION: "¿Es <1>bueno</1>?",
    "Hello.": "Hola.",
}


def model(request, number):
    """A well-behaved model: the Spanish of each text (masks kept)."""
    return 200, [SPANISH.get(text, "ES " + text) for text in request.texts]


@pytest.fixture(autouse=True)
def key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.delenv("OPENAI_MODEL", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def llm(stub: ApiStub, chain: bool = False, **options):
    options = {"retries": 2, "timeout": 5, "model": "stub-model", **options}
    return make_engine("openai,apertium" if chain else "openai", "en", "es", url=stub.url, **options)


def test_segments_go_in_batches_with_context_and_come_back_checked(glossary):
    with ApiStub(model) as stub, llm(stub, batch=2) as engine:
        results = engine.translate([INSULZA, LINK, QUESTION], glossary)
    assert [r.text for r in results] == [
        SPANISH[INSULZA], "Lea hoy el informe en http://www.oas.org/en/sedi/report.pdf.", SPANISH[QUESTION]]
    assert all(r.note == "" and r.failed == "" for r in results)
    first, second = sorted(stub.requests, key=lambda r: -len(r.texts))  # two per request, sent side by side
    assert first.api == "openai" and first.body["model"] == "stub-model" and first.body["temperature"] == 0
    assert {k.lower(): v for k, v in first.headers.items()}["authorization"] == "Bearer sk-test"
    assert first.body["messages"][0]["role"] == "system" and "Spanish" in first.body["messages"][0]["content"]
    sent = asked(first)
    assert [s["text"] for s in sent["segments"]] == [INSULZA, "Read the report at __PH0__ today."]
    assert [s["id"] for s in sent["segments"]] == [1, 2]
    # the approved terms of the batch as context (not masks: the model inflects them)
    assert sent["glossary"] == {"Secretary General": "Secretario General", "OAS": "OEA"}
    assert asked(second)["segments"][0]["text"] == QUESTION and asked(second)["glossary"] == {}


def test_title_and_neighbours_reach_the_model_from_the_catalog():
    po = Catalog(entries=[
        Entry("SEDI News | April 2015", notes=Notes(element="head > title")),
        Entry("Hello.", "Hola."),  # reviewed: not sent, but a neighbour
        Entry(QUESTION), Entry("Goodbye."),
    ])
    with ApiStub(model) as stub, llm(stub) as engine:
        fill_catalog(po, engine)
    [request] = stub.requests
    sent = asked(request)
    assert sent["title"] == "SEDI News | April 2015"
    by_text = {s["text"]: s for s in sent["segments"]}
    assert (by_text[QUESTION]["before"], by_text[QUESTION]["after"]) == ("Hello.", "Goodbye.")
    assert by_text["SEDI News | April 2015"]["before"] == ""
    assert po[2].msgstr == SPANISH[QUESTION] and po[2].fuzzy
    assert translator_lines(po[2])[-1].startswith("Machine translation: openai stub-model [")


def test_a_malformed_answer_falls_back_to_the_next_engine():
    with ApiStub(lambda request, number: (200, '{"translations": [{"id": 1, "text": "Hola"')) as stub, \
            llm(stub, chain=True) as engine:
        results = engine.translate([QUESTION, "Hello."])
    assert [(r.text, r.engine) for r in results] == [("¿Es <1>bien</1>?", "apertium"), ("Hola.", "apertium")]
    assert all(r.cache for r in results)  # the model answered: asking again would give the same
    with ApiStub(lambda request, number: (200, '{"translations": [{"id": 1, "text": "Hola"')) as stub, \
            llm(stub) as alone, pytest.raises(EngineError, match=r"openai: malformed answer from http://127"):
        alone.translate(["Hello."])


def test_a_lost_placeholder_falls_back_for_that_segment_only():
    def loses(request, number):
        return 200, [ph.strip(SPANISH[t]) if t == QUESTION else SPANISH[t] for t in request.texts]

    with ApiStub(loses) as stub, llm(stub, chain=True) as engine:
        question, hello = engine.translate([QUESTION, "Hello."])
    assert (question.text, question.engine) == ("¿Es <1>bien</1>?", "apertium")
    assert (hello.text, hello.engine) == ("Hola.", "openai")
    # alone, the engine repairs the placeholders and says so
    with ApiStub(loses) as stub, llm(stub) as alone:
        [repaired] = alone.translate([QUESTION])
    assert ph.problems(QUESTION, repaired.text) == [] and repaired.note == RESTORED_NOTE
    assert repaired.failed.startswith("placeholders changed: missing placeholder <1>…</1>")


@pytest.mark.parametrize("wrong", [
    "¿Es <1>bueno</1> <1>bueno</1>?",  # twice
    "¿Es <2>bueno</2>?",  # renumbered
    "¿Es <1>bueno?",  # unbalanced
])
def test_any_changed_placeholder_is_a_failure(wrong):
    with ApiStub(lambda request, number: (200, [wrong])) as stub, llm(stub, chain=True) as engine:
        [result] = engine.translate([QUESTION])
    assert result.engine == "apertium"


def test_a_lost_web_address_is_a_failure():
    with ApiStub(lambda request, number: (200, ["Lea hoy el informe."])) as stub, llm(stub, chain=True) as engine:
        [result] = engine.translate([LINK])
    assert result.engine == "apertium" and "http://www.oas.org/en/sedi/report.pdf" in result.text


def test_429_is_retried_then_answered():
    def busy_once(request, number):
        return (429, "Rate limit reached") if number == 0 else model(request, number)

    with ApiStub(busy_once) as stub, llm(stub, chain=True) as engine:
        [result] = engine.translate([QUESTION])
    assert (result.text, result.engine) == (SPANISH[QUESTION], "openai") and len(stub.requests) == 2


def test_429_after_every_retry_falls_back_and_is_not_cached():
    with ApiStub(lambda request, number: (429, "Rate limit reached")) as stub, \
            llm(stub, chain=True, retries=1) as engine:
        [result] = engine.translate([QUESTION])
    assert result.engine == "apertium" and result.cache is False and len(stub.requests) == 2
    cache = MTCache(":memory:")
    po = Catalog(entries=[Entry(QUESTION)])
    with ApiStub(lambda request, number: (429, "Rate limit reached")) as stub, \
            llm(stub, chain=True, retries=0) as engine:
        fill_catalog(po, engine, cache=cache)
    assert po[0].provenance[0].engine == "apertium" and len(cache) == 0  # the next run asks the model again
    with ApiStub(lambda request, number: (429, "Rate limit reached")) as stub, \
            llm(stub, retries=0) as alone, pytest.raises(EngineError, match="429 too many requests after 1 attempts"):
        alone.translate([QUESTION])


def test_a_timeout_falls_back():
    def slow(request, number):
        time.sleep(1.5)
        return model(request, number)

    started = time.monotonic()
    with ApiStub(slow) as stub, llm(stub, chain=True, timeout=0.3, retries=1) as engine:
        [result] = engine.translate([QUESTION])
    assert result.engine == "apertium" and result.cache is False
    assert len(stub.requests) == 2 and time.monotonic() - started < 5


def test_a_refused_key_or_an_unknown_model_stops_even_a_chain():
    with ApiStub(lambda request, number: (401, "Incorrect API key provided")) as stub, \
            llm(stub, chain=True) as engine, pytest.raises(EngineError, match=r"refused the API key \(401\)"):
        engine.translate([QUESTION])
    with ApiStub(lambda request, number: (404, "model 'llama9' not found")) as stub, \
            llm(stub, chain=True, model="llama9") as engine, \
            pytest.raises(EngineError, match=r"no model 'llama9' at .*\(404\): model 'llama9' not found"):
        engine.translate([QUESTION])


def test_model_and_key_come_from_settings_or_environment(monkeypatch):
    with pytest.raises(EngineError, match="openai needs a model: the openai_model setting or .*OPENAI_MODEL"):
        make_engine("openai", "en", "es", url="http://127.0.0.1:9/")
    monkeypatch.setenv("OPENAI_MODEL", "from-env")
    assert make_engine("openai", "en", "es", url="http://127.0.0.1:9/").version() == "from-env"
    assert make_engine("openai", "en", "es", url="http://127.0.0.1:9/", model="set").version() == "set"
    monkeypatch.delenv("OPENAI_API_KEY")
    with pytest.raises(EngineError, match="needs an API key: set the environment variable OPENAI_API_KEY"):
        make_engine("openai", "en", "es")
    # a local server (Ollama, vLLM, LM Studio) needs no key; its address gets /v1 when it has no path
    local = make_engine("openai", "en", "es", url="http://localhost:11434")
    assert local.url == "http://localhost:11434/v1" and local.key.endswith("http://localhost:11434/v1")


def test_a_chain_caches_each_draft_with_the_engine_that_wrote_it():
    cache = MTCache(":memory:")

    def loses(request, number):
        return 200, [ph.strip(SPANISH[t]) if t == QUESTION else SPANISH[t] for t in request.texts]

    runs = []
    with ApiStub(loses) as stub:
        for _ in range(2):
            po = Catalog(entries=[Entry(QUESTION), Entry("Hello.")])
            before = len(stub.requests)
            with llm(stub, chain=True) as engine:
                stats = fill_catalog(po, engine, cache=cache)
                assert isinstance(engine, ChainEngine)
            runs.append(([(e.msgstr, e.provenance[0].engine) for e in po], stats.cached, len(stub.requests) - before))
    drafts = [("¿Es <1>bien</1>?", "apertium"), ("Hola.", "openai")]
    assert runs == [(drafts, 0, 1), (drafts, 2, 0)]
    assert re.fullmatch(r"Machine translation: apertium \S+ \[[0-9a-f]{10}\]", translator_lines(po[0])[-1])


def test_unknown_engine_in_a_chain_is_named():
    with pytest.raises(EngineError, match="unknown engine 'babel'"):
        make_engine("apertium, babel", "en", "es")
