// Calls to newsledger's REST API (same origin). Errors arrive as {"error": {status, code, message}}.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function url(path, params = {}) {
  const u = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") u.searchParams.set(key, value);
  }
  return u.pathname + u.search;
}

/** GET a JSON endpoint; throws ApiError with the server's message when it answers with an error. */
export async function get(path, params = {}) {
  const response = await fetch(url(path, params), { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const err = body && body.error ? body.error : {};
    throw new ApiError(response.status, err.code ?? "http_error", err.message ?? `HTTP ${response.status}`);
  }
  return body;
}

const PAGE = 500;

/** Up to `count` items of a paged list endpoint from `offset`, plus its total (requests of PAGE items). */
export async function getSome(path, params = {}, offset = 0, count = 1000) {
  const items = [];
  let total = 0;
  for (;;) {
    const page = await get(path, { ...params, limit: Math.min(PAGE, count - items.length), offset: offset + items.length });
    const got = page.items ?? [];
    items.push(...got);
    total = page.total ?? 0;
    if (!got.length || items.length >= count || offset + items.length >= total) break;
  }
  return { items, total };
}

const LABEL_BATCH = 200;

/** Map from entity id to {id, name, type} for just these ids (from /api/labels, in small batches). */
export async function labels(ids) {
  const wanted = [...new Set([...ids].filter(Boolean))];
  const out = new Map();
  for (let i = 0; i < wanted.length; i += LABEL_BATCH) {
    const page = await get("/api/labels", { ids: wanted.slice(i, i + LABEL_BATCH).join(",") });
    for (const item of page.items ?? []) out.set(item.id, item);
  }
  return out;
}

const EVENTS_OF_ONE = 2000;
const eventsCache = new Map();

/** Map from id to event record for the events involving one entity (the first EVENTS_OF_ONE), fetched
 * when a view focuses that entity instead of every event of the ledger up front. */
export function eventsInvolving(entityId) {
  if (!eventsCache.has(entityId)) {
    const found = getSome("/api/events", { entity: entityId }, 0, EVENTS_OF_ONE)
      .then(({ items }) => new Map(items.map((e) => [e.id, e])))
      .catch((e) => { eventsCache.delete(entityId); throw e; });
    eventsCache.set(entityId, found);
  }
  return eventsCache.get(entityId);
}
