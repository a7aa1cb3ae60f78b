"""The claim being read: a draft that the attribution readers fill in before it becomes a ClaimRecord.

A module of its own because every reader (verbs, nouns, headlines, the sentence pass, speaker resolution)
builds or edits drafts, and none of them should depend on another just for this type.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from newsledger.model import Evidence, Stance


@dataclass(slots=True)
class Draft:
    """A claim while the sentence is read; relays and events are filled in once all are known."""

    cue: Token
    cue_end: int
    content: list[Token]
    stance: Stance
    hedged: bool
    claimant: int | None
    via: list[int] = field(default_factory=list)
    time: int | None = None
    pronoun: bool = False  # the claimant was found through a pronoun subject ("it said")
    source: list[Token] = field(default_factory=list)  # the claimant as written ("the city's mayor, Jo Ray")
    cue_start: int | None = None  # where the cue phrase starts when it is wider than its verb ("has denied")
    relay_head: Token | None = None  # a relay named by a description only ("The agency quoted …"), resolved later
    cited: list[int] = field(default_factory=list)  # whom the speaker cites: relays between them and the inner claims
    about: Draft | None = None  # the claim this one takes a stance on ('…, a claim Ankara denied'): same events

    @property
    def span(self) -> tuple[int, int]:
        return self.content[0].idx, self.content[-1].idx + len(self.content[-1].text)


def evidence_at(text: str, start: int, end: int) -> Evidence:
    """Evidence for ``text[start:end]``; the document id is filled in by the caller of find_claims."""
    return Evidence("", start, end, text[start:end])
