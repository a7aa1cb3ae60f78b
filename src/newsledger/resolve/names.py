"""Name normalisation and matching: one key per real-world name across spellings.

Three levels: ``name_key`` folds spelling variation that carries no meaning
(case, diacritics, hyphens, Arabic articles, common transliteration variants);
``resolve_in_document`` joins partial names, acronyms and variants inside one
article; ``match_score``/``find_same`` judge whether two stored entities are the
same thing across documents, with a score and a reason a person can check.
Fuzzy and phonetic measures come from rapidfuzz and jellyfish.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import JaroWinkler

from newsledger.model import Entity, Mention

# Letters that NFKD does not decompose into a base letter + mark.
_SPECIAL_LETTERS = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe"}
)
# Apostrophe-like marks used for the Arabic ayn and hamza (Ma'rib, Shi'ite): dropped.
_MARKS = re.compile(r"[\'’‘`ʿʾʼ´]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/]+")
_ARTICLE_HYPHENATED = re.compile(r"\b(?:al|el|ul|an|ad|ar|as|ash|at|az|adh|ath)-(?=\w)", re.IGNORECASE)
_ARTICLE_WORDS = frozenset({"al", "el"})
# Words before a person's name that are not part of it; everything up to the last one goes.
_TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord president vice prime minister premier chancellor
    secretary general gen lt col maj capt adm sgt commander chief ceo cfo coo chairman
    chairwoman director spokesman spokeswoman spokesperson senator sen rep representative
    governor gov mayor ambassador envoy king queen prince princess crown sheikh emir sultan
    ayatollah imam pope cardinal archbishop bishop rabbi judge justice former late
    executive officer deputy acting interim presiding""".split()
)
# Legal-form words at the end of an organisation's name that do not change what it names.
_LEGAL_FORMS = frozenset(
    """inc co corp corporation company llc ltd limited plc spa sa ag gmbh nv bv group
    holdings""".split()
)
# Words at the end of a company's name that say what trade it is in: "Ford Motor Company",
# "Ford Motors" and "Ford" name one firm, "AirTran Airways" is "AirTran". Compared without
# them only across organisation names, never in the key (a key change would move entity ids).
_SECTOR_WORDS = frozenset(
    """airlines airline airways motor motors automotive auto computer computers aerospace
    industries industry technologies technology systems electronics pharmaceuticals""".split()
)
# Heads of a government body's name written both ways: "Department of Labor" = "Labor Department".
_BODY_HEADS = frozenset({"department", "ministry", "bureau"})
_ORG_TYPES = frozenset({"organization", "group", "outlet"})
# Words of a government body's name that say what it is, not whose: "Defence Ministry",
# "Air Force", "Foreign Ministry" name one body in each country.
_GENERIC_BODY_WORDS = frozenset(
    """ministry ministries department defence defense foreign interior affairs air force forces
    navy army armed military police parliament government intelligence service services
    security office council border guard coast national general staff presidential
    administration command southern northern eastern western central joint special
    operations health finance justice emergency emergencies situations""".split()
)


@lru_cache(maxsize=65536)  # called for both names of every candidate pair at ingest
def is_generic_body(name: str) -> bool:
    """Is ``name`` a body every country has ("defence ministry", "the Air Force"), not a proper name?

    A "(Country)" qualifier at the end is ignored.
    """
    words = re.findall(r"[A-Za-z]+", re.sub(r"\s*\([^()]*\)\s*$", "", name))
    return bool(words) and all(w.islower() or w.lower() in _GENERIC_BODY_WORDS for w in words)

_PHONETIC_TYPES = frozenset({"person", "place", "country", "group", "organization", "nationality", "facility"})


def _ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)  # the same words recur in every candidate pair
def _fold_word(word: str) -> str:
    """General transliteration folding of one lower-case word (not per-name aliases).

    Each rule merges spellings that news outlets use interchangeably for names
    transliterated from Arabic, Persian, Cyrillic or Ukrainian.
    """
    if not word.isalpha():
        return word
    w = word
    if len(w) > 2 and w[0] in "yi" and w[1] == "e":  # Yelabuga/Elabuga, Iekaterinburg
        w = w[1:]
    # British and American spellings: Defence/Defense, Centre/Center, -isation/-ization
    # (Labour/Labor meet below: "ou" becomes "u" and a final "or" becomes "ur").
    if len(w) > 4:
        w = re.sub(r"ence$", "ense", w)
        w = re.sub(r"(?<=[^aeiou])tre$", "ter", w)
        w = re.sub(r"isation$", "ization", w)
    w = w.replace("dj", "j").replace("kh", "h").replace("gh", "g").replace("dh", "d")
    w = w.replace("ph", "f").replace("ck", "k")
    w = w.replace("ou", "u").replace("q", "k").replace("w", "v").replace("y", "i")
    if len(w) > 4 and w.endswith("or"):
        w = w[:-2] + "ur"
    w = re.sub(r"(.)\1+", r"\1", w)  # Abdollahian/Abdolahian, Zelenskyy/Zelensky
    if len(w) > 3 and w.endswith("ah"):  # Suleimaniyah/Suleimaniya
        w = w[:-1]
    return w


def is_title_word(word: str) -> bool:
    """Is ``word`` a title written before a person's name ("Governor", "Gen.", "Minister")?"""
    return _ascii_fold(word).casefold().strip(".,") in _TITLES


