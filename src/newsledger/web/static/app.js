// The single-page app: hash routes → views. Each view renders into <main> and may return a
// cleanup function (to destroy a timeline, map or graph) that runs before the next route.
import { clear, el } from "./dom.js";
import { errorBox } from "./format.js";
import { renderTimeline } from "./views/timeline.js";
import { renderNetwork } from "./views/network.js";
import { renderMap } from "./views/map.js";
import { renderBoard } from "./views/board.js";
import { renderEvent, renderDocument, renderDocuments } from "./views/evidence.js";
import { renderEntity } from "./views/entity.js";
import { renderSearch } from "./views/search.js";

const main = document.getElementById("main");
let cleanup = null;
let routeCount = 0;

const ROUTES = [
  [/^\/?$/, () => renderTimeline],
  [/^\/timeline$/, () => renderTimeline],
  [/^\/network$/, () => renderNetwork],
  [/^\/map$/, () => renderMap],
  [/^\/board$/, () => renderBoard],
  [/^\/documents$/, () => renderDocuments],
  [/^\/event\/([^/]+)$/, () => renderEvent],
  [/^\/doc\/([^/]+)$/, () => renderDocument],
  [/^\/entity\/([^/]+)$/, () => renderEntity],
  [/^\/search$/, () => renderSearch],
];

function parseHash() {
  const raw = window.location.hash.replace(/^#/, "");
  const [path, query = ""] = raw.split("?");
  return { path: path || "/", params: new URLSearchParams(query) };
}

async function route() {
  const { path, params } = parseHash();
  const current = ++routeCount;
  if (cleanup) {
    try { cleanup(); } catch (e) { console.warn("cleanup failed", e); }
    cleanup = null;
  }
  clear(main);
  const view = path.split("/")[1] || "timeline";
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const match = ROUTES.find(([re]) => re.test(path));
  if (!match) {
    main.appendChild(el("h1", { tabindex: "-1", class: "page-title" }, "Not found"));
    main.appendChild(el("p", {}, "There is no such page. ", el("a", { href: "#/timeline" }, "Back to the timeline")));
    return;
  }
  const args = path.match(match[0]).slice(1).map(decodeURIComponent);
  const render = match[1]();
  const root = el("div", { class: `view view-${view}` });
  main.appendChild(root);
  main.setAttribute("aria-busy", "true");
  try {
    const result = await render(root, { args, params, isCurrent: () => current === routeCount });
    if (current !== routeCount) {
      if (typeof result === "function") result();
      return;
    }
    cleanup = typeof result === "function" ? result : null;
    const heading = root.querySelector(".page-title");
    if (heading && document.activeElement?.id !== "search-q") heading.focus({ preventScroll: true });
  } catch (err) {
    if (!(err && err.status >= 400 && err.status < 500)) console.warn(err); // 4xx: said on the page
    if (current === routeCount) root.appendChild(errorBox(err));
  } finally {
    if (current === routeCount) {
      main.setAttribute("aria-busy", "false");
      document.body.dataset.route = path;
      document.body.dataset.ready = String(current);
    }
  }
}

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = document.getElementById("search-q").value.trim();
  if (q) window.location.hash = `#/search?q=${encodeURIComponent(q)}`;
});

window.addEventListener("hashchange", route);
route();
