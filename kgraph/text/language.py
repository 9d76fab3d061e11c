"""Which language an article is written in (py3langid), so foreign text stays out.

The small English pipeline turns German prose into nonsense entities ("würden (GPE)"),
so articles not in the pipeline's language are rejected with the language named.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kgraph.errors import KgraphError
from kgraph.text.boilerplate import blank_boilerplate

#: ``--language any`` accepts every article unchecked.
ANY = "any"
#: Characters of text (after boilerplate blanking) looked at: enough for a sure answer.
SAMPLE_CHARS = 5000
#: Shorter texts (a headline) are too short to judge and are accepted.
MIN_CHARS = 60
#: A text is rejected only when the detector is at least this sure of another language.
MIN_PROBABILITY = 0.9
#: The start of the reason of every language reject (see :func:`is_language_reason`).
REASON_PREFIX = "language "

__all__ = [
    "ANY",
    "check_language_code",
    "detect_language",
    "is_language_reason",
    "language_mismatch",
]


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the language of ``text`` and the detector's probability."""
    sample = " ".join(blank_boilerplate(text[:SAMPLE_CHARS]).split())
    language, probability = _identifier().classify(sample)
    return str(language), float(probability)


def language_mismatch(text: str, expected: str) -> str | None:
    """Why ``text`` is not in the ``expected`` language, or ``None`` when it is (or unsure).

    >>> language_mismatch("Die Regierung will den Kauf bis September prüfen, sagte sie.", "en")
    'language de, pipeline is en'
    """
    if expected == ANY or len(text.strip()) < MIN_CHARS:
        return None
    language, probability = detect_language(text)
    if language == expected or probability < MIN_PROBABILITY:
        return None
    return f"{REASON_PREFIX}{language}, pipeline is {expected}"


def check_language_code(code: str) -> str:
    """``code`` if the detector knows it (or it is ``"any"``).

    Raises:
        KgraphError: an unknown code; the message lists the known ones.
    """
    known = sorted(str(c) for c in _identifier().nb_classes)
    if code == ANY or code in known:
        return code
    raise KgraphError(
        f"--language {code}: not a language code the detector knows (any, {', '.join(known)})"
    )


def is_language_reason(reason: str) -> bool:
    """True for the reason of a reject made by :func:`language_mismatch`."""
    return reason.startswith(REASON_PREFIX) and ", pipeline is " in reason
