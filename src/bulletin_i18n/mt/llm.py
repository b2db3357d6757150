"""Large language models through the OpenAI-compatible chat API (``--engine openai``).

OpenAI itself, or any server that speaks its chat completions API: Ollama,
vLLM, LM Studio, llama.cpp's server (``--engine-url``, e.g.
``http://localhost:11434/v1``). Through the ``openai`` package, whose client
retries timeouts, refused connections, 429 and 5xx answers (honouring
``Retry-After``) ``engine_retries`` times, each request limited to
``engine_timeout`` seconds.

Messages go in batches, one request per batch, as JSON: each message's text
with the English before and after it in the bulletin, the bulletin's title,
and the approved glossary terms the batch holds. Placeholders (``<1>…</1>``,
``<2/>``) go as they are and URLs as masks (``__PH0__``); the answer is a
JSON list of translations by id. Every answer is checked: a malformed answer,
a message missing from it, or a placeholder or mask lost, added or changed,
is a :class:`~.base.Failure` that a chain (``engine = ["openai",
"apertium"]``) gives to its next engine; alone, the engine repairs what it can
(with a note) and stops with an error where it has nothing.
"""

from __future__ import annotations

import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import openai
from babel import Locale, UnknownLocaleError

from .. import placeholders as ph
from ..errors import EngineError
from ..languages import babel_locale
from .base import _MASK_RE, Context, Engine, Failure

#: Changes when the prompt does: cached drafts made with another prompt are redone.
PROMPT_VERSION = "1"
#: Characters of message text in one request, besides the batch's message count.
_REQUEST_CHARS = 8000

_SYSTEM = """You translate parts of an HTML newsletter from {source} into {target}.
The user sends JSON: the newsletter's "title", approved "glossary" terms (English -> {target}),
and "segments", each with an "id", the "text" to translate, and the English "before" and "after" it.
Rules:
- Translate every segment's "text" completely, as a published {target} edition would read.
- Tags such as <1>, </1> and <2/> stand for inline markup (links, emphasis, images, line breaks).
  Keep every tag exactly as written, each exactly once, around the words it belongs to; you may move
  them to fit {target} word order, but never add, drop, renumber or change one.
- Words such as __PH0__ stand for web addresses: keep each exactly once, unchanged.
- Use the glossary's {target} term wherever its English term appears (inflect it if grammar needs).
- "title", "before" and "after" are context only: do not translate them.
Answer with JSON only, no comments: {{"translations": [{{"id": <id>, "text": "<translation>"}}]}},
one item for every segment, with its id."""


def language_name(code: str) -> str:
    """A language's English name ("es" -> "Spanish"), for the prompt."""
    try:
        return Locale.parse(babel_locale(code)).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code


