"""HTML page → article text and metadata, through trafilatura.

trafilatura finds the main text (dropping menus, footers, comments) and reads
title, date (via htmldate) and site name from the page's metadata. We add a
small cascade of named decisions around it: a precision-first pass, then a
recall-first pass, then a refusal when what is left is too short to be an
article (trafilatura happily returns a lone menu label).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import trafilatura
from trafilatura.settings import set_date_params

from newsledger.errors import InputError

log = logging.getLogger(__name__)

MIN_ARTICLE_WORDS = 20
"""Fewer words than this is a menu, a cookie wall or a teaser, not an article.

A one-paragraph wire brief is ~40 words; navigation residue is under ten.
"""

NO_TEXT_REASON = "no article text found in HTML"
_WORD = re.compile(r"\w+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What a page yields: its main text plus whatever metadata it declares."""

    text: str
    title: str | None = None
    published: str | None = None  # "YYYY-MM-DD" as trafilatura/htmldate reports it
    outlet: str | None = None  # the site name
    url: str | None = None  # the canonical URL, when the page declares one


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag within its first 4 KB."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def extract_article(html: str, origin: str, *, url: str | None = None) -> HtmlArticle:
    """Main text and metadata of an HTML page, or InputError(origin, NO_TEXT_REASON)."""
    result = _precise_pass(html, url) or _recall_pass(html, url)
    if result is None:
        raise InputError(origin, NO_TEXT_REASON)
    text, doc = result
    return HtmlArticle(
        text=text,
        title=_clean(doc.title),
        published=_clean(doc.date),
        outlet=_clean(doc.sitename),
        url=_clean(doc.url) or url,
    )


def fragment_text(fragment: str) -> str | None:
    """Text of an HTML fragment (a feed item's content), or None if it holds no article.

    Wrapped in a page so trafilatura treats the whole fragment as the body.
    """
    result = _recall_pass(f"<html><body><article>{fragment}</article></body></html>", None)
    return result[0] if result else None


def _precise_pass(html: str, url: str | None) -> tuple[str, trafilatura.settings.Document] | None:
    """trafilatura's defaults: favour clean text over completeness."""
    return _extract(html, url, favor_recall=False)


def _recall_pass(html: str, url: str | None) -> tuple[str, trafilatura.settings.Document] | None:
    """Second chance for pages whose markup hides the article from the default pass."""
    return _extract(html, url, favor_recall=True)


def _extract(html: str, url: str | None, *, favor_recall: bool) -> tuple[str, trafilatura.settings.Document] | None:
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_recall=favor_recall,
            # Markup and URL only: htmldate's extensive search reads dates out of
            # the body text, which would be mislabelled "metadata". Inference from
            # the text is done later, explicitly, and labelled "inferred".
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as exc:  # trafilatura/lxml raise many types on hostile markup
        log.debug("trafilatura failed (favor_recall=%s): %s", favor_recall, exc)
        return None
    if doc is None or isinstance(doc, dict):
        return None
    text = (doc.text or "").strip()
    if word_count(text) < MIN_ARTICLE_WORDS:
        log.debug("extraction too short (%d words, favor_recall=%s)", word_count(text), favor_recall)
        return None
    return text, doc


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None
