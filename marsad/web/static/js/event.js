/* marsad event page: the fused record, every report's figures side by side
 * (disagreements highlighted), and each report's Arabic evidence with the
 * mentions inside it marked, linking to the document. */
"use strict";

(() => {
  const eventId = M.idFromPath("/events/");
  const errors = document.getElementById("errors");
  const COMPARED = ["event_type", "sub_event_type", "event_date", "location", "admin1", "country_code",
    "actor1", "actor2", "responsibility", "fatalities", "fatalities_high", "injuries"];

  function label(field) {
    const [en, arabic] = M.FIELDS[field] || [field, ""];
    return M.bi(en, arabic);
  }

  function actorLink(name) {
    return name ? M.el("a", { href: M.paths.actor(name) }, name) : "–";
  }

  function figures(ev, kind) {
    const [low, best, high] = ["low", "best", "high"].map((k) => ev[kind + "_" + k]);
    if ([low, best, high].every((v) => v === null || v === undefined)) return "unknown";
    const show = (v) => (v === null || v === undefined ? "–" : String(v));
    return M.el("span", {}, "low ", M.el("strong", { "data-figure": kind + "_low" }, show(low)),
      " · best ", M.el("strong", { "data-figure": kind + "_best" }, show(best)),
      " · high ", M.el("strong", { "data-figure": kind + "_high" }, show(high)));
  }

  function fieldRows(ev) {
    const dl = document.getElementById("fields");
    const add = (en, arabic, ...value) => dl.append(M.el("dt", {}, M.bi(en, arabic)), M.el("dd", {}, ...value));
    add("Event type", "نوع الحدث", M.typeLabel(ev.event_type), ev.sub_event_type ? " / " + ev.sub_event_type : "");
    add("Date", "التاريخ", ev.event_date || "unknown",
      ev.time_precision ? " (precision: " + (M.PRECISION[ev.time_precision] || ev.time_precision) + ")" : "");
    const onMap = typeof ev.latitude === "number"
      ? M.el("a", { href: M.paths.dashboard({ center: ev.latitude + "," + ev.longitude, zoom: 7 }) }, "on the map")
      : null;
    add("Place", "المكان", M.place(ev), " ", M.el("span", { lang: "ar", dir: "rtl", class: "ar" }, M.countryName(ev.country_code, "ar")),
      onMap ? [" · ", onMap] : null);
    add("Actors", "الأطراف", actorLink(ev.actor1), " vs ", actorLink(ev.actor2));
    add("Fatalities", "القتلى", figures(ev, "fatalities"));
    add("Injuries", "الجرحى", figures(ev, "injuries"));
    const resp = ev.responsibility || "unknown";
    add("Responsibility", "المسؤولية", resp, " ", M.el("span", { lang: "ar", dir: "rtl", class: "ar" }, M.RESPONSIBILITY[resp] || ""));
    for (const claim of ev.responsibility_claims || []) {
      dl.append(M.el("dt", {}, ""), M.el("dd", { class: "note" },
        actorLink(claim.actor), ": ", claim.responsibility, " according to ", (claim.outlets || []).join(", ")));
    }
    const docs = new Set((ev.reports || []).map((r) => r.doc_id));
    add("Sources", "المصادر", (ev.sources || []).join(", "),
      " (" + (ev.reports || []).length + " reports from " + docs.size + " documents)");
    if ((ev.near_copies || []).length) {
      add("Near copies", "نسخ مكررة", ev.near_copies.length + " not counted: ",
        ev.near_copies.map((id, i) => [i ? ", " : "", M.el("a", { href: M.paths.doc(id) }, id)]));
    }
  }

  function contradictions(ev) {
    const box = document.getElementById("contradictions");
    if (!(ev.contradictions || []).length) return;
    box.hidden = false;
    for (const c of ev.contradictions) {
      const values = c.values.map((v, i) => [i ? " vs " : "",
        M.el("strong", {}, String(v.value)), " (" + (v.outlets || []).join(", ") + (v.published ? ", " + v.published : "") + ")"]);
      box.append(M.el("div", { class: "contradiction", "data-field": c.field }, label(c.field), ": ", values));
    }
  }

  function compare(ev) {
    const reports = ev.reports || [];
    const disputed = new Set((ev.contradictions || []).map((c) => c.field));
    const head = M.el("tr", {}, M.el("th", {}, ""), reports.map((r) => M.el("th", {},
      M.el("a", { href: M.paths.doc(r.doc_id) }, r.outlet || "unknown outlet"), M.el("br"),
      M.el("span", { class: "note" }, r.published || "undated"))));
    const body = COMPARED.map((field) => {
      const shown = reports.map((r) => (r[field] === null || r[field] === undefined ? "" : String(r[field])));
      const differ = new Set(shown.filter(Boolean)).size > 1 || (disputed.has(field) && reports.length > 1);
      return M.el("tr", { "data-field": field }, M.el("th", { class: "field" }, label(field)),
        shown.map((v) => M.el("td", { class: differ ? "disagree" : null }, v || "–")));
    });
    document.getElementById("compare").append(M.el("table", { class: "compare" }, M.el("thead", {}, head), M.el("tbody", {}, body)));
  }

  /** Which of the report's fields a mention supports (a number equal to
   * its fatalities, the actor it names ...): those are the extracted spans. */
  function supports(m, r) {
    const v = m.value || {};
    const out = [];
    if (m.kind === "actor" && v.name && (v.name === r.actor1 || v.name === r.actor2)) out.push(v.name === r.actor1 ? "actor1" : "actor2");
    if (m.kind === "place" && v.name && [r.location, r.admin1].includes(v.name)) out.push("location");
    if (m.kind === "date" && v.date && v.date === r.event_date) out.push("event_date");
    if (m.kind === "number") {
      for (const f of ["fatalities", "fatalities_high", "injuries"]) {
        if (r[f] !== null && r[f] !== undefined && (v.low === r[f] || v.high === r[f])) out.push(f);
      }
    }
    return out;
  }

  function evidenceQuote(span, doc, report) {
    const inside = doc ? (doc.mentions || []).filter((m) => m.start >= span.start && m.end <= span.end) : [];
    const quote = M.el("blockquote", { class: "evidence ar", lang: "ar", dir: "rtl", "data-report": report.report_id });
    quote.append(M.highlight(span.text, inside, (m, slice) => {
      const node = M.mentionMark(m, slice);
      const fields = supports(m, report);
      const mark = node.tagName === "MARK" ? node : node.querySelector("mark");
      if (fields.length) {
        mark.classList.add("used");
        mark.setAttribute("data-supports", fields.join(" "));
        mark.setAttribute("title", mark.getAttribute("title") + " → " + fields.join(", "));
      }
      return node;
    }, span.start));
    const link = M.el("a", { href: M.paths.doc(report.doc_id) + "#span-" + span.start + "-" + span.end, class: "note" },
      "open in the article (characters " + span.start + "–" + span.end + ")");
    return [quote, link];
  }

  async function evidence(ev) {
    const box = document.getElementById("evidence");
    const ids = [...new Set((ev.reports || []).map((r) => r.doc_id))];
    const docs = new Map();
    await Promise.all(ids.map((id) => M.api("/api/docs/" + encodeURIComponent(id))
      .then((doc) => docs.set(id, doc))
      .catch((error) => M.showError(box, "document " + id + ": " + error.message))));
    for (const r of ev.reports || []) {
      const doc = docs.get(r.doc_id);
      const section = M.el("div", { class: "report", "data-report": r.report_id },
        M.el("h3", {}, r.outlet || "unknown outlet", " · ", r.published || "undated", " · ",
          M.el("a", { href: M.paths.doc(r.doc_id) }, "document")),
        doc && doc.title ? M.ar("p", doc.title, { class: "ar note" }) : null,
        M.el("p", { class: "note" }, "reads: ", M.fatalities({ fatalities: r.fatalities, fatalities_high: r.fatalities_high }),
          " killed · ", r.injuries === null || r.injuries === undefined ? "injuries unknown" : r.injuries + " injured",
          " · ", r.responsibility || "unknown", " responsibility"));
      for (const span of r.evidence || []) section.append(...evidenceQuote(span, doc, r));
      if (!(r.evidence || []).length) section.append(M.el("p", { class: "empty" }, "no evidence span stored"));
      box.append(section);
    }
    const legend = document.getElementById("kinds");
    legend.append("Marked: ");
    for (const [kind, arabic] of Object.entries(M.KINDS)) {
      legend.append(M.el("span", {}, M.el("mark", { class: "m m-" + kind }, kind), " ", M.el("span", { lang: "ar", dir: "rtl", class: "ar" }, arabic)));
    }
    legend.append(M.el("span", {}, M.el("mark", { class: "m used" }, "outlined"), " = the figure or name the report's fields were read from"));
  }

  function history(ev) {
    const list = document.getElementById("log");
    for (const entry of ev.log || []) {
      list.append(M.el("li", {}, (entry.time || "").slice(0, 19), " ", M.el("strong", {}, entry.kind || ""), " ",
        (entry.reports || []).join(", "), entry.reason ? " — " + entry.reason : ""));
    }
    if (!(ev.log || []).length) list.append(M.el("li", {}, "no entries"));
  }

  function mapOf(ev) {
    const container = document.getElementById("map");
    const map = Charts.makeMap(container);
    const layer = L.featureGroup().addTo(map);
    const points = [{ id: ev.event_id, lat: ev.latitude, lon: ev.longitude, type: ev.event_type,
      fatalities: ev.fatalities_best, date: ev.event_date, location: ev.location }];
    Charts.drawPoints(map, layer, points, () => {}, false);
    for (const r of ev.reports || []) {
      if (typeof r.latitude === "number" && (r.latitude !== ev.latitude || r.longitude !== ev.longitude)) {
        L.circleMarker([r.latitude, r.longitude], { radius: 4, color: "#555", weight: 1, dashArray: "2,2", fillOpacity: 0 })
          .bindTooltip(M.el("span", {}, (r.outlet || "report") + " placed it at " + (r.location || "?")))
          .addTo(layer);
      }
    }
    if (typeof ev.latitude === "number") map.setView([ev.latitude, ev.longitude], 6);
  }

  async function main() {
    let ev;
    try {
      ev = await M.api("/api/events/" + encodeURIComponent(eventId));
    } catch (error) {
      M.showError(errors, error);
      return;
    }
    document.title = "marsad · " + (ev.location || "event") + " " + (ev.event_date || "");
    document.getElementById("title").append(M.typeDot(ev.event_type), " ",
      (ev.sub_event_type || ev.event_type || "Event") + " — " + M.place(ev) + " — " + (ev.event_date || "undated"));
    fieldRows(ev);
    contradictions(ev);
    compare(ev);
    history(ev);
    mapOf(ev);
    await evidence(ev);
    document.body.setAttribute("data-ready", "1");
  }

  main();
})();