def strip_titles(name: str) -> str:
    """A person's name without the titles written before it ("Crown Prince Mohammed bin Salman")."""
    words = name.split()
    folded = [_ascii_fold(w).casefold().strip(".,") for w in words]
    titles = [i for i, w in enumerate(folded[:-1]) if w in _TITLES or w in ("us", "u.s", "uk", "u.k")]
    if not titles or not any(w in _TITLES for w in folded[: titles[-1] + 1]):
        return name
    return " ".join(words[titles[-1] + 1 :])


@lru_cache(maxsize=65536)
def name_key(name: str, type: str) -> str:
    """The normalised identity key of a name: equal keys mean "same name, other spelling"."""
    text = _ascii_fold(name).casefold()
    text = _MARKS.sub("", text).replace(".", "")
    text = _ARTICLE_HYPHENATED.sub("", text)
    words = [w for w in _SEPARATORS.split(text) if w]
    words = [re.sub(r"[^\w&+]", "", w) for w in words]
    words = [w for w in words if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if type == "person":
        titles = [i for i, w in enumerate(words[:-1]) if w in _TITLES]
        if titles:  # "U.S. President Barack Obama", "Crown Prince Mohammed bin Salman"
            words = _after_title_of_country(words[titles[-1] + 1 :])
    elif type in _ORG_TYPES:
        while len(words) > 1 and words[-1] in _LEGAL_FORMS:  # "Chrysler LLC", "Fiat Group SpA"
            words = words[:-1]
    if type in _PHONETIC_TYPES:
        if len(words) > 1:
            words = [w for w in words if w not in _ARTICLE_WORDS] or words
        words = ["bin" if w == "ibn" else w for w in words]
        words = [_fold_word(w) for w in words]
    return " ".join(words)


def _after_title_of_country(words: list[str]) -> list[str]:
    """Drop the "of (the) <country>" that follows a title ("President of the United States Barack Obama")."""
    if len(words) < 3 or words[0] != "of":
        return words
    rest = words[2:] if words[1] == "the" else words[1:]
    from newsledger.extract.entity_data import country_iso

    for n in (3, 2, 1):
        if len(rest) > n and country_iso(" ".join(rest[:n])):
            return rest[n:]
    return words


# --- word-level similarity -------------------------------------------------------------

# Sound classes: letters that transliterations swap for one another.
_SOUND_CLASS = str.maketrans(
    {"e": "a", "i": "a", "o": "a", "u": "a", "r": "l", "g": "k", "c": "k", "t": "d", "p": "b", "z": "s", "f": "v"}
)


@lru_cache(maxsize=65536)
def _skeleton(word: str) -> str:
    """A folded word's consonant frame, with the spellings romanisations swap made equal.

    Besides the sound classes: "x" is "ks" (Alexei/Aleksei); "zh" is one sound however often
    it is doubled (Zaporizhzhia/Zaporizhia/Zaporozhye); a final "h" after a vowel is the Arabic
    and Persian feminine ending, written or not (Haniyeh/Haniya); an "h" inside a word is the
    Ukrainian letter that Russian writes "g" (Luhansk/Lugansk). Only matching uses this, never
    ``name_key``: keys (and so entity ids) stay as they are.
    """
    w = word.replace("x", "ks").replace("zh", "j")
    if len(w) > 4 and w[-1] == "h" and w[-2] in "aeiou":
        w = w[:-1]
    if len(w) > 1:
        w = w[0] + w[1:].replace("h", "g")
    return re.sub(r"(.)\1+", r"\1", w.translate(_SOUND_CLASS))


def _vowel_dropped(a: str, b: str, jw: float) -> bool:
    """One spelling writes a short vowel the other leaves out (Dagalo/Daglo, Mohamad/Mohmad)."""
    if abs(len(a) - len(b)) != 1 or min(len(a), len(b)) < 5 or jw < 0.9:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    for i, ch in enumerate(longer):
        if ch in "aeiou" and longer[:i] + longer[i + 1 :] == shorter:
            return 0 < i < len(longer) - 1  # inside the word, not a suffix (Nigeria/Niger)
    return False


def _swapped_letters(a: str, b: str) -> bool:
    """Do two long words differ only by two neighbouring letters swapped ("Chrylser"/"Chrysler")?

    Seven letters at least: in shorter words one swap changes too large a share of the name.
    """
    if len(a) != len(b) or len(a) < 7:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def word_variant(a: str, b: str) -> tuple[float, str] | None:
    """Are two folded words spellings of one name? (similarity, evidence) or None.

    Equal sound-class skeletons (vowels, l/r, k/g/q, t/d, s/z ... merged) catch
    al-Zameli/al-Zamili and Yerabuga/Yelabuga while keeping Iran/Iraq (n vs k) and
    Austria/Australia (extra letters) apart; short words need a closer spelling
    because few letters give the skeleton little to go on (Dana/Tina).
    """
    if a == b:
        return 1.0, "same spelling"
    if not (a.isalpha() and b.isalpha()):
        return None
    jw = JaroWinkler.similarity(a, b)
    if _swapped_letters(a, b):
        return jw, f"two letters swapped (a typing slip), jaro-winkler {jw:.2f}"
    ks_a, ks_b = a.replace("x", "ks"), b.replace("x", "ks")  # Alexander/Aleksandr
    if _skeleton(a) != _skeleton(b) and not _vowel_dropped(ks_a, ks_b, JaroWinkler.similarity(ks_a, ks_b)):
        return None
    shortest = min(len(a), len(b))
    if shortest < 4 or (shortest < 6 and jw < 0.88):
        return None
    mp_a, mp_b = jellyfish.metaphone(a), jellyfish.metaphone(b)
    phon = "same metaphone" if mp_a == mp_b else f"metaphone {mp_a}/{mp_b}"
    return jw, f"jaro-winkler {jw:.2f}, {phon}"


# --- acronyms ----------------------------------------------------------------------------

_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "to", "de", "du", "des", "la", "le", "&"})
_ACRONYM_SHAPE = re.compile(r"^[A-Z][A-Z&\-.]{1,9}$")


