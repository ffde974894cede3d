// For partners' pages: <script src=".../static/js/embed.js" data-campaign-embed="<embed URL>" async></script>
// puts the petition's counter and sign form in a frame where the script stands, and sizes the
// frame to its content each time the frame says its height changed, smaller as well as larger. Nothing else on the partner's page is read or changed.
(function () {
  "use strict";
  var frames = [];
  function insert(script) {
    var src = script.getAttribute("data-campaign-embed");
    if (!src || script.getAttribute("data-campaign-done")) { return; }
    script.setAttribute("data-campaign-done", "1");
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = script.getAttribute("data-title") || "Sign the petition";
    frame.width = "100%";
    frame.height = "620";
    frame.loading = "lazy";
    frame.style.border = "0";
    frame.style.maxWidth = "28rem";
    frame.style.display = "block";
    script.parentNode.insertBefore(frame, script.nextSibling);
    frames.push({ frame: frame, origin: new URL(src, location.href).origin });
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.campaignEmbed !== "height" || typeof data.height !== "number") { return; }
    frames.forEach(function (item) {
      if (event.source === item.frame.contentWindow && event.origin === item.origin) {
        item.frame.height = String(Math.min(Math.max(data.height, 200), 4000));
      }
    });
  });
  var scripts = document.querySelectorAll("script[data-campaign-embed]");
  for (var i = 0; i < scripts.length; i++) { insert(scripts[i]); }
})();
