"""Counts and sums of money in one parsed document: "6,000 drones", "140 million euros", "$1 billion".

Numbers become numbers (``float``), currencies ISO 4217 codes (from ``data/currencies.csv``), and a count
remembers the noun it counts and, when that noun is or holds a weapon mention, the mention's index.
Qualifiers ("at least", "about", "up to") are not recorded: the value is the number as written.
Vague plurals ("dozens", "hundreds of", "thousands") are skipped: no honest number can be given.
Numbers that are not amounts of an item are skipped too (``_not_an_amount``): a count of the parties
themselves ("the two sides", "the three leaders"), an age ("a 45-year-old", "aged 45") and a bare year
("in 1999", "since 2014").

The env pins no number-words library (word2number and the like are absent), so the small parser for
"three hundred", "twenty-five" and "1.5 billion" is written here.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from spacy.tokens import Doc, Token

from newsledger.model import Mention, Money, Quantity

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90
}
_SCALES = {
    "dozen": 12.0, "hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mn": 1e6, "mln": 1e6, "bn": 1e9, "tn": 1e12, "k": 1e3, "m": 1e6, "b": 1e9,
}
# Suffix scales written without a space ("$5bn", "€140m") are only read right after a digit.
_SUFFIX_ONLY = {"k", "m", "b"}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
_GLUED = re.compile(r"^(\d+(?:\.\d+)?)(k|m|bn|b|mn|tn)$", re.IGNORECASE)
_SKIP_ENTS = {"DATE", "TIME", "PERCENT", "ORDINAL"}
# What may stand between a number and the noun it counts ("160 Shahed-136 and Mohajer-6 drones").
_GAP_POS = {"ADJ", "PROPN", "NUM", "CCONJ", "PUNCT", "PART", "X", "NOUN"}
_MAX_GAP = 8


@dataclass(frozen=True, slots=True)
class _Currency:
    code: str
    adjective: str


@lru_cache(maxsize=1)
def _currencies() -> tuple[dict[str, str], dict[str, list[_Currency]]]:
    """Symbols/codes → ISO code, and currency words → candidates told apart by a country adjective."""
    symbols: dict[str, str] = {}
    words: dict[str, list[_Currency]] = {}
    text = files("newsledger.data").joinpath("currencies.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    for row in rows:
        if row["kind"] in ("symbol", "code"):
            symbols[row["form"]] = row["iso4217"]
        else:
            words.setdefault(row["form"].lower(), []).append(
                _Currency(row["iso4217"], (row["adjective"] or "").lower())
            )
    return symbols, words


def _currency_word(token: Token) -> list[_Currency] | None:
    _, words = _currencies()
    low = token.lower_
    for form in (low, token.lemma_.lower(), low[:-1] if low.endswith("s") else low, low[:-2]):
        if form in words:
            return words[form]
    return None


def _pick_currency(cands: list[_Currency], doc: Doc, word_i: int) -> str:
    """The default currency for a word unless the words before it name another ('Canadian dollars')."""
    before = " ".join(t.lower_ for t in doc[max(0, word_i - 2) : word_i])
    for cand in cands:
        if cand.adjective and cand.adjective in before:
            return cand.code
    default = [c for c in cands if not c.adjective]
    return (default or cands)[0].code


def _word_value(text: str) -> float | None:
    """'twenty-five' → 25; None when the text is not a number word."""
    parts = text.lower().split("-")
    if not all(p in _UNITS for p in parts):
        return None
    return float(sum(_UNITS[p] for p in parts))


def _parse_number(doc: Doc, i: int) -> tuple[float, int] | None:
    """Read a number starting at token i; return (value, index after it)."""
    tok = doc[i]
    total = 0.0
    current: float | None = None
    j = i
    glued = _GLUED.match(tok.text)
    if glued:
        return float(glued.group(1)) * _SCALES[glued.group(2).lower()], i + 1
    if _DIGITS.match(tok.text):
        current = float(tok.text.replace(",", ""))
        j = i + 1
    elif tok.lower_ == "a" and i + 1 < len(doc) and doc[i + 1].lower_ in ("hundred", "thousand", "million", "billion", "dozen"):
        current = 1.0
        j = i + 1
    else:
        while j < len(doc):
            val = _word_value(doc[j].text)
            if val is None and doc[j].lower_ == "-" and current is not None:
                j += 1
                continue
            if val is None:
                break
            current = (current or 0.0) + val
            j += 1
        if current is None:
            return None
    while j < len(doc):
        low = doc[j].lower_
        scale = _SCALES.get(low)
        if scale is None or (low in _SUFFIX_ONLY and doc[j - 1].whitespace_):
            if low == "and" and current is not None and j + 1 < len(doc) and _word_value(doc[j + 1].text):
                # "three hundred and twenty"
                extra = _parse_number(doc, j + 1)
                if extra:
                    current += extra[0]
                    j = extra[1]
                    continue
            if total and (val := _word_value(doc[j].text)) is not None:
                current = (current or 0.0) + val
                j += 1
                continue
            break
        if scale in (12.0, 100.0):
            current = (current or 1.0) * scale
        else:
            total += (current or 1.0) * scale
            current = 0.0
        j += 1
    return total + (current or 0.0), j


def _is_vague(doc: Doc, i: int, end: int) -> bool:
    """'hundreds of', 'thousands', 'dozens': a plural scale alone is not a count."""
    return end == i + 1 and doc[i].lower_ in ("hundreds", "thousands", "millions", "billions", "dozens", "scores")


# Nouns for the parties of an event or the people acting in it: "the two sides", "the three leaders" count who
# acts, not an item that changes hands. Grammar (a closed class of collective nouns), not curated names.
_PARTY_NOUNS = frozenset(
    """side party country nation state government leader president minister premier delegation ally neighbour
    neighbor power capital army military regime administration counterpart partner signatory""".split()
)
# Determiners that refer back to a set the text has already named ("the two sides", "these three countries").
_DEFINITE = frozenset("the these those both all their our its whose".split())
_YEAR_PREPOSITIONS = frozenset("in since by until till before after from of during through".split())


def _not_an_amount(doc: Doc, i: int, end: int, noun: Token | None) -> bool:
    """The number counts the parties, gives an age or is a year: not a quantity of an item."""
    before = doc[i - 1].lower_ if i > 0 else ""
    if noun is not None and noun.lemma_.lower() in _PARTY_NOUNS and noun.i < end + 2 and before in _DEFINITE:
        return True
    after = doc[end : end + 4].text.lower().replace(" ", "")
    if after.startswith(("-year-old", "year-old", "yearsold", "years-old", "-years-old")) or before in ("aged", "age"):
        return True
    text = doc[i].text
    is_year = end == i + 1 and len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100
    following = doc[end].lower_ if end < len(doc) else ""
    return is_year and (before in _YEAR_PREPOSITIONS or following in ("'s", "s"))


def _mention_at(mentions: Sequence[Mention], start: int, end: int) -> int | None:
    for k, m in enumerate(mentions):
        if m.start <= start and end <= m.end:
            return k
    return None


def _counted_noun(doc: Doc, end: int, mentions: Sequence[Mention]) -> tuple[Token | None, list[int]]:
    """The noun a number counts and the weapon mentions between them.

    The small parser often mis-attaches a number before a hyphenated model name, so this walks the
    surface: over adjectives, names, mentions and 'and'/',' to the first common noun.
    """
    items: list[int] = []
    j = end
    while j < len(doc) and j < end + _MAX_GAP:
        tok = doc[j]
        k = _mention_at(mentions, tok.idx, tok.idx + len(tok.text))
        if k is not None and mentions[k].type == "weapon":
            if k not in items:
                items.append(k)
            last_of_mention = tok.idx + len(tok.text) >= mentions[k].end
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if last_of_mention and tok.pos_ == "NOUN" and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN")):
                return tok, items
            j += 1
            continue
        if k is not None:  # another name inside the phrase ('12 Shahed drones' tagged oddly)
            j += 1
            continue
        if tok.pos_ == "NOUN" and not tok.is_punct:
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.dep_ != "conj" and tok.dep_ == "compound":
                j += 1
                continue
            return tok, items
        if tok.pos_ not in _GAP_POS or tok.text in (".", ";", ":", "(", ")", "—") or tok.lower_ in ("of", "in", "to"):
            break
        j += 1
    return None, items


def find_amounts(doc: Doc, mentions: Sequence[Mention]) -> tuple[list[Quantity], list[Money]]:
    """All counts and sums in ``doc``; a count's ``item`` indexes ``mentions`` (a weapon) when it can."""
    symbols, _ = _currencies()
    quantities: list[Quantity] = []
    money: list[Money] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        prefix = symbols.get(tok.text) if tok.text in symbols else None
        start_i = i
        if prefix and i + 1 < len(doc):
            parsed = _parse_number(doc, i + 1)
            if parsed:
                value, end = parsed
                money.append(_money(doc, start_i, end, value, prefix))
                i = end
                continue
        if (tok.ent_type_ in _SKIP_ENTS and not _next_is_currency(doc, i)) or not (tok.like_num or tok.lower_ == "a" or _GLUED.match(tok.text)):
            i += 1
            continue
        if _mention_at(mentions, tok.idx, tok.idx + len(tok.text)) is not None:
            i += 1  # a number inside a name ("Shahed-136", "S-400")
            continue
        parsed = _parse_number(doc, i)
        if parsed is None or _is_vague(doc, i, parsed[1]):
            i += 1
            continue
        value, end = parsed
        if end < len(doc) and doc[end].lower_ in ("%", "percent", "per"):
            i = end
            continue
        after = _currency_after(doc, end)
        if after:
            code, stop = after
            money.append(_money(doc, start_i, stop, value, code))
            i = stop
            continue
        noun, items = _counted_noun(doc, end, mentions)
        last = noun.i + 1 if noun is not None else end
        span = doc[start_i:last]
        if (tok.lower_ == "a" and noun is None) or _not_an_amount(doc, i, end, noun):
            i = end
            continue
        quantities.append(
            Quantity(
                value=value,
                unit=_unit(doc, noun, doc[end - 1]),
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                item=items[0] if items else _noun_mention(noun, mentions),
            )
        )
        i = end
    return quantities, money


