"""The sides of a transfer (who gives, who receives) and their PLOVER source/target reading.

Split out of events.py: exporters and benchmarks need plover_role without the argument reader.
"""

from __future__ import annotations

from newsledger.extract.event_roles import _Builder
from newsledger.model import Participant


# Which side of a transfer its subject is: the buyer receives, a seller, supplier or sender gives.
def transfer_side(mode: str | None) -> str:
    """The role a transfer's acting party holds: ``recipient`` for a purchase, ``origin`` otherwise."""
    return "recipient" if mode == "purchase" else "origin"


def _has_sides(event_type: str, mode: str | None) -> bool:
    """A transfer with a direction: not a two-way 'trade', whose parties both give and receive."""
    return event_type == "transfer" and mode != "trade"


def _transfer_sides(b: _Builder) -> None:
    """A transfer names its parties by the side they are on, never as ``agent``: 'Russia bought drones from
    Iran' and 'Iran supplied drones to Russia' both give origin Iran, recipient Russia, so two reports of one
    transfer agree when merged. The agent moves to its side unless another party already holds that side
    ('Moscow sold Iranian drones': origin Iran), where it stays the agent."""
    if not _has_sides(b.rule.type, b.rule.mode):
        return
    side = transfer_side(b.rule.mode)
    held = {p.mention for p in b.parts if p.role == side}
    agents = [p for p in b.parts if p.role == "agent"]
    if held - {p.mention for p in agents}:
        return
    b.parts = [p for p in b.parts if p.role != "agent"]
    for p in agents:
        if p.mention not in held:
            b.parts.append(Participant(side, p.mention))
            held.add(p.mention)


def plover_role(event_type: str, mode: str | None, role: str) -> str:
    """A participant's role in PLOVER's source/target terms: the acting side of a transfer (the buyer of a
    purchase, the giver otherwise) reads as the agent, and a purchase's seller as the other side (target). A
    withdrawal's origin, the place or side withdrawn from, is PLOVER's RETREAT target."""
    if event_type == "withdrawal" and role == "origin":
        return "target"
    if _has_sides(event_type, mode):
        if role == transfer_side(mode):
            return "agent"
        if role == "origin":
            return "target"
    return role
