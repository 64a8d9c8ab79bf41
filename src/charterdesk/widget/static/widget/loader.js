/* CharterDesk help widget loader. One tag on the vendor's page:
 *   <script src="https://support.example/widget/loader.js" data-key="wk_..."
 *           data-token-url="/charterdesk-token" async></script>
 * It adds a launcher button and, when opened, an iframe served by CharterDesk. Nothing
 * else is loaded into the host page. With data-token-url (a URL of the vendor's backend
 * answering {"token": "<JWT>"}) or window.CharterDeskToken (a function returning the JWT
 * or a promise of it), it exchanges the token for a widget session and hands the session
 * to the iframe by postMessage, to CharterDesk's origin only. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__charterdeskWidget) return;
  window.__charterdeskWidget = true;
  var key = script.getAttribute("data-key") || "";
  var tokenUrl = script.getAttribute("data-token-url");
  var base = new URL(script.src).origin;
  var frame = null, session = null, open = false;

  function css(el, rules) { for (var k in rules) el.style[k] = rules[k]; }

  var button = document.createElement("button");
  button.type = "button";
  button.id = "charterdesk-launcher";
  button.textContent = script.getAttribute("data-label") || "Help";
  button.setAttribute("aria-expanded", "false");
  css(button, {
    position: "fixed", right: "20px", bottom: "20px", zIndex: "2147483000",
    padding: "12px 18px", borderRadius: "24px", border: "0", cursor: "pointer",
    background: script.getAttribute("data-color") || "#1f4fd1", color: "#fff",
    font: "600 15px/1 system-ui, sans-serif", boxShadow: "0 4px 14px rgba(0,0,0,.25)"
  });

  function vendorToken() {
    if (tokenUrl) {
      return fetch(tokenUrl, { credentials: "same-origin" }).then(function (r) {
        return r.ok ? r.json().then(function (j) { return j.token; }) : null;
      });
    }
    if (typeof window.CharterDeskToken === "function") {
      return Promise.resolve(window.CharterDeskToken());
    }
    return Promise.resolve(null);
  }

  function exchange() {
    return vendorToken().then(function (token) {
      if (!token) return null;
      return fetch(base + "/widget/api/session?key=" + encodeURIComponent(key), {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ token: token })
      }).then(function (r) {
        return r.json().then(function (j) {
          if (!r.ok) { console.warn("CharterDesk widget: " + j.detail); return null; }
          return j;
        });
      });
    }).catch(function (e) { console.warn("CharterDesk widget:", e); return null; });
  }

  function send(message) { frame.contentWindow.postMessage(message, base); }

  window.addEventListener("message", function (event) {
    if (!frame || event.origin !== base || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    if (data.type === "charterdesk:ready") {
      (session ? Promise.resolve(session) : exchange()).then(function (s) {
        session = s;
        send({ type: "charterdesk:session", session: s && s.session, contact: s && s.contact });
      });
    } else if (data.type === "charterdesk:close") {
      toggle(false);
    } else if (data.type === "charterdesk:expired") {
      session = null;
    }
  });

  function toggle(show) {
    open = show;
    button.setAttribute("aria-expanded", String(show));
    if (show && !frame) {
      frame = document.createElement("iframe");
      frame.title = "Help";
      frame.id = "charterdesk-frame";
      frame.src = base + "/widget/frame/?key=" + encodeURIComponent(key);
      css(frame, { position: "fixed", zIndex: "2147483001", border: "0", background: "#fff" });
      place();
      window.addEventListener("resize", place);
      document.body.appendChild(frame);
    }
    if (frame) frame.style.display = show ? "block" : "none";
    place();
  }

  /* A phone gets the whole screen (the frame's × closes it); a desktop a panel. */
  function place() {
    var phone = window.innerWidth < 520;
    button.style.display = phone && open ? "none" : "block";
    if (!frame) return;
    css(frame, phone ? {
      right: "0", bottom: "0", width: "100%", height: "100%", borderRadius: "0", boxShadow: "none"
    } : {
      right: "20px", bottom: "80px", width: "min(380px, calc(100vw - 40px))",
      height: "min(600px, calc(100vh - 110px))", borderRadius: "12px",
      boxShadow: "0 8px 30px rgba(0,0,0,.3)"
    });
  }

  button.addEventListener("click", function () { toggle(!open); });
  function mount() {
    document.body.appendChild(button);
    window.dispatchEvent(new CustomEvent("charterdesk:launcher-ready"));
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
