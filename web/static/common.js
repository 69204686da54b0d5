/* netmap: shared helpers (no inline scripts anywhere; CSP default-src 'self'). */
"use strict";
window.netmap = (function () {
  let uiText = null;
  /* A UI string in the page's language (rendered by the server into #ui-text), with %(name)s filled in. */
  function t(key, params) {
    if (uiText === null) {
      const node = document.getElementById("ui-text");
      uiText = node ? JSON.parse(node.textContent) : {};
    }
    const text = uiText[key] || key;
    return text.replace(/%\((\w+)\)s/g, (m, name) => (params && name in params ? String(params[name]) : m));
  }
  /* The display name of a vocabulary value (a kind, sphere, status or tie type) in the page's language. */
  function term(value) {
    t("");
    return uiText["term:" + value] || String(value);
  }
  function number(value, digits) {
    const opts = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    return Number(value).toLocaleString(document.documentElement.lang || undefined, opts);
  }
  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  async function getJSON(url) {
    const res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      const msg = body && body.message ? body.message : t("server_answered", { status: res.status });
      throw new Error(msg);
    }
    return body;
  }
  async function postJSON(url, data) {
    const res = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(data),
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(body && body.message ? body.message : t("server_answered", { status: res.status }));
    return body;
  }
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  /* Autocomplete: <input data-autocomplete="target-id"> fills <input id="target-id"> with the chosen id. */
  function autocomplete(input, onPick) {
    const target = document.getElementById(input.dataset.autocomplete);
    const list = el("ul", null, "suggestions");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    let timer = null, seq = 0;
    input.addEventListener("input", () => {
      if (target) target.value = "";
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) { list.hidden = true; return; }
      timer = setTimeout(async () => {
        const mine = ++seq;
        let rows = [];
        try { rows = await getJSON("/api/search?q=" + encodeURIComponent(q)); } catch (e) { rows = []; }
        if (mine !== seq) return;
        list.replaceChildren();
        rows.forEach((row) => {
          const item = el("li");
          const button = el("button", row.name || row.id);
          button.type = "button";
          button.appendChild(el("span", " " + (row.kind || row.label || "") + (row.country ? " · " + row.country : ""), "hint"));
          button.addEventListener("click", () => {
            input.value = row.name || row.id;
            if (target) target.value = row.id;
            list.hidden = true;
            if (onPick) onPick(row);
          });
          item.appendChild(button);
          list.appendChild(item);
        });
        if (!rows.length) list.appendChild(el("li", t("no_match"), "hint"));
        list.hidden = false;
      }, 150);
    });
    input.addEventListener("keydown", (ev) => { if (ev.key === "Escape") list.hidden = true; });
  }
  return { csrfToken, getJSON, postJSON, el, autocomplete, t, term, number };
})();
