"""Find and normalise time expressions in a parsed document.

Candidates come from three places: our grammar (time_grammar.py: absolute, partial,
relative, durations, sets, vague), references to known events (time_events.py),
and spaCy's DATE/TIME entities, which only fill gaps because they are often
mis-bounded. Overlaps are settled longest-first, adjacent dates joined into ranges
("from March 3 to May 5"), and each survivor resolved against the document date.

``TimeExpr.anchor`` says what a relative value rests on: "document" (the document
date), a known event's id (data/known_events.csv), or "context" (the last date the
text itself gave before it: "two days later", "the following year"); None for an
absolute expression or one left unresolved.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache

from spacy.tokens import Doc, Span

from newsledger.extract import time_calendar as cal
from newsledger.extract.time_events import event_candidates, unknown_anchor_candidates
from newsledger.extract.time_grammar import grammar_candidates, resolve
from newsledger.extract.time_joins import date_clocks, join_clock, join_ranges, part_of_day
from newsledger.extract.time_lexicon import MONTH_NAMES, duration_value, is_event_noun, unit_name
from newsledger.extract.time_relations import resolve_focus, resolve_reference
from newsledger.extract.time_resolvers import DOC, NONE, Candidate, Context, Resolved
from newsledger.extract.time_tense import clause_tense
from newsledger.model import TimeExpr
from newsledger.extract.doctext import text_of

log = logging.getLogger(__name__)

__all__ = ["find_times", "statement_time", "event_time"]

_REPORTING = {"say", "tell", "admit", "announce", "claim", "deny", "report", "confirm", "state", "add", "note",
              "acknowledge", "insist", "reveal", "disclose", "write", "accuse", "allege", "warn", "assert"}
_COUNT_CUES = {"of", "to", "and", "or", "around", "circa", "for", "between"}


def find_times(doc: Doc, anchor: str | None, *, anchor_is_lower_bound: bool = False) -> list[TimeExpr]:
    """Every time expression in ``doc``, sorted by start, normalised against ``anchor`` ("YYYY-MM-DD").

    ``anchor_is_lower_bound``: the anchor was inferred from the text, so the document
    may be later than it (see time_resolvers.Context).
    """
    text = text_of(doc)
    doc_date = _parse_anchor(anchor)
    candidates = grammar_candidates(text) + event_candidates(text, doc_date) + unknown_anchor_candidates(doc)
    candidates = [c for c in candidates if _plausible(c, doc)]
    candidates += _spacy_candidates(doc)
    chosen = _select(candidates)
    items: list[tuple[int, int, Resolved]] = []
    last_date: cal.Period | None = None  # what "two days later" / "that year" is relative to
    last_day: cal.Period | None = None  # the last day-precise one: what "that day" is
    for c in chosen:
        tense = clause_tense(_tokens(doc, c))
        ctx = Context(doc_date, _year_hint(c, chosen, doc), tense == "future", anchor_is_lower_bound,
                      past=tense == "past")
        r: Resolved | None
        try:
            if c.rule == "spacy":
                r = _resolve_spacy(c, text, doc_date)
            elif c.rule in ("ref_day", "ref_year", "ref_quarter", "ref_month"):
                r = resolve_focus(c, last_day, last_date, doc_date)
            elif c.rule.startswith("ref_"):
                r = resolve_reference(c, last_day if _day_unit(c) else last_date)
            else:
                r = resolve(c, ctx)
        except (ValueError, OverflowError) as exc:  # a date the calendar cannot hold ("February 30")
            log.debug("time %r not resolved: %s", text[c.start:c.end], exc)
            r = None
        if r is None:
            continue
        if _is_calendar_point(r):
            last_date = r.period
            if len(r.period.value or "") >= 10:
                last_day = r.period
        elif (end := _range_end(r)) is not None:
            # "from 25 to 27 July 2023 ... two months later": later than the end of the range
            last_date = end
            last_day = end if len(end.value or "") >= 10 else last_day
        items.append((c.start, c.end, r))
    items = join_ranges(items, text)
    items = join_clock(items, text)
    items = part_of_day(items, text)
    items = date_clocks(items, doc, doc_date)
    items = _overnight_before_its_day(items, doc)
    return [_to_expr(s, e, r, text) for s, e, r in items]


def _overnight_before_its_day(items: list[tuple[int, int, Resolved]], doc: Doc) -> list[tuple[int, int, Resolved]]:
    """ "the overnight strike on Tuesday": the night that ran into that Tuesday, not the one before the report.

    Only when "overnight" qualifies a noun that a day-precise date also hangs on, or follows.
    """
    out = list(items)
    for i, (s, e, r) in enumerate(items):
        if text_of(doc)[s:e].lower() != "overnight":
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or span.root.dep_ != "amod":
            continue
        noun = span.root.head
        for s2, e2, r2 in items:
            v = r2.period.value or ""
            other = doc.char_span(s2, e2, alignment_mode="expand")
            if other is None or r2.kind != "date" or len(v) != 10 or r2.period.earliest is None:
                continue
            up = other.root.head
            # the parse may hang "on Tuesday" on the verb; right after the noun, it still dates the noun
            right_after = re.fullmatch(r"\s+(?:on\s+)?", text_of(doc)[noun.idx + len(noun.text):s2]) is not None
            if up is noun or (up.pos_ == "ADP" and up.head is noun) or right_after:
                night = cal.shift(r2.period.earliest, -1, "day")
                out[i] = (s, e, Resolved(cal.Period(f"{night.isoformat()}TNI", night, r2.period.earliest), "time",
                                         r2.anchor))
                break
    return out


def _day_unit(c: Candidate) -> bool:
    """ "that day", "the following morning", "the day before": relative to the last day named."""
    unit = (c.groups.get("u") or "").lower()
    return c.rule == "ref_unit" and (unit in ("day", "morning", "afternoon", "evening", "night")
                                     or (not unit and "day" in (c.groups.get("ref") or "").lower()))


def _range_end(r: Resolved) -> cal.Period | None:
    """The last day or month of a closed range of days or months the text stated, as a point."""
    v = r.period.value or ""
    if r.kind != "range" or r.anchor not in (None, DOC) or v.count("/") != 1 or r.period.latest is None:
        return None
    last = v.split("/")[1]
    if re.fullmatch(r"\d{4}-\d\d-\d\d", last):
        return cal.day(r.period.latest)
    if re.fullmatch(r"\d{4}-\d\d", last):
        return cal.month(r.period.latest.year, r.period.latest.month)
    return None


def _is_calendar_point(r: Resolved) -> bool:
    """A day, month or year named in the text (not a range, duration or PRESENT_REF)."""
    v = r.period.value or ""
    return r.kind in ("date", "time") and r.period.earliest is not None and "/" not in v and v[:4].isdigit() \
        and r.anchor not in ("context",) and not v.startswith("P")


def _parse_anchor(anchor: str | None) -> date | None:
    if not anchor:
        return None
    try:
        return date.fromisoformat(anchor[:10])
    except ValueError:
        # a coarser date ("2023-05", "2023") cannot anchor "yesterday"; say so only for a malformed one
        level = logging.DEBUG if re.fullmatch(r"\d{4}(?:-\d\d)?", anchor) else logging.WARNING
        log.log(level, "document date %r is not YYYY-MM-DD; relative times left unresolved", anchor)
        return None


def _to_expr(start: int, end: int, r: Resolved, text: str) -> TimeExpr:
    p = r.period
    return TimeExpr(start=start, end=end, text=text[start:end], value=p.value, kind=r.kind,
                    earliest=p.earliest.isoformat() if p.earliest else None,
                    latest=p.latest.isoformat() if p.latest else None,
                    anchor=r.anchor if (p.value is not None or p.earliest or p.latest or r.anchor != DOC) else None)


# --- choosing among candidates -----------------------------------------------------

def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first (ours before spaCy's), then higher priority; no two chosen spans overlap."""
    order = sorted(candidates, key=lambda c: (c.rule != "spacy", c.end - c.start, c.priority, -c.start), reverse=True)
    taken: list[Candidate] = []
    for c in order:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _tokens(doc: Doc, c: Candidate) -> Span | None:
    return doc.char_span(c.start, c.end, alignment_mode="expand")


