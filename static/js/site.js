// Small progressive enhancements. Everything works without this file.
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
