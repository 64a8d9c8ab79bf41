/* Inside the widget's iframe (served by CharterDesk). The session token arrives from the
 * loader by postMessage, accepted only from the parent window at one of the key's allowed
 * origins; it is kept in memory only (no cookie: browsers block third-party cookies).
 * A visitor without a token who sends a request gets a visitor pass, kept in this frame's
 * localStorage (partitioned by the host site), to follow that request once confirmed. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("widget-config").textContent);
  var view = document.getElementById("view");
  var who = document.getElementById("who");
  var bearer = null;
  var timers = {};
  var passName = "charterdesk.visitor." + config.key;
  var visitorPass = null;
  try { visitorPass = window.localStorage.getItem(passName); } catch (e) { /* storage blocked */ }

  function headers() {
    var h = { "X-Widget-Key": config.key };
    if (bearer) h.Authorization = "Bearer " + bearer;
    else if (visitorPass) h["X-Widget-Visitor"] = visitorPass;
    return h;
  }

  function keepPass() {
    var holder = view.querySelector("[data-visitor-pass]");
    if (!holder) return;
    visitorPass = holder.getAttribute("data-visitor-pass");
    holder.remove();
    try { window.localStorage.setItem(passName, visitorPass); } catch (e) { /* memory only */ }
    document.body.classList.add("has-pass");
  }

  function show(html) {
    view.innerHTML = html;
    keepPass();
    view.scrollTop = 0; window.scrollTo(0, 0);
    var f = view.querySelector("[autofocus]"); if (f) f.focus();
  }

  function call(url, options) {
    options = options || {};
    options.headers = headers();
    return fetch(url, options).then(function (r) {
      if (r.status === 401 && bearer) { bearer = null; tell({ type: "charterdesk:expired" }); signedOut(); }
      var type = r.headers.get("Content-Type") || "";
      return r.text().then(function (text) {
        if (type.indexOf("json") >= 0) {
          var p = JSON.parse(text); text = '<p class="error" role="alert"></p>';
          var d = document.createElement("div"); d.innerHTML = text; d.firstChild.textContent = p.detail;
          return d.innerHTML;
        }
        return text;
      });
    });
  }

  /* A file of the thread: fetched with the widget's headers (no cookie reaches it), then
   * saved from memory under its name; a refusal shows its reason in place of the link. */
  function download(link) {
    fetch(link.getAttribute("data-download"), { headers: headers() }).then(function (r) {
      if (!r.ok) {
        return r.json().then(function (p) { link.replaceWith(problemNode(p.detail)); },
          function () { link.replaceWith(problemNode("The file could not be downloaded.")); });
      }
      return r.blob().then(function (data) {
        var url = URL.createObjectURL(data);
        var save = document.createElement("a");
        save.href = url; save.download = link.getAttribute("data-filename") || "download";
        document.body.appendChild(save); save.click(); save.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      });
    });
  }

  function problemNode(detail) {
    var p = document.createElement("span"); p.className = "error"; p.setAttribute("role", "alert");
    p.textContent = detail; return p;
  }

  function go(url) { return call(url).then(show); }

  function tell(message) {
    if (window.parent === window) return;
    config.origins.forEach(function (origin) { window.parent.postMessage(message, origin); });
  }

  function signedIn(contact) {
    who.textContent = contact && contact.name ? contact.name : (contact ? contact.email : "");
    document.body.classList.add("signed-in");
  }
  function signedOut() { who.textContent = ""; document.body.classList.remove("signed-in"); }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || config.origins.indexOf(event.origin) < 0) return;
    var data = event.data || {};
    if (data.type === "charterdesk:session" && data.session) {
      bearer = data.session;
      signedIn(data.contact);
    }
    document.body.classList.add("ready");
  });

  function debounce(name, wait, fn) {
    clearTimeout(timers[name]);
    timers[name] = setTimeout(fn, wait);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-go]");
    if (link) {
      event.preventDefault();
      go(link.getAttribute("data-go"));
      if (link.parentNode.classList.contains("tabs")) {
        Array.prototype.forEach.call(link.parentNode.children, function (tab) {
          if (tab === link) tab.setAttribute("aria-current", "page");
          else tab.removeAttribute("aria-current");
        });
      }
    }
    var file = event.target.closest("[data-download]");
    if (file) { event.preventDefault(); download(file); }
    if (event.target.closest("[data-close]")) tell({ type: "charterdesk:close" });
  });

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.id === "q") {
      debounce("q", 250, function () {
        call(config.urls.search + "?q=" + encodeURIComponent(field.value)).then(function (html) {
          document.getElementById("results").innerHTML = html;
        });
      });
    } else if (field.hasAttribute("data-suggest") || field.name === "subject") {
      var form = field.form;
      var text = (form.subject.value + " " + form.body.value).trim();
      debounce("suggest", 350, function () {
        call(config.urls.suggest + "?text=" + encodeURIComponent(text)).then(function (html) {
          var box = document.getElementById("suggestions");
          if (box) box.innerHTML = html;
        });
      });
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-post")) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    send(form, button);
  });

  /* A form's POST: the page that answers replaces the view; a refusal (problem+json, as a
   * 429 past the upload limits) is told in the form, which keeps what was typed. */
  function send(form, button) {
    var options = { method: "POST", body: new FormData(form), headers: headers() };
    fetch(form.getAttribute("data-post"), options).then(function (r) {
      var type = r.headers.get("Content-Type") || "";
      if (type.indexOf("json") < 0) return r.text().then(show);
      if (r.status === 401 && bearer) { bearer = null; tell({ type: "charterdesk:expired" }); signedOut(); }
      return r.json().then(function (p) {
        var box = form.querySelector("[data-problem]");
        if (!box) {
          box = problemNode(""); box.setAttribute("data-problem", "");
          box.className = "error problem"; form.insertBefore(box, form.firstChild);
        }
        box.textContent = p.detail;
        if (button) button.disabled = false;
      });
    });
  }

  if (visitorPass) document.body.classList.add("has-pass");
  document.body.classList.add("ready");
  tell({ type: "charterdesk:ready" });
})();
