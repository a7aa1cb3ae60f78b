"""Claims within one document: who says what, relayed by whom, with what stance, hedged or not.

Every attribution becomes a claim: a reporting verb from data/reporting_verbs.csv with its content clause
("Iran admitted that it had provided drones"), "according to X", "X quoted Y as saying", and the
parenthetical "…, officials said". A claim inside another claim's content is relayed: its ``via`` lists
the relays, nearest first ("The Jerusalem Post reported that Netanyahu told CNN …" → Netanyahu via CNN,
then the Jerusalem Post). A sentence that holds events no attribution covers is a claim of the outlet.

Each claim also keeps its source as written (``ClaimRecord.source``: "Anna Berg, the mayor of the town", or
"He" resolved to its antecedent), its cue with auxiliaries and particles ("has denied", "pointed out"), and its
content as the complement clause with its "that", both halves of a split quotation, or the whole clause an
attribution interrupts. Reporting a negation ("said the woman is not his wife") is a denial, calling something
untrue ("said the reports were false") a dispute; hedges come from ``extract.commitment``. Headlines get
their own readings: "X: …", "… - reports", a Title Case verb the tagger took for a name ("Pentagon Denies …"),
and nominal claims ("Ukraine's claim that …").

Long sentences are read against the parser's usual misattachments: "according to X" hanging on a reporting verb
or standing between it and its clause makes X a relay ("Kim, who, according to KCNA, described …"); a reporting
participle after someone's content is theirs ("…, stressing that …"); "…, a claim Y denied" and "…, allegations
that Y rejects" are Y's stance on the content before the comma, not contents of their own; and what the writer
adds after a content ("but did not name the town", "without giving details", "in what appears to be …") is cut.

The reading is split by what it finds: attribution_cues (the cue table), attribution_contents (content spans),
attribution_speakers (claimants, sources, relays), attribution_verbs, attribution_nominal and
attribution_headlines (the three kinds of claim), attribution_sentences (one sentence's claims settled against
each other). This module walks the sentences, names speakers across them and ties events to claims.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from newsledger.extract.attribution_cues import Cues, content_hedged, cues
from newsledger.extract.attribution_draft import Draft, evidence_at
from newsledger.extract.attribution_sentences import sentence_claims
from newsledger.extract.attribution_speakers import Speakers, resolve_speakers
from newsledger.extract.entity_dateline import dateline_end
from newsledger.extract.event_syntax import MentionIndex
from newsledger.model import ClaimRecord, EventRecord, Evidence, Mention, TimeExpr


def _after_header(text: str, sentence: Evidence, header: int | None) -> Evidence:
    """The sentence without a wire dateline glued to its start."""
    if header is not None and sentence.start < header < sentence.end:
        return evidence_at(text, header, sentence.end)
    return sentence


def find_claims(doc: Doc, mentions: Sequence[Mention], times: Sequence[TimeExpr],
                events: Sequence[EventRecord]) -> list[ClaimRecord]:
    """Every attribution in ``doc``, plus one outlet claim per sentence whose events no attribution covers."""
    idx = MentionIndex(doc, mentions)
    text = doc.text  # built anew by spaCy on every access
    claims: list[ClaimRecord] = []
    header = dateline_end(text)
    speakers = Speakers()
    for n, sent in enumerate(doc.sents):
        drafts = sentence_claims(sent, idx, times)
        resolve_speakers(drafts, n, speakers, idx)
        in_sent = [k for k, e in enumerate(events) if sent.start_char <= e.trigger.start < sent.end_char]
        owner: dict[int, Draft] = {}
        for k in in_sent:  # an event belongs to the innermost claim whose content holds its trigger
            holders = [d for d in drafts if d.span[0] <= events[k].trigger.start < d.span[1] and d.about is None]
            if holders:
                owner[k] = min(holders, key=lambda d: d.span[1] - d.span[0])
        sentence = evidence_at(text, sent.start_char, sent.end_char)
        for d in drafts:
            start, end = d.span
            if header is not None and start < header <= end:
                start = header  # the content starts after "SEOUL, Oct 12 (Reuters) -"
            source = None
            if d.source:
                source = evidence_at(text, d.source[0].idx, d.source[-1].idx + len(d.source[-1].text))
            cue_start = d.cue.idx if d.cue_start is None else d.cue_start
            claims.append(ClaimRecord(
                sentence=sentence, stance=d.stance, hedged=d.hedged, claimant=d.claimant, via=tuple(d.via),
                cue=evidence_at(text, cue_start, d.cue_end), content=evidence_at(text, start, end), time=d.time,
                events=tuple(k for k in in_sent if (o := owner.get(k)) is not None and (o is d or o is d.about)),
                source=source,
            ))
        loose = tuple(k for k in in_sent if k not in owner)
        if loose:
            claims.append(ClaimRecord(
                sentence=sentence, stance="reports", hedged=content_hedged(list(sent)), claimant=None,
                content=_after_header(text, sentence, header), events=loose,
            ))
    return claims


__all__ = ["Cues", "cues", "find_claims"]