def is_acronym_of(acronym: str, expansion: str) -> bool:
    """Does ``acronym`` spell the initials of ``expansion``? (IRGC, AQAP, ISIS, NATO)

    Function words may be skipped or used; hyphenated parts ("al-Qaeda") may each give
    a letter, because acronyms are formed both ways.
    """
    if not _ACRONYM_SHAPE.match(acronym.replace(" ", "")):
        return False
    letters = re.sub(r"[^A-Za-z]", "", acronym).lower()
    if len(letters) < 2:
        return False
    parts: list[tuple[str, bool, bool]] = []  # (word, optional, abbreviation)
    for word in re.split(r"\s+", _ascii_fold(expansion).strip()):
        pieces = [p for p in re.split(r"[-/]", word) if p]
        for n, piece in enumerate(pieces):
            clean = re.sub(r"[^A-Za-z&]", "", piece)
            if clean:
                optional = clean.lower() in _ACRONYM_SKIP or (len(pieces) > 1 and n == 0 and clean.lower() in _ARTICLE_WORDS)
                # "U.S." and "UK" inside a name give all their letters ("U.S. Air Force" = USAF)
                abbreviation = 2 <= len(clean) <= 3 and clean.isupper()
                parts.append((clean.lower(), optional, abbreviation))
    if len(parts) < 2:
        return False

    def walk(i: int, j: int) -> bool:
        if i == len(letters):
            return all(opt for _, opt, _ in parts[j:])
        if j == len(parts):
            return False
        word, optional, abbreviation = parts[j]
        if word[0] == letters[i] and walk(i + 1, j + 1):
            return True
        if abbreviation and letters.startswith(word, i) and walk(i + len(word), j + 1):
            return True
        return optional and walk(i, j + 1)

    return walk(0, 0)


# --- persons -------------------------------------------------------------------------------


# A name with a middle name that the other leaves out: just below the threshold, because
# fathers and sons are often named so (George W. Bush / George Bush, Ahmad Shah Massoud /
# Ahmad Massoud); the ledger or a person decides.
_MIDDLE_ON_ONE_SIDE = 0.84


def _person_score(ka: str, kb: str) -> tuple[float, str] | None:
    """Compare two person keys: surnames must agree; given names must not conflict.

    A given name written as one word or two ("Abdulmalik"/"Abdul Malik") is compared joined.
    """
    wa, wb = ka.split(), kb.split()
    if len(wa) != len(wb) and min(len(wa), len(wb)) > 1:
        joined = _joined_given_names(wa, wb)
        if joined is not None:
            wa, wb = joined
            ka, kb = " ".join(wa), " ".join(wb)
    if not wa or not wb:
        return None
    last = word_variant(wa[-1], wb[-1])
    if last is None:
        return None
    if len(wa) == 1 or len(wb) == 1:
        return 0.75 * last[0], f"surname only ({last[1]})"
    first_a, first_b = wa[0], wb[0]
    if len(first_a) == 1 or len(first_b) == 1:
        if first_a[0] != first_b[0]:
            return None
        return 0.8 * last[0], "initial agrees, surname " + last[1]
    first = word_variant(first_a, first_b)
    if first is None:
        return None  # same surname, different given names: different people
    middles_a, middles_b = wa[1:-1], wb[1:-1]
    if middles_a and middles_b and len(middles_a) == len(middles_b):
        if any(word_variant(x, y) is None for x, y in zip(middles_a, middles_b)):
            return None
    score = 0.8 + 0.2 * min(first[0], last[0])
    if ka == kb:
        return 1.0, "same normalised name"
    if bool(middles_a) != bool(middles_b) and not _particles_only(middles_a + middles_b):
        reason = f"middle name on one side only, given name and surname agree ({last[1]})"
        return min(score, _MIDDLE_ON_ONE_SIDE), reason
    return score, f"given name and surname agree ({last[1]})"


# Words between given name and surname that are no middle name ("Mohammed bin Salman").
_NAME_PARTICLES = frozenset("""bin ben ibn abu abd van von de da di del der la le""".split())


def _particles_only(words: list[str]) -> bool:
    return all(w in _NAME_PARTICLES for w in words)


def _joined_given_names(wa: list[str], wb: list[str]) -> tuple[list[str], list[str]] | None:
    """The two word lists with one pair of neighbouring given-name words of the longer joined,
    when that makes its words spell the shorter's ("abdul malik huti" → "abdulmalik huti")."""
    longer, shorter = (wa, wb) if len(wa) > len(wb) else (wb, wa)
    if len(longer) != len(shorter) + 1:
        return None
    for i in range(len(longer) - 2):  # never into the surname
        joined = [*longer[:i], longer[i] + longer[i + 1], *longer[i + 2 :]]
        if all(word_variant(x, y) is not None for x, y in zip(joined, shorter)):
            return (joined, shorter) if longer is wa else (shorter, joined)
    return None


