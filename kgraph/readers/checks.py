"""What every article passes on its way out of :func:`kgraph.readers.read_articles`.

One place for every reader, those of this package and any added to ``FORMATS``: the
article's language is checked against the pipeline's (a :class:`Reject` naming both when
they differ) and its published date is made ISO 8601 (null with a warning when it
cannot be). Warnings go to the ``kgraph`` logger, which the command line prints.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from kgraph.models import Article, Reject
from kgraph.readers.options import ReadOptions
from kgraph.text.dates import parse_published
from kgraph.text.language import language_mismatch

LOGGER = logging.getLogger("kgraph")

__all__ = ["check_article"]


def check_article(
    article: Article,
    options: ReadOptions,
    *,
    source: str,
    file_time: datetime | None,
    several: bool = False,
) -> Article | Reject:
    """The article with an ISO 8601 date, or a :class:`Reject` when its language is wrong.

    ``source`` names the input in messages; ``file_time`` (the file's modification time,
    ``None`` for standard input) is what relative dates ("yesterday") are read against;
    ``several``: the input holds several articles, so messages name the article.
    """
    where = source
    mismatch = language_mismatch(article.text, options.language)
    if mismatch:
        return Reject(path=where, reason=_named(article, mismatch, several))
    if article.published is None and options.published:
        article = replace(article, published=options.published)
    if article.published is None:
        return article
    parsed = parse_published(article.published, file_time)
    if parsed.note:
        LOGGER.warning("%s: %s", where, _named(article, parsed.note, several))
    if parsed.value == article.published:
        return article
    return replace(article, published=parsed.value)


def _named(article: Article, reason: str, several: bool) -> str:
    """``reason``, prefixed with the article's title (else id) when a file holds several."""
    return f"article {article.title or article.id!r}: {reason}" if several else reason
