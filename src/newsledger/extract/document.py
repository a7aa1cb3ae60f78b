"""Run every extractor over one document: a Document in, an Extraction out.

Pure: no database. The order matters: mentions are geocoded and resolved within
the document before events and claims refer to them by index; times are anchored
on the document date before events take theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc

from newsledger.extract.actors import add_generic_actors
from newsledger.extract.attribution import find_claims
from newsledger.extract.entities import find_mentions
from newsledger.extract.events import find_events
from newsledger.extract.pipeline import get_nlp
from newsledger.extract.speech_acts import find_speech_acts
from newsledger.extract.times import find_times
from newsledger.errors import InputError
from newsledger.model import ClaimRecord, Document, EventRecord, Evidence, Extraction
from newsledger.resolve.names import resolve_in_document
from newsledger.resolve.places import geocode


def extract(document: Document) -> Extraction:
    """Everything newsledger can tell from one document's text."""
    nlp = get_nlp()
    _check_length(document, nlp.max_length)
    return _from_doc(document, nlp(document.text))


def extract_many(documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
    """Extract a stream of documents, letting spaCy batch the model work."""
    nlp = get_nlp()
    docs = list(documents)
    for document in docs:
        _check_length(document, nlp.max_length)
    for document, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size)):
        yield _from_doc(document, doc)


def extract_parsed(document: Document, doc: Doc) -> Extraction:
    """Extract from a document its caller has parsed already (a benchmark that reads the parse tree too)."""
    return _from_doc(document, doc)


def _check_length(document: Document, limit: int) -> None:
    # spaCy's parser needs about 1 GB per 100,000 words; its max_length guards that.
    if len(document.text) > limit:
        raise InputError(
            document.origin or document.id,
            f"too long to analyse ({len(document.text):,} characters; the limit is {limit:,})",
        )


def _from_doc(document: Document, doc: Doc) -> Extraction:
    mentions = geocode(doc, find_mentions(doc))
    mentions = add_generic_actors(doc, mentions)  # after geocoding: 'Sudan' is then known as a country
    mentions = resolve_in_document(mentions, doc.text)
    times = find_times(
        doc, document.published, anchor_is_lower_bound=document.published_source == "inferred"
    )
    events = find_events(doc, mentions, times)
    claims = find_claims(doc, mentions, times, events)
    events, claims = find_speech_acts(doc, mentions, events, claims)  # the speaker's request, threat, refusal
    return Extraction(
        document=document,
        mentions=tuple(mentions),
        times=tuple(times),
        events=tuple(_with_document(e, document.id) for e in events),
        claims=tuple(_claim_with_document(c, document.id) for c in claims),
        sentences=tuple((s.start_char, s.end_char) for s in doc.sents),
    )


def _ev(e: Evidence | None, doc_id: str) -> Evidence | None:
    return replace(e, document=doc_id) if e is not None else None


def _with_document(event: EventRecord, doc_id: str) -> EventRecord:
    return replace(event, trigger=_ev(event.trigger, doc_id), sentence=_ev(event.sentence, doc_id))


def _claim_with_document(claim: ClaimRecord, doc_id: str) -> ClaimRecord:
    return replace(
        claim,
        sentence=_ev(claim.sentence, doc_id),
        cue=_ev(claim.cue, doc_id),
        content=_ev(claim.content, doc_id),
        source=_ev(claim.source, doc_id),
    )
