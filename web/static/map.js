/* The map explorer: fetches server-laid-out data and draws it with vis-network (physics off). */
"use strict";
(function () {
  const { getJSON, postJSON, el, autocomplete, t, term, number } = window.netmap;
  const form = document.getElementById("map-filters");
  const container = document.getElementById("map");
  const status = document.getElementById("map-status");
  const notes = document.getElementById("map-notes");
  const panel = document.getElementById("panel");
  let network = null, nodes = null, current = null;

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
  function legend(items) {
    const box = document.getElementById("legend");
    box.replaceChildren(el("h3", t("legend")));
    items.forEach((item) => {
      const row = el("div", null, "legend-row");
      const sw = el("span", null, "swatch");
      sw.style.backgroundColor = item.colour;
      row.append(sw, el("span", term(item.kind)));
      box.appendChild(row);
    });
    [["star", "★ " + t("legend_us")], ["diamond", "◆ " + t("legend_entry")], ["partner", "● " + t("legend_partner")],
     ["size", t("legend_size")]].forEach(([cls, text]) => box.appendChild(el("div", text, "legend-row " + cls)));
  }
  function showPanel(id) {
    const node = nodes.get(id);
    if (!node) return;
    document.getElementById("panel-name").textContent = node.label || id;
    const dl = document.getElementById("panel-details");
    dl.replaceChildren();
    const fields = node.community
      ? [[t("members"), node.members], [t("about"), node.title]]
      : [[t("kind"), node.kind && term(node.kind)], [t("sphere"), node.sphere && term(node.sphere)],
         [t("country"), node.country], [t("engagement"), node.engagement && term(node.engagement)],
         [t("entry_score"), node.score !== undefined ? number(node.score, 2) : ""],
         [t("entry_point"), node.entry ? t("yes") : t("no")]];
    fields.forEach(([k, v]) => {
      if (v === undefined || v === null || v === "") return;
      dl.append(el("dt", k), el("dd", v));
    });
    const target = node.community ? node.focus : id;
    const link = document.getElementById("panel-link");
    link.href = "/actors/" + encodeURIComponent(target);
    link.textContent = node.community ? t("open_member") : t("open_actor");
    const ego = document.getElementById("panel-ego");
    ego.href = "/?focus=" + encodeURIComponent(target) + "&hops=1";
    panel.hidden = false;
    document.body.dataset.panel = id;
  }
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
    notes.replaceChildren(...data.notes.map((n) => el("p", n, "note")));
    legend(data.legend);
    nodes = new vis.DataSet(data.nodes);
    const edges = new vis.DataSet(data.edges);
    const started = performance.now();
    if (network) network.destroy();
    network = new vis.Network(container, { nodes, edges }, data.options);
    window.netmap.mapNetwork = network;
    network.once("afterDrawing", () => {
      document.body.dataset.mapReady = "1";
      document.body.dataset.nodeCount = String(data.nodes.length);
      document.body.dataset.drawMs = String(Math.round(performance.now() - started));
    });
    network.on("click", (params) => {
      if (params.nodes.length) showPanel(params.nodes[0]);
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
  }
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(true); });
  document.getElementById("clear").addEventListener("click", () => {
    form.reset();
    for (const s of form.querySelectorAll("select[multiple]")) for (const o of s.options) o.selected = false;
    document.getElementById("focus").value = "";
    load(true);
  });
  document.getElementById("panel-close").addEventListener("click", () => { panel.hidden = true; });
  const save = document.getElementById("save-layout");
  if (save) save.addEventListener("click", async () => {
    if (!network || !current || current.aggregated) return;
    const pos = network.getPositions();
    const positions = {};
    Object.keys(pos).forEach((k) => { positions[k] = [pos[k].x, pos[k].y]; });
    try {
      const res = await postJSON("/api/layout", { view: current.view, positions });
      status.textContent = t("layout_saved", { n: number(res.saved) });
    } catch (e) { status.textContent = t("layout_not_saved", { reason: e.message }); }
  });
  window.addEventListener("popstate", () => { applyUrlToForm(); load(false); });
  autocomplete(document.getElementById("search"), () => load(true));
  applyUrlToForm();
  load(false);
})();
