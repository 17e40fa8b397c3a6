"""Name keys for lookups: case-, accent- and script-insensitive."""

from __future__ import annotations

import functools
import unicodedata
from typing import Final

_CYRILLIC: Final = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)


def fold(text: str) -> str:
    """Casefold, strip accents, and keep letters and digits only.

    >>> fold("Roscosmos"), fold("Crew-11"), fold("Kud-Sverchkov")
    ('roscosmos', 'crew11', 'kudsverchkov')
    >>> fold("Роскосмос"), fold("Крикалёв")
    ('роскосмос', 'крикалев')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def transliterate(folded: str) -> str:
    """Cyrillic letters in a folded key, written in Latin letters.

    >>> transliterate(fold("Баканов"))
    'bakanov'
    """
    return "".join(_CYRILLIC.get(ch, ch) for ch in folded)


@functools.lru_cache(maxsize=8192)
def keys(text: str) -> frozenset[str]:
    """Every lookup key for a name: the folded form and its transliteration."""
    folded = fold(text)
    if not folded:
        return frozenset()
    return frozenset({folded, transliterate(folded)})