# Verbs whose object counts people, and the toll they give ("kills 2" → "people killed", "seven others
# injured" → "people injured"): tolls of the same kind compare across reports, a death toll never with
# an injury toll. Grammar, not curated data.
_CASUALTY_VERBS = {
    "kill": "people killed", "injure": "people injured", "wound": "people injured", "hurt": "people injured",
    "kidnap": "people abducted", "abduct": "people abducted",
}
_PEOPLE_NOUNS = frozenset({"people", "person", "other", "others"})


def _unit(doc: Doc, noun: Token | None, number: Token) -> str | None:
    """The counted noun's lemma; a count of people (or a bare count) that a casualty verb takes is a toll."""
    unit = noun.lemma_.lower() if noun is not None else None
    if unit is not None and unit not in _PEOPLE_NOUNS:
        return unit
    head = noun if noun is not None else number
    own = next((c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in _CASUALTY_VERBS), None)
    if own is not None:  # "seven others injured": the count's own participle
        return _CASUALTY_VERBS[own.lemma_.lower()]
    verb = head.head
    while verb.dep_ == "conj" and verb.head is not verb and verb.lemma_.lower() not in _CASUALTY_VERBS:
        verb = verb.head
    toll = _CASUALTY_VERBS.get(verb.lemma_.lower()) if head.dep_ in ("dobj", "nsubjpass", "conj") else None
    if toll is not None:
        return toll
    return "people" if unit in ("people", "person") else unit


