// Read marks for the topic page: the highest post number that has been on screen is
// sent in one batch (navigator.sendBeacon) when the reader leaves or hides the page,
// or 5 s after the last new post came into view. The server counts each post once.
(function () {
  "use strict";
  var form = document.getElementById("read-marks");
  if (!form || !("IntersectionObserver" in window)) return;
  var sent = 0, seen = 0, timer = null;
  function send() {
    if (seen <= sent) return;
    var data = new FormData(form);
    data.set("up_to", String(seen));
    sent = seen;
    if (!(navigator.sendBeacon && navigator.sendBeacon(form.action, data))) {
      fetch(form.action, { method: "POST", body: data, credentials: "same-origin", keepalive: true });
    }
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      var number = parseInt(entry.target.getAttribute("data-number"), 10);
      if (number > seen) seen = number;
      observer.unobserve(entry.target);
    });
    clearTimeout(timer);
    timer = setTimeout(send, 5000);
  }, { threshold: 0.5 });
  document.querySelectorAll("article.post[data-number]").forEach(function (post) {
    observer.observe(post);
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") send();
  });
  window.addEventListener("pagehide", send);
})();
