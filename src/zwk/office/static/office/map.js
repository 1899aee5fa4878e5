/* Office map (zwk.office.map): targets of 24 × 24 CSS pixels at any map size, and the name of
   the Kommune next to the point under the pointer or with the keyboard focus. The names are
   the points' <title>s (screen readers read those); the label is for the eyes only. */
(function () {
  "use strict";

  function setup(svg) {
    var figure = svg.closest(".map-figure");
    var label = figure && figure.querySelector(".map-label");

    function scaleTargets() {
      // CSS pixels per map unit as drawn (the map keeps its aspect ratio inside its box).
      var matrix = svg.getScreenCTM();
      if (!matrix || !matrix.a) return;
      svg.style.setProperty("--map-hit-r", (12.5 / matrix.a).toFixed(2) + "px");
      svg.classList.add("has-hit-radius");
    }

    function show(point) {
      var title = point.querySelector("title");
      if (!label || !title) return;
      label.textContent = title.textContent;
      label.hidden = false;
      var box = point.getBoundingClientRect();
      var frame = figure.getBoundingClientRect();
      var left = box.right - frame.left + 4;
      if (left + label.offsetWidth > frame.width) left = box.left - frame.left - label.offsetWidth - 4;
      label.style.left = Math.max(0, left) + "px";
      label.style.top = Math.max(0, box.top - frame.top - 4) + "px";
    }

    function hide() {
      if (label) label.hidden = true;
    }

    function pointOf(event) {
      return event.target.closest ? event.target.closest("a.map-point") : null;
    }

    svg.addEventListener("focusin", function (e) { var p = pointOf(e); if (p) show(p); });
    svg.addEventListener("focusout", hide);
    svg.addEventListener("mouseover", function (e) { var p = pointOf(e); if (p) show(p); });
    svg.addEventListener("mouseleave", hide);
    window.addEventListener("resize", scaleTargets);
    scaleTargets();
  }

  function init() {
    document.querySelectorAll("svg.office-map").forEach(setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
