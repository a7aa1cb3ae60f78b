// Actor network: entities linked by shared events (from /api/network), node size by activity.
// Clicking (or choosing from the list) focuses a node: its neighbours stay lit and the side panel
// lists the events it shares with each of them.
import { eventsInvolving, get } from "../api.js";
import { clear, el, pageTitle } from "../dom.js";
import { dateText, eventTitle } from "../format.js";

const COLORS = {
  person: "#1f6feb", organization: "#8250df", outlet: "#6e7781", country: "#1a7f37", place: "#9a6700",
  facility: "#bc4c00", weapon: "#cf222e", group: "#bf3989", source: "#57606a", nationality: "#0a7ea4", other: "#6e7781",
};

/** A node's or edge's events may come as a list of ids or as a count. */
function count(events) {
  return Array.isArray(events) ? events.length : Number(events) || 0;
}

const NO_ENTITIES = new Map(); // event participants carry their names (format.eventTitle)

function eventLink(id, events, entities) {
  const e = events.get(id);
  return el("li", {}, el("a", { href: `#/event/${encodeURIComponent(id)}` },
    e ? [el("span", { class: "date" }, dateText(e.date)), " ", eventTitle(e, entities)] : id));
}

export async function renderNetwork(root) {
  const net = await get("/api/network");
  const entities = NO_ENTITIES;
  const nodes = net.nodes ?? [];
  const edges = net.edges ?? [];
  root.append(pageTitle("Who is connected to whom"),
    el("p", { class: "summary" }, `${nodes.length} entities linked by ${edges.length} shared-event ties. Node size shows how many events an entity takes part in. Click a node to focus it.`));
  const layout = el("div", { class: "network-layout" });
  const box = el("div", { class: "graph", id: "network", role: "img", "aria-label": "Network graph of entities; use the list beside it to focus an entity" });
  const panel = el("aside", { class: "panel", id: "network-panel", "aria-live": "polite" });
  layout.append(box, panel);
  root.append(layout);
  if (!nodes.length) {
    box.append(el("p", { class: "empty" }, "No entities share an event yet."));
    return undefined;
  }
  const maxEvents = Math.max(1, ...nodes.map((n) => count(n.events)));
  const size = (n) => 14 + 36 * Math.sqrt(count(n.events) / maxEvents);
  const cy = window.cytoscape({
    container: box,
    elements: [
      ...nodes.map((n) => ({ data: { id: n.id, label: n.name, type: n.type, size: size(n) } })),
      ...edges.map((e, i) => ({ data: { id: `edge-${i}`, source: e.source, target: e.target, weight: e.weight ?? 1, events: e.events ?? [] } })),
    ],
    style: [
      { selector: "node", style: {
        label: "data(label)", width: "data(size)", height: "data(size)", "font-size": 11,
        "background-color": (n) => COLORS[n.data("type")] ?? COLORS.other, color: "#1f2328",
        "text-outline-color": "#ffffff", "text-outline-width": 2, "text-valign": "bottom", "text-margin-y": 3 } },
      { selector: "edge", style: { width: (e) => Math.min(1 + e.data("weight"), 8), "line-color": "#afb8c1", "curve-style": "haystack", opacity: 0.8 } },
      { selector: ".faded", style: { opacity: 0.12 } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#0b0d0f" } },
      { selector: "edge.lit", style: { "line-color": "#0969da", opacity: 1 } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, padding: 20 },
  });

  function showOverview() {
    clear(panel);
    const top = [...nodes].sort((a, b) => count(b.events) - count(a.events));
    panel.append(el("h2", {}, "Most active"), el("ul", { class: "node-list" }, top.slice(0, 40).map((n) =>
      el("li", {}, el("button", { type: "button", class: "linklike", onclick: () => focus(n.id) }, n.name),
        el("span", { class: "muted" }, ` ${n.type}, ${count(n.events)} events`)))));
  }

  let focusing = 0; // a later click wins over an earlier one whose events arrive late
  async function focus(id) {
    const node = cy.getElementById(id);
    if (!node.nonempty()) return;
    const mine = ++focusing;
    // Every event listed below involves the focused entity, so its events are all that is fetched.
    let events = new Map();
    try {
      events = await eventsInvolving(id);
    } catch {
      // The list still works without titles: each event is then shown by its id.
    }
    if (mine !== focusing) return;
    cy.elements().removeClass("faded focus lit");
    const hood = node.closedNeighborhood();
    cy.elements().not(hood).addClass("faded");
    node.addClass("focus");
    node.connectedEdges().addClass("lit");
    const data = nodes.find((n) => n.id === id);
    clear(panel);
    panel.append(
      el("h2", { id: "focus-title", tabindex: "-1" }, data.name),
      el("p", {}, el("a", { href: `#/entity/${encodeURIComponent(id)}` }, `Open the ${data.type} page`),
        " · ", el("button", { type: "button", class: "linklike", onclick: () => { cy.elements().removeClass("faded focus lit"); showOverview(); } }, "Show all")));
    const ties = node.connectedEdges().map((edge) => ({
      other: edge.source().id() === id ? edge.target() : edge.source(),
      events: Array.isArray(edge.data("events")) ? edge.data("events") : [],
    })).sort((a, b) => b.events.length - a.events.length);
    panel.append(el("h3", {}, `Connected to ${ties.length}`), el("ul", { class: "ties" }, ties.map((t) => el("li", {},
      el("button", { type: "button", class: "linklike", onclick: () => focus(t.other.id()) }, t.other.data("label")),
      el("span", { class: "muted" }, ` — ${t.events.length} shared event${t.events.length === 1 ? "" : "s"}`),
      el("ul", {}, t.events.map((evId) => eventLink(evId, events, entities)))))));
    panel.querySelector("#focus-title").focus({ preventScroll: true });
  }

  cy.on("tap", "node", (ev) => focus(ev.target.id()));
  cy.on("tap", (ev) => { if (ev.target === cy) { cy.elements().removeClass("faded focus lit"); showOverview(); } });
  showOverview();
  window.__newsledgerNetwork = cy; // lets the browser tests find nodes on the canvas
  return () => { cy.destroy(); delete window.__newsledgerNetwork; };
}
