// Time entry timer: start/stop fills the minutes field; the entry is saved on submit.
(function () {
  document.querySelectorAll("form[data-timer]").forEach(function (form) {
    var toggle = form.querySelector("[data-timer-toggle]");
    var display = form.querySelector("[data-timer-display]");
    var minutes = form.querySelector("[data-timer-minutes]");
    var started = null, before = 0, tick = null;
    function elapsed() { return before + (started ? Date.now() - started : 0); }
    function show() {
      var s = Math.floor(elapsed() / 1000);
      display.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      minutes.value = Math.max(1, Math.round(s / 60));
    }
    toggle.addEventListener("click", function () {
      if (started) {
        before = elapsed(); started = null; clearInterval(tick);
        toggle.textContent = "Resume timer"; show();
      } else {
        started = Date.now(); tick = setInterval(show, 1000);
        toggle.textContent = "Stop timer";
      }
    });
  });
})();
