// No inline scripts or styles (Content-Security-Policy): widths come from data attributes.
(function () {
  function applyWidths(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      el.style.width = Math.max(0, Math.min(100, Number(el.dataset.width) || 0)) + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { applyWidths(document); });
  document.addEventListener("htmx:afterSwap", function (event) { applyWidths(event.target.parentNode || document); });
})();

// A refused htmx request (403/404/500, or the network) is shown beside the element that made it, in
// Chinese: the server sends the reason as text with X-Error-Inline (apps/core/views_errors.py).
(function () {
  var GENERIC = {
    403: "您没有执行此操作的权限。",
    404: "找不到该内容，可能已被删除。",
    500: "服务器出错，本次操作没有完成，请稍后重试。"
  };

  function show(elt, text) {
    if (!elt || !elt.parentNode) return;
    var wrap = elt.closest(".ph-wrap") || elt.parentNode;
    var old = wrap.querySelector(".htmx-error-inline");
    if (old) old.remove();
    var note = document.createElement("span");
    note.className = "htmx-error-inline text-danger small ms-1";
    note.setAttribute("role", "alert");
    note.textContent = text;
    if (elt.classList && elt.classList.contains("ph-input")) {
      elt.classList.add("is-invalid");
      elt.setAttribute("aria-invalid", "true");
    }
    if (wrap === elt.parentNode && !elt.closest(".ph-wrap")) {
      elt.insertAdjacentElement("afterend", note);
    } else {
      wrap.appendChild(note);
    }
  }

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var text = xhr.getResponseHeader("X-Error-Inline") === "1" ? xhr.responseText : "";
    var verb = (event.detail.requestConfig && event.detail.requestConfig.verb) || "get";
    var reason = text || GENERIC[xhr.status] || "操作没有完成（错误代码 " + xhr.status + "），请刷新页面后重试。";
    show(event.detail.elt, verb === "get" ? reason : reason + "（未保存）");
  });

  document.addEventListener("htmx:sendError", function (event) {
    show(event.detail.elt, "网络连接中断，未能保存，请检查网络后重试。");
  });
})();
