// Zukunftswerkstatt: progressive enhancement for the live views (htmx polling, optional SSE).
// Every page works without this file; it only keeps polling from disturbing people.
(function () {
  "use strict";

  function isTyping(region) {
    var active = document.activeElement;
    if (active && region.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)) {
      return true;
    }
    if (region.getAttribute("data-live-pause") === "typing") {
      // Never replace a form that holds unsent text or a chosen photo.
      var fields = region.querySelectorAll("textarea, input[type=text], input[type=file]");
      for (var i = 0; i < fields.length; i++) {
        if (fields[i].value) { return true; }
      }
    }
    return false;
  }

  // Pause polling of a region while someone types or chooses in it.
  document.addEventListener("htmx:beforeRequest", function (evt) {
    var elt = evt.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute("data-live-pause") &&
        evt.detail.requestConfig && evt.detail.requestConfig.verb === "get" && isTyping(elt)) {
      evt.preventDefault();
    }
  });

  // A busy server (503, see core/database.py) sends one plain sentence: show it above the
  // board, keep the board (and its polling) as it is.
  function showBusy(target, text) {
    var box = document.getElementById("live-busy");
    if (!box) {
      box = document.createElement("p");
      box.id = "live-busy";
      box.setAttribute("role", "alert");
      box.className = "ws-busy";
      target.parentNode.insertBefore(box, target);
    }
    box.textContent = text;
  }

  // Show the server's German explanation (budget used up, phase closed, too fast) in place.
  document.addEventListener("htmx:beforeSwap", function (evt) {
    var status = evt.detail.xhr.status;
    var target = evt.detail.target;
    if (status === 503 && target && target.parentNode && target.hasAttribute("data-swap-errors")) {
      evt.detail.shouldSwap = false;
      evt.detail.isError = false;
      showBusy(target, evt.detail.xhr.responseText);
      return;
    }
    var busy = document.getElementById("live-busy");
    if (busy && status < 300) { busy.parentNode.removeChild(busy); }
    if ((status === 400 || status === 403 || status === 429) && target &&
        target.hasAttribute("data-swap-errors") && evt.detail.xhr.responseText) {
      evt.detail.shouldSwap = true;
      evt.detail.isError = false;
    }
  });

  // Server-sent events (only when the server offers them, see stream.py): a "change" event
  // triggers the same refresh as a poll; while the stream is healthy, the regular polls are
  // skipped. On any error (Redis down, proxy, server without ASGI: 204) polling goes on.
  var streamHealthy = false;

  function refreshRegions() {
    if (!window.htmx) { return; }
    var regions = document.querySelectorAll("[data-live-region]");
    for (var i = 0; i < regions.length; i++) { window.htmx.trigger(regions[i], "live-refresh"); }
  }

  function startStream() {
    var script = document.querySelector("script[data-live-stream]");
    var url = script && script.getAttribute("data-live-stream");
    if (!url || !window.EventSource) { return; }
    var source = new EventSource(url);
    source.addEventListener("open", function () { streamHealthy = true; });
    source.addEventListener("change", function () { streamHealthy = true; refreshRegions(); });
    source.addEventListener("error", function () {
      streamHealthy = false; // EventSource retries by itself; until then the polls run
    });
  }

  document.addEventListener("htmx:beforeRequest", function (evt) {
    var config = evt.detail.requestConfig;
    var elt = evt.detail.elt;
    if (streamHealthy && config && !config.triggeringEvent && config.verb === "get" &&
        elt && elt.hasAttribute && elt.hasAttribute("data-live-region")) {
      evt.preventDefault(); // a timed poll while the stream pushes changes
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startStream);
  } else {
    startStream();
  }

  document.addEventListener("click", function (evt) {
    var button = evt.target.closest && evt.target.closest("[data-print]");
    if (button) { window.print(); }
  });
})();
