"""What the review pages and the index share: their frame, style and helpers."""

from __future__ import annotations

from html import escape

from babel import Locale, UnknownLocaleError

from .. import placeholders as ph
from ..languages import babel_locale

_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: .4em .6em; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
.ph { background: #e4ecf7; color: #1f4e79; border-radius: 3px; padding: 0 2px;
      font: 12px monospace; white-space: nowrap; }
.status { font-size: 12px; font-weight: bold; display: inline-block; padding: 0 .4em; border-radius: 3px; }
.st-reviewed { background: #d8f0d8; } .st-machine { background: #fde2c8; }
.st-memory { background: #e8dcf5; } .st-fuzzy { background: #fff1b8; }
.st-untranslated { background: #f6cccc; }
.where { color: #777; font: 11px monospace; }
.previous { color: #555; font-size: 12px; margin-top: .3em; font-style: italic; }
.findings { margin: .2em 0 0 1.2em; padding: 0; color: #a00; font-size: 12px; }
.findings .warning { color: #8a6d00; }
.number { color: #999; width: 2em; }
body.needs-work-only tr.done { display: none; }
.bar { width: 10em; height: .8em; background: #eee; border-radius: 3px; display: inline-block; }
.bar span { display: block; height: 100%; background: #4a8a4a; border-radius: 3px; }
"""



def render_message(text: str, descriptions: dict[int, str]) -> str:
    """A message as HTML, placeholders as readable markers (``‹1›``, ``‹/1›``, ``‹2/›``)."""
    out, pos = [], 0
    for token in ph.tokens(text):
        out.append(escape(text[pos:token.start]))
        title = descriptions.get(token.number, "")
        out.append(f'<span class="ph" title="{escape(title)}">‹{token.text[1:-1]}›</span>')
        pos = token.end
    out.append(escape(text[pos:]))
    return "".join(out)


def language_name(lang: str) -> str:
    """The language's own name ("español"), or its code when Babel does not know it."""
    try:
        return Locale.parse(babel_locale(lang)).get_display_name(babel_locale(lang)) or lang
    except (ValueError, UnknownLocaleError):
        return lang


def page(title: str, body: str) -> str:
    """A whole self-contained page (inline style, no network)."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
{body}
</body>
</html>
"""
