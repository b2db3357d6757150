"""The quality rules of ``check``, one module each (``NAME``, ``SEVERITY``, ``check``).

A rule's ``check(source, translation, context)`` returns a message per problem
it finds in one translation. :data:`RULES` lists them in the order they run and
are reported; the settings' ``check.rules`` names them.
"""

from __future__ import annotations

from . import controls, glossary, numbers, placeholders, punctuation, unchanged, urls

#: Every rule by name, in the order they run.
RULES = {rule.NAME: rule for rule in (placeholders, controls, numbers, urls, glossary, unchanged, punctuation)}
