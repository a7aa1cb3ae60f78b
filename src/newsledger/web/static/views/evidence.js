// Evidence: an event with its sources, and an article with the evidence sentence highlighted.
// The article is rebuilt from code-point slices of the stored text; nothing is parsed as HTML.
import { get, getSome, labels } from "../api.js";
import { definitionList, el, externalLink, markedText, pageTitle } from "../dom.js";
import {
  dateText, entityLink, evidenceHref, eventTitle, participants, quantitiesText, stanceText,
} from "../format.js";

const DOCS_SHOWN = 1000;

/** The article panel: outlet, date, checked URL link, and the text with `spans` marked. */
export async function articlePanel(documentId, spans, { focusFirst = true } = {}) {
  const doc = await get(`/api/documents/${encodeURIComponent(documentId)}`);
  const chars = Array.from(doc.text ?? "");
  const panel = el("article", { class: "article", "aria-labelledby": "article-title" });
  panel.append(
    el("h2", { id: "article-title" }, doc.title || "(untitled article)"),
    el("p", { class: "byline" },
      el("span", { class: "outlet" }, doc.outlet || "unknown outlet"), " · ",
      el("time", { datetime: doc.published ?? "" }, doc.published || "date unknown"),
      doc.url ? [" · ", externalLink(doc.url)] : null),
  );
  const marks = spans.map((s, i) => ({ ...s, className: "evidence", id: i === 0 ? "evidence-mark" : null }));
  const body = el("div", { class: "article-text" });
  body.appendChild(markedText(chars, marks));
  panel.append(body);
  if (focusFirst) {
    // Scroll the article box (not the page) so the highlighted sentence is in view.
    requestAnimationFrame(() => {
      const mark = body.querySelector("mark");
      if (mark) body.scrollTop = Math.max(0, mark.offsetTop - body.clientHeight / 3);
    });
  }
  return panel;
}

function claimItem(claim, entities) {
  return el("li", { class: `claim stance-${claim.stance}` },
    el("span", { class: "stance" }, stanceText(claim)), " ",
    claim.claimant ? entityLink(entities, claim.claimant) : el("span", { class: "muted" }, "the outlet"),
    claim.via?.length ? [" via ", claim.via.map((v, i) => [i ? ", " : "", entityLink(entities, v)])] : null,
    ": ", el("a", { href: evidenceHref(claim.evidence) }, `“${claim.text}”`));
}

export async function renderEvent(root, { args, params }) {
  const [id] = args;
  const event = await get(`/api/events/${encodeURIComponent(id)}`);
  // Names of just the entities this page links to, not the whole ledger's.
  const entities = await labels([
    event.location, ...(event.participants ?? []).map((p) => p.entity),
    ...(event.claims ?? []).flatMap((c) => [c.claimant, ...(c.via ?? [])])]);
  const evidence = event.evidence ?? [];
  const chosen = Math.min(Number(params.get("source") ?? 0) || 0, Math.max(evidence.length - 1, 0));
  root.append(
    el("p", { class: "crumbs" }, el("a", { href: "#/timeline" }, "← Timeline")),
    pageTitle(eventTitle(event, entities)),
    definitionList([
      ["Date", dateText(event.date)],
      ["Where", event.location ? entityLink(entities, event.location) : null],
      ["Who", participants(event).map((p, i) => [i ? ", " : "", entityLink(entities, p.entity), ` (${p.role})`])],
      ["Figures", quantitiesText(event)],
      ["Category", [event.plover, event.modality].filter(Boolean).join(" · ")],
    ]),
  );
  if (evidence.length > 1) {
    root.append(el("nav", { class: "sources", "aria-label": "Sources for this event" },
      el("span", {}, `${evidence.length} reports: `),
      evidence.map((ev, i) => el("a", {
        href: `#/event/${encodeURIComponent(id)}?source=${i}`,
        "aria-current": i === chosen ? "true" : null,
      }, `source ${i + 1}`))));
  }
  const layout = el("div", { class: "evidence-layout" });
  root.append(layout);
  if (evidence.length) {
    const ev = evidence[chosen];
    layout.append(await articlePanel(ev.document, [ev]));
  } else {
    layout.append(el("p", { class: "empty" }, "No evidence sentence is stored for this event."));
  }
  const claims = event.claims ?? [];
  layout.append(el("aside", { class: "claims" },
    el("h2", {}, `Claims about it (${claims.length})`),
    claims.length ? el("ul", {}, claims.map((c) => claimItem(c, entities))) : el("p", { class: "empty" }, "None.")));
}

export async function renderDocument(root, { args, params }) {
  const [id] = args;
  const start = Number(params.get("start"));
  const end = Number(params.get("end"));
  const spans = Number.isInteger(start) && Number.isInteger(end) && end > start && params.has("start")
    ? [{ start, end }] : [];
  root.append(el("p", { class: "crumbs" }, el("a", { href: "#/documents" }, "← Articles")),
    pageTitle(spans.length ? "Evidence in its article" : "Article"));
  root.append(await articlePanel(id, spans, { focusFirst: spans.length > 0 }));
}

export async function renderDocuments(root) {
  const [{ items: docs, total }, stats] = await Promise.all([getSome("/api/documents", {}, 0, DOCS_SHOWN), get("/api/stats")]);
  root.append(pageTitle(`Articles (${total})`),
    el("p", { class: "summary" }, `The ledger holds ${stats.entities} entities, ${stats.events} events and ${stats.claims} claims, `,
      `with ${stats.contradictions} contradictions and ${stats.corroborations} corroborations.`));
  if (docs.length < total) {
    root.append(el("p", { class: "summary" }, `Showing the first ${docs.length} of ${total} articles; search finds the others by title.`));
  }
  root.append(el("table", { class: "table" },
    el("thead", {}, el("tr", {}, ["Published", "Outlet", "Title", "URL"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, docs.map((d) => el("tr", {},
      el("td", { class: "nowrap" }, d.published ?? "—"),
      el("td", {}, d.outlet ?? "—"),
      el("td", {}, el("a", { href: `#/doc/${encodeURIComponent(d.id)}` }, d.title || `Untitled article ${d.id}`)),
      el("td", {}, d.url ? externalLink(d.url) : "—"))))));
}
