// Timeline of events: a zoomable vis-timeline of dated events plus a plain list (keyboard- and
// screen-reader-friendly, and the only place undated events can appear). Filters go to /api/timeline.
// A large ledger is shown a page at a time: the first SHOWN matching events, then more on request;
// names come with each event and the type list from /api/event-types, so nothing fetches the whole ledger.
import { get, getSome } from "../api.js";
import { el, pageTitle } from "../dom.js";
import { dateBounds, dateText, eventTitle, quantitiesText } from "../format.js";

const SHOWN = 1000;

function filterForm(params, names, types) {
  const entityList = el("datalist", { id: "entity-names" }, [...names].sort().map((n) => el("option", { value: n })));
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

const NO_ENTITIES = new Map(); // participants carry their names (see format.eventTitle)

function itemContent(event, entities) {
  // vis-timeline renders string content as HTML, so content is always an element built from text.
  return el("span", { class: `tl-item tl-${event.type}` }, eventTitle(event, entities));
}

function timelineItem(e) {
  const [start, startEnd] = dateBounds(e.date.start);
  const endBounds = e.date.end ? dateBounds(e.date.end) : null;
  const item = { id: e.id, start, content: itemContent(e, NO_ENTITIES), className: `tl-${e.type}` };
  if (endBounds && endBounds[1] > startEnd) { item.end = endBounds[1]; item.type = "range"; }
  else item.type = "box";
  // Known only to the month or year: drawn at the period's start, dashed, with the period in the label.
  if (!item.end && e.date.start.length < 10) {
    item.className += " tl-approx";
    item.content = el("span", { class: `tl-item tl-${e.type}` }, `${e.date.start} · ${eventTitle(e, NO_ENTITIES)}`);
  }
  return item;
}

function eventItem(e) {
  return el("li", {},
    el("a", { href: `#/event/${encodeURIComponent(e.id)}`, dataset: { event: e.id } },
      el("span", { class: "date" }, dateText(e.date)), " ", eventTitle(e, NO_ENTITIES)),
    quantitiesText(e) ? el("span", { class: "muted" }, ` — ${quantitiesText(e)}`) : null,
    el("span", { class: "muted" }, ` · ${e.sources?.length ?? 0} source${e.sources?.length === 1 ? "" : "s"}`));
}

/** A list section that grows as pages load; its heading counts what is shown. */
function eventList(title) {
  const heading = el("h2", {});
  const ol = el("ol", {});
  const none = el("p", { class: "empty" }, "None.");
  const section = el("section", { class: "event-list" }, heading, ol, none);
  let count = 0;
  return {
    section,
    add(rows) {
      count += rows.length;
      ol.append(...rows.map(eventItem));
      heading.textContent = `${title} (${count})`;
      ol.hidden = !count;
      none.hidden = count > 0;
      return ol.children[count - rows.length] ?? null;
    },
  };
}

/** Open on where most events are: one long or stray event should not squash the rest. */
function showMostEvents(timeline, items) {
  const starts = items.get().map((i) => i.start.getTime()).sort((a, b) => a - b);
  const lo = starts[Math.floor(starts.length * 0.1)];
  const hi = starts[Math.ceil(starts.length * 0.9) - 1];
  const pad = Math.max((hi - lo) * 0.08, 1000 * 60 * 60 * 24 * 20);
  timeline.setWindow(new Date(lo - pad), new Date(hi + pad), { animation: false });
}

const isDated = (e) => Boolean(e.date && dateBounds(e.date.start));

export async function renderTimeline(root, { params }) {
  const filters = Object.fromEntries(["entity", "type", "since", "until"].map((k) => [k, params.get(k)]));
  // `per` (events per page) lets a link ask for smaller or larger pages than SHOWN.
  const per = Math.min(Math.max(Number.parseInt(params.get("per") ?? "", 10) || SHOWN, 1), 5000);
  const [typeCounts, first] = await Promise.all([
    get("/api/event-types").then((r) => r.types ?? {}), getSome("/api/timeline", filters, 0, per)]);
  const total = first.total;
  const names = new Set(first.items.flatMap((e) => (e.participants ?? []).map((p) => p.name).filter(Boolean)));
  root.append(pageTitle("Timeline of events"), filterForm(params, names, Object.keys(typeCounts).sort()));

  const summary = el("p", { class: "summary", id: "timeline-summary", "aria-live": "polite" });
  const more = el("button", { type: "button", class: "load-more", id: "timeline-more" });
  const box = el("div", { class: "timeline", id: "timeline", "aria-label": "Zoomable timeline (scroll to zoom, drag to move)" });
  const datedList = eventList("Dated events");
  const undatedList = eventList("Undated events");
  root.append(summary, more, box, datedList.section, undatedList.section);

  let shown = 0;
  let datedCount = 0;
  let timeline = null;
  let items = null;
  function show(events) {
    const dated = events.filter(isDated);
    const undated = events.filter((e) => !isDated(e));
    shown += events.length;
    datedCount += dated.length;
    if (items) items.add(dated.map(timelineItem));
    const firstNew = datedList.add(dated);
    undatedList.add(undated);
    const counts = `${datedCount} dated, ${shown - datedCount} undated`;
    summary.textContent = shown < total
      ? `Showing ${shown.toLocaleString("en")} of ${total.toLocaleString("en")} events (${counts}) — narrow the filters, or load more. Click an event to read its evidence.`
      : `${total.toLocaleString("en")} events: ${counts}. Click an event to read its evidence.`;
    more.hidden = shown >= total;
    more.textContent = `Load ${Math.min(per, total - shown).toLocaleString("en")} more`;
    return firstNew;
  }
  show(first.items);

  const dated = first.items.filter(isDated);
  if (dated.length && window.vis?.Timeline) {
    items = new window.vis.DataSet(dated.map(timelineItem));
    timeline = new window.vis.Timeline(box, items, {
      stack: true, zoomMin: 1000 * 60 * 60 * 24 * 3, orientation: { axis: "top" },
      margin: { item: 6 }, maxHeight: "460px", verticalScroll: true, selectable: true, showCurrentTime: false,
      dataAttributes: ["id"],
    });
    showMostEvents(timeline, items);
    timeline.on("select", ({ items: chosen }) => {
      if (chosen.length) window.location.hash = `#/event/${encodeURIComponent(chosen[0])}`;
    });
  } else {
    box.append(el("p", { class: "empty" }, dated.length ? "The timeline library did not load." : "No dated events match."));
  }

  more.addEventListener("click", async () => {
    more.disabled = true;
    more.setAttribute("aria-busy", "true");
    try {
      const next = await getSome("/api/timeline", filters, shown, per);
      const firstNew = show(next.items);
      if (timeline) showMostEvents(timeline, items); // the window now spans what is loaded
      // Keyboard users continue where the new rows start, not back at the top of the list.
      firstNew?.querySelector("a")?.focus();
    } catch (err) {
      summary.textContent = `Could not load more: ${err.message ?? err}`;
    } finally {
      more.disabled = false;
      more.removeAttribute("aria-busy");
    }
  });
  return () => timeline?.destroy();
}