def _multiword_variant(ka: str, kb: str) -> tuple[float, str] | None:
    """Compare keys word by word (same word count) with ``word_variant``."""
    wa, wb = ka.split(), kb.split()
    if len(wa) != len(wb):
        return None
    scores = []
    evidence = ""
    for x, y in zip(wa, wb):
        hit = word_variant(x, y)
        if hit is None:
            return None
        scores.append(hit[0])
        if x != y:
            evidence = hit[1]
    return min(scores), evidence or "same spelling"


# --- cross-document matching -----------------------------------------------------------------

_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"person"}),
    frozenset({"weapon"}),
    frozenset({"country", "place", "nationality"}),
    frozenset({"place", "facility"}),
    frozenset({"organization", "group", "outlet"}),
    frozenset({"other"}),
)
# Swept 0.70–0.95 on the pairs in tests/test_names.py and on MEANTIME's cross-document
# names (benchmarks/bench_entities.py). Every value in 0.80–0.95 separates the test pairs;
# 0.85 keeps the deliberately weak links below it: surname only (0.75), initial only and
# country prefix (0.80). On MEANTIME 0.75 would double recall (0.18 → 0.31) with no false
# link there, but a bare surname is ambiguous in conflict news (two Assads, two Bidens),
# so those links are left for a person to confirm.
DEFAULT_THRESHOLD = 0.85


def types_compatible(a: str, b: str) -> bool:
    """Can entities of these two types be the same thing? (a place name used as a country, ...)"""
    if "source" in (a, b):
        return False
    return a == b or any(a in fam and b in fam for fam in _FAMILIES)


@lru_cache(maxsize=65536)
def _curated_same(a: str, b: str) -> str | None:
    from newsledger.extract.entity_data import find_curated

    ra, rb = find_curated(a), find_curated(b)
    if ra is None or rb is None or ra is not rb:
        return None
    source = {"weapon": "weapons.csv", "outlet": "outlets.csv"}.get(ra.type, "organizations.csv")
    return f"curated alias ({source}): {a} = {b}"


def _pair_score(a: str, b: str, type_a: str, type_b: str) -> tuple[float, str] | None:
    """Score one pair of surface forms."""
    ka, kb = name_key(a, type_a), name_key(b, type_b)
    if ka and ka == kb:
        return 1.0, f"same normalised name: {a} = {b}"
    curated = _curated_same(a, b)
    if curated:
        return 0.98, curated
    # Two-letter acronyms stand for too many things ("UN", "Ukrainian Navy") to link across
    # articles without a curated alias.
    if min(len(a), len(b)) >= 3 and (is_acronym_of(a, b) or is_acronym_of(b, a)):
        return 0.9, f"acronym: {a} ~ {b}"
    if type_a == "person" and type_b == "person":
        hit = _person_score(ka, kb)
        if hit is None:
            return None
        return hit[0], f"{hit[1]}: {a} ~ {b}"
    if "weapon" in (type_a, type_b) or "outlet" in (type_a, type_b):
        return None  # designations differ by a digit (S-300/S-400): no fuzzy matching
    if type_a in _COUNTRY_TYPES and type_b in _COUNTRY_TYPES:
        iso_a, iso_b = _country_of(a), _country_of(b)
        if iso_a and iso_b:
            if iso_a != iso_b:
                return None  # "Niger"/"Nigeria": two countries, however close the spelling
            return 0.97, f"same country ({iso_a}): {a} = {b}"
    if type_a in _ORG_TYPES and type_b in _ORG_TYPES:
        org = _org_pair(a, b)
        if org is not None:
            return org[0], f"{org[1]}: {a} ~ {b}"
        extra = _country_prefix(ka, kb) or _country_prefix(kb, ka)
        if extra:
            # Below the default threshold on purpose: "Air Force" alone may be any country's.
            return 0.8, f"same name with a country prefix ({extra}): {a} ~ {b}"
    if type_a == "place" and type_b == "place":
        headed = _place_head_variant(a, b)
        if headed is not None:
            return headed[0], f"{headed[1]}: {a} ~ {b}"
    hit = _multiword_variant(ka, kb)
    if hit is None:
        return None
    return 0.8 + 0.2 * hit[0], f"transliteration variant: {a} ~ {b} ({hit[1]})"


_COUNTRY_TYPES = frozenset({"country", "place", "nationality"})

# Last words that say what kind of place a name is: "the Danube River" is "the Danube".
_FEATURE_HEADS = frozenset("""river sea lake mountains mountain range desert valley canal strait""".split())
_REGION_HEADS = frozenset("""province oblast region governorate krai""".split())
# Ordinary words that begin or make up place names without being a name alone.
_COMMON_PLACE_WORDS = """north south east west northern southern eastern western central upper lower
    great black red white yellow dead middle far near""".split()


@lru_cache(maxsize=1)
def _common_place_keys() -> frozenset[str]:
    return frozenset(name_key(w, "place") for w in _COMMON_PLACE_WORDS)


