"""What a look-alike character stands for: the ASCII letter or digit a reader takes it for (Unicode TR39
confusables, from the `confusable-homoglyphs` data), so a case reference spelt with Cyrillic 'Ѕ' or Latin 'Ƨ'
is seen as the reference it reads as."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Every non-ASCII character whose confusables include exactly one ASCII letter or digit (case folded), mapped
    to it. Loaded on first use: most text is ASCII and never needs it."""
    from confusable_homoglyphs.confusables import confusables_data

    table: dict[int, str] = {}
    for char, glyphs in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        ascii_alnum = {g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum()}
        # 'ǀ' looks like l, I and 1 at once: which one a reader sees is anyone's guess, so it maps to none of them
        if len({c.casefold() for c in ascii_alnum}) == 1:
            table[ord(char)] = min(ascii_alnum)
    return table


def skeleton(text: str) -> str:
    """`text` with every look-alike of an ASCII letter or digit replaced by that letter or digit; anything else
    is left as it is."""
    if text.isascii():
        return text
    return text.translate(_table())
