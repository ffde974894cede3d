// Inside an embedded petition: tells the partner's page (static/js/embed.js) how tall the
// content is, so the frame fits it. Without it the frame keeps its fixed height and scrolls.
(function () {
  "use strict";
  if (window.parent === window) { return; }
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) { return; }
    last = height;
    window.parent.postMessage({ campaignEmbed: "height", height: height, href: location.href }, "*");
  }
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  if (window.ResizeObserver) { new ResizeObserver(send).observe(document.body); }
  send();
})();
