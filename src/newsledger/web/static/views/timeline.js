// Timeline of events: a zoomable vis-timeline of dated events plus a plain list (keyboard- and
// screen-reader-friendly, and the only place undated events can appear). Filters go to /api/timeline.
import { byId, cached, getAll } from "../api.js";
import { el, pageTitle } from "../dom.js";
import { dateBounds, dateText, eventTitle, quantitiesText } from "../format.js";

function filterForm(params, entities, types) {
  const entityList = el("datalist", { id: "entity-names" },
    [...new Set([...entities.values()].map((e) => e.name))].sort().map((n) => el("option", { value: n })));
  const typeSelect = el("select", { id: "f-type", name: "type" },
    el("option", { value: "" }, "any type"),
    types.map((t) => el("option", { value: t, selected: params.get("type") === t }, t)));
  const form = el("form", { class: "filters", "aria-label": "Filter events" },
    el("label", { for: "f-entity" }, "Entity"),
    el("input", { id: "f-entity", name: "entity", list: "entity-names", value: params.get("entity") ?? "", placeholder: "name or alias" }),
    entityList,
    el("label", { for: "f-type" }, "Type"), typeSelect,
    el("label", { for: "f-since" }, "From"),
    el("input", { id: "f-since", name: "since", value: params.get("since") ?? "", placeholder: "YYYY[-MM[-DD]]", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: "11" }),
    el("label", { for: "f-until" }, "To"),
    el("input", { id: "f-until", name: "until", value: params.get("until") ?? "", placeholder: "YYYY[-MM[-DD]]", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: "11" }),
    el("button", { type: "submit" }, "Apply"),
    el("a", { href: "#/timeline", class: "reset" }, "Clear"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const key of ["entity", "type", "since", "until"]) {
      const v = form.elements[key].value.trim();
      if (v) q.set(key, v);
    }
    window.location.hash = `#/timeline${q.toString() ? `?${q}` : ""}`;
  });
  return form;
}

function itemContent(event, entities) {
  // vis-timeline renders string content as HTML, so content is always an element built from text.
  return el("span", { class: `tl-item tl-${event.type}` }, eventTitle(event, entities));
}

export async function renderTimeline(root, { params }) {
  const filters = Object.fromEntries(["entity", "type", "since", "until"].map((k) => [k, params.get(k)]));
  const [entities, allEvents] = await Promise.all([byId("/api/entities"), cached("/api/events")]);
  const types = [...new Set(allEvents.map((e) => e.type))].sort();
  root.append(pageTitle("Timeline of events"), filterForm(params, entities, types));
  const events = await getAll("/api/timeline", filters);
  const dated = events.filter((e) => e.date && dateBounds(e.date.start));
  const undated = events.filter((e) => !dated.includes(e));
  root.append(el("p", { class: "summary" },
    `${events.length} events: ${dated.length} dated, ${undated.length} undated. Click an event to read its evidence.`));

  const box = el("div", { class: "timeline", id: "timeline", "aria-label": "Zoomable timeline (scroll to zoom, drag to move)" });
  root.append(box);
  let timeline = null;
  if (dated.length && window.vis?.Timeline) {
    const items = dated.map((e) => {
      const [start, startEnd] = dateBounds(e.date.start);
      const endBounds = e.date.end ? dateBounds(e.date.end) : null;
      const item = { id: e.id, start, content: itemContent(e, entities), className: `tl-${e.type}` };
      if (endBounds && endBounds[1] > startEnd) { item.end = endBounds[1]; item.type = "range"; }
      else item.type = "box";
      // Known only to the month or year: drawn at the period's start, dashed, with the period in the label.
      if (!item.end && e.date.start.length < 10) {
        item.className += " tl-approx";
        item.content = el("span", { class: `tl-item tl-${e.type}` }, `${e.date.start} · ${eventTitle(e, entities)}`);
      }
      return item;
    });
    timeline = new window.vis.Timeline(box, new window.vis.DataSet(items), {
      stack: true, zoomMin: 1000 * 60 * 60 * 24 * 3, orientation: { axis: "top" },
      margin: { item: 6 }, maxHeight: "460px", verticalScroll: true, selectable: true, showCurrentTime: false,
      dataAttributes: ["id"],
    });
    // Open on where most events are: one long or stray event should not squash the rest.
    const starts = items.map((i) => i.start.getTime()).sort((a, b) => a - b);
    const lo = starts[Math.floor(starts.length * 0.1)];
    const hi = starts[Math.ceil(starts.length * 0.9) - 1];
    const pad = Math.max((hi - lo) * 0.08, 1000 * 60 * 60 * 24 * 20);
    timeline.setWindow(new Date(lo - pad), new Date(hi + pad), { animation: false });
    timeline.on("select", ({ items: chosen }) => {
      if (chosen.length) window.location.hash = `#/event/${encodeURIComponent(chosen[0])}`;
    });
  } else {
    box.append(el("p", { class: "empty" }, dated.length ? "The timeline library did not load." : "No dated events match."));
  }

  const list = (title, rows) => el("section", { class: "event-list" },
    el("h2", {}, `${title} (${rows.length})`),
    rows.length ? el("ol", {}, rows.map((e) => el("li", {},
      el("a", { href: `#/event/${encodeURIComponent(e.id)}`, dataset: { event: e.id } },
        el("span", { class: "date" }, dateText(e.date)), " ", eventTitle(e, entities)),
      quantitiesText(e) ? el("span", { class: "muted" }, ` — ${quantitiesText(e)}`) : null,
      el("span", { class: "muted" }, ` · ${e.sources?.length ?? 0} source${e.sources?.length === 1 ? "" : "s"}`)))) :
      el("p", { class: "empty" }, "None."));
  root.append(list("Dated events", dated), list("Undated events", undated));
  return () => timeline?.destroy();
}
