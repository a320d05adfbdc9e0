// Guides: small enhancements on top of htmx. Every page works without this file.
"use strict";
(function () {
  var STORE_PREFIX = "pos-compare:apply:";
  document.documentElement.classList.add("js");

  // Regions marked data-guides-swap-errors show the 400/404 pages the server renders for bad
  // input (htmx does not swap error responses by default).
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var target = event.detail.target;
    if ((status === 400 || status === 404) && target && target.closest("[data-guides-swap-errors]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // After a troubleshooting step is swapped in, move focus to its heading (keyboard and screen
  // reader users land on the new step) and bring it into view.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.hasAttribute("data-focus-heading")) {
      var heading = target.querySelector("h2[tabindex]");
      if (heading) {
        heading.focus({ preventScroll: true });
        target.scrollIntoView({ block: "start" });
      }
    }
  });

  function storeKey(form) {
    return STORE_PREFIX + form.getAttribute("data-checklist");
  }

  function save(form) {
    var ticked = [];
    form.querySelectorAll('input[name="have"]:checked').forEach(function (box) {
      ticked.push(box.value);
    });
    try {
      window.localStorage.setItem(storeKey(form), JSON.stringify(ticked));
    } catch (e) { /* storage disabled: the ticks still live in the address */ }
  }

  function restore(form) {
    // Ticks in the address (rendered by the server) win; only a list without ticks is filled
    // from this device's last list.
    if (form.querySelector('input[name="have"]:checked')) {
      save(form);
      return;
    }
    var saved;
    try {
      saved = JSON.parse(window.localStorage.getItem(storeKey(form)) || "[]");
    } catch (e) {
      saved = [];
    }
    var changed = false;
    form.querySelectorAll('input[name="have"]').forEach(function (box) {
      if (saved.indexOf(box.value) !== -1 && !box.checked) {
        box.checked = true;
        changed = true;
      }
    });
    if (changed) {
      // Let htmx update the progress and the address as if the user had ticked them.
      form.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  // Elements matching the selector in root, root itself included (htmx:load fires on each
  // swapped-in element, which may be the form itself).
  function within(root, selector) {
    var found = Array.from(root.querySelectorAll(selector));
    if (root.matches && root.matches(selector)) found.unshift(root);
    return found;
  }

  function setUp(root) {
    within(root, "form[data-checklist]").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "1";
      form.addEventListener("change", function () { save(form); });
      restore(form);
    });
    within(root, "[data-clear-checklist]").forEach(function (link) {
      if (link.dataset.ready) return;
      link.dataset.ready = "1";
      link.addEventListener("click", function () {
        try {
          window.localStorage.removeItem(STORE_PREFIX + link.getAttribute("data-clear-checklist"));
        } catch (e) { /* nothing stored */ }
      });
    });
    within(root, "[data-print]").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // With htmx, wait for its htmx:load (fired for the page once htmx is ready, then for every
  // swapped-in fragment) so the restored ticks reach the server and the address.
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.htmx) setUp(document);
  });
  document.addEventListener("htmx:load", function (event) { setUp(event.target); });
})();
