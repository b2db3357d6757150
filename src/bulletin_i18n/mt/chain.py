"""A chain of engines: what the first cannot translate well, the next one does.

``engine = ["openai", "apertium"]``: every message goes to the first engine;
a message it gave no usable answer for (a malformed answer, placeholders it
changed, a request that failed after its retries) goes to the next, and so on.
The last engine's failures are its own: an error, or its repaired draft with a
note. Each result names the engine that wrote it, so the catalog's provenance
does too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..errors import EngineError
from ..glossary import Glossary
from .base import Context, Engine, Result


class ChainEngine(Engine):
    """Engines asked in turn for the messages the ones before could not translate."""

    name = "chain"

    def __init__(self, engines: list[Engine]):
        if not engines:
            raise EngineError("an engine chain needs at least one engine")
        super().__init__(engines[0].source_lang, engines[0].target_lang)
        self.engines = engines
        for engine in engines[:-1]:
            engine.raises_failures = False
        self.uses_context = any(engine.uses_context for engine in engines)

    def version(self) -> str:
        return " > ".join(f"{engine.name} {engine.version()}" for engine in self.engines)

    @property
    def key(self) -> str:
        return " > ".join(engine.key for engine in self.engines)

    def translate(self, texts: list[str], glossary: Glossary | None = None,
                  context: Mapping[str, Context] | None = None) -> list[Result]:
        results: list[Result | None] = [None] * len(texts)
        pending = list(range(len(texts)))
        passing = set()  # messages an engine failed on for a passing reason: not to be cached
        for engine in self.engines:
            if not pending:
                break
            answers = engine.translate([texts[i] for i in pending], glossary, context)
            last = engine is self.engines[-1]
            left = []
            for index, answer in zip(pending, answers):
                if answer.failed and not last:
                    left.append(index)
                    if not answer.cache:
                        passing.add(index)
                    continue
                results[index] = replace(answer, engine=answer.engine or engine.name,
                                         version=answer.version or engine.version(),
                                         cache=answer.cache and index not in passing)
            pending = left
        return results

    def close(self) -> None:
        for engine in self.engines:
            engine.close()