def _place_head_variant(a: str, b: str) -> tuple[float, str] | None:
    """"X River" and "X", "X Province" and "X", "X City" and "X": one place when nothing else
    bears the bare name.

    A river, sea or range ("Danube River") is its bare name when the gazetteer knows no town
    or country by it (the Dnipro River is not the city of Dnipro). A province or oblast is its
    bare name when the gazetteer knows the bare name as a region and not as a city of 100,000
    or more (Anbar Province = Anbar; Kharkiv Oblast is not the city of Kharkiv). "X City" is
    "X" unless X is a country or a region (Kuwait City, Quebec City).
    """
    longer, shorter = (a, b) if len(a.split()) > len(b.split()) else (b, a)
    words = longer.split()
    if len(words) != len(shorter.split()) + 1 or len(words) < 2:
        return None
    head = words[-1].lower()
    core = " ".join(words[:-1])
    ka, kb = name_key(core, "place"), name_key(shorter, "place")
    if not ka or not kb:
        return None
    same = (1.0, "same spelling") if ka == kb else _multiword_variant(ka, kb)
    if same is None:
        return None
    if _country_of(core) or _country_of(shorter) or set(ka.split()) & _common_place_keys():
        return None  # "Jordan River"; "the North Sea" is not "the North", nor "Black Sea" "Black"
    from newsledger.resolve.gazetteer import get_gazetteer

    known = [c for form in {core, shorter} for c in get_gazetteer().candidates(form)]
    if head in _FEATURE_HEADS:
        if known:
            return None
    elif head in _REGION_HEADS:
        if not any(c.kind == "region" for c in known):
            return None
        if any(c.kind == "city" and not c.alternate and c.population >= 100_000 for c in known):
            return None
    elif head == "city":
        if any(c.kind in ("region", "country") and not c.alternate for c in known):
            return None
    else:
        return None
    return 0.9 * max(same[0], 0.95), f"same place with and without '{head}'"


@lru_cache(maxsize=65536)
def _country_of(name: str) -> str | None:
    """ISO code of the one country ``name`` names ("America", "UK", "British"), else None.

    Demonyms and country names first, then the gazetteer's country entries; a name the
    gazetteer gives to two countries names neither.
    """
    from newsledger.extract.entity_data import country_iso
    from newsledger.resolve.gazetteer import get_gazetteer

    iso = country_iso(name)
    if iso:
        return iso
    found = {c.country for c in get_gazetteer().candidates(name) if c.kind == "country"}
    return found.pop() if len(found) == 1 else None


def _org_parts(name: str) -> tuple[str | None, list[str]]:
    """An organisation name split into (country ISO, the other words in one word order); see below."""
    iso, words = _org_parts_cached(name)
    return iso, list(words)


@lru_cache(maxsize=65536)  # each stored name is split once, not once per candidate pair
def _org_parts_cached(name: str) -> tuple[str | None, tuple[str, ...]]:
    """An organisation name split into (country ISO, the other words in one word order).

    "United States Federal Reserve" and "US Federal Reserve" give ("US", [federal, reserve]);
    "U.S. Department of Labor" and "US Labor Department" give ("US", [labor, department]).
    Works on unfolded words, so that country names are still recognisable ("Iraq", not "irak").
    """
    from newsledger.extract.entity_data import country_iso

    words = name_key(name, "other").split()
    iso = None
    for n in (3, 2, 1):  # "... of Ukraine"
        if len(words) > n + 1 and words[-n - 1] == "of" and (found := country_iso(" ".join(words[-n:]))):
            iso, words = found, words[: -n - 1]
            break
    for n in (3, 2, 1):  # "defence ministry (Romania)"
        if iso is None and len(words) > n and name.rstrip().endswith(")") and (found := country_iso(" ".join(words[-n:]))):
            iso, words = found, words[:-n]
            break
    for n in (3, 2, 1):  # "U.S. ...", "United States ...", "Iranian ..."
        if iso is None and len(words) > n and (found := country_iso(" ".join(words[:n]))):
            iso, words = found, words[n:]
            break
    if iso is not None and len(words) > 2 and words[0] in _BODY_HEADS and words[1] == "of":
        # only with the country named: "Ministry of Defence" alone may be any country's
        words = [*words[2:], words[0]]
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words = words[:-1]
    return iso, tuple(words)


def _folded(words: list[str]) -> str:
    return " ".join(_fold_word(w) for w in words if w not in _ARTICLE_WORDS)


def _org_pair(a: str, b: str) -> tuple[float, str] | None:
    """Two organisation names that differ only in how they write the country, the word order of
    "Ministry of X", or trade words at the end ("Apple Computer"/"Apple")."""
    from newsledger.extract.entity_data import country_iso

    iso_a, words_a = _org_parts(a)
    iso_b, words_b = _org_parts(b)
    if not words_a or not words_b or (iso_a and iso_b and iso_a != iso_b):
        return None
    if iso_a != iso_b:  # one country named and not the other: _country_prefix's weak link, or this
        return _same_firm_other_trade(words_a, words_b)
    if _folded(words_a) == _folded(words_b) and iso_a is not None:
        return 0.95, "same name, written another way"
    base_a, base_b = list(words_a), list(words_b)
    while len(base_a) > 1 and base_a[-1] in _SECTOR_WORDS:
        base_a = base_a[:-1]
    while len(base_b) > 1 and base_b[-1] in _SECTOR_WORDS:
        base_b = base_b[:-1]
    if (base_a, base_b) == (words_a, words_b):
        return None
    base = _folded(base_a)
    if base == _folded(base_b) and len(base) >= 3 and not country_iso(" ".join(base_a)):
        # "Qatar Airways" is not "Qatar": a country's name alone is the country
        return 0.9, "same name without trade words"
    return _same_firm_other_trade(words_a, words_b)


# Words naming a firm's trade, for comparing two firms' names that both carry some: "Al-Quds
# Aviation Industry" and "Al-Quds Aerospace Industries" differ only in how they say the trade.
_FIRM_TRADE_WORDS = _SECTOR_WORDS | frozenset(
    """aviation aircraft manufacturing engineering shipbuilding defence defense electronic
    production plant factory works""".split()
)


