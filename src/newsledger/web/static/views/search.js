// Search results from /api/search: entities by name or alias, events and claims by evidence text,
// articles by title.
import { get, labels } from "../api.js";
import { el, pageTitle } from "../dom.js";
import { dateText, entityLink, evidenceHref, eventTitle, stanceText } from "../format.js";

function section(title, total, items, render) {
  return el("section", { class: "results" },
    el("h2", {}, `${title} (${total ?? items.length})`),
    items.length ? el("ul", {}, items.map((item) => el("li", {}, render(item)))) : el("p", { class: "empty" }, "No match."));
}

export async function renderSearch(root, { params }) {
  const q = (params.get("q") ?? "").trim();
  const input = document.getElementById("search-q");
  if (input && input.value !== q) input.value = q;
  root.append(pageTitle(q ? `Search: ${q}` : "Search"));
  if (!q) {
    root.append(el("p", {}, "Type a name, a place or a phrase in the search box."));
    return;
  }
  const found = await get("/api/search", { q, limit: 50 });
  // Entities found carry their names; claimants and relays of the claims found are looked up.
  const entities = await labels((found.claims ?? []).flatMap((c) => [c.claimant, ...(c.via ?? [])]));
  for (const e of found.entities ?? []) entities.set(e.id, e);
  const totals = found.totals ?? {};
  root.append(
    section("Entities", totals.entities, found.entities ?? [], (e) => [
      entityLink(entities, e.id) ?? e.name, el("span", { class: "muted" }, ` ${e.type}`),
      e.aliases?.length ? el("span", { class: "muted" }, ` · also ${e.aliases.join(", ")}`) : null]),
    section("Events", totals.events, found.events ?? [], (e) => [
      el("a", { href: `#/event/${encodeURIComponent(e.id)}` }, el("span", { class: "date" }, dateText(e.date)), " ", eventTitle(e, entities)),
      e.evidence?.[0] ? el("q", { class: "sentence muted" }, (e.evidence[0].text ?? "").trim()) : null]),
    section("Claims", totals.claims, found.claims ?? [], (c) => [
      el("span", { class: "stance" }, stanceText(c)), " ",
      c.claimant ? entityLink(entities, c.claimant) : "the outlet", ": ",
      el("a", { href: evidenceHref(c.evidence) }, `“${c.text}”`)]),
    section("Articles", totals.documents, found.documents ?? [], (d) => [
      el("a", { href: `#/doc/${encodeURIComponent(d.id)}` }, d.title || d.id),
      el("span", { class: "muted" }, ` ${d.outlet ?? ""} ${d.published ?? ""}`)]),
  );
}
