"""``urls`` (error): a URL or e-mail address of the text not found unchanged in
the translation (or as rewritten by the project's ``url_map`` for that language)."""

from __future__ import annotations

from ... import placeholders
from ..context import RuleContext

NAME = "urls"
SEVERITY = "error"

def check(source: str, translation: str, context: RuleContext) -> list[str]:
    return [f"{'e-mail address' if '@' in url and '://' not in url else 'URL'} {url} is missing or changed"
            for url in urls_in(source)
            if not any(accepted in translation for accepted in _accepted_urls(url, context.url_map))]


def urls_in(text: str) -> list[str]:
    """URLs and e-mail addresses written in a message's text."""
    return [url for _, _, url in placeholders.urls_in(text)]


def _accepted_urls(url: str, url_map: dict[str, str]) -> list[str]:
    """The URL itself and its rewrite by the language's ``url_map``, if any."""
    return [url] + [to + url[len(prefix):] for prefix, to in url_map.items() if url.startswith(prefix)]
