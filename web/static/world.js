/* netmap: the world map page. Shapes from the bundled world-atlas TopoJSON, drawn with d3-geo in the
   Equal Earth projection (as the bundle's picture); fills and counts come from the server. */
"use strict";
(function () {
  const svg = document.getElementById("world-map");
  if (!svg) return;
  const data = JSON.parse(document.getElementById("world-data").textContent);
  const text = data.text;
  const tip = document.getElementById("world-tip");
  const NS = "http://www.w3.org/2000/svg";
  const ZERO = "#eef0f2", ANTARCTICA = "010";
  const number = (v) => window.netmap.number(v);

  function show(shape, event) {
    tip.replaceChildren();
    const title = document.createElement("strong");
    title.textContent = shape.name;
    tip.appendChild(title);
    const rows = ["actors", "engaged", "entry_points", "gaps", "programmes"];
    const list = document.createElement("dl");
    for (const key of rows) {
      const dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = text[key];
      dd.textContent = number(shape[key]);
      if (key === data.measure) { dt.className = dd.className = "current"; }
      list.append(dt, dd);
    }
    tip.appendChild(list);
    const foot = document.createElement("p");
    foot.textContent = shape.href ? text.open : text.none;
    tip.appendChild(foot);
    tip.hidden = false;
    place(event);
  }
  function place(event) {
    const box = svg.parentNode.getBoundingClientRect();
    let x, y;
    if (event && event.clientX !== undefined) { x = event.clientX - box.left; y = event.clientY - box.top; }
    else { const r = event.target.getBoundingClientRect(); x = r.left + r.width / 2 - box.left; y = r.top + r.height / 2 - box.top; }
    const left = Math.min(x + 14, box.width - tip.offsetWidth - 4);
    const top = y + 14 + tip.offsetHeight > box.height ? y - tip.offsetHeight - 10 : y + 14;
    tip.style.left = Math.max(0, left) + "px";
    tip.style.top = Math.max(0, top) + "px";
  }
  function hide() { tip.hidden = true; }

  function draw(topology) {
    const started = performance.now();
    const all = topojson.feature(topology, topology.objects.countries).features;
    const features = all.filter((f) => f.id !== ANTARCTICA);
    const [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
    const projection = d3.geoEqualEarth().fitExtent([[4, 4], [w - 4, h - 4]], { type: "FeatureCollection", features });
    const path = d3.geoPath(projection);
    const group = document.createElementNS(NS, "g");
    for (const f of features) {
      const shape = f.id ? data.shapes[f.id] : null;
      const node = document.createElementNS(NS, "path");
      node.setAttribute("d", path(f));
      node.setAttribute("fill", shape ? shape.fill : ZERO);
      node.setAttribute("class", "country" + (shape && shape.href ? " linked" : ""));
      if (shape) {
        node.dataset.id = f.id;
        node.setAttribute("aria-label", shape.name + ": " + number(shape[data.measure]));
        if (shape.href) { node.setAttribute("tabindex", "0"); node.setAttribute("role", "link"); }
        node.addEventListener("mousemove", (e) => show(shape, e));
        node.addEventListener("focus", (e) => show(shape, e));
        node.addEventListener("mouseleave", hide);
        node.addEventListener("blur", hide);
        if (shape.href) {
          node.addEventListener("click", () => { window.location.href = shape.href; });
          node.addEventListener("keydown", (e) => { if (e.key === "Enter") window.location.href = shape.href; });
        }
      }
      group.appendChild(node);
    }
    svg.appendChild(group);
    svg.dataset.drawMs = String(Math.round(performance.now() - started));
    svg.dataset.drawn = String(features.length);
  }

  fetch(svg.dataset.topology, { credentials: "same-origin" })
    .then((res) => { if (!res.ok) throw new Error(String(res.status)); return res.json(); })
    .then(draw)
    .catch((err) => {
      const p = document.createElement("p");
      p.className = "error-msg";
      p.textContent = text.failed.replace("%(reason)s", err.message);
      svg.replaceWith(p);
    });
})();
