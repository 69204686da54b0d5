/* The map explorer: fetches server-laid-out data and draws it with vis-network (physics off).

   Labels are drawn here, not by vis-network: in the server's order of importance (us, partners, entry
   points, top brokers, then the rest), each one only if it does not overlap a label already drawn, so
   zooming in names more actors. The regions of the layout (sphere bands, rings around us, community
   discs) are drawn behind the nodes. Clicking an actor fades everything but its neighbourhood. */
"use strict";
(function () {
  const { getJSON, postJSON, el, autocomplete, t, term, number } = window.netmap;
  const form = document.getElementById("map-filters");
  const container = document.getElementById("map");
  const status = document.getElementById("map-status");
  const notes = document.getElementById("map-notes");
  const panel = document.getElementById("panel");
  const FONT = 12, PAD = 2, FAMILY = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', sans-serif";
  let network = null, nodes = null, edges = null, current = null;
  let order = [], widths = {}, positions = {}, focusSet = null, routeEdges = null;
  const drawn = { labels: [], hidden: 0 };
  window.netmap.mapLabels = drawn;

  function applyUrlToForm() {
    const params = new URLSearchParams(window.location.search);
    for (const select of form.querySelectorAll("select")) {
      const values = params.getAll(select.name);
      if (!values.length) continue;
      for (const opt of select.options) opt.selected = values.includes(opt.value);
    }
    const focus = params.get("focus");
    if (focus) {
      document.getElementById("focus").value = focus;
      document.getElementById("search").value = focus;
    }
  }
  function query() {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) {
      if (v !== "" && !(k === "hops" && !document.getElementById("focus").value)) params.append(k, v);
    }
    return params.toString();
  }

  /* -- the legend, always on screen over the map ----------------------------------------------- */
  function legend(data) {
    const box = document.getElementById("legend");
    const row = el("div", null, "legend-line");
    row.appendChild(el("strong", t("legend"), "legend-title"));
    const marks = [["★", t("legend_us")], ["◆", t("legend_entry")], ["◯", t("legend_partner")],
                   ["■", t("legend_initiative")], ["●", t("legend_size")]];
    marks.forEach(([mark, text]) => {
      const item = el("span", null, "legend-row");
      item.append(el("span", mark, "mark"), el("span", text));
      row.appendChild(item);
    });
    const kinds = el("div", null, "legend-line");
    const shown = new Set(data.nodes.map((n) => n.kind));
    data.legend.filter((item) => shown.has(item.kind)).forEach((item) => {
      const entry = el("span", null, "legend-row");
      const sw = el("span", null, "swatch");
      sw.style.backgroundColor = item.colour;
      entry.append(sw, el("span", term(item.kind)));
      kinds.appendChild(entry);
    });
    const about = { spheres: "legend_spheres", "around-us": "legend_around_us", communities: "legend_communities",
                    force: "legend_force" }[data.layout];
    const parts = [row, kinds];
    if (about && !data.aggregated) parts.push(el("p", t(about), "legend-about"));
    box.replaceChildren(...parts);
  }

  /* -- tooltips, in the page's language -------------------------------------------------------- */
  function tooltip(n) {
    if (n.community) return n.name;
    const lines = [n.name, [n.kind && term(n.kind), n.sphere && term(n.sphere), n.country].filter(Boolean).join(" · ")];
    if (n.rank) lines.push(t("entry_rank", { rank: n.rank }));
    if (n.engagement && n.engagement !== "none") lines.push(t("engagement") + ": " + term(n.engagement));
    if (n.score) lines.push(t("entry_score") + ": " + number(n.score, 2));
    if (n.via) lines.push(t("introduced_by", { name: n.via }));
    return lines.filter(Boolean).join("\n");
  }

  /* -- regions behind the nodes ---------------------------------------------------------------- */
  const BAND_FILL = { humanitarian: "rgba(31,119,180,0.06)", between: "rgba(201,161,0,0.10)", economic: "rgba(255,127,14,0.07)" };
  /* Where a region's name goes (canvas units, centred): inside its top edge. */
  function regionAnchor(r, font) {
    if (r.shape === "band") return { x: (r.x0 + r.x1) / 2, y: r.y0 + font, max: r.x1 - r.x0 };
    if (r.shape === "ring") return { x: 0, y: -r.r + font * 0.9, max: r.r };
    return { x: r.x, y: r.y - r.r + font * 1.2, max: 2 * r.r };
  }
  function regionName(r) {
    if (r.shape === "disc") {
      const parts = [r.kind && term(r.kind), r.sector, r.country].filter(Boolean);
      return (parts.join(" · ") || t("mixed")) + " (" + number(r.count) + ")";
    }
    return t((r.shape === "band" ? "band_" : "ring_") + r.key) + " (" + number(r.count) + ")";
  }
  function drawRegions(ctx) {
    if (!current || !current.regions || !current.regions.length) return;
    const scale = network.getScale();
    ctx.save();
    for (const r of current.regions) {
      if (r.shape === "band") {
        ctx.fillStyle = BAND_FILL[r.key] || "rgba(0,0,0,0.04)";
        ctx.fillRect(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
      } else if (r.shape === "ring") {
        ctx.strokeStyle = "rgba(80,90,110,0.35)";
        ctx.setLineDash([6 / scale, 6 / scale]);
        ctx.lineWidth = 1 / scale;
        ctx.beginPath();
        ctx.arc(0, 0, r.r, 0, 2 * Math.PI);
        ctx.stroke();
      } else if (r.shape === "disc") {
        ctx.fillStyle = "rgba(120,140,170,0.08)";
        ctx.beginPath();
        ctx.arc(r.x, r.y, r.r, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.restore();
  }

  /* -- labels that never overlap --------------------------------------------------------------- */
  function measure() {
    const ctx = document.createElement("canvas").getContext("2d");
    ctx.font = `${FONT}px ${FAMILY}`;
    widths = {};
    for (const n of current.nodes) widths[n.id] = ctx.measureText(n.text || "").width;
    order = current.nodes.slice().sort((a, b) => a.priority - b.priority).map((n) => n.id);
  }
  function drawLabels(ctx) {
    if (!current) return;
    const scale = network.getScale();
    const font = FONT / scale, pad = PAD / scale;
    const topLeft = network.DOMtoCanvas({ x: 0, y: 0 });
    const bottomRight = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    const cell = 120 / scale, grid = new Map(), boxes = [];
    let hidden = 0;
    const visible = (x0, y0, x1, y1) => !(x1 < topLeft.x || x0 > bottomRight.x || y1 < topLeft.y || y0 > bottomRight.y);
    /* Takes the box if it overlaps no box taken before (a grid of cells keeps this linear). */
    const fits = (x0, y0, x1, y1) => {
      const cx0 = Math.floor(x0 / cell), cx1 = Math.floor(x1 / cell), cy0 = Math.floor(y0 / cell), cy1 = Math.floor(y1 / cell);
      for (let cx = cx0; cx <= cx1; cx++) {
        for (let cy = cy0; cy <= cy1; cy++) {
          for (const b of grid.get(cx + ":" + cy) || []) {
            if (x0 < b[2] && b[0] < x1 && y0 < b[3] && b[1] < y1) return false;
          }
        }
      }
      const box = [x0, y0, x1, y1];
      for (let cx = cx0; cx <= cx1; cx++) {
        for (let cy = cy0; cy <= cy1; cy++) {
          const key = cx + ":" + cy;
          if (!grid.has(key)) grid.set(key, []);
          grid.get(key).push(box);
        }
      }
      return true;
    };
    ctx.save();
    ctx.lineJoin = "round";
    ctx.lineWidth = 3 / scale;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    ctx.textBaseline = "middle";
    if (!focusSet) {
      const regionFont = 13 / scale;
      ctx.font = `600 ${regionFont}px ${FAMILY}`;
      ctx.fillStyle = "#3b4350";
      for (const r of current.regions || []) {
        const text = regionName(r), a = regionAnchor(r, regionFont);
        let w = ctx.measureText(text).width;
        if (w > a.max * 0.95) {  // a smaller font, down to 8 px, for a name wider than its region
          const size = Math.max(8, 13 * a.max * 0.95 / w) / scale;
          ctx.font = `600 ${size}px ${FAMILY}`;
          w = ctx.measureText(text).width;
          if (w > a.max) { ctx.font = `600 ${regionFont}px ${FAMILY}`; continue; }
        }
        const x0 = a.x - w / 2 - pad, x1 = a.x + w / 2 + pad, y0 = a.y - regionFont / 2 - pad, y1 = a.y + regionFont / 2 + pad;
        if (!visible(x0, y0, x1, y1) || !fits(x0, y0, x1, y1)) continue;
        ctx.strokeText(text, x0 + pad, a.y);
        ctx.fillText(text, x0 + pad, a.y);
        ctx.font = `600 ${regionFont}px ${FAMILY}`;
        boxes.push({ id: null, text, x0, y0, x1, y1 });
      }
    }
    ctx.font = `${font}px ${FAMILY}`;
    for (const id of order) {
      const p = positions[id];
      if (!p) continue;
      if (focusSet && !focusSet.has(id)) continue;
      const node = nodes.get(id);
      const w = widths[id] / scale, size = (node.size || 10);
      const x0 = p.x + size + 3 / scale, y0 = p.y - font / 2 - pad, x1 = x0 + w + pad, y1 = p.y + font / 2 + pad;
      if (!visible(x0, y0, x1, y1)) continue;
      if (!fits(x0, y0, x1, y1)) { hidden++; continue; }
      ctx.fillStyle = node.home || node.rank ? "#111" : "#2b313b";
      ctx.strokeText(node.text, x0, p.y);
      ctx.fillText(node.text, x0, p.y);
      boxes.push({ id, text: node.text, x0, y0, x1, y1 });
    }
    ctx.restore();
    drawn.labels = boxes;
    drawn.hidden = hidden;
    drawn.scale = scale;
  }

  /* -- focus: a neighbourhood, a warm route ---------------------------------------------------- */
  function fade(keep, keepEdges) {
    focusSet = keep;
    routeEdges = keepEdges || null;
    nodes.update(current.nodes.map((n) => ({ id: n.id, opacity: !keep || keep.has(n.id) ? 1 : 0.12 })));
    edges.update(current.edges.map((e) => {
      const onRoute = keepEdges && keepEdges.has(e.id);
      const near = !keep || (keep.has(e.from) && keep.has(e.to) && (!keepEdges || onRoute));
      const colour = onRoute ? "#c2410c" : (near ? "#b0b8c4" : "rgba(176,184,196,0.12)");
      return { id: e.id, color: { color: colour, highlight: onRoute ? colour : "#333" }, width: onRoute ? 4 : e.baseWidth };
    }));
    document.getElementById("clear-focus").hidden = !keep;
    document.body.dataset.focus = keep ? String(keep.size) : "";
  }
  function focusOn(id) {
    const keep = new Set([id, ...network.getConnectedNodes(id)]);
    fade(keep, null);
  }
  async function showRoute(id) {
    if (!current.home) { status.textContent = t("route_needs_home"); return; }
    status.textContent = t("looking");
    try {
      const data = await getJSON("/api/paths?k=1&from=" + encodeURIComponent(current.home) + "&to=" + encodeURIComponent(id));
      const path = data.paths[0];
      if (!path) { status.textContent = t("no_route"); return; }
      const keep = new Set(path.nodes);
      const onRoute = new Set();
      for (let i = 0; i + 1 < path.nodes.length; i++) {
        const a = path.nodes[i], b = path.nodes[i + 1];
        const edge = current.edges.find((e) => (e.from === a && e.to === b) || (e.from === b && e.to === a));
        if (edge) onRoute.add(edge.id);
      }
      const missing = path.nodes.filter((n) => !nodes.get(n));
      fade(keep, onRoute);
      status.textContent = t("route_shown", { route: path.text }) + (missing.length ? " " + t("route_off_view") : "");
      document.body.dataset.route = path.nodes.join(",");
    } catch (e) { status.textContent = e.message; }
  }

  function showPanel(id) {
    const node = nodes.get(id);
    if (!node) return;
    document.getElementById("panel-name").textContent = node.name || id;
    const dl = document.getElementById("panel-details");
    dl.replaceChildren();
    const fields = node.community
      ? [[t("members"), node.members]]
      : [[t("kind"), node.kind && term(node.kind)], [t("sphere"), node.sphere && term(node.sphere)],
         [t("country"), node.country], [t("engagement"), node.engagement && term(node.engagement)],
         [t("entry_point"), node.rank ? number(node.rank) : t("no")],
         [t("entry_score"), node.score !== undefined ? number(node.score, 2) : ""],
         [t("introducer"), node.via]];
    fields.forEach(([k, v]) => {
      if (v === undefined || v === null || v === "") return;
      dl.append(el("dt", k), el("dd", v));
    });
    const target = node.community ? node.focus : id;
    const link = document.getElementById("panel-link");
    link.href = "/actors/" + encodeURIComponent(target);
    link.textContent = node.community ? t("open_member") : t("open_actor");
    document.getElementById("panel-ego").href = "/?focus=" + encodeURIComponent(target) + "&hops=1";
    const route = document.getElementById("panel-route");
    route.hidden = !!node.community || node.home || !current.home;
    route.onclick = () => showRoute(id);
    panel.hidden = false;
    document.body.dataset.panel = id;
  }

  /* -- download this view ---------------------------------------------------------------------- */
  function caption() {
    const filters = [];
    for (const select of form.querySelectorAll("select[multiple]")) {
      const chosen = [...select.selectedOptions].map((o) => o.textContent.trim());
      if (chosen.length) filters.push(select.closest("label").firstChild.textContent.trim() + ": " + chosen.join(", "));
    }
    const focus = document.getElementById("search").value;
    if (focus) filters.push(t("around_actor", { name: focus }));
    const layout = form.querySelector("select[name=layout]");
    return {
      title: t("view_title") + " · " + layout.selectedOptions[0].textContent.trim(),
      filters: filters.length ? filters.join(" · ") : t("all_actors"),
      date: current.data_date ? t("data_as_of", { date: current.data_date.slice(0, 10) }) : "",
    };
  }
  function save(blob, name) {
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function downloadPng() {
    const source = container.querySelector("canvas");
    const ratio = source.width / container.clientWidth;
    const head = Math.round(64 * ratio);
    const out = document.createElement("canvas");
    out.width = source.width;
    out.height = source.height + head;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, out.width, out.height);
    const c = caption();
    ctx.fillStyle = "#111";
    ctx.font = `600 ${18 * ratio}px ${FAMILY}`;
    ctx.fillText(c.title, 12 * ratio, 24 * ratio);
    ctx.fillStyle = "#444";
    ctx.font = `${12 * ratio}px ${FAMILY}`;
    ctx.fillText([c.filters, c.date].filter(Boolean).join(" · "), 12 * ratio, 46 * ratio);
    ctx.drawImage(source, 0, head);
    out.toBlob((blob) => save(blob, "netmap-map.png"), "image/png");
  }
  function downloadSvg() {
    const NS = "http://www.w3.org/2000/svg";
    const w = container.clientWidth, h = container.clientHeight, head = 64;
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("xmlns", NS);
    svg.setAttribute("width", w);
    svg.setAttribute("height", h + head);
    svg.setAttribute("viewBox", `0 0 ${w} ${h + head}`);
    svg.setAttribute("font-family", "sans-serif");
    const add = (parent, tag, attrs, text) => {
      const node = document.createElementNS(NS, tag);
      Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
      if (text !== undefined) node.textContent = text;  // textContent: the serializer escapes it
      parent.appendChild(node);
      return node;
    };
    add(svg, "rect", { width: w, height: h + head, fill: "#fff" });
    const c = caption();
    add(svg, "text", { x: 12, y: 24, "font-size": 18, "font-weight": 600 }, c.title);
    add(svg, "text", { x: 12, y: 46, "font-size": 12, fill: "#444" }, [c.filters, c.date].filter(Boolean).join(" · "));
    const g = add(svg, "g", { transform: `translate(0 ${head})` });
    const dom = (id) => network.canvasToDOM(positions[id]);
    for (const e of current.edges) {
      if (!positions[e.from] || !positions[e.to]) continue;
      if (focusSet && !(focusSet.has(e.from) && focusSet.has(e.to))) continue;
      const a = dom(e.from), b = dom(e.to);
      add(g, "line", { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
                       stroke: routeEdges && routeEdges.has(e.id) ? "#c2410c" : "#b0b8c4", "stroke-width": 1 });
    }
    const scale = network.getScale();
    for (const n of current.nodes) {
      if (focusSet && !focusSet.has(n.id)) continue;
      const p = dom(n.id);
      if (p.x < -20 || p.y < -20 || p.x > w + 20 || p.y > h + 20) continue;
      add(g, "circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: Math.max(2, (n.size || 10) * scale).toFixed(1),
                         fill: n.color.background, stroke: n.color.border, "stroke-width": n.borderWidth > 1 ? 2 : 0.5 });
    }
    for (const l of drawn.labels) {
      const p = network.canvasToDOM({ x: l.x0, y: (l.y0 + l.y1) / 2 });
      add(g, "text", { x: p.x.toFixed(1), y: (p.y + 4).toFixed(1), "font-size": FONT }, l.text);
    }
    save(new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" }), "netmap-map.svg");
  }

  /* -- loading a view -------------------------------------------------------------------------- */
  async function load(push) {
    const qs = query();
    status.textContent = t("loading_map");
    document.body.dataset.mapReady = "0";
    if (push) history.pushState(null, "", qs ? "/?" + qs : "/");
    let data;
    try {
      data = await getJSON("/api/map" + (qs ? "?" + qs : ""));
    } catch (e) {
      status.textContent = t("map_failed", { reason: e.message });
      document.body.dataset.mapReady = "error";
      return;
    }
    current = data;
    focusSet = null;
    routeEdges = null;
    notes.replaceChildren(...data.notes.map((n) => el("p", n, "note")));
    legend(data);
    data.nodes.forEach((n) => { n.title = tooltip(n); });
    data.edges.forEach((e, i) => {
      e.id = "e" + i;
      e.baseWidth = e.width;
      if (e.title) e.title = e.title.split(", ").map(term).join(", ");  // tie types in the page's language
    });
    nodes = new vis.DataSet(data.nodes);
    edges = new vis.DataSet(data.edges);
    measure();
    const started = performance.now();
    if (network) network.destroy();
    network = new vis.Network(container, { nodes, edges }, data.options);
    window.netmap.mapNetwork = network;
    positions = network.getPositions();
    network.on("beforeDrawing", drawRegions);
    network.on("afterDrawing", drawLabels);
    network.on("dragEnd", () => { positions = network.getPositions(); });
    network.once("afterDrawing", () => {
      document.body.dataset.mapReady = "1";
      document.body.dataset.nodeCount = String(data.nodes.length);
      document.body.dataset.layout = data.layout;
      document.body.dataset.drawMs = String(Math.round(performance.now() - started));
    });
    network.on("click", (params) => {
      if (params.nodes.length) { showPanel(params.nodes[0]); focusOn(params.nodes[0]); }
    });
    network.on("doubleClick", (params) => {
      if (params.nodes.length) {
        const node = nodes.get(params.nodes[0]);
        window.location.href = "/actors/" + encodeURIComponent(node.community ? node.focus : node.id);
      }
    });
    const shown = data.nodes.length;
    status.textContent = shown
      ? (data.aggregated ? t("communities", { shown: number(shown), total: number(data.total) })
                         : t("showing", { shown: number(shown), total: number(data.total), edges: number(data.edges.length) }))
      : t("no_actor");
    if (data.focus_missing) status.textContent += " " + t("focus_filtered");
    const select = new URLSearchParams(window.location.search).get("select");
    if (select && nodes.get(select)) {
      network.selectNodes([select]);
      network.focus(select, { scale: 1.2 });
      showPanel(select);
      focusOn(select);
    }
  }
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(true); });
  form.querySelector("select[name=layout]").addEventListener("change", () => load(true));
  document.getElementById("clear").addEventListener("click", () => {
    form.reset();
    for (const s of form.querySelectorAll("select[multiple]")) for (const o of s.options) o.selected = false;
    document.getElementById("focus").value = "";
    load(true);
  });
  document.getElementById("clear-focus").addEventListener("click", () => { fade(null, null); panel.hidden = true; });
  document.getElementById("panel-close").addEventListener("click", () => { panel.hidden = true; fade(null, null); });
  document.getElementById("download-png").addEventListener("click", downloadPng);
  document.getElementById("download-svg").addEventListener("click", downloadSvg);
  const saveLayout = document.getElementById("save-layout");
  if (saveLayout) saveLayout.addEventListener("click", async () => {
    if (!network || !current || current.aggregated) return;
    const pos = network.getPositions();
    const saved = {};
    Object.keys(pos).forEach((k) => { saved[k] = [pos[k].x, pos[k].y]; });
    try {
      const res = await postJSON("/api/layout", { view: current.view, positions: saved });
      status.textContent = t("layout_saved", { n: number(res.saved) });
    } catch (e) { status.textContent = t("layout_not_saved", { reason: e.message }); }
  });
  window.addEventListener("popstate", () => { applyUrlToForm(); load(false); });
  autocomplete(document.getElementById("search"), () => load(true));
  applyUrlToForm();
  load(false);
})();
