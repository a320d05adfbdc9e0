// Comparison pages and share links: copy a link, print. Without this file (or without
// JavaScript) the links are selectable text and the browser's own Print works.
"use strict";

(function () {
  document.documentElement.classList.add("js");

  function announce(button, text) {
    var status = document.querySelector(".copy-status");
    if (status) status.textContent = text;
    var label = button.textContent;
    button.textContent = text;
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }

  function copyFrom(input, button) {
    var done = function () { announce(button, button.getAttribute("data-copied") || "✓"); };
    var fallback = function () {
      input.focus();
      input.select();
      try {
        if (document.execCommand("copy")) done();
      } catch (error) {
        // The text stays selected: the visitor can copy it by hand.
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : event.target.parentElement;
    var copy = target && target.closest("[data-copy]");
    if (copy) {
      var input = document.getElementById(copy.getAttribute("data-copy"));
      if (input) copyFrom(input, copy);
      return;
    }
    if (target && target.closest("[data-print]")) window.print();
  });

  // A read-only link field selects its whole text when focused (easy to copy by hand).
  document.addEventListener("focusin", function (event) {
    var input = event.target;
    if (input && input.matches && input.matches("input[readonly][type=text]")) input.select();
  });
})();