def _same_firm_other_trade(words_a: list[str], words_b: list[str]) -> tuple[float, str] | None:
    """Two firm names with the same distinctive core and trade words at the end on both sides.

    The core must be a name (not a trade word, a country or a generic body) of four letters or
    more, and both names must say a trade: "Quds Force" has none and stays apart from "Al-Quds
    Aviation Industry"; "Douglas" alone is not "Douglas Aircraft" by this rule.
    """
    from newsledger.extract.entity_data import country_iso

    def core(words: list[str]) -> tuple[list[str], bool]:
        cut = list(words)
        while len(cut) > 1 and cut[-1] in _FIRM_TRADE_WORDS:
            cut = cut[:-1]
        return cut, len(cut) < len(words)

    core_a, trade_a = core(words_a)
    core_b, trade_b = core(words_b)
    if not (trade_a and trade_b) or _folded(core_a) != _folded(core_b):
        return None
    text = " ".join(core_a)
    if len(text.replace(" ", "")) < 4 or any(w in _FIRM_TRADE_WORDS for w in core_a):
        return None
    if country_iso(text) or all(w in _GENERIC_BODY_WORDS for w in core_a):
        return None
    return 0.88, "same firm name, trade written another way"


def _country_prefix(longer: str, shorter: str) -> str | None:
    """The country words that ``longer`` adds in front of ``shorter`` ("us air force"/"air force")."""
    if not shorter or not longer.endswith(" " + shorter):
        return None
    prefix = longer[: -len(shorter) - 1]
    from newsledger.extract.entity_data import country_iso

    return prefix if country_iso(prefix) else None


def match_score(a: Entity, b: Entity) -> tuple[float, str] | None:
    """How sure are we that ``a`` and ``b`` are the same thing? (score 0..1, reason) or None.

    Incompatible types and different known countries block a match outright, whatever
    the names say: Iran is never Israel, and a US "Georgia" is not the country.
    """
    if not types_compatible(a.type, b.type):
        return None
    if a.country and b.country and a.country.upper() != b.country.upper():
        return None
    if is_generic_body(a.name) or is_generic_body(b.name):
        country_a, country_b = _named_country(a), _named_country(b)
        if not (country_a and country_b) or country_a != country_b:
            return None  # "Defense Ministry" with no country known may be any country's
    best: tuple[float, str] | None = None
    for form_a in (a.name, *a.aliases):
        for form_b in (b.name, *b.aliases):
            hit = _pair_score(form_a, form_b, a.type, b.type)
            if hit is not None and (best is None or hit[0] > best[0]):
                best = hit
    return best


def _named_country(e: Entity) -> str | None:
    """The entity's country, or the one its organisation name names ("... of Ukraine")."""
    if e.country:
        return e.country.upper()
    return _org_parts(e.name)[0] if e.type in _ORG_TYPES else None


def find_same(
    new: Entity, existing: Sequence[Entity], threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[str, float, str]]:
    """Existing entities that are ``new`` under another spelling: (id, score, reason), best first.

    The ledger is context for a bare surname: "Netanyahu" alone is too weak to link by its
    spelling (two Assads, two Bidens), but when the ledger knows exactly one person with
    that surname, and none of the compared rows names someone else, the link is made.
    """
    found = []
    surname_only: list[tuple[Entity, tuple[float, str]]] = []
    for other in existing:
        if other.id == new.id:
            continue
        hit = match_score(new, other)
        if hit is not None and hit[0] >= threshold:
            found.append((other.id, round(hit[0], 3), hit[1]))
        elif hit is not None and hit[1].startswith("surname only"):
            surname_only.append((other, hit))
    if surname_only and new.type == "person":
        found += _only_person_with_surname(new, surname_only, existing, threshold)
    if new.type == "organization" and _SHORT_ORG_IN_LEDGER >= threshold:
        linked = {f[0] for f in found}
        found += [f for f in _only_company_with_short_name(new, existing) if f[0] not in linked]
    return sorted(found, key=lambda t: (-t[1], t[0]))


# A company's first word linked to its full name because the ledger has no other candidate.
_SHORT_ORG_IN_LEDGER = 0.86


def _short_company_word(name: str) -> bool:
    """Can ``name`` be a company's first word used alone ("Lockheed", "Northrop")?

    One capitalised word of four letters or more that is no acronym ("IRGC" and "IRGC Navy"
    are two bodies), no country or demonym ("Qatar" is not "Qatar Airways") and no generic,
    head, trade or legal-form word ("National", "Group", "Aerospace").
    """
    from newsledger.extract.entity_data import country_iso

    word = name.strip()
    if " " in word or len(word) < 4 or not word[:1].isupper() or word.isupper() or not word.isalpha():
        return False
    lowered = word.lower()
    if lowered in _GENERIC_BODY_WORDS | _ORG_HEAD_WORDS | _SECTOR_WORDS | _LEGAL_FORMS:
        return False
    return country_iso(word) is None


