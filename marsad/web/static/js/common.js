/* marsad web UI: helpers every page uses.
 *
 * SECURITY: article text, titles, urls, actor names... everything that comes from
 * the API is untrusted (anyone can publish an article). It reaches the page only
 * as text: `el` builds elements and sets data with textContent / setAttribute,
 * refuses event-handler attributes, and passes every href through `safeHref`,
 * which keeps only http(s) and same-site links. Highlighting slices the text
 * into text nodes and <mark> elements. No code here or in the page scripts
 * uses a DOM sink that parses a string as HTML (tests/test_web_ui.py checks).
 */
"use strict";

const M = (() => {
  // ACLED event types: colour on the map and timeline, Arabic name beside the English one
  const TYPES = {
    "Battles": { ar: "معارك", color: "#c0392b" },
    "Explosions/Remote violence": { ar: "انفجارات / عنف عن بعد", color: "#e67e22" },
    "Violence against civilians": { ar: "عنف ضد المدنيين", color: "#8e44ad" },
    "Protests": { ar: "احتجاجات", color: "#2980b9" },
    "Riots": { ar: "أعمال شغب", color: "#16a085" },
    "Strategic developments": { ar: "تطورات استراتيجية", color: "#7f8c8d" },
  };
  const OTHER_TYPE = { ar: "أخرى", color: "#555555" };

  // mention kinds found in an article (marsad.model.Mention.kind)
  const KINDS = {
    actor: "فاعل", place: "مكان", date: "تاريخ", number: "عدد",
    person: "شخص", outlet: "وسيلة إعلام", trigger: "فعل الحدث",
  };

  const RESPONSIBILITY = {
    claimed: "تبنٍّ", attributed: "منسوب", suspected: "مشتبه به", denied: "نفي", unknown: "غير معروف",
  };

  // event fields as the API names them (ACLED names): English and Arabic labels
  const FIELDS = {
    event_type: ["Event type", "نوع الحدث"],
    sub_event_type: ["Sub-type", "النوع الفرعي"],
    event_date: ["Date", "التاريخ"],
    location: ["Place", "المكان"],
    admin1: ["Region", "المنطقة"],
    country_code: ["Country", "البلد"],
    actor1: ["Actor 1", "الطرف الأول"],
    actor2: ["Actor 2", "الطرف الثاني"],
    responsibility: ["Responsibility", "المسؤولية"],
    fatalities: ["Fatalities", "القتلى"],
    fatalities_high: ["Fatalities (high)", "القتلى (الحد الأعلى)"],
    injuries: ["Injuries", "الجرحى"],
  };

  const PRECISION = { 1: "day", 2: "week", 3: "month", 4: "year" };

  function typeInfo(type) {
    return TYPES[type] || OTHER_TYPE;
  }

  /** An href that is safe to follow: same-site paths and http(s) urls only
   * (no javascript:, data:, vbscript: ...); null otherwise. */
  function safeHref(value) {
    if (value === null || value === undefined || value === "") return null;
    let url;
    try {
      url = new URL(String(value), window.location.origin);
    } catch (e) {
      return null;
    }
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  }

  // Bidi controls (embeddings, overrides, isolates, marks) in a stored string
  // would reorder the text after it: "U+202E" in an outlet prints the date
  // and the URL backwards. Such a string is isolated in a <bdi>.
  const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

  function textNode(value) {
    const text = String(value);
    if (!BIDI_CONTROLS.test(text)) return document.createTextNode(text);
    const isolated = document.createElement("bdi");
    isolated.textContent = text;
    return isolated;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : textNode(child));
    }
    return node;
  }

  const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href"]);

  /** Build an element. props: attributes (set with setAttribute, values as
   * text), plus `text` (textContent), `on` ({event: handler}). `href` and
   * the other url attributes go through safeHref (unsafe: no attribute at
   * all). Event-handler attributes (on...) and style strings are refused.
   * Children: nodes or strings (strings become text nodes). */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.replaceChildren(textNode(value));
      else if (key === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
      else if (/^on/i.test(key) || key === "style" || key === "srcdoc") throw new Error("refused attribute " + key);
      else if (URL_ATTRIBUTES.has(key)) {
        const href = safeHref(value);
        if (href) node.setAttribute(key, href);
      } else node.setAttribute(key, value === true ? "" : String(value));
    }
    return append(node, children);
  }

  /** Arabic text node container: right to left, lang ar. */
  function ar(tag, text, props) {
    return el(tag, Object.assign({ lang: "ar", dir: "rtl", class: "ar" }, props || {}), text);
  }

  /** An English label with its Arabic name beside it. */
  function bi(en, arabic) {
    return el("span", { class: "bi" }, en, " ", el("span", { lang: "ar", dir: "rtl", class: "ar" }, arabic));
  }

  /** node.append, except that null/undefined/false children are skipped
   * (the DOM's append would write "null"). */
  function add(node, ...children) {
    return append(node, children);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  const paths = {
    event: (id) => "/events/" + encodeURIComponent(id),
    doc: (id) => "/docs/" + encodeURIComponent(id),
    actor: (id) => "/actors/" + encodeURIComponent(id),
    dashboard: (params) => "/" + (params ? "?" + new URLSearchParams(params).toString() : ""),
  };

  /** The id at the end of this page's path (/events/ID, /docs/ID ...). A
   * malformed % escape is kept as written, so that the page asks for it and
   * shows the API's "no such ..." instead of stopping blank. */
  function idFromPath(prefix) {
    const path = window.location.pathname;
    if (!path.startsWith(prefix)) return "";
    try {
      return decodeURIComponent(path.slice(prefix.length));
    } catch (e) {
      if (e instanceof URIError) return path.slice(prefix.length);
      throw e;
    }
  }

  /** GET a JSON API answer; errors carry the API's `error` message. */
  async function api(path, params) {
    const query = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined)) : null;
    const url = path + (query && query.toString() ? "?" + query.toString() : "");
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const said = body && (body.error || body.detail);
      const detail = said ? (typeof said === "string" ? said : JSON.stringify(said)) : response.statusText;
      const error = new Error(detail + " (HTTP " + response.status + ")");
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function showError(container, error) {
    container.append(el("p", { class: "error", role: "alert" }, String(error && error.message ? error.message : error)));
  }

  // --- offsets -----------------------------------------------------------
  // The API's offsets count Unicode code points (Python); JavaScript strings
  // count UTF-16 units. They differ after any character outside the BMP
  // (emoji), so offsets are converted before slicing.
  function unitOffsets(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return null;
    const units = [];
    let u = 0;
    for (const ch of text) {
      units.push(u);
      u += ch.length;
    }
    units.push(u);
    return units;
  }

  /** Slice `text` (clean text or a part of it starting at code point `base`)
   * into text nodes and marks for `spans` ({start, end, ...} in code points of
   * the whole document). Overlapping spans: the earlier (then longer) wins.
   * `makeMark(span, slice)` returns the node for one span. */
  function highlight(text, spans, makeMark, base) {
    const offset = base || 0;
    const units = unitOffsets(text);
    const count = units ? units.length - 1 : text.length;
    const toUnit = (cp) => (units ? units[cp] : cp);
    const frag = document.createDocumentFragment();
    const local = spans
      .map((s) => ({ span: s, start: Math.max(0, s.start - offset), end: Math.min(count, s.end - offset) }))
      .filter((s) => s.end > s.start)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    let at = 0;
    for (const s of local) {
      if (s.start < at) continue;
      if (s.start > at) frag.append(document.createTextNode(text.slice(toUnit(at), toUnit(s.start))));
      frag.append(makeMark(s.span, text.slice(toUnit(s.start), toUnit(s.end))));
      at = s.end;
    }
    if (at < count) frag.append(document.createTextNode(text.slice(toUnit(at))));
    return frag;
  }

  /** The link a mention leads to: actors to their page, places to the map. */
  function mentionHref(m) {
    const v = m.value || {};
    if (m.kind === "actor" && (v.actor_id || v.name)) return paths.actor(v.actor_id || v.name);
    if (m.kind === "place" && typeof v.lat === "number" && typeof v.lon === "number") {
      return paths.dashboard({ center: v.lat + "," + v.lon, zoom: v.kind === "country" ? 5 : 8 });
    }
    return null;
  }

  function mentionTitle(m) {
    const v = m.value || {};
    const parts = [m.kind];
    if (v.name) parts.push(v.name);
    if (v.date) parts.push(v.date);
    if (v.low !== undefined || v.high !== undefined) parts.push([v.low, v.high].filter((x) => x !== null && x !== undefined).join("-"));
    if (v.role) parts.push(v.role);
    if (m.found_by) parts.push("found by " + m.found_by);
    return parts.join(" · ");
  }

  /** A highlighted mention: <mark class="m-KIND">, inside a link when it has one. */
  function mentionMark(m, slice) {
    const mark = el("mark", { class: "m m-" + m.kind, "data-kind": m.kind, title: mentionTitle(m) }, slice);
    const href = mentionHref(m);
    return href ? el("a", { href, class: "mention-link" }, mark) : mark;
  }

  // --- formatting --------------------------------------------------------
  let regionsEn = null;
  let regionsAr = null;
  try {
    regionsEn = new Intl.DisplayNames(["en"], { type: "region" });
    regionsAr = new Intl.DisplayNames(["ar"], { type: "region" });
  } catch (e) {
    regionsEn = regionsAr = null;
  }

  function countryName(code, lang) {
    if (!code) return "";
    const names = lang === "ar" ? regionsAr : regionsEn;
    try {
      return (names && names.of(String(code).toUpperCase())) || String(code);
    } catch (e) {
      return String(code);
    }
  }

  function place(row) {
    const parts = [row.location, row.admin1 !== row.location ? row.admin1 : null, countryName(row.country_code)];
    return parts.filter(Boolean).join(", ") || "unknown place";
  }

  function range(low, best, high) {
    const vals = [low, best, high].filter((v) => v !== null && v !== undefined);
    if (!vals.length) return "–";
    const lo = Math.min(...vals);
    const hi = Math.max(...vals);
    return lo === hi ? String(lo) : lo + "–" + hi;
  }

  function fatalities(row) {
    return range(row.fatalities_low, row.fatalities_best !== undefined ? row.fatalities_best : row.fatalities, row.fatalities_high);
  }

  function actors(row) {
    return [row.actor1, row.actor2].filter(Boolean).join(" vs ") || "unknown actors";
  }

  /** A dot in the type's colour (the colour is one of the constants above,
   * chosen by the type: no style string is built from data). */
  function typeDot(type) {
    const dot = el("span", { class: "dot", "data-type": type || "", "aria-hidden": "true" });
    dot.style.backgroundColor = typeInfo(type).color;
    return dot;
  }

  /** A type name in English with its Arabic name. */
  function typeLabel(type) {
    return el("span", { class: "type" }, typeDot(type), " ", bi(type || "unknown type", typeInfo(type).ar));
  }

  return {
    TYPES, KINDS, RESPONSIBILITY, FIELDS, PRECISION, typeInfo, safeHref, el, ar, bi, add, clear, paths, idFromPath, api, showError,
    unitOffsets, highlight, mentionMark, mentionHref, countryName, place, range, fatalities, actors, typeDot,
    typeLabel,
  };
})();
