/* Draws the nodes and relationships a console query returned (data from a JSON block, never inline JS). */
"use strict";
(function () {
  const block = document.getElementById("console-graph");
  if (!block) return;
  const data = JSON.parse(block.textContent);
  const nodes = data.nodes.map((n) => ({
    id: n.elementId,
    label: String(n.name || n.id || n.code || (n.labels || []).join(":")).slice(0, 60),
    title: (n.labels || []).join(":") + "\n" + String(n.name || n.id || ""),
  }));
  const edges = data.relationships.map((r) => ({ id: r.elementId, from: r.start, to: r.end, label: r.type, arrows: "to" }));
  const network = new vis.Network(document.getElementById("console-map"),
    { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) },
    { physics: { enabled: true, stabilization: { iterations: 150 } }, edges: { smooth: false, font: { size: 9 } },
      nodes: { shape: "dot", size: 12 } });
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({ physics: false });
    network.once("afterDrawing", () => { document.body.dataset.consoleMapReady = "1"; });
    network.redraw();
  });
})();
