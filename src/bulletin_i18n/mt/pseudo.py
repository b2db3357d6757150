"""Pseudo-localisation, to see at a glance which text is not under translation."""

from __future__ import annotations

from .base import MASK, _MASK_RE, Engine


_PSEUDO = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝħíĵķĺɱñóþǫŕšŧúṽŵẋýžÁƁÇĐÉƑĜĦÍĴĶĹṀÑÓÞǪŔŠŦÚṼŴẊÝŽ",
)


class PseudoEngine(Engine):
    """Pseudo-localisation: every ASCII letter becomes an accented look-alike.

    Shows untranslated text and encoding problems at a glance. Glossary terms are
    not protected (their targets would bring English letters back).
    """

    name = "pseudo"
    protects_terms = False
    postedits = False

    def version(self) -> str:
        return "1"

    def _translate_masked(self, texts: list[str]) -> list[str]:
        return [_outside_masks(text, lambda part: part.translate(_PSEUDO)) for text in texts]


def _outside_masks(text: str, change) -> str:
    """Apply ``change`` to the text between masks, keeping the masks."""
    parts = _MASK_RE.split(text)
    # split() alternates text and captured mask numbers.
    return "".join(change(part) if i % 2 == 0 else MASK.format(part) for i, part in enumerate(parts))
