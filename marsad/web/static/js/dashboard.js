/* marsad dashboard: one set of filters drives the map, the weekly timeline,
 * the counts and the list of events. The filters live in the page's query
 * string, so a filtered view is a link (the actor and document pages link here). */
"use strict";

(() => {
  const FILTERS = ["actor", "country", "type", "from", "to", "q", "admin1"];
  const PAGE = 50;
  const form = document.getElementById("filters");
  const tbody = document.querySelector("#events tbody");
  const more = document.getElementById("more");
  const counts = document.getElementById("counts");
  const errors = document.getElementById("errors");
  const timelineBox = document.getElementById("timeline");
  const timelineNote = document.getElementById("timeline-note");

  const url = new URL(window.location.href);
  const map = Charts.makeMap(document.getElementById("map"));
  const layer = L.featureGroup().addTo(map);
  Charts.addLegend(map);
  const center = (url.searchParams.get("center") || "").split(",").map(Number);
  const fixedView = center.length === 2 && center.every(Number.isFinite);
  if (fixedView) map.setView(center, Number(url.searchParams.get("zoom")) || 7);

  let offset = 0;
  let firstLoad = true;
  let generation = 0; // answers to an older filter set are dropped

  function current() {
    const data = new FormData(form);
    const filters = {};
    for (const name of FILTERS) {
      const value = String(data.get(name) || "").trim();
      if (value) filters[name] = value;
    }
    if (data.get("inview")) {
      const b = map.getBounds();
      const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v));
      filters.bbox = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)]
        .map((v) => v.toFixed(3)).join(",");
    }
    return filters;
  }

  function setForm(params) {
    for (const name of FILTERS) {
      const field = form.elements[name];
      const value = params.get(name) || "";
      // a dropdown gets its options from the facets later: keep the value meanwhile
      if (field.tagName === "SELECT" && value && ![...field.options].some((o) => o.value === value)) {
        field.append(M.el("option", { value }, value));
      }
      field.value = value;
    }
    form.elements.inview.checked = params.get("inview") === "1";
  }

  function remember(filters) {
    const params = new URLSearchParams();
    for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
    if (form.elements.inview.checked) params.set("inview", "1");
    const query = params.toString();
    window.history.replaceState(null, "", "/" + (query ? "?" + query : ""));
    for (const link of document.querySelectorAll("a.export")) {
      const exportParams = new URLSearchParams(filters);
      exportParams.set("format", link.getAttribute("data-format"));
      link.setAttribute("href", M.safeHref("/api/export?" + exportParams.toString()));
    }
  }

  function optionList(select, items, label) {
    const chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const item of items) {
      select.append(M.el("option", { value: item.value }, label(item.value) + " (" + item.count + ")"));
    }
    if (chosen && ![...select.options].some((o) => o.value === chosen)) {
      select.append(M.el("option", { value: chosen }, label(chosen) + " (0)"));
    }
    select.value = chosen;
  }

  async function loadFacets(filters) {
    const facets = await M.api("/api/facets", filters);
    optionList(form.elements.country, facets.countries || [], (cc) => M.countryName(cc) + " · " + M.countryName(cc, "ar"));
    optionList(form.elements.type, facets.types || [], (t) => t + " · " + M.typeInfo(t).ar);
  }

  async function loadActors() {
    const answer = await M.api("/api/actors");
    const list = document.getElementById("actor-options");
    for (const actor of answer.actors || []) {
      if (actor.events) list.append(M.el("option", { value: actor.name }, (actor.name_ar || "") + " (" + actor.events + ")"));
    }
  }

  function eventRow(row) {
    const link = M.el("a", { href: M.paths.event(row.event_id) }, row.event_date || "undated");
    const contradiction = row.contradictions && row.contradictions.length
      ? M.el("span", { class: "flag", title: "sources disagree on: " + row.contradictions.map((c) => c.field).join(", ") }, " !")
      : null;
    const tr = M.el("tr", { "data-event-id": row.event_id },
      M.el("td", { class: "date" }, link),
      M.el("td", {}, M.typeDot(row.event_type), " ", row.sub_event_type || row.event_type || "",
        M.el("div", { class: "place" }, M.place(row))),
      M.el("td", {}, M.actors(row), M.el("div", { class: "note" }, (row.sources || []).join(", "))),
      M.el("td", { class: "num" }, M.fatalities(row), contradiction));
    tr.addEventListener("click", (ev) => {
      if (ev.target.closest("a")) return;
      window.location.assign(M.paths.event(row.event_id));
    });
    return tr;
  }

  async function loadEvents(filters, gen) {
    const answer = await M.api("/api/events", Object.assign({ limit: PAGE, offset }, filters));
    if (gen !== generation) return null;
    for (const row of answer.events) tbody.append(eventRow(row));
    offset += answer.events.length;
    more.hidden = offset >= answer.total;
    return answer;
  }

  function countLine(total, fatalities, mapped, capped) {
    M.add(M.clear(counts),
      M.el("strong", { id: "count-events", "data-value": String(total) }, total.toLocaleString("en")), " ", M.bi("events", "حدثاً"), " · ",
      M.el("strong", { id: "count-fatalities", "data-value": String(fatalities) }, fatalities.toLocaleString("en")), " ",
      M.bi("fatalities (conservative)", "قتيلاً"), " · ",
      M.el("strong", { id: "count-mapped", "data-value": String(mapped) }, mapped.toLocaleString("en")), " ", M.bi("on the map", "على الخريطة"),
      capped ? M.el("span", { class: "flag" }, " (map capped: narrow the filters)") : null);
  }

  async function apply() {
    const gen = ++generation;
    const filters = current();
    remember(filters);
    M.clear(errors);
    M.clear(tbody);
    offset = 0;
    document.body.setAttribute("data-loading", "1");
    try {
      const [points, weeks] = await Promise.all([
        M.api("/api/map", filters),
        M.api("/api/timeline", filters),
        loadEvents(filters, gen),
        loadFacets(filters),
      ]);
      if (gen !== generation) return;
      const fatalities = weeks.weeks.reduce((sum, w) => sum + (w.fatalities || 0), 0);
      countLine(points.total, fatalities, points.count, points.capped);
      Charts.drawPoints(map, layer, points.points, (p) => window.location.assign(M.paths.event(p.id)),
        !(firstLoad && fixedView) && !filters.bbox);
      const drawn = Charts.timeline(timelineBox, weeks.weeks, {
        from: filters.from,
        onRange: (from, to) => {
          form.elements.from.value = from;
          form.elements.to.value = to;
          apply();
        },
      });
      M.clear(timelineNote);
      const notes = [];
      if (drawn.hidden) notes.push(drawn.hidden + " events dated before " + drawn.start + " are left of the view (set From to see them).");
      if (weeks.undated) notes.push(weeks.undated + " events have no date.");
      notes.push("Drag across the chart to filter by those weeks.");
      timelineNote.append(notes.join(" "));
      firstLoad = false;
    } catch (error) {
      if (gen === generation) M.showError(errors, error);
    } finally {
      if (gen === generation) document.body.setAttribute("data-loading", "0");
    }
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    apply();
  });
  for (const name of ["country", "type", "inview"]) form.elements[name].addEventListener("change", apply);
  document.getElementById("reset").addEventListener("click", () => {
    form.reset();
    form.elements.admin1.value = "";
    apply();
  });
  more.addEventListener("click", () => loadEvents(current(), generation).catch((e) => M.showError(errors, e)));
  map.on("moveend", () => {
    if (form.elements.inview.checked) apply();
  });

  setForm(url.searchParams);
  apply();
  loadActors().catch(() => {}); // suggestions only: the filter works without them
})();
