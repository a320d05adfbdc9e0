// Calculator, comparison and home quick estimate: small enhancements on top of htmx. Without this file
// (or without JavaScript) the forms submit by GET and the server renders the same page.
"use strict";

(function () {
  // htmx does not swap 4xx answers by default; ours carry the form's errors, so show them.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr && event.detail.xhr.status;
    var elt = event.detail.elt || (event.detail.requestConfig && event.detail.requestConfig.elt);
    var form = elt && elt.closest ? elt.closest("[data-swap-errors]") : null;
    if (status === 400 && form) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // Keep aria-invalid in step with the error holders that htmx swapped out of band.
  function syncInvalid(root) {
    root.querySelectorAll(".field-errors[id^='error-']").forEach(function (holder) {
      var name = holder.id.slice("error-".length);
      var hasError = holder.textContent.trim() !== "";
      root.querySelectorAll("[name='" + name + "']").forEach(function (input) {
        if (input.type === "hidden" || input.type === "checkbox") return;
        if (hasError) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      });
    });
  }

  function mixInputs(form) {
    return Array.prototype.slice.call(form.querySelectorAll("input[name^='mix_']"));
  }

  function showTotal(form) {
    var output = form.querySelector("#mix-total");
    if (!output) return;
    var total = 0;
    mixInputs(form).forEach(function (input) {
      var value = parseFloat((input.value || "").replace(/[%％\s]/g, ""));
      if (!isNaN(value)) total += value;
    });
    output.textContent = String(Math.round(total * 100) / 100);
    output.parentElement.hidden = false;
  }

  // A named preset fixes the mix: its inputs are disabled (and so not sent). Choosing
  // "custom" enables them, pre-filled with the preset chosen before when they are empty.
  function applyPreset(form, previous) {
    var checked = form.querySelector("input[name='preset']:checked");
    var custom = checked && checked.hasAttribute("data-custom");
    var inputs = mixInputs(form);
    var fieldset = form.querySelector("#mix-fields");
    if (fieldset) fieldset.classList.toggle("is-off", !custom);
    if (custom && previous && previous.getAttribute("data-mix")) {
      var empty = inputs.every(function (input) { return input.value.trim() === ""; });
      if (empty) {
        var mix = JSON.parse(previous.getAttribute("data-mix"));
        inputs.forEach(function (input) {
          var share = mix[input.name.slice("mix_".length)];
          input.value = share ? String(share) : "";
        });
      }
    }
    inputs.forEach(function (input) { input.disabled = !custom; });
    showTotal(form);
  }

  // Settlements a month only matter with instant settlement.
  function applySettlement(form) {
    var wrap = form.querySelector("#spm-wrap");
    var instant = form.querySelector("input[name='settlement'][value='instant']");
    if (!wrap || !instant) return;
    wrap.classList.toggle("is-off", !instant.checked);
    wrap.querySelectorAll("input").forEach(function (input) { input.disabled = !instant.checked; });
  }

  function setUp(form) {
    var previous = form.querySelector("input[name='preset']:checked");
    applyPreset(form, null);
    applySettlement(form);
    form.addEventListener("change", function (event) {
      if (event.target.name === "preset") {
        applyPreset(form, previous);
        previous = event.target;
      }
      if (event.target.name === "settlement") applySettlement(form);
    }, true);  // before htmx sends the request, so disabled inputs are left out
    form.addEventListener("input", function (event) {
      if (event.target.name && event.target.name.indexOf("mix_") === 0) showTotal(form);
    });
    syncInvalid(form);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("calc-form") || document.getElementById("compare-form");
    if (form) setUp(form);
  });
  // The language switch keeps pointing at the same results after the address bar changed.
  document.addEventListener("htmx:pushedIntoHistory", function () {
    var link = document.querySelector("nav.lang a[hreflang]");
    if (!link) return;
    var path = window.location.pathname + window.location.search;
    var english = document.documentElement.lang === "en";
    link.setAttribute("href", english ? path.replace(/^\/en(\/|$)/, "/") : "/en" + path);
  });

  document.addEventListener("htmx:afterSettle", function () {
    var form = document.getElementById("calc-form") || document.getElementById("quick-form") ||
      document.getElementById("compare-form");
    if (form) syncInvalid(form);
  });
})();
