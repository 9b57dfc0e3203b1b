/* marsad document page: the clean article with every mention marked by kind
 * (actors link to their page, places to the map), the events read from it,
 * and the boilerplate cleaning removed, shown muted. */
"use strict";

(() => {
  const docId = M.idFromPath("/docs/");
  const errors = document.getElementById("errors");
  const article = document.getElementById("article");

  function meta(doc) {
    const box = document.getElementById("meta");
    const href = M.safeHref(doc.url);
    const parts = [
      M.bi("Outlet", "المصدر"), ": ", doc.outlet || "unknown", " · ",
      M.bi("Published", "تاريخ النشر"), ": ", doc.published || "unknown", " · ",
      M.bi("Source", "الرابط"), ": ",
      // an url that is not http(s) (javascript:, data: ...) is shown as text, never as a link
      href && doc.url ? M.el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank", id: "source-url" }, doc.url)
        : M.el("span", { id: "source-url" }, doc.url || doc.source || "unknown"),
    ];
    if (doc.near_duplicate_of) parts.push(" · near copy of ", M.el("a", { href: M.paths.doc(doc.near_duplicate_of) }, doc.near_duplicate_of));
    M.add(box, parts);
  }

  function kinds(mentions) {
    const box = document.getElementById("kinds");
    const counts = {};
    for (const m of mentions) counts[m.kind] = (counts[m.kind] || 0) + 1;
    for (const kind of Object.keys(counts).sort()) {
      const toggle = M.el("input", { type: "checkbox", checked: true, "data-kind": kind });
      toggle.addEventListener("change", () => article.classList.toggle("hide-" + kind, !toggle.checked));
      box.append(M.el("label", {}, toggle, " ", M.el("mark", { class: "m m-" + kind }, kind), " ",
        M.el("span", { lang: "ar", dir: "rtl", class: "ar" }, M.KINDS[kind] || ""), " (" + counts[kind] + ")"));
    }
  }

  function events(doc) {
    const list = document.getElementById("events");
    (doc.events || []).forEach((ev, i) => {
      const fused = ev.event_id
        ? M.el("a", { href: M.paths.event(ev.event_id) }, "fused event " + ev.event_id)
        : M.el("span", { class: "note" }, "not fused" + (ev.not_fused ? ": " + ev.not_fused : ""));
      const spans = (ev.evidence || []).map((s, j) => [j ? ", " : " evidence: ",
        M.el("a", { href: "#span-" + s.start + "-" + s.end, class: "span-link" }, s.start + "–" + s.end)]);
      list.append(M.el("li", { "data-index": String(i) }, M.typeDot(ev.event_type), " ",
        ev.sub_event_type || ev.event_type || "event", " · ", ev.event_date || "undated", " · ", M.place(ev),
        " · killed ", M.fatalities(ev), " · ", fused, spans));
    });
    if (!(doc.events || []).length) list.append(M.el("li", { class: "empty" }, "none"));
  }

  function removed(doc) {
    const box = document.getElementById("removed");
    for (const block of doc.removed || []) {
      box.append(M.el("div", { class: "block", "data-kind": block.kind },
        M.el("div", { class: "kind" }, block.kind), M.ar("div", block.text)));
    }
    if (!(doc.removed || []).length) box.append(M.el("p", { class: "empty" }, "nothing was removed"));
  }

  /** Scroll to and tint the characters #span-START-END names (evidence
   * links from the event page), without touching the marks: a CSS
   * highlight over a DOM range. */
  function showTarget(text) {
    const found = /^#span-(\d+)-(\d+)$/.exec(window.location.hash);
    if (!found) return;
    const units = M.unitOffsets(text);
    const toUnit = (cp) => (units ? units[Math.min(cp, units.length - 1)] : Math.min(cp, text.length));
    const [start, end] = [toUnit(Number(found[1])), toUnit(Number(found[2]))];
    if (end <= start) return;
    const range = document.createRange();
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    let at = 0;
    let started = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const next = at + node.data.length;
      if (!started && start < next) {
        range.setStart(node, start - at);
        started = true;
      }
      if (started && end <= next) {
        range.setEnd(node, end - at);
        break;
      }
      at = next;
    }
    if (!started) return;
    if (window.CSS && CSS.highlights && window.Highlight) CSS.highlights.set("target", new Highlight(range));
    const rect = range.getBoundingClientRect();
    window.scrollTo({ top: window.scrollY + rect.top - 120 });
  }

  async function main() {
    let doc;
    try {
      doc = await M.api("/api/docs/" + encodeURIComponent(docId));
    } catch (error) {
      M.showError(errors, error);
      return;
    }
    document.title = "marsad · " + (doc.title || doc.doc_id);
    const title = document.getElementById("title");
    title.replaceChildren();
    M.add(title, doc.title || doc.doc_id);
    if (!doc.title) { // an id is not Arabic: shown left to right
      title.setAttribute("dir", "ltr");
      title.setAttribute("lang", "en");
    }
    meta(doc);
    const mentions = doc.mentions || [];
    kinds(mentions);
    article.append(M.highlight(doc.text || "", mentions, M.mentionMark));
    events(doc);
    removed(doc);
    showTarget(doc.text || "");
    window.addEventListener("hashchange", () => showTarget(doc.text || ""));
    document.body.setAttribute("data-ready", "1");
  }

  main();
})();
