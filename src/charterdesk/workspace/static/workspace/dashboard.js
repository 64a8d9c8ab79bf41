// Dashboard: each panel (a section with data-refresh) reloads its own fragment every
// data-every seconds while the tab is visible; hidden tabs do not poll, and a tab that
// comes back refreshes at once. A failed refresh keeps the last figures, dimmed.
(function () {
  "use strict";
  function refresh(panel) {
    fetch(panel.dataset.refresh, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var fresh = holder.firstElementChild;
        if (!fresh) { return; }
        var open = panel.querySelector("details[open]");
        if (open) { fresh.querySelectorAll("details").forEach(function (d) { d.open = true; }); }
        panel.replaceWith(fresh);
      })
      .catch(function () { panel.classList.add("dash-stale"); });
  }
  function refreshAll() {
    document.querySelectorAll("[data-refresh]").forEach(refresh);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var first = document.querySelector("[data-refresh]");
    if (!first) { return; }
    var every = (parseInt(first.dataset.every, 10) || 30) * 1000;
    var last = Date.now();
    setInterval(function () {
      if (document.visibilityState === "visible") { last = Date.now(); refreshAll(); }
    }, every);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && Date.now() - last >= every) {
        last = Date.now();
        refreshAll();
      }
    });
  });
})();