def _plausible(c: Candidate, doc: Doc) -> bool:
    """Drop matches the parse shows are not times: counts ("of 2000 people"), outlet names ("USA Today")."""
    text = text_of(doc)
    if c.rule in ("year", "range_yy"):
        span = _tokens(doc, c)
        cue = (c.groups.get("cue") or c.groups.get("pre") or "").lower()
        if span is not None and cue in _COUNT_CUES | {"from", ""}:
            year_tok = span[-1]
            nxt = doc[year_tok.i + 1] if year_tok.i + 1 < len(doc) else None
            if year_tok.dep_ == "nummod" and year_tok.head.pos_ in ("NOUN", "PROPN") and \
                    year_tok.head.text not in MONTH_NAMES:
                return False
            if nxt is not None and nxt.tag_ == "NNS":  # "of 2000 people": a count, not a year
                return False
    if c.rule in ("relword", "weekday", "month") and text[c.start].isupper():
        before = text[:c.start].rstrip()
        # A capitalised "Today" after a capitalised word is a name ("USA Today", "Russia Today").
        if c.rule == "relword" and before and before[-1].isalpha() and \
                re.search(r"[A-Z][\w.]*$", before) and text[c.start:c.end].lower() == "today":
            return False
    if c.rule == "relword" and text[c.start:c.end].lower() == "overnight" and not _overnight_is_a_time(doc, c):
        return False
    if c.rule == "set" and text[c.start:c.end].lower() == "annual":
        span = _tokens(doc, c)
        # The words it qualifies, up to three ("the annual developers conference"; the parse
        # does not always hang "annual" on the last of them).
        for tok in doc[span.end:span.end + 3] if span is not None else []:
            if tok.is_punct or tok.pos_ in ("ADP", "DET", "AUX", "CCONJ", "PRON"):
                break
            if is_event_noun(tok.lemma_) or tok.lemma_.lower() in _SERIES_NOUNS:
                return False  # "its annual conference": a series of events; "annual profit" is a year's
    if c.rule == "duration":
        if re.search(r"\b(?:ages?|aged)\s+(?:of\s+)?$", text[max(0, c.start - 12):c.start], re.I):
            return False  # "children ages 6 months and older": an age
        span = _tokens(doc, c)
        if span is not None and (c.groups.get("u") or "").lower() == "second" and \
                (c.groups.get("n") or "").lower() in ("a", "an") and span.end < len(doc) and \
                doc[span.end].pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            return False  # "a second A380", "a second consecutive day": an ordinal
    return True


