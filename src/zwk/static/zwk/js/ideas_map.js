/* Ideenkarte (Beteiligung): Leaflet map of the ideas with a place, and the place picker of
   the idea form. Configuration and points come from data attributes and a JSON script
   element (no inline script: CSP). Everything on the map is also on the page as a list. */
(function () {
  "use strict";

  function baseMap(element) {
    var config = JSON.parse(document.getElementById(element.getAttribute("data-config")).textContent);
    var labels = config.labels || {};
    var map = L.map(element, { keyboard: true, scrollWheelZoom: false, zoomControl: false }).setView(
      [config.lat, config.lon],
      config.zoom
    );
    // Leaflet's buttons say "Zoom in", "Zoom out" and "Close popup" in English; the page gives
    // them in its own language (title and aria-label).
    L.control.zoom({
      zoomInTitle: labels.zoom_in || "Zoom in",
      zoomOutTitle: labels.zoom_out || "Zoom out"
    }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" translate="no">Leaflet</a>');
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close && labels.close) { close.setAttribute("aria-label", labels.close); }
    });
    L.tileLayer(config.tiles, { maxZoom: 19, attribution: config.attribution }).addTo(map);
    element.setAttribute("tabindex", "0");
    return map;
  }

  function ideasMap(element) {
    var map = baseMap(element);
    var data = document.getElementById(element.getAttribute("data-points"));
    var points = data ? JSON.parse(data.textContent) : [];
    var bounds = [];
    points.forEach(function (p) {
      var marker = L.marker([p.lat, p.lon], { title: p.title, alt: p.title, keyboard: true });
      var box = document.createElement("div");
      var link = document.createElement("a");
      link.href = p.url;
      link.className = "kern-link";
      link.textContent = p.title;
      var status = document.createElement("p");
      status.textContent = p.status + (p.place ? " · " + p.place : "");
      box.appendChild(link);
      box.appendChild(status);
      marker.bindPopup(box);
      marker.addTo(map);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
    }
    var centre = map.getCenter();
    element.setAttribute("data-centre", centre.lat.toFixed(4) + "," + centre.lng.toFixed(4));
    element.setAttribute("data-ready", String(points.length));
  }

  function placePicker(element) {
    var map = baseMap(element);
    var lat = document.getElementById(element.getAttribute("data-lat"));
    var lon = document.getElementById(element.getAttribute("data-lon"));
    var marker = null;
    function show() {
      var a = parseFloat(lat.value), b = parseFloat(lon.value);
      if (isNaN(a) || isNaN(b)) { return; }
      if (marker) { marker.setLatLng([a, b]); } else { marker = L.marker([a, b]).addTo(map); }
    }
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lon.value = event.latlng.lng.toFixed(6);
      show();
    });
    lat.addEventListener("change", show);
    lon.addEventListener("change", show);
    show();
    element.setAttribute("data-ready", "picker");
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof L === "undefined") { return; }
    document.querySelectorAll("[data-ideas-map]").forEach(ideasMap);
    document.querySelectorAll("[data-place-picker]").forEach(placePicker);
  });
})();
