// Desk: suggestions while an agent types an organization or a requester
// (inputs whose data-suggest names the URL: /desk/suggest/organizations or /contacts).
(function () {
  "use strict";
  var counter = 0;
  function attach(input) {
    var list = document.createElement("datalist");
    list.id = "suggest-" + (++counter);
    input.setAttribute("list", list.id);
    input.after(list);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 1) { return; }
      timer = setTimeout(function () {
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.suggestions.map(function (s) {
              var option = document.createElement("option");
              option.value = s.value;
              option.label = s.label;
              return option;
            }));
          });
      }, 150);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest]").forEach(attach);
  });
})();
