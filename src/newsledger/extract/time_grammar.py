"""Regex grammar for English time expressions: which words make a time, and which resolver reads them.

Why our own grammar rather than dateparser's search: we need exact character
spans, the precision the text supports (a month-year stays a month), ranges, vague
spans and durations, none of which dateparser's search returns. Each rule is a
named regex; its resolver (time_resolvers.py) turns the captured parts into a
value. A rule's ``body`` group, when present, is the span reported (cue words such
as "in" are matched to decide, but left out of the span).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsledger.extract.time_lexicon import (
    DAY, MODIFIER, MONTH_ANY, MONTH_FULL, NUMBER, QUANTITY, UNIT, UNIT_ADJECTIVE, WEEKDAY, YEAR,
)
from newsledger.extract.time_relations import r_range_days, r_range_months, r_range_years
from newsledger.extract.time_resolvers import (
    NONE, Candidate, Context, Resolved, Resolver,
    r_ago,
    r_century,
    r_clock,
    r_decade,
    r_half,
    r_duration,
    r_elapsed,
    r_iso,
    r_month,
    r_month_day,
    r_month_relyear,
    r_month_year,
    r_numeric,
    r_quarter,
    r_relunit,
    r_relword,
    r_season,
    r_set,
    r_vague,
    r_weekday,
    r_year,
)

_CUES = r"(?i:in|since|until|till|by|from|during|through|throughout|before|after|of|and|to|or|between|for|around|circa)"

# --- the rules -----------------------------------------------------------------

_B = r"(?<![\w/.-])"  # not inside a word, number or date
_E = r"(?![\w-])"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    priority: int
    resolve: Resolver
    accept: Callable[[dict[str, str | None]], bool] = lambda g: True


def _rule(name: str, pattern: str, priority: int, resolve: Resolver,
          accept: Callable[[dict[str, str | None]], bool] = lambda g: True) -> Rule:
    return Rule(name, re.compile(pattern), priority, resolve, accept)


def _number_agrees(g: dict[str, str | None]) -> bool:
    """A year before a singular unit is no count: "the 1988 second quarter" (but "a 20 year deal" is)."""
    unit, n = (g.get("u") or "").lower(), (g.get("n") or "")
    return unit.endswith("s") or unit == "centuries" or not re.fullmatch(r"(?:1[89]|20)\d\d", n)


RULES: tuple[Rule, ...] = (
    _rule("iso", rf"{_B}(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01]){_E}", 3, r_iso),
    _rule("numeric", rf"{_B}(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.](?P<y>(?:19|20)\d\d)(?![\w/])", 3, r_numeric),
    _rule("month_day", rf"{_B}(?:(?:{WEEKDAY}),?\s+)?(?P<m>{MONTH_ANY})\s+(?P<d>{DAY})"
          rf"(?:(?:,\s*|\s+)(?P<y>{YEAR}))?{_E}", 3, r_month_day),
    _rule("day_month", rf"{_B}(?:(?:{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH_ANY})"
          rf"(?:,?\s+(?P<y>{YEAR}))?{_E}", 3, r_month_day),
    _rule("month_year", rf"{_B}(?:(?P<mod>(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
          rf"|the\s+middle\s+of))[-\s]+)?(?P<m>{MONTH_FULL})(?:\s+of)?,?\s+(?P<y>{YEAR}){_E}",
          3, r_month_year),
    _rule("month", rf"(?:\b(?P<cue>{_CUES})\s+)?(?P<body>(?:(?P<part>(?i:early|mid|late|the\s+end\s+of"
          r"|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of))[-\s]+)?"
          rf"(?:(?P<rel>(?i:last|next|this|this\s+past))\s+)?(?P<m>{MONTH_FULL})){_E}", 2, r_month,
          lambda g: bool(g.get("cue") or g.get("rel") or g.get("part"))),
    _rule("half", rf"{_B}(?P<body>(?i:the\s+)?(?P<h>(?i:first|second|1st|2nd))[-\s](?i:half)\s+(?i:of\s+)?"
          rf"(?P<y>{YEAR})){_E}", 3, r_half),
    _rule("year", rf"(?:\b(?P<cue>{_CUES}|(?i:the\s+year|fiscal))\s+)?(?P<body>(?:(?P<mod>(?i:early|mid|late|the\s+end\s+of"
          rf"|the\s+start\s+of|the\s+beginning\s+of))[-\s]+)?(?P<y>{YEAR})){_E}(?!,\d)", 2, r_year,
          lambda g: bool(g.get("cue") or g.get("mod"))),
    _rule("decade", rf"(?<![\w/.-])(?P<body>(?:(?i:the)\s+)?(?:(?i:early|mid|late)[-\s]+)?"
          r"(?P<dec>(?:1[89]|20)\d0|'?[1-9]0)"
          r"'?s)(?![\w-])", 3, r_decade),
    _rule("quarter", rf"{_B}(?P<body>(?:(?i:the)\s+)?(?P<q>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))"
          rf"[-\s](?i:quarter)(?:\s+(?i:of)\s+(?P<y>{YEAR})|,?\s+(?P<y2>{YEAR})|\s+(?i:of\s+)?(?P<ry>(?i:this|last|next"
          rf"|the\s+previous|the\s+current)\s+(?:fiscal\s+|financial\s+)?year))?){_E}", 3, r_quarter),
    _rule("month_relyear", rf"{_B}(?P<m>{MONTH_FULL})\s+(?i:of\s+)?(?P<ry>(?i:this|last|next)\s+year){_E}", 3,
          r_month_relyear),
    _rule("quarter_q", rf"{_B}(?P<body>(?P<qq>Q[1-4])(?:\s+(?P<y>{YEAR}))?){_E}", 3, r_quarter),
    _rule("season", rf"(?:\b(?P<cue>(?i:in|during|over|through|by|until|since|throughout|for|before|after|into"
          rf"|from|of|at))\s+)?(?<![\w'-])(?P<body>(?:(?P<the>(?i:the))\s+)?"
          rf"(?:(?P<rel>(?i:this\s+past|this|last|next|the\s+coming|early|late|mid))[-\s]+)?"
          rf"(?P<s>(?i:spring|summer|autumn|fall|winter))(?:\s+(?i:of\s+)?(?P<y>{YEAR}))?){_E}", 3, r_season,
          lambda g: bool((g.get("cue") and g.get("the")) or g.get("rel") or g.get("y"))),
    _rule("weekday", rf"{_B}(?P<body>(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming|past))\s+)?"
          rf"(?P<wd>{WEEKDAY})(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?){_E}", 3, r_weekday),
    _rule("relword", rf"{_B}(?P<body>(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday"
          r"|today|tomorrow|tonight|overnight|earlier\s+this\s+(?:morning|afternoon|evening)"
          r"|this\s+(?:morning|afternoon|evening)|last\s+night|earlier\s+today|later\s+today))"
          r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?)"
          rf"{_E}", 3, r_relword),
    _rule("relunit", rf"{_B}(?P<body>(?:(?P<part>(?i:early|mid|late|the\s+end\s+of|the\s+start\s+of"
          r"|the\s+beginning\s+of|the\s+middle\s+of))[-\s]+)?(?P<rel>(?i:last|this|next|the\s+past"
          r"|the\s+last|the\s+previous|the\s+coming|the\s+next|the\s+following|earlier\s+this|later\s+this"
          r"|the\s+current|the\s+same|this\s+past|the(?=\s+weekend\b)))\s+(?:(?i:fiscal|financial|calendar)\s+)?"
          r"(?P<u>(?i:week|weekend|month|year|quarter|decade|century)))(?![\w-])", 3, r_relunit),
    _rule("century", rf"{_B}(?P<body>(?:(?i:the)\s+)?(?:(?i:early|mid|late)[-\s]+)?(?P<c>1\d|20|21|(?i:nineteenth"
          r"|twentieth|twenty-first))(?:st|nd|rd|th)?[-\s](?i:century))(?![\w-])", 3, r_century),
    _rule("ago", rf"{_B}(?P<body>(?:{MODIFIER}\s+)?(?P<n>{QUANTITY})\s+(?P<u>{UNIT})\s+(?P<dir>(?i:ago|from\s+now"
          rf"|hence))){_E}", 4, r_ago),
    _rule("duration", rf"{_B}(?P<body>(?:(?P<rel>(?i:the(?=\s+\d|\s+(?:two|three|four|five|six|seven|eight|nine|ten)\b)"
          r"|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+first|the\s+final))\s+)?"
          rf"(?:{MODIFIER}\s+)?(?P<n>{QUANTITY}|(?i:single)(?=-))(?P<sep>[-\s]+)(?:{UNIT_ADJECTIVE}\s+)?(?P<u>{UNIT})"
          r"(?:[-\s]+(?i:long))?)"
          rf"(?![\w-])(?!\s+(?i:old|of\s+age))", 2, r_duration, _number_agrees),
    _rule("duration_plural", rf"\b(?i:for|over|in|within)\s+(?:(?i:just|only|mere)\s+)?(?P<body>(?P<u>(?i:years"
          r"|decades|months|weeks|days|centuries|hours|minutes)))(?![\w-])", 2, r_duration),
    _rule("set", rf"{_B}(?P<body>(?i:every|each)\s+(?:(?i:other)\s+)?(?:(?i:day|week|month|year|weekend|morning"
          rf"|evening|night|quarter)|{WEEKDAY})"
          r"|(?i:daily|weekly|monthly|annually|annual|yearly|hourly|nightly|quarterly)"
          rf"|(?:(?i:once|twice|thrice)|{NUMBER}\s+(?i:times))\s+(?i:a|an|per|each|every)\s+{UNIT}){_E}", 3, r_set),
    # "finishing in 3:07:35": hours, minutes and seconds with no a.m./p.m. or zone are an elapsed time
    _rule("elapsed", rf"{_B}(?P<body>(?P<h>\d{{1,2}}):(?P<mi>[0-5]\d):(?P<se>[0-5]\d))(?![\d:])"
          r"(?!\s*(?i:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC))", 4, r_elapsed),
    _rule("clock", rf"{_B}(?P<body>(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|am|pm))"
          r"(?![\w])|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?!\d)"
          # "0800 UTC": four digits are a clock time only with a time zone after them
          r"|(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)(?=\s+(?:GMT|UTC)\b)|(?P<word>(?i:noon|midday|midnight)))"
          r"(?:\s+(?P<tz>GMT|UTC|[A-Z]{2,4}T|(?i:local\s+time)))?)", 3, r_clock),
    _rule("vague", r"(?:\b(?i:in|for|since|until)\s+)?(?<![\w'-])(?P<body>(?i:recently|lately|the\s+recent\s+(?:days|weeks|months"
          r"|years)|recent\s+(?:days|weeks|months|years)|the\s+past|at\s+present|currently"
          r"|nowadays|these\s+days|right\s+now|now|at\s+the\s+moment|the\s+(?:near\s+)?future"
          r"|the\s+coming\s+(?:days|weeks|months|years)))(?![\w-])", 1, r_vague),
)

RESOLVERS: dict[str, Resolver] = {r.name: r.resolve for r in RULES}

# Times relative to another time in the text ("two days later", "the following year",
# "that day"): find_times resolves them against the last date it resolved before them.
REFERENCE_RULES: tuple[Rule, ...] = (
    _rule("ref_shift", rf"{_B}(?P<body>(?:{MODIFIER}\s+)?(?P<n>{QUANTITY})\s+(?P<u>{UNIT})\s+(?P<dir>(?i:earlier|later"
          r"|afterwards?|after\s+that|before\s+that)))(?![\w-])(?!\s+than\b)", 4,
          lambda c, ctx: Resolved(NONE, "vague")),
    _rule("ref_unit", rf"{_B}(?P<body>(?P<ref>(?i:that|the\s+same|the\s+following|the\s+previous|the\s+preceding"
          r"|the\s+next(?=\s+(?:day|morning|afternoon|evening|night)\b)|the\s+day\s+(?:before|after)(?=\s*[,.;])))"
          r"(?:\s+(?P<u>(?i:day|week|month|year|morning|afternoon|evening|night)))?)(?![\w-])", 4,
          lambda c, ctx: Resolved(NONE, "vague"), lambda g: bool(g.get("u") or "day" in (g.get("ref") or "").lower())),
    # "ended the day down", "late in the day", "for the day": the day the report is about.
    _rule("ref_day", r"\b(?i:for|end(?:s|ed|ing)?|finish(?:es|ed|ing)?|clos(?:e|es|ed|ing)|during|throughout"
          r"|later\s+in|earlier\s+in)\s+(?P<body>(?P<ref>the)\s+(?P<u>day))(?![\w-])"
          r"(?!\s+(?i:before|after|when|that|which|of|on)\b)"
          r"|(?<![\w-])(?P<body2>(?i:late|early)\s+in\s+the\s+day|the\s+(?:start|end|beginning|close|rest)\s+of"
          r"\s+the\s+day)(?![\w-])", 4, lambda c, ctx: Resolved(NONE, "vague")),
    # "the end of the year", "the entire year": the year the text is about (the last one it named).
    _rule("ref_year", r"(?<![\w-])(?P<body>(?:(?P<mod>(?i:the\s+(?:beginning|start|end|middle)\s+of))\s+(?i:the\s+)?"
          r"|(?i:the\s+(?:entire|whole|full)\s+)|(?i:(?:earlier|later)\s+in\s+the\s+))(?i:year)"
          r"|(?P<end>(?i:year[-\s]end|year's\s+end)))(?![\w-])"
          r"(?!\s+(?i:before|after|earlier|later|ago|to\s+date)\b)", 4, lambda c, ctx: Resolved(NONE, "vague")),
    # "before the end of the month", "later in the month": the month the text is about (the last one it named).
    _rule("ref_month", r"(?<![\w-])(?P<body>(?P<mod>(?i:the\s+(?:beginning|start|end|middle)\s+of))\s+(?i:the\s+)?"
          r"(?i:month)|(?i:(?:earlier|later)\s+in\s+the\s+)(?i:month)|(?P<end>(?i:month[-\s]end|month's\s+end)))"
          r"(?![\w-])(?!\s+(?i:before|after|earlier|later|ago|of)\b)", 4, lambda c, ctx: Resolved(NONE, "vague")),
    # "the quarter", "the latest quarter" in a results report: the quarter the report is about.
    _rule("ref_quarter", r"(?<![\w-])(?P<body>(?i:the)\s+(?:(?i:latest|most\s+recent|just[-\s]ended|recent)\s+)?"
          r"quarter)(?![\w-])(?!\s+(?i:of|century|mile)\b)", 4, lambda c, ctx: Resolved(NONE, "vague")),
)


RULES = RULES + REFERENCE_RULES


_SEP = r"\s*(?P<sep>-|–|—|(?i:to|through|until|till|and))\s*"
_FROM = r"(?:(?P<pre>(?i:from|between))\s+)?"


def _sep_ok(g: dict[str, str | None]) -> bool:
    """ "and" joins a range only after "between" ("on March 3 and 4 people died" is no range)."""
    return (g.get("sep") or "").lower() != "and" or (g.get("pre") or "").lower() == "between"


RANGE_RULES: tuple[Rule, ...] = (
    _rule("range_mdd", rf"{_B}{_FROM}(?P<m>{MONTH_ANY})\s+(?P<d1>{DAY}){_SEP}(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?{_E}"
          rf"(?!\s+{MONTH_ANY})", 5, r_range_days, _sep_ok),
    _rule("range_ddm", rf"{_B}{_FROM}(?P<d1>{DAY}){_SEP}(?P<d2>{DAY})\s+(?:of\s+)?(?P<m>{MONTH_ANY})"
          rf"(?:,?\s+(?P<y>{YEAR}))?{_E}", 5, r_range_days, _sep_ok),
    _rule("range_mm", rf"{_B}{_FROM}(?P<m1>{MONTH_FULL})(?:,?\s+(?P<y1>{YEAR}))?{_SEP}(?P<m2>{MONTH_FULL})"
          rf"(?:,?\s+(?P<y>{YEAR}))?{_E}", 5, r_range_months,
          lambda g: _sep_ok(g) and bool(g.get("pre") or g.get("y"))),
    _rule("range_yy", rf"{_B}{_FROM}(?P<y1>{YEAR}){_SEP}(?P<y2>{YEAR}|\d\d(?![\d%])){_E}", 5, r_range_years,
          lambda g: _sep_ok(g) and (bool(g.get("pre")) or g.get("sep") in ("-", "–", "—"))),
)
RULES = RULES + RANGE_RULES
RESOLVERS.update({r.name: r.resolve for r in RANGE_RULES + REFERENCE_RULES})


def grammar_candidates(text: str) -> list[Candidate]:
    """Every rule match in ``text`` (overlapping; the caller chooses among them)."""
    out: list[Candidate] = []
    for rule in RULES:
        for m in rule.pattern.finditer(text):
            groups = m.groupdict()
            if not rule.accept(groups):
                continue
            for h, mi in (("h2", "mi2"), ("h3", "mi3")):
                if groups.get(h):
                    groups["h"], groups["mi"] = groups[h], groups[mi]
            body = "body2" if groups.get("body2") else "body"
            s, e = m.span(body) if body in rule.pattern.groupindex else m.span()
            if e > s:
                out.append(Candidate(s, e, rule.name, rule.priority, groups))
    return out


def resolve(c: Candidate, ctx: Context) -> Resolved | None:
    if c.resolved is not None:
        return c.resolved
    resolver = RESOLVERS.get(c.rule)
    return resolver(c, ctx) if resolver else None
