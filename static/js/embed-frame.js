// Inside an embedded petition: tells the partner's page (static/js/embed.js) how tall the
// content is, whenever that changes, so the frame fits it as it grows and as it shrinks. Without
// it the frame keeps its fixed height and scrolls.
(function () {
  "use strict";
  if (window.parent === window) { return; }
  var last = 0;
  function send() {
    // The body's own height: the document's scrollHeight is never less than the frame, so a
    // frame sized by it could grow but never shrink.
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) { return; }
    last = height;
    window.parent.postMessage({ campaignEmbed: "height", height: height, href: location.href }, "*");
  }
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  if (window.ResizeObserver) { new ResizeObserver(send).observe(document.body); }
  send();
})();
