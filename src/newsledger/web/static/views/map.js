// Map of geocoded places and the events located at them, drawn on the bundled world basemap
// (world-atlas TopoJSON → GeoJSON); no tile server, so it works offline.
import { eventsInvolving, get } from "../api.js";
import { clear, el, pageTitle } from "../dom.js";
import { dateText, eventTitle } from "../format.js";

let worldPromise = null;

/** The countries-110m basemap as GeoJSON, fetched once from our own server. */
function world() {
  if (!worldPromise) {
    worldPromise = fetch("/vendor/world-atlas/countries-110m.json")
      .then((r) => { if (!r.ok) throw new Error(`basemap: HTTP ${r.status}`); return r.json(); })
      .then((topo) => unwrapAntimeridian(window.topojson.feature(topo, topo.objects.countries)))
      .catch((e) => { worldPromise = null; throw e; });
  }
  return worldPromise;
}

const ANTARCTICA = "010"; // ISO 3166 numeric id; its ring runs along the map's edge and adds nothing here

/** Make rings that cross ±180° continuous (Leaflet would draw a line across the whole map). */
function unwrapAntimeridian(collection) {
  const unwrap = (ring) => {
    let shift = 0;
    return ring.map(([lon, lat], i) => {
      if (i) {
        const prev = ring[i - 1][0];
        if (lon - prev > 180) shift -= 360;
        else if (prev - lon > 180) shift += 360;
      }
      return [lon + shift, lat];
    });
  };
  const features = collection.features.filter((f) => f.id !== ANTARCTICA).map((f) => {
    const g = f.geometry;
    if (!g) return f;
    const coordinates = g.type === "Polygon" ? g.coordinates.map(unwrap)
      : g.type === "MultiPolygon" ? g.coordinates.map((poly) => poly.map(unwrap)) : g.coordinates;
    return { ...f, geometry: { ...g, coordinates } };
  });
  return { ...collection, features };
}

export async function renderMap(root) {
  const [data, basemap] = await Promise.all([get("/api/map"), world()]);
  const entities = new Map(); // event participants carry their names (format.eventTitle)
  const places = data.places ?? [];
  const withEvents = places.filter((p) => p.events?.length);
  root.append(pageTitle("Where it happened"),
    el("p", { class: "summary" }, `${places.length} geocoded places, ${withEvents.length} with located events (${(data.events ?? []).length} events). Circle size shows how many events happened there; grey circles are places mentioned without a located event.`));
  const layout = el("div", { class: "map-layout" });
  const box = el("div", { class: "map", id: "map", role: "region", "aria-label": "Map of places; the list beside it has the same places" });
  const panel = el("aside", { class: "panel", id: "map-panel", "aria-live": "polite" });
  layout.append(box, panel);
  root.append(layout);

  const L = window.L;
  const map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 10, attributionControl: false, zoomSnap: 0.5 });
  // A view must exist before layers are added (Leaflet clips paths against the current bounds).
  const pts = places.filter((p) => p.events?.length).map((p) => [p.lat, p.lon]);
  if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.4), { maxZoom: 5 });
  else if (places.length) map.fitBounds(L.latLngBounds(places.map((p) => [p.lat, p.lon])).pad(0.2), { maxZoom: 5 });
  else map.setView([20, 0], 1.5);
  L.geoJSON(basemap, { style: { color: "#8c959f", weight: 0.6, fillColor: "#eaeef2", fillOpacity: 1 }, interactive: false }).addTo(map);
  const markers = new Map();
  for (const p of [...places].sort((a, b) => a.events.length - b.events.length)) {
    const n = p.events?.length ?? 0;
    const marker = L.circleMarker([p.lat, p.lon], {
      radius: n ? 6 + 4 * Math.sqrt(n) : 4,
      color: n ? "#9a3412" : "#6e7781", weight: 1.5,
      fillColor: n ? "#f97316" : "#afb8c1", fillOpacity: n ? 0.75 : 0.6,
      className: n ? "place-marker has-events" : "place-marker",
    });
    marker.bindTooltip(el("span", {}, `${p.name} (${n} event${n === 1 ? "" : "s"})`));
    marker.on("click", () => showPlace(p));
    marker.addTo(map);
    markers.set(p.id, marker);
  }

  function showOverview() {
    clear(panel);
    panel.append(el("h2", {}, "Places"), el("ul", { class: "node-list" }, places.map((p) => el("li", {},
      el("button", { type: "button", class: "linklike", onclick: () => showPlace(p, true) }, p.name),
      el("span", { class: "muted" }, ` ${p.type}, ${p.events?.length ?? 0} events`)))));
  }

  let showing = 0; // a later click wins over an earlier one whose events arrive late
  async function showPlace(p, fly = false) {
    const mine = ++showing;
    if (fly) map.setView([p.lat, p.lon], Math.max(map.getZoom(), 4));
    markers.get(p.id)?.openTooltip();
    // Events located here involve the place, so only the place's events are fetched.
    let events = new Map();
    try {
      if (p.events?.length) events = await eventsInvolving(p.id);
    } catch {
      // Shown without titles below (by id) rather than not at all.
    }
    if (mine !== showing) return;
    clear(panel);
    const evs = (p.events ?? []).map((id) => events.get(id) ?? { id, type: id, date: null });
    panel.append(
      el("h2", { id: "place-title", tabindex: "-1" }, p.name),
      el("p", {}, el("a", { href: `#/entity/${encodeURIComponent(p.id)}` }, `Open the ${p.type} page`), " · ",
        el("button", { type: "button", class: "linklike", onclick: showOverview }, "All places")),
      evs.length ? el("ul", { class: "event-list" }, evs.map((e) => el("li", {},
        el("a", { href: `#/event/${encodeURIComponent(e.id)}` }, el("span", { class: "date" }, dateText(e.date)), " ", eventTitle(e, entities)))))
        : el("p", { class: "empty" }, "No event is located here."));
    panel.querySelector("#place-title").focus({ preventScroll: true });
  }

  showOverview();
  window.__newsledgerMap = map; // lets the browser tests inspect the map
  return () => { map.remove(); delete window.__newsledgerMap; };
}
