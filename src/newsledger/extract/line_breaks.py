"""Line breaks that end sentences: headlines, standfirsts and paragraphs.

Article text arrives with one block per line (trafilatura writes a line per heading and
paragraph) or with blank lines between paragraphs. The parser reads across a single line
break, so a headline with no final full stop runs into the first sentence of the body and
its speaker, verb and events mix with the body's. This component marks the token after a
line break as a sentence start before the parser runs (the parser keeps boundaries already
set). A hand-wrapped plain-text file breaks lines inside sentences; there most breaks are
followed by a lower-case word, and then only blank lines count. (Hand-written because spaCy's
sentencizer splits on punctuation only and the parser ignores layout.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "newsledger_line_breaks_v1"


def _is_wrapped(breaks: list[int], doc: Doc) -> bool:
    """Most single line breaks continue a sentence (next word in lower case): hand-wrapped text."""
    lower = sum(1 for i in breaks if doc[i + 1].is_lower)
    return len(breaks) >= 2 and lower * 2 >= len(breaks)


@Language.component(COMPONENT)
def mark_line_breaks(doc: Doc) -> Doc:
    """Set a sentence start after every blank line, and after every line break unless the text is wrapped."""
    singles: list[int] = []
    blanks: list[int] = []
    for tok in doc[:-1]:
        # spaCy keeps line breaks as whitespace tokens of their own
        if tok.is_space and "\n" in tok.text:
            (blanks if tok.text.count("\n") >= 2 else singles).append(tok.i)
    # A sentence never starts with a lower-case word, whatever the layout.
    starts = blanks if _is_wrapped(singles, doc) else blanks + [i for i in singles if not doc[i + 1].is_lower]
    for i in starts:
        nxt = doc[i + 1]
        while nxt.is_space and nxt.i + 1 < len(doc):
            nxt = doc[nxt.i + 1]
        if not nxt.is_space:
            nxt.is_sent_start = True
    return doc
