// Keyboard-first filling: Enter or Tab moves to the next empty placeholder (across sections);
// values save themselves on "change" through htmx (see ph_field.html).
(function () {
  "use strict";

  function inputs() {
    return Array.prototype.slice.call(document.querySelectorAll(".ph-input"));
  }

  function nextEmpty(current) {
    var all = inputs();
    var start = all.indexOf(current);
    for (var i = start + 1; i < all.length; i++) {
      if (!all[i].value.trim()) return all[i];
    }
    return null;
  }

  var pendingUrl = null;

  function leaveTo(url, current) {
    // Wait for the save of the field being left before navigating away.
    if (current && current.value !== current.defaultValue) {
      pendingUrl = url;
    } else {
      window.location.href = url;
    }
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
    var link = document.getElementById("next-empty-section");
    if (link) {
      event.preventDefault();
      el.blur();
      leaveTo(link.href, el);
    } else if (isEnter) {
      event.preventDefault();
      el.blur();
    }
  });

  document.addEventListener("htmx:afterRequest", function () {
    if (pendingUrl) {
      var url = pendingUrl;
      pendingUrl = null;
      window.location.href = url;
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
})();
