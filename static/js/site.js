// Small progressive enhancements. Everything works without this file: without it, texts to copy
// are selectable and the browser's own Print works.
"use strict";

// A link followed while a live update is still on its way (typing, then tapping a link, fires a
// last "change" update): that update must not swap or push its URL, because pushState would
// cancel the navigation the merchant asked for. A navigation that never leaves (a download)
// re-enables live updates after a few seconds.
let leaving = 0;
addEventListener("beforeunload", () => { leaving = Date.now(); });
addEventListener("pageshow", () => { leaving = 0; });
document.addEventListener("htmx:beforeSwap", (evt) => {
  if (leaving && Date.now() - leaving < 10000) evt.detail.shouldSwap = false;
});

(function () {
  document.documentElement.classList.add("js");

  function announce(button, text) {
    var status = document.querySelector(".copy-status");
    if (status) status.textContent = text;
    var label = button.textContent;
    button.textContent = text;
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }

  // Copy a read-only field's value, or an element's text (e.g. a list of questions).
  function copyFrom(source, button) {
    var done = function () { announce(button, button.getAttribute("data-copied") || "✓"); };
    var text = "value" in source ? source.value : source.innerText;
    var fallback = function () {
      if (source.select) {
        source.focus();
        source.select();
      } else {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      try {
        if (document.execCommand("copy")) done();
      } catch (error) {
        // The text stays selected: the visitor can copy it by hand.
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : event.target.parentElement;
    var copy = target && target.closest("[data-copy]");
    if (copy) {
      var source = document.getElementById(copy.getAttribute("data-copy"));
      if (source) copyFrom(source, copy);
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
