// Keyboard-first filling: Enter or Tab moves to the next empty placeholder of the section (wrapping to its
// start); values save themselves on "change" through htmx (see ph_field.html). When the section has no
// empty placeholder left, the page says 本节已填完 and offers the next section: it never navigates by
// itself, so a user correcting a value is not taken away from it.
(function () {
  "use strict";

  function inputs() {
    return Array.prototype.slice.call(document.querySelectorAll(".ph-input"));
  }

  function nextEmpty(current) {
    var all = inputs();
    var start = all.indexOf(current);
    for (var step = 1; step < all.length; step++) {
      var candidate = all[(start + step) % all.length];
      if (!candidate.value.trim()) return candidate;
    }
    return null;
  }

  function showDone() {
    var done = document.getElementById("section-done");
    if (!done) return false;
    done.classList.remove("d-none");
    var next = document.getElementById("section-done-next");
    if (next) next.focus();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!el.classList || !el.classList.contains("ph-input")) return;
    var isEnter = event.key === "Enter" && el.tagName !== "TEXTAREA";
    var isTab = event.key === "Tab" && !event.shiftKey;
    if (!isEnter && !isTab) return;
    var next = nextEmpty(el);
    if (next) {
      event.preventDefault();
      next.focus();
      return;
    }
    if (el.value.trim() && document.getElementById("section-done")) {
      // The last empty one was just filled: leave the field (which saves it) and say so.
      event.preventDefault();
      el.blur();
      showDone();
    } else if (isEnter) {
      event.preventDefault();
      el.blur();
    }
  });

  document.addEventListener("input", function (event) {
    // Emptying a field again: the section is no longer done.
    if (event.target.classList && event.target.classList.contains("ph-input") && !event.target.value.trim()) {
      var done = document.getElementById("section-done");
      if (done) done.classList.add("d-none");
    }
  });

  document.addEventListener("submit", function (event) {
    if (event.target.classList && event.target.classList.contains("js-no-submit")) event.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (window.location.hash === "#next-empty") {
      var first = inputs().filter(function (el) { return !el.value.trim(); })[0];
      if (first) first.focus();
    }
  });

  // Presence: tell the server when this page is left (tab closed included), so that
  // 正在查看本节 disappears for the others at once rather than when the entry expires.
  window.addEventListener("pagehide", function () {
    var presence = document.getElementById("presence");
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (!presence || !presence.dataset.leaveUrl || !token || !navigator.sendBeacon) return;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token.value);
    navigator.sendBeacon(presence.dataset.leaveUrl, data);
  });
})();
