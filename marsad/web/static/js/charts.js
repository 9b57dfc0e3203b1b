/* marsad web UI: the map of events (Leaflet over vendored Natural Earth
 * outlines, no tile server) and the weekly timeline (uPlot). Tooltips and the
 * legend are built with M.el, so no data is ever parsed as HTML. */
"use strict";

const Charts = (() => {
  const OUTLINES = "/static/vendor/world-atlas/countries-50m.geojson";

  /** A map with country outlines and no tiles (works offline). */
  function makeMap(container) {
    const map = L.map(container, { minZoom: 2, maxZoom: 11, zoomSnap: 0.5, worldCopyJump: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Leaflet · outlines: Natural Earth");
    map.createPane("outlines").style.zIndex = "250";
    map.setView([29, 45], 4);
    fetch(OUTLINES)
      .then((r) => r.json())
      .then((geo) => {
        L.geoJSON(geo, {
          pane: "outlines",
          interactive: false,
          style: { color: "#9aa0a6", weight: 0.8, fillColor: "#f5f2ea", fillOpacity: 1 },
        }).addTo(map);
        container.setAttribute("data-outlines", "loaded");
      })
      .catch(() => container.setAttribute("data-outlines", "failed"));
    return map;
  }

  /** Circle radius in pixels, growing with the logarithm of fatalities
   * (0: 3 px, 10: 6, 100: 9, 1000: 12): a square-root scale lets a few
   * large (or misread) tolls cover a dense map. Unknown = smallest. */
  function radius(fatalities) {
    return 3 + 3 * Math.log10(1 + Math.max(0, fatalities || 0));
  }

  function tooltip(p) {
    return M.el("div", { class: "tip" },
      M.el("strong", {}, p.location || "unknown place"), " ", p.date || "date unknown",
      M.el("br"), M.typeDot(p.type), " ", p.type || "unknown type",
      M.el("br"), "fatalities: ", p.fatalities === null || p.fatalities === undefined ? "unknown" : String(p.fatalities));
  }

  /** Bounds holding most points (5% trimmed at each side when there are
   * many), so that a few far-away events do not zoom the map out to the world. */
  function robustBounds(points) {
    if (!points.length) return null;
    const lats = points.map((p) => p.lat).sort((a, b) => a - b);
    const lons = points.map((p) => p.lon).sort((a, b) => a - b);
    const cut = points.length >= 20 ? Math.floor(points.length * 0.05) : 0;
    const last = points.length - 1 - cut;
    return L.latLngBounds([lats[cut], lons[cut]], [lats[last], lons[last]]);
  }

  /** Draw events as circles (colour = type, size = fatalities); biggest first
   * so small ones stay clickable on top. Points are /api/map's:
   * {id, lat, lon, type, fatalities, date, location}. `open(p)` is called on click. */
  function drawPoints(map, layer, rawPoints, open, fit) {
    layer.clearLayers();
    const points = rawPoints.filter((p) => typeof p.lat === "number" && typeof p.lon === "number");
    points.sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
    for (const p of points) {
      const color = M.typeInfo(p.type).color;
      const marker = L.circleMarker([p.lat, p.lon], {
        radius: radius(p.fatalities), color, weight: 0.8, fillColor: color, fillOpacity: 0.35, className: "event-point",
      });
      marker.bindTooltip(tooltip(p), { direction: "top" });
      marker.on("click", () => open(p));
      marker.addTo(layer);
      const path = marker.getElement();
      if (path) path.setAttribute("data-event-id", p.id);
    }
    if (fit && points.length) {
      const bounds = robustBounds(points);
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) map.setView(bounds.getCenter(), 7);
      else map.fitBounds(bounds.pad(0.15), { maxZoom: 7 });
    }
    return points.length;
  }

  /** Legend: colour per event type, circle sizes for fatalities. */
  function addLegend(map) {
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const box = M.el("div", { class: "legend" }, M.el("div", { class: "legend-title" }, M.bi("Event type", "نوع الحدث")));
      for (const [type, info] of Object.entries(M.TYPES)) {
        box.append(M.el("div", {}, M.typeDot(type), " ", type, " ", M.el("span", { lang: "ar", dir: "rtl", class: "ar" }, info.ar)));
      }
      box.append(M.el("div", { class: "legend-title" }, M.bi("Circle size = fatalities (log)", "الحجم = عدد القتلى")));
      const sizes = M.el("div", { class: "sizes" });
      for (const n of [0, 10, 100, 1000]) {
        const circle = M.el("span", { class: "size" });
        const d = 2 * radius(n);
        circle.style.width = d + "px";
        circle.style.height = d + "px";
        sizes.append(M.el("span", { class: "size-item" }, circle, " ", String(n)));
      }
      box.append(sizes);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    legend.addTo(map);
  }

  const WEEK = 7 * 86400;

  /** 1200 -> "1.2k", 3000000 -> "3M": short axis labels. */
  function compact(n) {
    if (Math.abs(n) >= 1e6) return +(n / 1e6).toFixed(1) + "M";
    if (Math.abs(n) >= 1e3) return +(n / 1e3).toFixed(1) + "k";
    return String(n);
  }

  function weekSeconds(iso) {
    return Date.parse(String(iso).slice(0, 10) + "T00:00:00Z") / 1000;
  }

  /** Weekly series with empty weeks filled with zeros (bars need an even step). */
  function weeklySeries(weeks) {
    const known = new Map();
    for (const w of weeks) {
      const x = weekSeconds(w.week);
      if (!Number.isNaN(x)) known.set(x, w);
    }
    const xs = [...known.keys()].sort((a, b) => a - b);
    const out = [[], [], []];
    if (!xs.length) return out;
    for (let x = xs[0]; x <= xs[xs.length - 1]; x += WEEK) {
      const w = known.get(x);
      out[0].push(x);
      out[1].push(w ? w.events || 0 : 0);
      out[2].push(w ? w.fatalities || 0 : 0);
    }
    return out;
  }

  /** Where the view starts: the first week, or, with no date filter, the week
   * before which fewer than 10% of events lie: news mentions old events too,
   * and a tail of old dates would squash the weeks the news covers into a
   * few pixels. Returns [start, hidden events]. */
  function viewStart(data, fromFilter) {
    const xs = data[0];
    if (fromFilter || xs.length < 2) return [xs[0], 0];
    const total = data[1].reduce((a, b) => a + b, 0);
    let seen = 0;
    for (let i = 0; i < xs.length; i++) {
      if (seen + data[1][i] > total * 0.1) return [xs[i], seen];
      seen += data[1][i];
    }
    return [xs[0], 0];
  }

  /** Weekly events (bars) and fatalities (line) in `container`; dragging a
   * range calls onRange(fromIso, toIso). Returns a note on hidden early events. */
  function timeline(container, weeks, options) {
    M.clear(container);
    const data = weeklySeries(weeks);
    if (!data[0].length) {
      container.append(M.el("p", { class: "empty" }, M.bi("No dated events", "لا أحداث مؤرخة")));
      return { hidden: 0 };
    }
    const [start, hidden] = viewStart(data, options.from);
    const end = data[0][data[0].length - 1] + WEEK;
    const width = Math.max(300, container.clientWidth || 600);
    const iso = (secs) => new Date(secs * 1000).toISOString().slice(0, 10);
    const plot = new uPlot({
      width,
      height: options.height || 190,
      scales: { x: { time: true, range: () => [start, end] }, events: {}, fatalities: {} },
      series: [
        { value: (u, v) => (v === null ? "" : "week of " + iso(v)) },
        { label: "Events · أحداث", scale: "events", stroke: "#34495e", fill: "rgba(52,73,94,0.55)", width: 1,
          paths: uPlot.paths.bars({ size: [0.9, 40], align: 1 }) },
        { label: "Fatalities · قتلى", scale: "fatalities", stroke: "#c0392b", width: 1.5, points: { show: false } },
      ],
      axes: [
        {},
        { scale: "events", label: "events / week", size: 45 },
        { scale: "fatalities", side: 1, label: "fatalities / week", grid: { show: false }, size: 60, values: (u, ticks) => ticks.map(compact) },
      ],
      cursor: { drag: { x: true, y: false, setScale: false } },
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 3 || !options.onRange) return;
            const from = u.posToVal(u.select.left, "x");
            const to = u.posToVal(u.select.left + u.select.width, "x");
            u.setSelect({ left: 0, width: 0 }, false);
            options.onRange(iso(from), iso(to));
          },
        ],
      },
    }, data, container);
    container.setAttribute("data-weeks", String(data[0].length));
    return { plot, hidden, start: iso(start) };
  }

  return { makeMap, drawPoints, addLegend, timeline, radius };
})();