def _overnight_is_a_time(doc: Doc, c: Candidate) -> bool:
    """ "drones struck overnight" is a night; "it did not happen overnight", "an overnight success" mean "suddenly"."""
    span = _tokens(doc, c)
    if span is None:
        return True
    tok = span.root
    if tok.dep_ == "amod" and tok.head.lemma_.lower() in ("success", "sensation", "star", "celebrity", "hit",
                                                           "change", "transformation"):
        return False
    head = tok.head
    return not any(ch.dep_ == "neg" for ch in head.children) or head.pos_ not in ("VERB", "AUX")


# Nouns for recurring happenings that "annual" names a series of (besides the event nouns).
_SERIES_NOUNS = {"keynote", "event", "festival", "show", "report", "address", "parade", "fair", "gathering",
                 "ceremony", "convention", "congress", "forum", "exhibition", "expo", "party", "dinner", "award"}


def _spacy_candidates(doc: Doc) -> list[Candidate]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if after in ("old", "-old") or before in ("aged", "age", "ages") or re.search(r"\bold\b", ent.text, re.I):
            continue  # an age, not a time
        if re.search(r"\b(?:ages?|aged)\s+\d", ent.text, re.I):
            continue  # "ages 6 months and older"
        if len(ent) == 1 and ent[0].pos_ == "ADJ" and ent[0].dep_ == "amod":
            continue  # "its annual conference": the adjective names a series, not a time
        if re.fullmatch(r"(?:the\s+)?\d{1,3}(?:st|nd|rd|th)?", ent.text, re.I):
            continue  # a bare number: a score, an age or a count far more often than a date
        if re.fullmatch(r"\d{4}", ent.text) and ent.end < len(doc) and doc[ent.end].tag_ == "NNS":
            continue  # "2000 people": a count
        if re.search(r"\bage\b|\bquarters?\s+of\b|^[\d\W]+$", ent.text + " " + after, re.I) and \
                not re.fullmatch(r"\d{4}", ent.text):
            continue  # "the age of 56", "about a quarter of", "1.1.1": not times our grammar missed
        out.append(Candidate(ent.start_char, ent.end_char, "spacy", 0, {"label": ent.label_}))
    return out


@lru_cache(maxsize=8)
def _dateparser(base: date | None):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)  # type: ignore[assignment]
    return DateDataParser(languages=["en"], settings=settings)


_ABSOLUTE_HINT = re.compile(r"\d|" + "|".join(MONTH_NAMES))
# dateparser fills what a text leaves out from the base date; accept its answer only
# when the text names a month or a four-digit year (never from an ordinal like "the 99th").
_CALENDAR_HINT = re.compile(r"\b(?:1[89]|20)\d\d\b|" + "|".join(m[:3] for m in MONTH_NAMES))
_PLURAL_UNIT = re.compile(r"(?:(?:the\s+)?(?:recent|several|many|few|some|past|last)\s+|the\s+)?"
                          r"(seconds|minutes|hours|days|weeks|months|years|decades)", re.I)


