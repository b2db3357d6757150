"""Machine translation engines (one module each), their cache, and filling catalogs.

:func:`make_engine` makes an engine by name, and a chain of engines from
several names (``"openai,apertium"``: what the first cannot translate well,
the next one does); :mod:`.fill` fills a catalog's empty entries (memory
first, then the engine), marked fuzzy with provenance.
"""

from __future__ import annotations

from ..errors import EngineError
from .apertium import make_apertium
from .base import Engine, Result
from .chain import ChainEngine
from .online import ONLINE
from .pseudo import PseudoEngine

__all__ = ["ENGINES", "ChainEngine", "Engine", "EngineError", "Result", "make_engine"]

ENGINES = ("apertium", "pseudo", *ONLINE, "openai")


def make_engine(name: str | list[str], source_lang: str, target_lang: str, *, url: str | None = None,
                concurrency: int = 4, timeout: float = 30.0, retries: int = 4,
                backoff: float = 1.0, model: str | None = None, batch: int = 20) -> Engine:
    """The engine called ``name`` for a language pair; a chain for several
    names (a list, or names separated by commas). ``model`` and ``batch`` are
    the language model's and its messages per request (``openai``).

    Raises :class:`EngineError` with what to install or set when an engine
    cannot work here.
    """
    names = [n.strip() for n in (name.split(",") if isinstance(name, str) else name) if n.strip()]
    if len(names) != 1:
        if not names:
            raise EngineError(f"no engine named: choose one or more of {', '.join(ENGINES)}")
        engines: list[Engine] = []
        try:
            for one in names:
                engines.append(make_engine(one, source_lang, target_lang, url=url, concurrency=concurrency,
                                           timeout=timeout, retries=retries, backoff=backoff, model=model,
                                           batch=batch))
        except EngineError:
            for engine in engines:
                engine.close()
            raise
        return ChainEngine(engines)
    name = names[0]
    if name == "openai":
        from .llm import OpenAIEngine  # the openai package is only read when the engine is used

        return OpenAIEngine(source_lang, target_lang, url=url, model=model, concurrency=concurrency,
                            timeout=timeout, retries=retries, batch=batch)
    if name == "pseudo":
        return PseudoEngine(source_lang, target_lang)
    if name == "apertium":
        return make_apertium(source_lang, target_lang)
    if name in ONLINE:
        return ONLINE[name](source_lang, target_lang, url=url, concurrency=concurrency,
                            timeout=timeout, retries=retries, backoff=backoff)
    raise EngineError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
