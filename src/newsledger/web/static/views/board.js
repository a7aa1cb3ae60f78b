// Contradictions board: conflicting claims side by side with the reason; corroborations in a second tab.
import { getSome, labels } from "../api.js";
import { el, pageTitle } from "../dom.js";
import { entityLink, evidenceHref, stanceText } from "../format.js";

const SHOWN = 500;

function claimCard(claim, entities, doc, label) {
  if (!claim) return el("div", { class: "claim-card missing" }, "Claim not found.");
  return el("div", { class: `claim-card stance-${claim.stance}` },
    el("p", { class: "card-head" },
      el("span", { class: "visually-hidden" }, `${label}: `),
      claim.claimant ? entityLink(entities, claim.claimant) : el("span", {}, doc?.outlet ?? "The outlet"),
      " ", el("span", { class: "stance" }, stanceText(claim)),
      claim.via?.length ? [" (via ", claim.via.map((v, i) => [i ? ", " : "", entityLink(entities, v)]), ")"] : null),
    el("blockquote", {}, claim.text),
    el("p", { class: "muted" },
      doc ? `${doc.outlet ?? "unknown outlet"}, ${doc.published ?? "date unknown"} · ` : "",
      el("a", { href: evidenceHref(claim.evidence) }, "read in the article")));
}

export async function renderBoard(root, { params }) {
  const kind = params.get("tab") === "corroborates" ? "corroborates" : "contradicts";
  // One page of relations; each carries its claims and their documents, so only names are looked up.
  const { items: rels, total } = await getSome("/api/relations", { type: kind }, 0, SHOWN);
  const entities = await labels(rels.flatMap((r) => [r.a_claim, r.b_claim].filter(Boolean)
    .flatMap((c) => [c.claimant, ...(c.via ?? [])])));
  root.append(pageTitle(kind === "contradicts" ? "Contradictions" : "Corroborations"));
  const tab = (value, text) => el("a", {
    href: `#/board?tab=${value}`, role: "tab", class: "tab",
    "aria-selected": String(value === kind), "aria-current": value === kind ? "page" : null,
  }, text);
  root.append(el("div", { class: "tabs", role: "tablist", "aria-label": "Relation type" },
    tab("contradicts", "Contradictions"), tab("corroborates", "Corroborations")));
  if (!rels.length) {
    root.append(el("p", { class: "empty" }, kind === "contradicts" ? "No conflicting claims found." : "No corroborating claims found."));
    return;
  }
  root.append(el("ol", { class: "board" }, rels.map((r) => el("li", { class: `relation relation-${r.type}` },
    el("p", { class: "reason" }, r.reason ?? r.type),
    el("div", { class: "pair" },
      claimCard(r.a_claim, entities, r.a_document, "First claim"),
      el("span", { class: "versus", "aria-hidden": "true" }, kind === "contradicts" ? "≠" : "="),
      claimCard(r.b_claim, entities, r.b_document, "Second claim"))))));
  if (rels.length < total) {
    root.append(el("p", { class: "summary" }, `Showing the first ${rels.length} of ${total}.`));
  }
}
