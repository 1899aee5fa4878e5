// Kommunalprofil: live value labels for the scenario sliders. Loaded only on the profile page.
// Progressive enhancement: without this file the <output> shows the value the page was
// rendered with and "Neu berechnen" reloads the page; htmx does the live re-projection.
(function () {
  "use strict";

  // Decimals of a slider's step ("0.05" → 2) – the same rule as the slider_value filter.
  function digits(input) {
    var step = input.getAttribute("step") || "1";
    var dot = step.indexOf(".");
    return dot < 0 ? 0 : step.length - dot - 1;
  }

  function format(input) {
    var n = digits(input);
    var lang = document.documentElement.lang || "de";
    return Number(input.value).toLocaleString(lang, {
      minimumFractionDigits: n,
      maximumFractionDigits: n,
      useGrouping: false,
    });
  }

  // <output for="id"> is the slider's visible label; being a live region (role "status")
  // it lets screen readers announce the value. Update it on every input event.
  function update(input) {
    var form = input.form;
    if (!form || !input.id) { return; }
    var outputs = form.querySelectorAll("output");
    for (var i = 0; i < outputs.length; i++) {
      var target = (outputs[i].getAttribute("for") || "").split(/\s+/);
      if (target.indexOf(input.id) >= 0) {
        outputs[i].textContent = format(input);
      }
    }
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input && input.type === "range" && input.closest(".scenario-form")) {
      update(input);
    }
  });
})();

// Printing: show every chart's data table. Browsers without ::details-content (see the
// print styles in zwk.css) would otherwise print closed <details> without their table.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.chart-data:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();

// After htmx replaced the results, announce their one-line summary (or the error) through
// the persistent status region – a replaced live region is not announced reliably.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function () {
    var status = document.getElementById("szenario-status");
    var result = document.getElementById("szenario-ergebnis");
    if (!status || !result) { return; }
    var summary = result.querySelector(".scenario-summary, .error-summary");
    if (summary) { status.textContent = summary.textContent.replace(/\s+/g, " ").trim(); }
  });
})();
