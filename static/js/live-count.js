// Keeps the count on a petition page current. The page works without it.
(function () {
  "use strict";
  var article = document.querySelector("[data-count-url]");
  var count = document.querySelector("[data-live-count]");
  if (!article || !count || !window.fetch) { return; }
  var goal = document.querySelector("[data-live-goal]");
  var bar = document.querySelector(".progress progress");
  var url = article.getAttribute("data-count-url");
  var format = new Intl.NumberFormat(document.documentElement.lang || "en");  // the page's language
  function refresh() {
    if (document.hidden) { return; }
    fetch(url, { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        count.textContent = format.format(data.signature_count);
        if (goal) { goal.textContent = format.format(data.goal); }
        if (bar) { bar.max = data.goal; bar.value = Math.min(data.signature_count, data.goal); }
      })
      .catch(function () {});
  }
  setInterval(refresh, 10000);
})();