def _noun_mention(noun: Token | None, mentions: Sequence[Mention]) -> int | None:
    if noun is None:
        return None
    k = _mention_at(mentions, noun.idx, noun.idx + len(noun.text))
    return k if k is not None and mentions[k].type == "weapon" else None


def _next_is_currency(doc: Doc, i: int) -> bool:
    parsed = _parse_number(doc, i)
    return bool(parsed and _currency_after(doc, parsed[1]))


def _currency_after(doc: Doc, end: int) -> tuple[str, int] | None:
    """The ISO code of a currency word or code right after a number ('140 million euros', '5m USD')."""
    if end >= len(doc):
        return None
    tok = doc[end]
    if tok.pos_ == "ADJ" and end + 1 < len(doc) and _currency_word(doc[end + 1]):
        end += 1  # "5 billion Canadian dollars"
        tok = doc[end]
    symbols, _ = _currencies()
    if tok.text in symbols and tok.text.isalpha():
        return symbols[tok.text], end + 1
    cands = _currency_word(tok)
    if not cands:
        return None
    if tok.lower_.startswith("pound") and end + 1 < len(doc) and doc[end + 1].lower_ == "of":
        return None  # "500 pounds of explosives" is a weight
    return _pick_currency(cands, doc, end), end + 1


def _money(doc: Doc, start_i: int, end_i: int, value: float, code: str) -> Money:
    span = doc[start_i:end_i]
    return Money(value=value, currency=code, start=span.start_char, end=span.end_char, text=span.text)
