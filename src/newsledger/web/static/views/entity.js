// Entity page: what the ledger knows about one resolved entity, and why its names were merged.
import { get, getSome, labels } from "../api.js";
import { definitionList, el, markedText, pageTitle } from "../dom.js";
import { dateText, entityName, evidenceHref, eventTitle } from "../format.js";

const EVENTS_SHOWN = 500;

function mentionItem(m) {
  const sentence = m.sentence ?? { start: m.start, end: m.end, text: m.text };
  const chars = Array.from(sentence.text ?? "");
  const quote = el("q", { class: "sentence" });
  // Offsets in the sentence are relative to the document; shift them into the sentence.
  let to = chars.length;
  while (to > 0 && /\s/.test(chars[to - 1])) to -= 1; // stored sentences keep their trailing newlines
  quote.appendChild(markedText(chars, [{ start: m.start - sentence.start, end: m.end - sentence.start }], { to }));
  return el("li", {}, quote, " ",
    el("a", { href: evidenceHref({ document: m.document, start: m.start, end: m.end }), class: "muted" }, "in context"));
}

function linkRow(link, entities, selfRows) {
  const other = selfRows.has(link.a) ? link.b : link.a;
  const score = typeof link.score === "number" ? link.score.toFixed(2) : link.score ?? "";
  return el("tr", {},
    el("td", {}, entityName(entities, other) || other),
    el("td", {}, link.verdict ?? ""),
    el("td", {}, String(score)),
    el("td", {}, link.reason ?? ""),
    el("td", {}, link.origin ?? ""));
}

export async function renderEntity(root, { args }) {
  const [id] = args;
  const entity = await get(`/api/entities/${encodeURIComponent(id)}`);
  const selfRows = new Set([entity.id, ...(entity.rows ?? [])]);
  const others = (entity.links ?? []).map((l) => (selfRows.has(l.a) ? l.b : l.a));
  // Only this entity's events (the first EVENTS_SHOWN) and the names of the records linked to it.
  const [entities, involved] = await Promise.all([
    labels(others), getSome("/api/events", { entity: entity.id }, 0, EVENTS_SHOWN)]);
  const coords = entity.lat !== null && entity.lat !== undefined ? `${entity.lat.toFixed(3)}, ${entity.lon.toFixed(3)}` : null;
  root.append(
    el("p", { class: "crumbs" }, el("a", { href: "#/network" }, "← Network")),
    pageTitle(entity.name),
    definitionList([
      ["Type", entity.type],
      ["Also written", (entity.aliases ?? []).join(", ")],
      ["Country", entity.country],
      ["Coordinates", coords],
      ["Wikidata", entity.wikidata],
      ["Mentions", String(Array.isArray(entity.mentions) ? entity.mentions.length : entity.mentions ?? 0)],
    ]));

  const links = entity.links ?? [];
  root.append(el("section", {}, el("h2", {}, `Merge decisions (${links.length})`),
    links.length ? el("table", { class: "table" },
      el("thead", {}, el("tr", {}, ["Other record", "Verdict", "Score", "Reason", "By"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, links.map((l) => linkRow(l, entities, selfRows))))
      : el("p", { class: "empty" }, "No other record was linked to this one.")));

  const evs = involved.items;
  const heading = evs.length < involved.total ? `Events (first ${evs.length} of ${involved.total})` : `Events (${evs.length})`;
  root.append(el("section", {}, el("h2", {}, heading),
    evs.length ? el("ul", { class: "event-list" }, evs.map((e) => el("li", {},
      el("a", { href: `#/event/${encodeURIComponent(e.id)}` }, el("span", { class: "date" }, dateText(e.date)), " ", eventTitle(e, entities)))))
      : el("p", { class: "empty" }, "None.")));

  const mentions = Array.isArray(entity.mentions) ? entity.mentions : [];
  root.append(el("section", {}, el("h2", {}, `Mentions (${mentions.length})`),
    mentions.length ? el("ul", { class: "mentions" }, mentions.slice(0, 200).map(mentionItem)) : el("p", { class: "empty" }, "None.")));
}
