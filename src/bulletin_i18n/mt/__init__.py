"""Machine translation engines (one module each), their cache, and filling catalogs.

:func:`make_engine` makes an engine by name; :mod:`.fill` fills a catalog's
empty entries (memory first, then the engine), marked fuzzy with provenance.
"""

from __future__ import annotations

from ..errors import EngineError
from .apertium import make_apertium
from .base import Engine, Result
from .online import ONLINE
from .pseudo import PseudoEngine

__all__ = ["ENGINES", "Engine", "EngineError", "Result", "make_engine"]

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
        return make_apertium(source_lang, target_lang)
    if name in ONLINE:
        return ONLINE[name](source_lang, target_lang, url=url, concurrency=concurrency,
                            timeout=timeout, retries=retries, backoff=backoff)
    raise EngineError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
