"""A parsed document's text, built once.

spaCy's ``Doc.text`` joins every token anew on each access, so reading it inside a loop
over candidates or events makes that loop quadratic in the document's length (measured
with ``benchmarks/profile_pipeline.py --scaling``). Stages read it through ``text_of``.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "newsledger.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, computed on the first call and kept in ``doc.user_data``."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
