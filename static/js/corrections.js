// Parse corrections on the section screen. No inline scripts (Content-Security-Policy).
// - the ⋯ button after each blank opens its menu (Escape closes it and gives the focus back);
// - the cursor or selection in the text of 添加待填项 says where 添加待填项 / 改为标题 apply. That text
//   cannot be changed (a read-only textarea would not let the arrow keys move the cursor in Chromium).
(function () {
  "use strict";

  function closeMenus(except) {
    document.querySelectorAll(".ph-menu-toggle[aria-expanded='true']").forEach(function (button) {
      if (button === except) return;
      button.setAttribute("aria-expanded", "false");
      document.getElementById(button.getAttribute("aria-controls")).hidden = true;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".ph-menu-toggle");
    if (!button) {
      if (!(event.target.closest && event.target.closest(".ph-menu-body"))) closeMenus(null);
      return;
    }
    var body = document.getElementById(button.getAttribute("aria-controls"));
    var open = button.getAttribute("aria-expanded") !== "true";
    closeMenus(button);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    body.hidden = !open;
    body.classList.remove("ph-menu-body-end");
    if (open && body.getBoundingClientRect().right > document.documentElement.clientWidth) {
      body.classList.add("ph-menu-body-end");
    }
    if (open) {
      var first = body.querySelector("button, select, input");
      if (first) first.focus();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var body = event.target.closest && event.target.closest(".ph-menu-body");
    if (!body) return;
    var button = document.querySelector("[aria-controls='" + body.id + "']");
    closeMenus(null);
    if (button) button.focus();
  });

  function update(text) {
    document.querySelectorAll(".js-caret-start").forEach(function (el) { el.value = text.selectionStart; });
    document.querySelectorAll(".js-caret-end").forEach(function (el) { el.value = text.selectionEnd; });
    document.body.dispatchEvent(new CustomEvent("caret-moved"));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("correction-text");
    if (!text) return;
    var original = text.value;
    text.addEventListener("beforeinput", function (event) { event.preventDefault(); });
    text.addEventListener("input", function () { text.value = original; });
    ["select", "keyup", "mouseup", "focus"].forEach(function (name) {
      text.addEventListener(name, function () { update(text); });
    });
    ["add-kind", "add-unit"].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) el.addEventListener("change", function () { update(text); });
    });
  });
})();