def _only_company_with_short_name(new: Entity, existing: Sequence[Entity]) -> list[tuple[str, float, str]]:
    """Links between a bare first word and the one longer company name the ledger has for it.

    "Lockheed" links to "Lockheed Martin" when no other organisation in ``existing`` begins with
    "Lockheed"; "Lockheed Martin" links to a stored "Lockheed" on the same condition. The same
    rule as a bare surname's: the ledger is the context that makes the short name unambiguous.
    """
    orgs = [e for e in existing if e.type == "organization" and e.id != new.id]
    key = name_key(new.name, "organization").split()
    if not key:
        return []

    def longer_forms(first: str) -> dict[str, list[Entity]]:
        forms: dict[str, list[Entity]] = {}
        for e in orgs:
            words = name_key(e.name, "organization").split()
            if 2 <= len(words) <= 3 and words[0] == first and not is_generic_body(e.name):
                forms.setdefault(" ".join(words), []).append(e)
        return forms

    reason = "short name of a company; the only organisation in the ledger it can stand for"
    if len(key) == 1 and _short_company_word(new.name):
        forms = longer_forms(key[0])
        if len(forms) == 1:
            (full,) = forms.values()
            return [(e.id, _SHORT_ORG_IN_LEDGER, f"{reason}: {new.name} ~ {e.name}") for e in full]
        return []
    if 2 <= len(key) <= 3 and not is_generic_body(new.name):
        shorts = [e for e in orgs if name_key(e.name, "organization") == key[0] and _short_company_word(e.name)]
        others = {k for k in longer_forms(key[0]) if k != " ".join(key)}
        if shorts and not others:
            return [(e.id, _SHORT_ORG_IN_LEDGER, f"{reason}: {e.name} ~ {new.name}") for e in shorts]
    return []


# A surname-only link confirmed by the ledger: above the threshold, below a full-name match.
_SURNAME_IN_LEDGER = 0.86


def _only_person_with_surname(
    new: Entity, weak: list[tuple[Entity, tuple[float, str]]], existing: Sequence[Entity], threshold: float
) -> list[tuple[str, float, str]]:
    """Surname-only links that the rest of the ledger leaves no doubt about.

    A bare surname links to full names only if those full names are all one person; a full
    name links to bare surnames only if no other full name in the ledger shares the surname.
    """
    if _SURNAME_IN_LEDGER < threshold:
        return []
    new_key = name_key(new.name, "person")
    surname = new_key.split()[-1] if new_key else ""

    def full(e: Entity) -> bool:
        return len(name_key(e.name, "person").split()) > 1

    def same_surname(e: Entity) -> bool:
        words = name_key(e.name, "person").split()
        return bool(words) and word_variant(words[-1], surname) is not None

    people = [e for e in existing if e.type == "person" and e.id != new.id and full(e) and same_surname(e)]
    if full(new):
        others = [e for e in people if (match_score(new, e) or (0.0, ""))[0] < threshold]
        if others:
            return []  # "Jill Biden" is in the ledger too: "Biden" may be either
    else:
        heads = people[:1]
        if any((match_score(heads[0], e) or (0.0, ""))[0] < threshold for e in people[1:]):
            return []
    return [
        (other.id, _SURNAME_IN_LEDGER, f"{hit[1]}; the only person with this surname in the ledger")
        for other, hit in weak
    ]


# --- within one document -----------------------------------------------------------------------

_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.\-]{1,11})\s*\)")
_EXPANSION_AFTER = re.compile(r"\s*\(\s*([^()]{4,90}?)\s*\)")


def _adopt(m: Mention, target: Mention, take_type: bool = False) -> Mention:
    etype = target.type if take_type else m.type
    return replace(m, name=target.name, key=target.key, type=etype, country=m.country or target.country)


def _acronym_map(mentions: Sequence[Mention], text: str) -> dict[str, Mention]:
    """Acronym → the mention that expands it, from "Expansion (ACR)", "ACR (Expansion)" or use of both."""
    found: dict[str, Mention] = {}
    for m in mentions:
        if m.type not in _ORG_TYPES and m.type != "other":
            continue
        after = _ACRONYM_AFTER.match(text, m.end)
        if after and (is_acronym_of(after.group(1), m.text) or _defines_acronym(after.group(1), m)):
            found.setdefault(after.group(1).replace(".", ""), m)
        elif _ACRONYM_SHAPE.match(m.text):
            expansion = _EXPANSION_AFTER.match(text, m.end)
            if expansion and is_acronym_of(m.text, expansion.group(1)):
                name = expansion.group(1)
                found.setdefault(
                    m.text.replace(".", ""),
                    replace(m, name=name, key=name_key(name, m.type)),
                )
    for m in mentions:  # a document that uses both without defining the acronym
        acr = m.text.replace(".", "")
        if m.type in _ORG_TYPES and _ACRONYM_SHAPE.match(m.text) and len(acr) >= 3 and acr not in found:
            expansions = {o.key: o for o in mentions if o.type in _ORG_TYPES and is_acronym_of(m.text, o.name)}
            if len(expansions) == 1:
                found[acr] = next(iter(expansions.values()))
    return found


# Words that make a name a body's ("Federal Service for ...", "... Air Force"), not a system's, a
# conference's or a practice's ("Reporting System", "Developers Conference", "Rights Management").
_BODY_NAME_WORDS = frozenset(
    """service services ministry agency directorate department bureau office force forces corps army navy
    command council committee commission organization organisation institute union front movement party
    group company corporation bank court authority administration guard guards foundation fund centre
    center society association federation league legion""".split()
)


def names_a_body(name: str) -> bool:
    """Does one word of ``name`` say that it names a body (an agency, a force, a party, a firm)?"""
    return any(w.lower() in _BODY_NAME_WORDS for w in re.findall(r"[A-Za-z]+", name))


def _defines_acronym(acronym: str, m: Mention) -> bool:
    """An organisation's name with capitals in parentheses right after it defines them as its acronym,
    even when they spell another language's initials ("Federal Service for Military-Technical
    Cooperation (FSVTS)", "Main Directorate of Intelligence (HUR)"). A country's code never does ("(UK)")."""
    from newsledger.extract.entity_data import country_iso

    letters = acronym.replace(".", "")
    return (m.type in _ORG_TYPES and letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 8
            and len(m.text.split()) >= 2 and names_a_body(m.text) and country_iso(acronym) is None)


