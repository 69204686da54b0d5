/* Path finder: top-k warm paths, listed with their explanation and drawn. */
"use strict";
(function () {
  const { getJSON, el, autocomplete, t, number } = window.netmap;
  const form = document.getElementById("path-form");
  const status = document.getElementById("path-status");
  const list = document.getElementById("path-list");
  let network = null;
  autocomplete(document.getElementById("from-search"));
  autocomplete(document.getElementById("to-search"));
  async function run() {
    const params = new URLSearchParams(new FormData(form));
    if (!params.get("from") || !params.get("to")) { status.textContent = t("pick_both"); return; }
    status.textContent = t("looking");
    history.replaceState(null, "", "/paths?" + params.toString());
    let data;
    try { data = await getJSON("/api/paths?" + params.toString()); }
    catch (e) { status.textContent = e.message; list.replaceChildren(); return; }
    list.replaceChildren();
    status.textContent = data.paths.length ? t("paths_found", { n: data.paths.length }) : t("no_route");
    data.paths.forEach((p) => {
      const li = el("li");
      li.append(el("span", p.text, "path-text"), el("span", " (" + t("cost", { cost: number(p.cost, 2) }) + ")", "cost"));
      if (p.reasons.length) {
        const ul = el("ul");
        p.reasons.forEach((r) => ul.appendChild(el("li", r)));
        li.appendChild(ul);
      }
      const askable = p.askable || [];
      if (list.dataset.canAsk === "1" && p.nodes[0] === list.dataset.home && askable.length) {
        const via = askable[askable.length - 1];  /* the actor on the route nearest the target knows it best */
        const target = p.nodes[p.nodes.length - 1];
        const a = el("a", t("ask_introduction", { name: p.names[p.nodes.indexOf(via)] }));
        a.href = "/actors/" + encodeURIComponent(target) + "?via=" + encodeURIComponent(via) + "#introduction-form";
        const ask = el("p", null, "ask-introduction");
        ask.appendChild(a);
        li.appendChild(ask);
      }
      list.appendChild(li);
    });
    if (network) network.destroy();
    network = new vis.Network(document.getElementById("path-map"),
      { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) }, data.options);
    network.on("doubleClick", (ev) => { if (ev.nodes.length) window.location.href = "/actors/" + encodeURIComponent(ev.nodes[0]); });
    document.body.dataset.pathsReady = "1";
  }
  form.addEventListener("submit", (ev) => { ev.preventDefault(); run(); });
  if (document.getElementById("from").value && document.getElementById("to").value) run();
})();
