// Keeps the count on a petition page current. The page works without it.
(function () {
  "use strict";
  var article = document.querySelector("[data-count-url]");
  var count = document.querySelector("[data-live-count]");
  if (!article || !count || !window.fetch) { return; }
  var goal = document.querySelector("[data-live-goal]");
  var bar = document.querySelector(".progress progress");
  var url = article.getAttribute("data-count-url");
  var separator = groupSeparator(document.documentElement.lang || "en");  // the page's language

  // The page's thousands separator ("," in English, "." in Spanish), as Intl knows it.
  function groupSeparator(lang) {
    try {
      var parts = new Intl.NumberFormat(lang).formatToParts(12345);
      for (var i = 0; i < parts.length; i++) { if (parts[i].type === "group") { return parts[i].value; } }
    } catch (error) {}
    return ",";
  }

  // A count written as the server writes it (Babel): grouped from the fourth digit, so "1.234" in
  // Spanish too, where Intl alone would write "1234" (CLDR's minimum grouping digits).
  function format(n) {
    return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }

  function refresh() {
    if (document.hidden) { return; }
    fetch(url, { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        count.textContent = format(data.signature_count);
        if (goal) { goal.textContent = format(data.goal); }
        if (bar) { bar.max = data.goal; bar.value = Math.min(data.signature_count, data.goal); }
      })
      .catch(function () {});
  }
  setInterval(refresh, 10000);
})();
