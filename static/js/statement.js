/* Statement check-up: the upload goes through htmx (hx-post, multipart) so the page can show
   the upload's progress, then that the payments are being checked; the answer (also a 400 or
   413 with its message) replaces the page's content. Without JavaScript the form posts as is. */
(function () {
  "use strict";
  var done = false;
  // Settling copies old "style" attributes onto the new content, which the strict CSP
  // (style-src 'self') refuses; this page's swaps need no style settling.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.htmx) window.htmx.config.attributesToSettle = ["class", "width", "height"];
  });
  function bar() { return document.getElementById("statement-progress"); }
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var target = event.detail.target;
    if ((status === 400 || status === 413) && target && target.closest("[data-statement]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var progress = bar();
    if (!progress || !event.target.closest("[data-statement]")) return;
    done = false;
    progress.hidden = false;
    progress.querySelector("progress").removeAttribute("value");
  });
  document.addEventListener("htmx:xhr:progress", function (event) {
    var progress = bar();
    if (!progress || done || !event.detail.lengthComputable) return;
    var meter = progress.querySelector("progress");
    var text = progress.querySelector("span");
    var percent = Math.round((event.detail.loaded / event.detail.total) * 100);
    meter.max = 100;
    meter.value = percent;
    text.textContent = progress.getAttribute("data-uploading") + " " + percent + " %";
    if (event.detail.loaded >= event.detail.total) {
      done = true;
      meter.removeAttribute("value");
      text.textContent = progress.getAttribute("data-checking");
    }
  });
})();
