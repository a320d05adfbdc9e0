// Catalog pages: the comparison tray and the live product filters. Everything works without
// this file (forms post and reload); it only keeps the page in step after htmx swaps.
"use strict";
(function () {
  // After the tray changes, show each "Add to comparison" button in its new state.
  function syncToggles() {
    var tray = document.getElementById("tray");
    if (!tray) return;
    var slugs = (tray.getAttribute("data-slugs") || "").split(",").filter(Boolean);
    var full = tray.getAttribute("data-full") === "1";
    document.querySelectorAll("form[data-tray-toggle]").forEach(function (form) {
      var inTray = slugs.indexOf(form.getAttribute("data-slug")) !== -1;
      form.querySelector("input[name=action]").value = inTray ? "remove" : "add";
      form.querySelector(".toggle-label").textContent =
        form.getAttribute(inTray ? "data-label-remove" : "data-label-add");
      form.querySelector("button").disabled = !inTray && full;
      form.classList.toggle("is-in-tray", inTray);
    });
  }
  document.addEventListener("htmx:afterSettle", syncToggles);

  // A 4xx answer carrying a message (invalid filter, full tray) replaces targets that ask for
  // it with data-swap-errors, instead of being dropped as htmx does by default.
  document.addEventListener("htmx:beforeSwap", function (evt) {
    var status = evt.detail.xhr.status;
    var target = evt.detail.target;
    if (status >= 400 && status < 500 && target && target.hasAttribute("data-swap-errors")) {
      evt.detail.shouldSwap = true;
      evt.detail.isError = false;
    }
  });

  // Shorter shareable links: leave empty fields and defaults (data-default) out of the URL.
  document.addEventListener("htmx:configRequest", function (evt) {
    var form = evt.detail.elt;
    if (!form || !form.hasAttribute || !form.hasAttribute("data-clean-query")) return;
    var params = evt.detail.parameters;
    var names = [];
    params.forEach(function (_value, name) {
      if (names.indexOf(name) === -1) names.push(name);
    });
    names.forEach(function (name) {
      var values = params.getAll(name).filter(function (v) { return v !== ""; });
      var field = form.querySelector("[data-default][name='" + CSS.escape(name) + "']");
      if (field && values.length === 1 && values[0] === field.getAttribute("data-default")) {
        values = [];
      }
      params.delete(name);
      values.forEach(function (v) { params.append(name, v); });
    });
  });

  // Wide screens show the filters beside the list: open the panel there.
  function openFiltersOnWideScreens() {
    var panel = document.getElementById("filters-panel");
    if (panel && window.matchMedia("(min-width: 900px)").matches) panel.open = true;
  }
  document.addEventListener("DOMContentLoaded", openFiltersOnWideScreens);
})();
