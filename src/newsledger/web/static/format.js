// Shared wording: how an event, a date, an entity or a claim is shown wherever it appears.
import { el } from "./dom.js";

/** "2024-03-04", "2023-07 – 2023-08", or "undated". */
export function dateText(date) {
  if (!date || !date.start) return "undated";
  return date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
}

/** A partial ISO date ("2023", "2023-07", "2023-07-26") as [first day, day after last]. */
export function dateBounds(value) {
  if (!value) return null;
  const [y, m, d] = value.split("-").map(Number);
  if (!y) return null;
  if (d) return [new Date(Date.UTC(y, m - 1, d)), new Date(Date.UTC(y, m - 1, d + 1))];
  if (m) return [new Date(Date.UTC(y, m - 1, 1)), new Date(Date.UTC(y, m, 1))];
  return [new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y + 1, 0, 1))];
}

export function entityName(entities, id) {
  const e = id ? entities.get(id) : null;
  return e ? e.name : id ?? "";
}

/** A link to an entity's page (plain text when the id is unknown). */
export function entityLink(entities, id, name = null) {
  if (!id) return null;
  const e = entities.get(id);
  if (!e && !name) return el("span", {}, id);
  // A record may carry the name itself (event participants do); the type is then unknown.
  return el("a", { href: `#/entity/${encodeURIComponent(id)}`, class: e ? `entity entity-${e.type}` : "entity" }, e?.name ?? name);
}

const ROLE_ORDER = ["agent", "source", "target", "recipient", "item"];

/** Participants ordered by role: agents first. */
export function participants(event) {
  const rank = (p) => (ROLE_ORDER.includes(p.role) ? ROLE_ORDER.indexOf(p.role) : ROLE_ORDER.length);
  return [...(event.participants ?? [])].sort((a, b) => rank(a) - rank(b));
}

/** A one-line summary: "transfer (sale): North Korea → Russia". */
export function eventTitle(event, entities) {
  const kind = event.mode ? `${event.type} (${event.mode})` : event.type;
  const names = participants(event)
    .filter((p) => p.role !== "item")
    .map((p) => p.name ?? entityName(entities, p.entity))
    .filter(Boolean);
  const unique = [...new Set(names)].slice(0, 3);
  return unique.length ? `${kind}: ${unique.join(", ")}` : kind;
}

export function numberText(value) {
  return typeof value === "number" ? value.toLocaleString("en") : String(value ?? "");
}

export function quantitiesText(event) {
  const parts = (event.quantities ?? []).map((q) => `${numberText(q.value)} ${q.unit ?? ""}`.trim());
  for (const m of event.money ?? []) parts.push(`${numberText(m.value)} ${m.currency ?? ""}`.trim());
  return parts.join("; ");
}

export function stanceText(claim) {
  return claim.hedged ? `${claim.stance} (hedged)` : claim.stance;
}

/** Link to the evidence view for a span of a document. */
export function evidenceHref(evidence) {
  return `#/doc/${encodeURIComponent(evidence.document)}?start=${evidence.start}&end=${evidence.end}`;
}

export function errorBox(err) {
  return el("p", { class: "error", role: "alert" }, `Could not load: ${err.message ?? err}`);
}

export function loading() {
  return el("p", { class: "loading" }, "Loading…");
}
