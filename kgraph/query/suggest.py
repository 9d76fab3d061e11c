"""Did you mean: the stored entity names closest to a name that matched none (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["closest"]

#: Least rapidfuzz WRatio score (0-100) for a name to be suggested.
MIN_SCORE = 70


def closest(
    wanted: str, names: Iterable[tuple[str, str]], limit: int = 5, min_score: float = MIN_SCORE
) -> list[str]:
    """The best matches of ``wanted`` among ``(text, name)`` pairs, as names, best first.

    ``text`` is what is compared (a name or an alias), ``name`` what is suggested, so an
    alias that matches suggests its entity's name. Equal scores go alphabetically.
    """
    from rapidfuzz import fuzz, process, utils

    pairs = list(names)
    scored = process.extract(
        wanted,
        [text for text, _ in pairs],
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=None,
        score_cutoff=min_score,
    )
    best: dict[str, float] = {}
    for _, score, index in scored:
        name = pairs[index][1]
        best[name] = max(best.get(name, 0.0), score)
    return sorted(best, key=lambda n: (-best[n], n))[:limit]
