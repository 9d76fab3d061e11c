"""How records map to articles: the field names looked up in JSON objects and CSV rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kgraph.errors import RejectedInput
from kgraph.models import Article

#: Longest article text parsed as one document; longer texts are split into parts. spaCy's
#: memory grows with the document (a 250 kB article on one line peaked at 1 GB; a 30,000
#: character part costs about 90 MB over the loaded model), so the limit bounds a worker's
#: peak (about 420 MB with the language detector) and time (coreference is quadratic).
#: Cuts fall on paragraph breaks, else sentence ends (see readers.split_article).
MAX_ARTICLE_CHARS = 30_000
#: ``input_format`` that tells standard input's format from its first bytes.
AUTO = "auto"

__all__ = ["AUTO", "MAX_ARTICLE_CHARS", "FieldMap", "ReadOptions", "article_from_record"]


@dataclass(frozen=True)
class FieldMap:
    """Field names tried, in order, for each article attribute of a JSON object or CSV row."""

    text: tuple[str, ...] = ("text", "content", "body")
    title: tuple[str, ...] = ("title", "headline")
    url: tuple[str, ...] = ("url", "link")
    published: tuple[str, ...] = ("published", "date", "published_at")
    id: tuple[str, ...] = ("id", "guid")

    @classmethod
    def with_overrides(cls, **names: str | None) -> FieldMap:
        """Replace the defaults of the attributes given (``"a,b"`` tries ``a`` then ``b``)."""
        given = {key: value for key, value in names.items() if value}
        return cls(**{key: _names(value) for key, value in given.items()})


@dataclass(frozen=True)
class ReadOptions:
    """Reader settings: field names, the format of standard input, the length limit, language."""

    fields: FieldMap = FieldMap()
    #: The format of standard input and of files of unknown suffix; ``"auto"``: sniffed.
    input_format: str = AUTO
    max_chars: int = MAX_ARTICLE_CHARS
    #: The pipeline's language (ISO 639-1); other articles are rejected. ``"any"``: no check.
    language: str = "en"
    #: The published date of articles that carry none (``kgraph ingest --published``).
    published: str | None = None


def _names(spec: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in spec.split(",") if name.strip())


def _field(record: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def article_from_record(record: Any, fields: FieldMap, *, source: str) -> Article:
    """An :class:`Article` from one JSON object or CSV row.

    Raises:
        RejectedInput: not an object, or no non-empty text field.
    """
    if not isinstance(record, Mapping):
        raise RejectedInput(f"expected a JSON object, got {type(record).__name__}")
    text = record.get(next((n for n in fields.text if record.get(n) is not None), ""))
    if text is None:
        raise RejectedInput(f"no text field (looked for {', '.join(fields.text)})")
    if not isinstance(text, str):
        raise RejectedInput(f"text field is {type(text).__name__}, expected a string")
    if not text.strip():
        raise RejectedInput("empty text field")
    return Article(
        text=text,
        id=_field(record, fields.id) or "",
        title=_field(record, fields.title),
        published=_field(record, fields.published),
        url=_field(record, fields.url),
        source=source,
    )