def _person_full_name(m: Mention, fulls: dict[str, Mention]) -> Mention | None:
    """The one full name in the document that a partial person name belongs to, if unique."""
    words = m.key.split()
    candidates = {}
    for key, full in fulls.items():
        fw = key.split()
        if len(fw) <= len(words):
            continue
        tail = fw[-len(words):]
        if all(word_variant(x, y) is not None for x, y in zip(words, tail)):
            candidates[key] = full
    if not candidates and len(words) == 1:
        # family name first ("Choi Dong-won" ... "citing Choi"): the exact first word, when only one full name has it
        candidates = {key: full for key, full in fulls.items() if len(key.split()) > 1 and key.split()[0] == words[0]}
    return next(iter(candidates.values())) if len(candidates) == 1 else None


def _short_org_name(m: Mention, orgs: dict[str, Mention]) -> Mention | None:
    """The one longer organisation name that this name is short for, within one article only.

    A one-word name is the first word of it ("Lockheed" → "Lockheed Martin"); a longer name
    lacks only a head word or the country at the end ("Islamic Revolutionary Guard" → "... Corps").
    A country word is never a short name.
    """
    from newsledger.extract.entity_data import country_iso

    if country_iso(m.text):
        return None
    if " " not in m.key:
        longer = {k: o for k, o in orgs.items() if k.startswith(m.key + " ")}
    else:  # "Islamic Revolutionary Guard" cut short of "Corps"; "Southern Defence Forces" of Ukraine
        words = name_key(m.name, "other").split()
        longer = {k: o for k, o in orgs.items() if _completes(words, name_key(o.name, "other").split())}
    return next(iter(longer.values())) if len(longer) == 1 else None


# Last words that complete an organisation's name without naming another body: a name cut
# short of one of them ("Islamic Revolutionary Guard" ... "Corps") is the same organisation.
_ORG_HEAD_WORDS = frozenset(
    """corps group organization organisation movement party forces force army militia
    brigade brigades front company corporation alliance network""".split()
)


def _completes(short: list[str], full: list[str]) -> bool:
    """Is ``full`` the name ``short`` with one head word or an "of <country>" added at the end?"""
    from newsledger.extract.entity_data import country_iso

    if len(full) <= len(short) or [_fold_word(w) for w in full[: len(short)]] != [_fold_word(w) for w in short]:
        return False
    extra = full[len(short) :]
    if len(extra) == 1:
        return extra[0] in _ORG_HEAD_WORDS
    return extra[0] == "of" and country_iso(" ".join(extra[1:])) is not None


def resolve_in_document(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """Give mentions of one thing in one article the same key and display name.

    Partial person names take the full name's key ("Netanyahu" → "Benjamin Netanyahu");
    acronyms take their expansion's; spelling variants of the same type take the first
    spelling's. Order and offsets are unchanged.
    """
    out = list(mentions)
    acronyms = _acronym_map(out, text)
    for i, m in enumerate(out):
        target = acronyms.get(m.text.replace(".", ""))
        if target is not None and target.start != m.start and types_compatible(m.type, target.type):
            out[i] = _adopt(m, target, take_type=m.type in _ORG_TYPES)
        elif target is not None and target.start == m.start and target.key != m.key:
            out[i] = target  # "ACR (Expansion)": the acronym mention itself takes the expansion

    person_keys = {m.key for m in out if m.type == "person"}
    fulls: dict[str, Mention] = {}
    for m in out:
        if m.type == "person" and len(m.key.split()) > 1:
            if not any(k.endswith(" " + m.key) for k in person_keys):  # "bin Salman" is partial
                fulls.setdefault(m.key, m)
    for i, m in enumerate(out):
        if m.type == "person" and m.key not in fulls:
            full = _person_full_name(m, fulls)
            if full is not None:
                out[i] = _adopt(m, full)

    qualified = {m.key: m for m in out if m.type in _ORG_TYPES}
    for i, m in enumerate(out):
        if m.type in _ORG_TYPES:
            longer = [q for k, q in qualified.items() if k != m.key and _country_prefix(k, m.key)]
            if len({q.key for q in longer}) == 1:  # "the Air Force" after "the U.S. Air Force"
                out[i] = _adopt(m, longer[0])
                continue
            short = _short_org_name(m, qualified)
            if short is not None:
                out[i] = _adopt(m, short)

    canonical: list[Mention] = []  # first mention of each distinct key, in order
    for i, m in enumerate(out):
        if m.type in ("source", "weapon", "outlet"):
            continue
        for c in canonical:
            if c.key == m.key and types_compatible(c.type, m.type):
                if c.name != m.name:
                    out[i] = replace(m, name=c.name)
                break
            if not types_compatible(c.type, m.type) or (m.country and c.country and m.country != c.country):
                continue
            if m.type == "place" and c.type == "place":
                hit = _multiword_variant(c.key, m.key) or _place_head_variant(c.name, m.name)
            elif m.type == "person" and c.type == "person":
                hit = _person_score(c.key, m.key)
            else:
                hit = _multiword_variant(c.key, m.key)
            if hit is not None and (m.type != "person" or len(m.key.split()) == len(c.key.split())):
                if hit[0] >= 0.75:
                    out[i] = _adopt(m, c)
                    break
        else:
            canonical.append(m)
    return out