class OpenAIEngine(Engine):
    """A language model behind the OpenAI-compatible chat completions API."""

    name = "openai"
    keeps_placeholders = True  # models read <1>…</1> as markup; they come back checked
    protects_terms = False  # approved terms go as context: the model inflects them
    uses_context = True

    def __init__(self, source_lang: str, target_lang: str, *, url: str | None = None, model: str | None = None,
                 concurrency: int = 4, timeout: float = 30.0, retries: int = 4, batch: int = 20):
        super().__init__(source_lang, target_lang)
        self.model = model or os.environ.get("OPENAI_MODEL") or ""
        if not self.model:
            raise EngineError("openai needs a model: the openai_model setting or the environment variable "
                              "OPENAI_MODEL (e.g. gpt-4o-mini, or llama3.1 on Ollama)")
        key = os.environ.get("OPENAI_API_KEY")
        if not key and url is None:
            raise EngineError("openai needs an API key: set the environment variable OPENAI_API_KEY "
                              "(or give --engine-url for a local server such as Ollama)")
        self.url = _api_base(url) if url else None
        self.concurrency = max(1, concurrency)
        self.retries = max(0, retries)
        self.batch = max(1, batch)
        self.client = openai.OpenAI(api_key=key or "not-needed", base_url=self.url, timeout=timeout,
                                    max_retries=self.retries)

    def version(self) -> str:
        return self.model

    @property
    def key(self) -> str:
        return f"{super().key} prompt {PROMPT_VERSION} {self.url or 'openai'}"

    @property
    def where(self) -> str:
        return self.url or "the OpenAI API"

    def _translate_in_context(self, texts: list[str], contexts: list[Context]) -> list[str | Failure]:
        batches = _pack(list(range(len(texts))), texts, self.batch)
        answers: list[str | Failure] = [Failure("no answer")] * len(texts)
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            for batch, got in zip(batches, pool.map(lambda b: self._request(b, texts, contexts), batches)):
                for index, answer in zip(batch, got):
                    answers[index] = answer
        return answers

    def _translate_masked(self, texts: list[str]) -> list[str | Failure]:
        return self._translate_in_context(texts, [Context()] * len(texts))

    # -- one request ---------------------------------------------------------------
    def _request(self, batch: list[int], texts: list[str], contexts: list[Context]) -> list[str | Failure]:
        """One request for the messages ``batch``: each one's checked answer, or a failure."""
        terms: dict[str, str] = {}
        for index in batch:
            terms.update(contexts[index].terms)
        payload = {
            "title": next((contexts[i].title for i in batch if contexts[i].title), ""),
            "glossary": terms,
            "segments": [{"id": number, "text": texts[index], "before": contexts[index].before,
                          "after": contexts[index].after} for number, index in enumerate(batch, 1)],
        }
        system = _SYSTEM.format(source=language_name(self.source_lang), target=language_name(self.target_lang))
        try:
            completion = self.client.chat.completions.create(
                model=self.model, temperature=0,
                messages=[{"role": "system", "content": system},
                          {"role": "user", "content": json.dumps(payload, ensure_ascii=False)}])
            content = completion.choices[0].message.content
        except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
            raise EngineError(f"openai: the server refused the API key ({exc.status_code}) at {self.where}") from exc
        except openai.NotFoundError as exc:
            raise EngineError(f"openai: no model {self.model!r} at {self.where} (404): {_message(exc)}") from exc
        except openai.APITimeoutError:
            return [Failure(f"timed out after {self.retries + 1} attempts at {self.where}", passing=True)] * len(batch)
        except openai.APIConnectionError:
            return [Failure(f"cannot connect after {self.retries + 1} attempts to {self.where}",
                            passing=True)] * len(batch)
        except openai.RateLimitError:
            return [Failure(f"429 too many requests after {self.retries + 1} attempts at {self.where}",
                            passing=True)] * len(batch)
        except openai.InternalServerError as exc:
            return [Failure(f"{exc.status_code} server error after {self.retries + 1} attempts at {self.where}",
                            passing=True)] * len(batch)
        except openai.APIStatusError as exc:
            return [Failure(f"the server answered {exc.status_code}: {_message(exc)}")] * len(batch)
        except (openai.APIError, ValueError, TypeError, AttributeError, IndexError) as exc:
            return [Failure(f"unexpected answer from {self.where}: {type(exc).__name__}")] * len(batch)
        answers = _read_answer(content)
        if answers is None:
            return [Failure(f"malformed answer from {self.where}: {str(content)[:120]!r}")] * len(batch)
        return [_checked(texts[index], answers.get(number)) for number, index in enumerate(batch, 1)]

    def close(self) -> None:
        self.client.close()


def _api_base(url: str) -> str:
    """The API's base address: a server named without a path gets ``/v1``
    (``http://localhost:11434`` -> ``http://localhost:11434/v1``)."""
    url = url.rstrip("/")
    return url + "/v1" if urlsplit(url).path in ("", "/") else url


def _message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        error = body.get("error", body)
        return str(error.get("message", error) if isinstance(error, dict) else error)[:200]
    return str(exc.message)[:200]


def _pack(indexes: list[int], texts: list[str], size: int) -> list[list[int]]:
    """Consecutive messages in batches of at most ``size`` messages and
    :data:`_REQUEST_CHARS` characters (a longer message goes alone)."""
    batches: list[list[int]] = []
    chars = 0
    for index in indexes:
        if batches and len(batches[-1]) < size and chars + len(texts[index]) <= _REQUEST_CHARS:
            batches[-1].append(index)
            chars += len(texts[index])
        else:
            batches.append([index])
            chars = len(texts[index])
    return batches


def _read_answer(content: object) -> dict[int, object] | None:
    """The translations of an answer by id, or None when it is not the JSON asked
    for (a fence around it is forgiven)."""
    if not isinstance(content, str):
        return None
    text = re.sub(r"^\s*```(?:json)?\s*|\s*```\s*$", "", content.strip())
    try:
        data = json.loads(text)
    except ValueError:
        return None
    items = data.get("translations") if isinstance(data, dict) else data
    if not isinstance(items, list):
        return None
    found: dict[int, object] = {}
    for item in items:
        if not isinstance(item, dict) or "id" not in item or "text" not in item:
            return None
        try:
            found.setdefault(int(item["id"]), item["text"])
        except (TypeError, ValueError):
            return None
    return found


def _checked(source: str, answer: object) -> str | Failure:
    """An answer for one message, if it keeps every placeholder and mask exactly."""
    if answer is None:
        return Failure("no translation for it in the answer")
    if not isinstance(answer, str) or not answer.strip():
        return Failure("an empty translation")
    problems = ph.problems(source, answer)
    wanted = sorted(_MASK_RE.findall(source))
    if sorted(_MASK_RE.findall(answer)) != wanted:
        problems.append("a web address lost or repeated")
    if problems:
        return Failure("placeholders changed: " + "; ".join(problems), text=answer)
    return answer