def _resolve_spacy(c: Candidate, text: str, doc_date: date | None) -> Resolved:
    """A span only spaCy found: dateparser normalises it when it names a calendar date, else it stays vague."""
    span_text = text[c.start:c.end]
    kind = "time" if c.groups.get("label") == "TIME" else "vague"
    plural = _PLURAL_UNIT.fullmatch(span_text)
    if plural:  # "days", "recent weeks": a duration of unknown length (TIMEX "PXD")
        return Resolved(cal.Period(duration_value(None, unit_name(plural.group(1))), None, None), "duration")
    if not _ABSOLUTE_HINT.search(span_text) or not _CALENDAR_HINT.search(span_text):
        return Resolved(NONE, kind)
    data = _dateparser(doc_date).get_date_data(span_text)
    d = data.date_obj
    if d is None or data.period not in ("day", "month", "year"):
        return Resolved(NONE, kind)
    explicit_year = re.search(r"\b(1[89]|20)\d\d\b", span_text) is not None
    period = {"day": lambda: cal.day(d.date()), "month": lambda: cal.month(d.year, d.month),
              "year": lambda: cal.year(d.year)}[data.period]()
    return Resolved(period, "date", None if explicit_year else DOC)


# --- context ------------------------------------------------------------------------

def _year_hint(c: Candidate, chosen: list[Candidate], doc: Doc) -> int | None:
    """An explicit year in the same clause (same governing verb), nearest preceding first.

    "In 2021 the plant opened on March 3" dates March 3 to 2021; a year in another
    clause ("since its launch in 2003 ... as of February") is not borrowed. (Measured on
    the TempEval-3 training data this rule is neutral to slightly negative, 0.681 → 0.679
    value F1 on TimeBank; it is kept because a stated year must beat the document's.)
    """
    if c.explicit_year is not None or c.rule in ("event", "event_unknown"):
        return None
    verb = _clause_verb(doc, c)
    hints = [o for o in chosen if o is not c and o.explicit_year is not None and o.rule not in _NO_HINT_RULES
             and (o.groups.get("cue") or "").lower() not in _NO_HINT_CUES]
    same = [o for o in hints if _clause_verb(doc, o) == verb]
    if verb is not None and same:
        preceding = [o for o in same if o.start < c.start]
        best = max(preceding, key=lambda o: o.start) if preceding else min(same, key=lambda o: o.start)
        return best.explicit_year
    # A year from the previous sentence is not borrowed: on the TempEval-3 training data that
    # rule changed six month-days, all six for the worse.
    return None


_NO_HINT_RULES = {"event", "event_unknown", "decade", "century"}
# A year after these words bounds or compares rather than places ("by 2012", "since 2003").
_NO_HINT_CUES = {"since", "until", "till", "by", "before", "after", "than", "for", "from", "to"}


def _clause_verb(doc: Doc, c: Candidate) -> int | None:
    span = _tokens(doc, c)
    if span is None:
        return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok.i
        if tok.head is tok:
            return tok.i
        tok = tok.head
    return None


# --- which time dates what -----------------------------------------------------------

def statement_time(sentence_start: int, sentence_end: int, times: Sequence[TimeExpr],
                   doc: Doc | None = None) -> int | None:
    """Index of the time at which the sentence's statement was made, if it names one.

    With ``doc``, the time must attach to a reporting verb ("admitted on November 5
    that..."). Without it, the first day-precise date or time not tied to an event
    in the sentence is taken: statements are dated to the day, events often are not.
    """
    for i, t in enumerate(times):
        if not (sentence_start <= t.start and t.end <= sentence_end):
            continue
        if t.kind not in ("date", "time") or t.value is None or len(t.value) < 10 or \
                (t.anchor not in (None, DOC)):
            continue
        if doc is None:
            return i
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and _governing_verb(span) in _REPORTING:
            return i
    return None


def event_time(sentence_start: int, sentence_end: int, times: Sequence[TimeExpr],
               doc: Doc | None = None) -> int | None:
    """Index of the time the sentence's reported event happened: the first time that is not the statement's.

    A duration ("a three-day offensive") or a set ("weekly talks") says how long or how often, never when.
    """
    said = statement_time(sentence_start, sentence_end, times, doc)
    for i, t in enumerate(times):
        if i != said and sentence_start <= t.start and t.end <= sentence_end and t.kind not in ("set", "duration"):
            return i
    return None


def _governing_verb(span: Span) -> str | None:
    tok = span.root
    for _ in range(5):
        if tok.pos_ in ("VERB", "AUX") and tok is not span.root:
            return tok.lemma_.lower()
        if tok.head is tok:
            return tok.lemma_.lower() if tok.pos_ == "VERB" else None
        tok = tok.head
    return None
