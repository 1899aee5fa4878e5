// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary so screen reader users hear what went wrong.
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  });
  // After an htmx swap, keep keyboard focus on the element that replaced the focused one.
  document.addEventListener("htmx:afterSwap", function (event) {
    var focusTarget = event.detail.target && event.detail.target.querySelector("[data-focus-after-swap]");
    if (focusTarget) { focusTarget.focus(); }
  });
})();
