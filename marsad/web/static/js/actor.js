/* marsad actor page: names in both languages, the actor's events on a map,
 * a weekly timeline and a list, its profile when the API has one, and a box
 * to find another actor by any of its names. */
"use strict";

(() => {
  const actorKey = M.idFromPath("/actors/");
  const errors = document.getElementById("errors");
  const SHOWN = 200;

  /** Actors any of whose names contains `query` (all of them for an empty
   * one), most events first. */
  async function search(query) {
    const q = query.trim().toLowerCase();
    const answer = await M.api("/api/actors");
    // cleared only once the answer is here, so the list never shows empty while it loads
    const results = M.clear(document.getElementById("actor-results"));
    const found = (answer.actors || []).filter((a) =>
      [a.name, ...(a.aliases_en || []), ...(a.aliases_ar || [])].some((n) => String(n).toLowerCase().includes(q)));
    for (const a of found.slice(0, q ? 30 : 60)) {
      results.append(M.el("li", {}, M.el("a", { href: M.paths.actor(a.id) }, a.name), " ",
        a.name_ar ? M.el("span", { lang: "ar", dir: "rtl", class: "ar" }, a.name_ar) : null, " (" + a.events + ")"));
    }
    if (!found.length) results.append(M.el("li", { class: "empty" }, "no actor has that name"));
  }

  function names(actor) {
    const ar = document.getElementById("aliases-ar");
    for (const n of actor.aliases_ar || []) ar.append(M.el("li", {}, n));
    for (const n of actor.lookup_ar || []) ar.append(M.el("li", { class: "note", title: "only where a name is expected" }, n));
    const en = document.getElementById("aliases-en");
    for (const n of actor.aliases_en || []) en.append(M.el("li", {}, n));
  }

  // fact kinds of marsad.profiles, with their Arabic names (others show as named)
  const FACT_KINDS = {
    founded: ["Founded", "التأسيس"], strength: ["Strength", "القوة العددية"], areas: ["Areas of operation", "مناطق النشاط"],
    goal: ["Goals", "الأهداف"], rival: ["Rivals", "الخصوم"], ally: ["Allies", "الحلفاء"], leader: ["Leaders", "القادة"],
  };

  function kindLabel(kind) {
    const [en, arabic] = FACT_KINDS[kind] || [kind, ""];
    return M.bi(en, arabic);
  }

  function docLink(docId, span, label) {
    const href = M.paths.doc(docId) + (span && span.start !== undefined && span.start !== null ? "#span-" + span.start + "-" + span.end : "");
    return M.el("a", { href }, label);
  }

  function heading(en, arabic) {
    return M.el("h3", {}, M.bi(en, arabic));
  }

  /** Who said it: the speaker (with role) and the outlet that reported it. */
  function said(fact) {
    const speaker = fact.speaker || {};
    const who = speaker.name && speaker.kind !== "outlet"
      ? [M.el("span", { dir: "auto" }, speaker.name), speaker.role ? " (" + speaker.role + ")" : "", " via "] : [];
    return [who, fact.outlet || "unknown outlet", ", ", fact.said_on || fact.published || "undated"];
  }

  /** One sourced fact: its value, who said it when, and the evidence
   * sentence (Arabic, folded) linking to its place in the article. */
  function factItem(fact) {
    const evidence = fact.evidence || {};
    return M.el("li", { "data-doc": fact.doc_id },
      M.el("strong", { dir: "auto" }, fact.text || ""), " — ", said(fact), " · ",
      docLink(fact.doc_id, evidence, "source"),
      evidence.text ? M.el("details", {}, M.el("summary", {}, "evidence"), M.ar("blockquote", evidence.text, { class: "evidence ar" })) : null);
  }

  function disagreements(list) {
    const box = document.getElementById("disagreements");
    for (const d of list || []) {
      const values = (d.values || []).map((v, i) => [i ? " vs " : "", M.el("strong", {}, String(v.value)), " (",
        (v.claims || []).map((c, j) => [j ? ", " : "", docLink(c.doc_id, null, c.outlet || "source"), c.said_on ? " " + c.said_on : ""]), ")"]);
      box.append(M.el("div", { class: "contradiction", "data-kind": d.kind }, kindLabel(d.kind), ": ", values));
    }
  }

  function facts(groups) {
    const box = document.getElementById("facts");
    for (const [kind, list] of Object.entries(groups || {})) {
      box.append(M.el("h3", {}, kindLabel(kind), " (" + list.length + ")"),
        M.el("ul", { class: "facts", "data-kind": kind }, list.map(factItem)));
    }
  }

  function strength(points) {
    if (!(points || []).length) return;
    const rows = points.map((p) => M.el("tr", {}, M.el("td", { class: "date" }, p.date || "undated"),
      M.el("td", { class: "num" }, M.range(p.low, null, p.high)), M.el("td", {}, p.counts || ""),
      M.el("td", { dir: "auto" }, p.speaker || ""), M.el("td", {}, docLink(p.doc_id, null, "source"))));
    document.getElementById("strength").append(heading("Strength over time", "القوة عبر الزمن"),
      M.el("table", { class: "events" }, M.el("tbody", {}, rows)));
  }

  function seen(aliases) {
    if (!(aliases || []).length) return;
    document.getElementById("seen").append(heading("Names seen in the articles", "الأسماء الواردة في المقالات"),
      M.el("ul", { class: "aliases ar", lang: "ar", dir: "rtl" },
        aliases.map((a) => M.el("li", { title: a.count + " times in " + a.documents + " documents" }, a.alias, " (" + a.count + ")"))));
  }

  function statements(list) {
    if (!(list || []).length) return;
    document.getElementById("statements").append(heading("What it says", "ما يقوله"),
      M.el("ul", { class: "facts" }, list.slice(0, 30).map((st) => M.el("li", {},
        st.said_on || "undated", " · ", st.kind || "", " ", M.el("span", { lang: "ar", dir: "rtl", class: "ar" }, st.verb || ""), " · ",
        docLink(st.doc_id, null, "source"), M.ar("div", st.content || "")))));
  }

  function talkers(list) {
    if (!(list || []).length) return;
    document.getElementById("talkers").append(heading("Who talks about it", "من يتحدث عنه"),
      M.el("ul", { class: "facts" }, list.slice(0, 30).map((t) => M.el("li", {},
        M.el("span", { dir: "auto" }, t.speaker || "unknown"), " (" + [t.kind, t.role, t.affiliation].filter(Boolean).join(", ") + "): ",
        t.statements + " statements in " + t.documents + " documents"))));
  }

  /** The profile marsad.profiles builds (issue #8), when the API has one:
   * disagreements first, then sourced facts grouped by kind. */
  function profile(p) {
    if (!p) return;
    disagreements(p.disagreements);
    facts(p.facts);
    strength(p.strength_over_time);
    seen(p.aliases_seen);
    statements(p.statements_by);
    talkers(p.talked_about_by);
    const box = document.getElementById("profile");
    box.hidden = !box.querySelector("li, .contradiction, tr");
  }

  /** Areas of operation the profile names, as hollow squares on the map. */
  function areas(map, list) {
    for (const a of list || []) {
      if (typeof a.lat !== "number" || typeof a.lon !== "number") continue;
      const d = 0.15;
      L.rectangle([[a.lat - d, a.lon - d], [a.lat + d, a.lon + d]], { color: "#1d4e89", weight: 1.5, fill: false, className: "area" })
        .bindTooltip(M.el("span", {}, "area of operation: " + a.name + " (" + a.claims + " claims)"))
        .addTo(map);
    }
  }

  function eventTable(actor) {
    const tbody = document.querySelector("#events tbody");
    for (const ev of (actor.event_list || []).slice(0, SHOWN)) {
      const tr = M.el("tr", { "data-event-id": ev.event_id },
        M.el("td", { class: "date" }, M.el("a", { href: M.paths.event(ev.event_id) }, ev.event_date || "undated")),
        M.el("td", {}, M.typeDot(ev.event_type), " ", ev.sub_event_type || ev.event_type || ""),
        M.el("td", {}, M.place(ev)),
        M.el("td", {}, ev.role || ""),
        M.el("td", { class: "num" }, ev.fatalities === null || ev.fatalities === undefined ? "–" : String(ev.fatalities)));
      tr.addEventListener("click", (e) => {
        if (!e.target.closest("a")) window.location.assign(M.paths.event(ev.event_id));
      });
      tbody.append(tr);
    }
    const total = (actor.event_list || []).length;
    document.getElementById("events-note").textContent = total > SHOWN
      ? "The newest " + SHOWN + " of " + total + " events; the dashboard lists them all." : total + " events.";
  }

  async function charts(actor) {
    const filters = { actor: actor.name };
    const [points, weeks] = await Promise.all([M.api("/api/map", filters), M.api("/api/timeline", filters)]);
    const map = Charts.makeMap(document.getElementById("actor-map"));
    const layer = L.featureGroup().addTo(map);
    Charts.addLegend(map);
    Charts.drawPoints(map, layer, points.points, (p) => window.location.assign(M.paths.event(p.id)), true);
    areas(map, (actor.profile || {}).areas);
    const drawn = Charts.timeline(document.getElementById("timeline"), weeks.weeks, {
      onRange: (from, to) => window.location.assign(M.paths.dashboard({ actor: actor.name, from, to })),
    });
    document.getElementById("timeline-note").textContent = (drawn.hidden
      ? drawn.hidden + " events dated before " + drawn.start + " are left of the view. " : "")
      + "Drag across the chart to open those weeks on the dashboard.";
  }

  async function main() {
    const form = document.getElementById("actor-search");
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      search(form.elements.q.value).catch((e) => M.showError(errors, e));
    });
    if (!actorKey) { // /actors/: the actors with the most events, and the search box
      document.getElementById("title").append(M.bi("Actors", "الفاعلون"));
      for (const id of ["actor-map", "timeline", "events"]) document.getElementById(id).closest(".two, section").hidden = true;
      await search("").catch((e) => M.showError(errors, e));
      document.body.setAttribute("data-ready", "1");
      return;
    }
    let actor;
    try {
      actor = await M.api("/api/actors/" + encodeURIComponent(actorKey));
    } catch (error) {
      M.showError(errors, error);
      form.elements.q.value = actorKey;
      search(actorKey).catch(() => {});
      return;
    }
    document.title = "marsad · " + actor.name;
    M.add(document.getElementById("title"), actor.name, " ",
      actor.name_ar ? M.el("span", { lang: "ar", dir: "rtl", class: "ar" }, actor.name_ar) : null);
    const meta = [actor.type, actor.country ? M.countryName(actor.country) : null, actor.events + " events"];
    if ((actor.branches_of || []).length) meta.push("part of " + actor.branches_of.join(", "));
    M.add(document.getElementById("meta"), meta.filter(Boolean).join(" · "), " · source: ", actor.source || "unknown");
    document.getElementById("on-dashboard").setAttribute("href", M.safeHref(M.paths.dashboard({ actor: actor.name })));
    names(actor);
    profile(actor.profile);
    eventTable(actor);
    try {
      await charts(actor);
    } catch (error) {
      M.showError(errors, error);
    }
    document.body.setAttribute("data-ready", "1");
  }

  main();
})();
