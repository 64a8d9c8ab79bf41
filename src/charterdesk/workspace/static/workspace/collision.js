// Collision on the desk's ticket page: a heartbeat every few seconds says this agent is
// here (and whether writing a reply) and shows who else is; before a reply is sent, a
// last heartbeat checks whether someone else replied since the page was opened, and if
// so the agent is warned and sends again to confirm (the typed text stays as it is).
(function () {
  "use strict";
  var TYPING_MS = 8000;
  document.addEventListener("DOMContentLoaded", function () {
    var card = document.getElementById("collision");
    if (!card) { return; }
    var form = document.getElementById("reply");
    var box = form ? form.querySelector("textarea") : null;
    var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
    var lastTyped = 0, replied = 0, confirmed = false, wasTyping = false;

    function payload(extra) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrf ? csrf.value : "");
      data.append("opened_at", card.dataset.openedAt);
      var typing = box !== null && box.value.trim() !== "" && Date.now() - lastTyped < TYPING_MS;
      wasTyping = typing;
      if (typing) { data.append("typing", "on"); }
      Object.keys(extra || {}).forEach(function (k) { data.append(k, extra[k]); });
      return data;
    }
    function beat() {
      return fetch(card.dataset.heartbeat, { method: "POST", body: payload(), credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null) { return; }
          card.querySelector(".collision-body").innerHTML = html;
          var now = card.querySelector("[data-replied]");
          replied = now ? parseInt(now.dataset.replied, 10) || 0 : 0;
        })
        .catch(function () { /* offline for a moment: the next beat tries again */ });
    }
    var every = (parseInt(card.dataset.every, 10) || 5) * 1000;
    beat();
    setInterval(function () { if (document.visibilityState === "visible") { beat(); } }, every);
    window.addEventListener("pagehide", function () {
      if (navigator.sendBeacon) { navigator.sendBeacon(card.dataset.heartbeat, payload({ leaving: "on" })); }
    });
    if (!box) { return; }
    box.addEventListener("input", function () {
      var started = !wasTyping;
      lastTyped = Date.now();
      if (started) { beat(); }
    });
    form.addEventListener("submit", function (event) {
      if (confirmed) { return; }
      event.preventDefault();
      var button = event.submitter || form.querySelector("button[type=submit]");
      beat().then(function () {
        if (!replied) { confirmed = true; form.requestSubmit(button); return; }
        var warning = form.querySelector(".collision-warning") || document.createElement("div");
        warning.className = "form-errors collision-warning";
        warning.setAttribute("role", "alert");
        var latest = card.querySelector(".collision-replied");
        warning.textContent = (latest ? latest.textContent : "Someone else replied since you opened this ticket — review before sending") +
          ". Press Send again to send yours as it is.";
        form.prepend(warning);
        confirmed = true;
      });
    });
  });
})();
