// The admin's export page (django-import-export): the "select all" checkbox, without the inline
// onchange= attribute that the Content-Security-Policy (no 'unsafe-inline') refuses (our copy of
// the template leaves it out; templates/admin/import_export/export.html).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.select-toggle").forEach(function (toggle) {
    toggle.addEventListener("change", function (event) {
      if (typeof window.onSelectToggleChange === "function") {
        window.onSelectToggleChange(event);
      }
    });
  });
});
