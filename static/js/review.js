// Review screens (apps/review). No inline scripts (Content-Security-Policy).
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    // Dashboard: a changed filter applies at once.
    var filters = document.getElementById("dashboard-filters");
    if (filters) {
      filters.querySelectorAll("select").forEach(function (select) {
        select.addEventListener("change", function () { filters.submit(); });
      });
    }
    // A comment on a placeholder: hovering its badge outlines the placeholder in the text.
    document.querySelectorAll("[data-placeholder]").forEach(function (badge) {
      var target = document.querySelector('[name="ph_' + badge.dataset.placeholder + '"]') ||
        document.querySelector('[data-ph="' + badge.dataset.placeholder + '"]');
      if (!target) { return; }
      badge.addEventListener("mouseenter", function () { target.classList.add("border", "border-warning", "border-3"); });
      badge.addEventListener("mouseleave", function () { target.classList.remove("border", "border-warning", "border-3"); });
    });
  });
})();
