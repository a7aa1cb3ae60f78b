"""The ledger as a graph of entities for Gephi and friends (GraphML, GEXF), built with networkx.

Nodes are entities. Two entities are linked when they take part in the same event
(as participants or as its location), and a claimant is linked to the participants
of the events it makes claims about. GraphML and GEXF allow only scalar attributes,
so unknown values are left out (never None) and lists are joined with "; ".
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx  # type: ignore[import-untyped]

_SEP = "; "
# Characters XML 1.0 forbids even when escaped; networkx would write them and break the file.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: str) -> str:
    return _XML_ILLEGAL.sub("", value)


def build_graph(data: dict[str, Any]) -> nx.Graph:
    """An undirected graph: one node per entity, one edge per linked pair (see docs/exports.md)."""
    graph = nx.Graph(name="newsledger entity graph")
    for e in data["entities"]:
        attrs: dict[str, Any] = {
            "label": _clean(e["name"]),
            "type": e["type"],
            "mentions": int(e.get("mentions", 0)),
        }
        if e["aliases"]:
            attrs["aliases"] = _clean(_SEP.join(e["aliases"]))
        for key in ("country", "wikidata"):
            if e.get(key):
                attrs[key] = _clean(str(e[key]))
        if e.get("lat") is not None and e.get("lon") is not None:
            attrs["lat"] = float(e["lat"])
            attrs["lon"] = float(e["lon"])
        graph.add_node(e["id"], **attrs)

    shared: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    involved_by_event: dict[str, set[str]] = {}
    for ev in data["events"]:
        involved = {p["entity"] for p in ev["participants"] if p["entity"] in graph}
        if ev["location"] in graph:
            involved.add(ev["location"])
        involved_by_event[ev["id"]] = involved
        for a, b in combinations(sorted(involved), 2):
            shared[(a, b)].append(ev)

    attributed: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in data["claims"]:
        speaker = c["claimant"]
        if speaker not in graph:
            continue
        for event_id in c["events"]:
            for other in involved_by_event.get(event_id, ()):
                if other != speaker:
                    attributed[tuple(sorted((speaker, other)))].add(c["id"])  # type: ignore[index]

    for pair in sorted(set(shared) | set(attributed)):
        events = shared.get(pair, [])
        claims = attributed.get(pair, set())
        attrs = {
            "weight": float(len(events) + len(claims)),
            "shared_events": len(events),
            "attributions": len(claims),
            "kind": "+".join(k for k, n in (("event", len(events)), ("claim", len(claims))) if n),
        }
        if events:
            attrs["event_types"] = _SEP.join(sorted({ev["type"] for ev in events}))
            attrs["events"] = _SEP.join(ev["id"] for ev in events)
        if claims:
            attrs["claims"] = _SEP.join(sorted(claims))
        graph.add_edge(*pair, **attrs)
    return graph


def to_graphml(data: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(build_graph(data), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_gexf(data: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(build_graph(data), buffer, encoding="utf-8")
    return buffer.getvalue()
