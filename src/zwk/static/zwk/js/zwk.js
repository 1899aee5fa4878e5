// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Marks that scripts run, so that CSS may fold the navigation on phones (without this
  // class it stays open and reachable).
  document.documentElement.classList.add("js");

  function setUpMenu() {
    var toggle = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) { return; }
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("is-open");
        toggle.focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    // Move focus to the error summary so screen reader users hear what went wrong.
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  });
})();
