/* The agent workspace: a macro's preview in the reply box, selecting a page of the queue
   for a bulk action, and keyboard shortcuts with a help overlay on "?". No framework. */
(function () {
  "use strict";
  if (window.charterdeskWorkspace) return; // included by several panels of one page
  window.charterdeskWorkspace = true;

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  /* Macros: "Preview in reply" puts the macro's reply, rendered for this ticket, in the
     reply box, where the agent may edit it before sending. */
  function previewMacro() {
    var form = $("#macros form");
    var choice = $("#macro-choice");
    var box = $("#reply textarea[name=body]");
    if (!form || !choice || !box) return;
    var url = form.getAttribute("data-preview").replace(/\/0\/preview$/, "/" + choice.value + "/preview");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        box.value = data.body;
        var note = $("#macros .macro-note");
        if (note) {
          note.textContent = data.note ? "Its internal note: " + data.note : "";
          note.hidden = !data.note;
        }
        box.focus();
      })
      .catch(function () { box.placeholder = "The preview could not be loaded; apply the macro instead."; });
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".macro-preview")) previewMacro();
  });

  /* Bulk selection: "select the page" ticks every row's box; the bar counts the ticked. */
  function updateBulk() {
    var bar = $("#bulk-bar");
    if (!bar) return;
    var ticked = $all("input[name=ids]:checked").length;
    var count = $(".bulk-count", bar);
    if (count) count.textContent = ticked ? ticked + " selected" : "Select tickets to change them together";
    $all("button, select, input:not([type=hidden])", $("#bulk-form")).forEach(function (el) {
      if (!el.classList.contains("bulk-keep")) el.disabled = ticked === 0;
    });
    var all = $("#select-page");
    var boxes = $all("input[name=ids]");
    if (all) all.checked = boxes.length > 0 && ticked === boxes.length;
  }
  document.addEventListener("change", function (event) {
    if (event.target.id === "select-page") {
      $all("input[name=ids]").forEach(function (box) { box.checked = event.target.checked; });
    }
    if (event.target.id === "select-page" || event.target.name === "ids") updateBulk();
  });
  document.addEventListener("DOMContentLoaded", updateBulk);

  /* Keyboard shortcuts. */
  var QUEUE = [
    ["j / k", "next / previous ticket"],
    ["o or Enter", "open the ticket"],
    ["x", "select the ticket for a bulk action"],
    ["Shift+A", "select the whole page"],
    ["/", "search"],
  ];
  var TICKET = [
    ["r", "write a public reply"],
    ["n", "write an internal note"],
    ["m", "choose a macro"],
    ["p", "preview the macro in the reply box"],
    ["t", "edit tags and fields"],
    ["s", "change the status"],
    ["u", "back to the queue"],
    ["/", "search"],
  ];
  var EVERYWHERE = [["?", "show or hide this help"], ["Esc", "close it / leave a field"]];

  function onQueue() { return !!$(".queue-table"); }
  function onTicket() { return !!$(".ticket-layout"); }

  function helpDialog() {
    var dialog = $("#shortcut-help");
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.id = "shortcut-help";
    dialog.setAttribute("aria-label", "Keyboard shortcuts");
    var list = (onQueue() ? QUEUE : onTicket() ? TICKET : [["/", "search"]]).concat(EVERYWHERE);
    var html = "<h2>Keyboard shortcuts</h2><dl class=\"props shortcuts\">";
    list.forEach(function (row) { html += "<dt><kbd>" + row[0] + "</kbd></dt><dd>" + row[1] + "</dd>"; });
    html += "</dl><form method=\"dialog\"><button type=\"submit\">Close</button></form>";
    dialog.innerHTML = html;
    document.body.appendChild(dialog);
    return dialog;
  }

  function toggleHelp() {
    var dialog = helpDialog();
    if (dialog.open) dialog.close(); else dialog.showModal();
  }

  var current = -1;
  function rows() { return $all(".queue-table tbody tr"); }
  function move(step) {
    var all = rows();
    if (!all.length) return;
    if (current >= 0 && all[current]) all[current].classList.remove("kbd-current");
    current = Math.max(0, Math.min(all.length - 1, current + step));
    all[current].classList.add("kbd-current");
    all[current].scrollIntoView({ block: "nearest" });
  }
  function currentRow() { return rows()[current]; }

  function focus(selector) {
    var el = $(selector);
    if (!el) return;
    var details = el.closest("details");
    if (details) details.open = true;
    el.focus();
  }

  function queueKey(key) {
    if (key === "j") move(1);
    else if (key === "k") move(-1);
    else if ((key === "o" || key === "Enter") && currentRow()) {
      var link = $("td.subject a", currentRow());
      if (link) window.location = link.href;
    } else if (key === "x" && currentRow()) {
      var box = $("input[name=ids]", currentRow());
      if (box) { box.checked = !box.checked; updateBulk(); }
    } else if (key === "A") {
      var all = $("#select-page");
      if (all) { all.checked = !all.checked; all.dispatchEvent(new Event("change", { bubbles: true })); }
    } else return false;
    return true;
  }

  function ticketKey(key) {
    if (key === "r" || key === "n") {
      var radio = $("#reply input[name=visibility][value=" + (key === "r" ? "public" : "internal") + "]");
      if (radio) radio.checked = true;
      focus("#reply textarea[name=body]");
    } else if (key === "m") focus("#macro-choice");
    else if (key === "p") previewMacro();
    else if (key === "t") focus("#fields input[name=tags]");
    else if (key === "s") focus("#properties select[name=status]");
    else if (key === "u") window.location = "/desk/";
    else return false;
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (typing) {
      if (event.key === "Escape") target.blur();
      return;
    }
    var key = event.key;
    var handled = true;
    if (key === "?") toggleHelp();
    else if (key === "/") focus(".topbar-search input[name=q]");
    else if (onQueue()) handled = queueKey(key);
    else if (onTicket()) handled = ticketKey(key);
    else handled = false;
    if (handled) event.preventDefault();
  });
})();
