/*
 * Gatehouse pixel — privacy-first page analytics. No cookies, no storage, nothing about the visitor
 * leaves the page but the URL, the referrer and the user agent the browser sends anyway.
 *
 *   <script defer src="https://gatehouse.example.com/api/v1/pixel/script.js"></script>
 *
 * Optional attributes: data-domain (the site's domain; default: this page's host) and data-api
 * (Gatehouse's /api/v1 URL; default: where this script came from).
 * Custom events: gatehouse("Signup", {props: {plan: "pro"}}). Calls made before the script has
 * loaded are kept if the page defines the usual stub:
 *   <script>window.gatehouse = window.gatehouse || function () { (gatehouse.q = gatehouse.q || []).push(arguments) }</script>
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || (window.gatehouse && window.gatehouse.loaded)) {
    return;
  }
  var api = script.getAttribute("data-api") || script.src.replace(/\/pixel\/script\.js(\?.*)?$/, "");
  var domain = script.getAttribute("data-domain") || location.hostname;
  var early = (window.gatehouse && window.gatehouse.q) || [];
  var config = null;
  var sampled = false;
  var lastPath = null;
  var waiting = [];

  function send(name, options, beacon) {
    if (!config) {
      waiting.push([name, options, beacon]);
      return;
    }
    var feature = name === "pageview" ? "pageviews" : name === "engagement" ? "sessions" : "events";
    if (!config.enabled || !sampled || !config.features[feature]) {
      return;
    }
    var body = { event: name, url: location.href, domain: domain, referrer: document.referrer || null };
    if (options && options.props) {
      body.properties = options.props;
    }
    if (options && options.interactive === false) {
      body.interactive = false;
    }
    var payload = JSON.stringify(body);
    var endpoint = api + "/pixel/track";
    // text/plain needs no CORS preflight; sendBeacon survives the page going away.
    if (beacon && navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([payload], { type: "text/plain" }))) {
      return;
    }
    fetch(endpoint, { method: "POST", headers: { "Content-Type": "text/plain" }, body: payload, keepalive: true,
      credentials: "omit" }).then(function (r) {
      if (options && typeof options.callback === "function") {
        options.callback({ status: r.status });
      }
    }, function () {});
  }

  function pageview() {
    if (lastPath === location.pathname) {
      return;
    }
    lastPath = location.pathname;
    send("pageview");
  }

  function gatehouse(name, options) {
    send(String(name), options);
  }
  gatehouse.loaded = true;
  window.gatehouse = gatehouse;

  // Single-page apps: a pushState or a back/forward to another path is a pageview.
  var push = history.pushState;
  if (push) {
    history.pushState = function () {
      push.apply(this, arguments);
      pageview();
    };
    window.addEventListener("popstate", pageview);
  }
  // Leaving the page (tab closed, navigation, app switch on mobile): one last beacon, which marks
  // how long the visit lasted.
  window.addEventListener("pagehide", function () {
    send("engagement", { interactive: false }, true);
  });

  fetch(api + "/pixel/config?domain=" + encodeURIComponent(domain), { credentials: "omit" })
    .then(function (r) { return r.json(); })
    .then(function (c) {
      config = c;
      sampled = Math.random() < (typeof c.sample_rate === "number" ? c.sample_rate : 1);
      pageview();
      early.forEach(function (args) { send(String(args[0]), args[1]); });
      waiting.splice(0).forEach(function (w) { send(w[0], w[1], w[2]); });
    }, function () {});
})();
