// DOM helpers. Article text is untrusted: everything here inserts data as text nodes,
// never as HTML, and only http(s) URLs become links.

/** Create an element; `attrs` sets properties/attributes, children are nodes or strings (as text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "href") node.setAttribute("href", safeHref(value));
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

/** Append children (nodes, strings, arrays, null) to a node. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** Internal hash routes pass; anything else must be an http(s) URL, or it becomes "#". */
function safeHref(value) {
  const s = String(value);
  if (s.startsWith("#")) return s;
  return httpUrl(s) ?? "#";
}

/** The URL if its scheme is http or https, else null. */
export function httpUrl(value) {
  if (typeof value !== "string" || !value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** An outbound link for an http(s) URL; any other value is shown as plain text. */
export function externalLink(url, label) {
  const href = httpUrl(url);
  if (!href) return el("span", { class: "url-text", text: label ?? url ?? "" });
  return el("a", { href, rel: "noopener noreferrer", target: "_blank", class: "external" }, label ?? href);
}

/** Slice by Unicode code points: the ledger's offsets are Python string offsets, not UTF-16 units. */
export function codePointSlice(chars, start, end) {
  return chars.slice(start, end).join("");
}

/** Text with spans [start, end) (code-point offsets into `chars`) wrapped in <mark>. */
export function markedText(chars, spans, { from = 0, to = chars.length } = {}) {
  const frag = document.createDocumentFragment();
  const sorted = spans
    .filter((s) => s.end > from && s.start < to)
    .sort((a, b) => a.start - b.start);
  let pos = from;
  for (const span of sorted) {
    const start = Math.max(span.start, pos);
    const end = Math.min(span.end, to);
    if (end <= start) continue;
    if (start > pos) frag.appendChild(document.createTextNode(codePointSlice(chars, pos, start)));
    const mark = document.createElement("mark");
    if (span.className) mark.className = span.className;
    if (span.id) mark.id = span.id;
    // Trailing blank lines stay inside the mark (its text equals the evidence) but are not painted.
    const text = codePointSlice(chars, start, end);
    const body = text.replace(/\s+$/u, "");
    mark.appendChild(document.createTextNode(body));
    if (body.length < text.length) {
      mark.appendChild(el("span", { class: "mark-trail" }, text.slice(body.length)));
    }
    frag.appendChild(mark);
    pos = end;
  }
  if (pos < to) frag.appendChild(document.createTextNode(codePointSlice(chars, pos, to)));
  return frag;
}

/** A heading that takes focus after navigation so keyboard and screen-reader users land on it. */
export function pageTitle(text, level = "h1") {
  return el(level, { tabindex: "-1", class: "page-title" }, text);
}

export function definitionList(pairs) {
  const dl = el("dl", { class: "facts" });
  for (const [term, value] of pairs) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) continue;
    dl.appendChild(el("dt", {}, term));
    dl.appendChild(el("dd", {}, value));
  }
  return dl;
}
