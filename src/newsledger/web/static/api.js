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

/** Every item of a paged list endpoint ({items, total, limit, offset}). */
export async function getAll(path, params = {}) {
  const items = [];
  let offset = 0;
  for (;;) {
    const page = await get(path, { ...params, limit: PAGE, offset });
    const got = page.items ?? [];
    items.push(...got);
    offset += got.length;
    if (!got.length || offset >= (page.total ?? 0)) break;
  }
  return items;
}

const cache = new Map();

/** A list fetched once per page load (entities, events) for labels and lookups. */
export function cached(path) {
  if (!cache.has(path)) {
    cache.set(path, getAll(path).catch((e) => { cache.delete(path); throw e; }));
  }
  return cache.get(path);
}

/** Map from id to record of a cached list. */
export async function byId(path) {
  const items = await cached(path);
  return new Map(items.map((r) => [r.id, r]));
}
