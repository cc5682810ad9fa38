/* Min Plan's own behaviour. No inline script anywhere: the Content-Security-Policy forbids it. */
(function () {
  "use strict";

  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    setUpErrorSummary();

    document.querySelectorAll(".js-print").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });

    showCurrentMenuEntry();
    setUpSessionTimeout();
  });

  /* DKFDS's error summary (the one part of DKFDS's script the pages need): it takes focus so
     screen-reader users hear what went wrong, and a link to a field shows the field's label or
     legend above it, not only the bare input at the top of the screen. */
  function setUpErrorSummary() {
    var summary = document.getElementById("error-summary");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
      var input = link && document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!input) { return; }
      var fieldset = input.closest("fieldset");
      var legend = fieldset ? fieldset.querySelector("legend") : null;
      var label = (input.labels && input.labels[0]) || input.closest("label");
      var above = (input.type === "radio" || input.type === "checkbox") && legend ? legend : (label || legend);
      if (!above) { return; }
      event.preventDefault();
      above.scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  /* When the one-line menu scrolls sideways (a narrow screen), bring the current entry into view. */
  function showCurrentMenuEntry() {
    var list = document.querySelector(".app-nav-list");
    var current = list && list.querySelector("[aria-current=page]");
    if (!current || list.scrollWidth <= list.clientWidth) { return; }
    var entry = current.parentNode;
    var right = entry.offsetLeft - list.offsetLeft + entry.offsetWidth;
    if (right > list.clientWidth) { list.scrollLeft = right - list.clientWidth + 16; }
  }

  /* The DKFDS session-timeout pattern: warn before the idle limit, let the user stay, and
     leave the page when the server will have ended the session anyway. */
  function setUpSessionTimeout() {
    var body = document.body;
    var idle = parseInt(body.getAttribute("data-idle-seconds"), 10);
    var warnBefore = parseInt(body.getAttribute("data-warning-seconds"), 10);
    var dialog = document.getElementById("session-timeout");
    if (!idle || !dialog) { return; }
    var stay = document.getElementById("session-stay");
    var lastFocus = null;
    var warnTimer, endTimer;

    function show() {
      lastFocus = document.activeElement;
      dialog.hidden = false;
      dialog.setAttribute("aria-hidden", "false");
      dialog.classList.add("app-timeout-open");
      stay.focus();
    }

    function hide() {
      dialog.hidden = true;
      dialog.setAttribute("aria-hidden", "true");
      dialog.classList.remove("app-timeout-open");
      if (lastFocus && lastFocus.focus) { lastFocus.focus(); }
    }

    function schedule() {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      warnTimer = setTimeout(show, Math.max(idle - warnBefore, 0) * 1000);
      // A few seconds after the server's limit, reload: the server logs out and says why.
      endTimer = setTimeout(function () { window.location.reload(); }, (idle + 5) * 1000);
    }

    stay.addEventListener("click", function () {
      var request = new XMLHttpRequest();
      request.open("POST", body.getAttribute("data-keepalive-url"));
      request.setRequestHeader("X-CSRFToken", body.getAttribute("data-csrf-token"));
      request.onload = function () {
        if (request.status === 200) { hide(); schedule(); } else { window.location.reload(); }
      };
      request.send();
    });

    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { stay.click(); }
      if (event.key === "Tab") {
        // Keep focus inside the dialog while it is open.
        var focusable = dialog.querySelectorAll("button");
        var first = focusable[0], last = focusable[focusable.length - 1];
        if (event.shiftKey && document.activeElement === first) { last.focus(); event.preventDefault(); }
        else if (!event.shiftKey && document.activeElement === last) { first.focus(); event.preventDefault(); }
      }
    });

    schedule();
  }
})();
