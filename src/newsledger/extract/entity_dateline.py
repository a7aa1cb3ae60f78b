"""The dateline of wire copy: the place a story was filed from, at the very start of the text.

"SEOUL, Oct 12 (Reuters) -", "MOSCOW, October 13. /TASS/.", "GAZA CITY (AP) —" or a place
alone on the first line ("ANKARA" then a blank line). The place is written in capitals and
the small model takes it for an organisation, glues it to the first sentence, or makes it
the subject of that sentence's verb. A dateline place is a place mention and nothing more:
never a claimant, an agent or an event's location (the story was filed there; the events
may have happened elsewhere). ``DATELINE_ROLE`` marks such mentions (``Mention.role``).
"""

from __future__ import annotations

import re

DATELINE_ROLE = "dateline"

# Characters of the text within which a dateline must start: a title line may precede it.
_SEARCH_CHARS = 300
# The place: one to four words in capitals ("GAZA CITY", "PORT-AU-PRINCE", "ST. PETERSBURG").
_PLACE = r"(?P<place>[A-Z][A-Z'’.\-]*[A-Z.](?:[ \t]+[A-Z][A-Z'’.\-]*[A-Z.]){0,3})"
# What follows the place in a dateline: a comma and a date, a comma and a country before the agency
# ("ANKARA, Turkey (AP) —"), an agency in () or //, a dash, or the end of the line.
_AFTER = r"(?=,[ \t]*[A-Z][a-z]{2,9}\.?[ \t]*\d|,[ \t]*[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?[ \t]*\(|[ \t]*\(|[ \t]*/[A-Z]|[ \t]+(?:-{1,2}|–|—)[ \t]|[ \t]*\n)"
_DATELINE = re.compile(r"(?:^|\n)[ \t]*" + _PLACE + _AFTER)


def dateline_place(text: str) -> tuple[int, int] | None:
    """Character offsets of the dateline's place name in ``text``, or None when there is none.

    Only a line that starts within the first few hundred characters counts: a capitalised
    word later in an article is emphasis or an acronym, not a dateline.
    """
    m = _DATELINE.search(text[:_SEARCH_CHARS])
    if m is None:
        return None
    place = m.group("place")
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 3:
        return None  # "US (AP)" or "UN —": an acronym, not a filing place
    # A place alone on its line must be the whole line: "ANKARA\n\n", not "NATO\nsaid".
    end = m.end("place")
    rest_of_line = text[end : text.find("\n", end) if "\n" in text[end:] else len(text)]
    if rest_of_line.strip() == "" and m.start("place") > 0 and text[: m.start("place")].strip():
        # a line of capitals after a title line is a dateline only when the next line is blank
        after = text[end:].lstrip(" \t")
        if not after.startswith("\n\n") and not after.startswith("\n \n"):
            return None
    return m.start("place"), end


def display_name(place: str) -> str:
    """"SEOUL" → "Seoul", "GAZA CITY" → "Gaza City", "PORT-AU-PRINCE" → "Port-Au-Prince"."""
    return re.sub(r"[A-Za-z]+", lambda w: w.group(0).capitalize(), place.lower())


_HEADER_REST = re.compile(
    r"(?:,[^\n()/–—]{1,40}?(?=[ \t]*(?:\(|/|-{1,2}[ \t]|–|—)))?[ \t]*(?:\([^()\n]{1,40}\)|/[^/\n]{1,30}/)?[ \t]*[.:]?[ \t]*(?:-{1,2}|–|—)?\s*"
)


def dateline_end(text: str) -> int | None:
    """Offset where the story proper starts after the dateline ("SEOUL, Oct 12 (Reuters) - |North ..."),
    or None without a dateline. Claims and sentences quoted as evidence start there."""
    found = dateline_place(text)
    if found is None:
        return None
    m = _HEADER_REST.match(text, found[1])
    return m.end() if m else found[1]
