// Parse corrections on the section screen: the cursor or selection in the read-only text says where
// 添加待填项 / 改为标题 apply. No inline scripts (Content-Security-Policy).
(function () {
  "use strict";

  function update(text) {
    document.querySelectorAll(".js-caret-start").forEach(function (el) { el.value = text.selectionStart; });
    document.querySelectorAll(".js-caret-end").forEach(function (el) { el.value = text.selectionEnd; });
    document.body.dispatchEvent(new CustomEvent("caret-moved"));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("correction-text");
    if (!text) return;
    ["select", "keyup", "mouseup", "focus"].forEach(function (name) {
      text.addEventListener(name, function () { update(text); });
    });
    ["add-kind", "add-unit"].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) el.addEventListener("change", function () { update(text); });
    });
  });
})();
