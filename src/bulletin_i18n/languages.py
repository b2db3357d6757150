"""Language codes: the one place that splits and compares them."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=256)  # a run asks for the same few codes thousands of times
def primary_language(code: str) -> str:
    """The primary subtag of a language code, lower case: "es-MX" and "es_419" give "es"."""
    return re.split(r"[-_]", code.strip())[0].lower()


def same_language(code: str, other: str) -> bool:
    """Whether two codes name the same language ("es" and "es-ES" do)."""
    return primary_language(code) == primary_language(other)


def babel_locale(code: str) -> str:
    """A language code as Babel writes locales ("es-MX" -> "es_MX")."""
    return code.strip().replace("-", "_")
