"""Words and regex building blocks for English time expressions.

Why hand-written: dateparser normalises a date string it is given but does not find
expressions in running text reliably, nor bound them; spaCy's DATE entities are
often mis-bounded ("about a month earlier than usual"). These blocks are shared by
the grammar (time_grammar.py) and the event anchors (time_events.py).
"""

from __future__ import annotations

import re

MONTH_NAMES = (
    "January February March April May June July August September October November December".split()
)
WEEKDAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _month_number(word: str) -> int:
    key = word.rstrip(".").lower()[:3]
    return [m[:3].lower() for m in MONTH_NAMES].index(key) + 1


month_number = _month_number


def weekday_number(word: str) -> int:
    return [w[:3].lower() for w in WEEKDAY_NAMES].index(word.lower()[:3])


# Month names are matched case-sensitively (Title or UPPER case) so that the verb
# "may" and the noun "march" are not taken for months.
_FULL = "|".join(MONTH_NAMES + [m.upper() for m in MONTH_NAMES])
_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MONTH_FULL = rf"(?:{_FULL}|(?:{_ABBR})\.|Sept)"
# Before a day number an abbreviation needs no full stop ("Aug 20").
MONTH_ANY = rf"(?:{_FULL}|(?:{_ABBR})\.?)"
WEEKDAY = "(?:" + "|".join(WEEKDAY_NAMES + [w.upper() for w in WEEKDAY_NAMES]) + ")"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d%])"

_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

# Vague quantities as (fewest, most) units: the widest honest reading. The lower
# bound of the plural quantifiers is 1 because writers round ("a few months before"
# is used for six weeks); the upper bound is where another word would be chosen.
# None as upper bound: unbounded ("many years").
VAGUE_QUANTITIES: dict[str, tuple[float, float | None]] = {
    "a couple of": (2, 3),
    "a couple": (2, 3),
    "a few": (1, 6),
    "few": (1, 6),
    "several": (2, 9),
    "some": (1, 12),
    "a number of": (2, 12),
    "many": (3, None),
    "dozens of": (24, 120),
}

_word_numbers = "|".join(sorted(list(_SMALL) + list(_TENS), key=len, reverse=True))
NUMBER = (
    r"(?:\d+(?:\.\d+)?"
    rf"|(?i:(?:{'|'.join(_TENS)})[- ](?:{'|'.join(k for k in _SMALL if _SMALL[k] < 10)})|{_word_numbers})"
    r"|(?i:a|an|half\s+a|a\s+half))"
    r"(?:\s+(?i:and\s+a\s+half))?"
)
_vague_words = sorted((re.escape(k).replace(r"\ ", r"\s+") for k in VAGUE_QUANTITIES), key=len, reverse=True)
VAGUE_QTY = "(?i:" + "|".join(_vague_words) + ")"
QUANTITY = rf"(?:{VAGUE_QTY}|{NUMBER})"

UNITS = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week",
    "fortnight": "fortnight", "month": "month", "year": "year", "decade": "decade",
    "century": "century", "centuries": "century", "quarter": "quarter",
}
UNIT = r"(?i:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters|years?|decades?|century|centuries)"
# Words between a count and its unit that keep it a duration: "six straight days", "five trading days".
UNIT_ADJECTIVE = r"(?i:straight|consecutive|successive|trading|business|working|full|whole|calendar)"
# Approximation and bound words kept inside a span: "almost a year" says less than "a year".
MODIFIER = (
    r"(?i:almost|nearly|about|around|roughly|approximately|some|over|more\s+than|less\s+than|fewer\s+than"
    r"|at\s+least|at\s+most|up\s+to|just\s+over|just\s+under|under|close\s+to|well\s+over|the\s+better\s+part\s+of)"
)


def unit_name(word: str) -> str:
    w = word.lower()
    if w in UNITS:
        return UNITS[w]
    return UNITS[w[:-1]] if w.endswith("s") and w[:-1] in UNITS else UNITS.get(w, w)


def parse_quantity(text: str) -> tuple[float, float | None] | None:
    """A number phrase → (low, high) units; equal for exact numbers; None if unreadable."""
    t = " ".join(text.lower().split())
    if t in VAGUE_QUANTITIES:
        return VAGUE_QUANTITIES[t]
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t in ("a", "an", "one", "single"):
        n: float = 1
    elif t in ("half a", "a half"):
        n = 0.5
    elif re.fullmatch(r"\d+(?:\.\d+)?", t):
        n = float(t)
    elif t in _SMALL:
        n = _SMALL[t]
    elif t in _TENS:
        n = _TENS[t]
    else:
        parts = re.split(r"[- ]", t)
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in _SMALL:
            n = _TENS[parts[0]] + _SMALL[parts[1]]
        else:
            return None
    return (n + half, n + half)


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX duration: P2W, P1Y, PT48H, P10Y for a decade, P2Q for two quarters (TimeML's unit); "X" for an
    unknown count."""
    scale, code, timeish = {
        "second": (1, "S", True), "minute": (1, "M", True), "hour": (1, "H", True),
        "day": (1, "D", False), "week": (1, "W", False), "fortnight": (2, "W", False),
        "month": (1, "M", False), "quarter": (1, "Q", False), "year": (1, "Y", False),
        "decade": (10, "Y", False), "century": (100, "Y", False),
    }[unit]
    if n is None:
        amount = "X"
    else:
        total = n * scale
        amount = str(int(total)) if total == int(total) else f"{total:g}"
    return f"PT{amount}{code}" if timeish else f"P{amount}{code}"


# Nouns that name happenings, so "two weeks before the vote" is a time relative to an
# (unknown) event while "an hour before her colleagues" is not. Closed-class grammar
# knowledge, not curated facts: derived nouns are caught by their suffix instead.
EVENT_NOUNS = frozenset(
    "war attack attacks election elections vote referendum meeting meetings summit visit talks strike strikes "
    "deal crisis pandemic outbreak start beginning end launch death trial invasion offensive ceasefire truce "
    "raid raids bombing shelling assault coup protest protests riot riots game match race season "
    "announcement hearing ruling verdict sale delivery shipment agreement treaty merger takeover "
    "bankruptcy collapse crash fire flood earthquake storm explosion blast incident arrest release "
    "search investigation inquiry shooting killing massacre conflict fighting battle siege".split()
)
EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "al", "ing")


def is_event_noun(lemma: str) -> bool:
    w = lemma.lower()
    return w in EVENT_NOUNS or (len(w) > 5 and w.endswith(EVENT_SUFFIXES))
