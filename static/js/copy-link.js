// Adds a "Copy" button next to a share link's field. The field works without it: select and copy.
(function () {
  "use strict";
  var field = document.querySelector("[data-copy-link]");
  if (!field || !navigator.clipboard) { return; }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "copy-button";
  button.textContent = "Copy";
  var status = document.createElement("span");
  status.setAttribute("role", "status");
  status.className = "copy-status";
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      status.textContent = "Copied";
    }, function () {
      field.select();
      status.textContent = "Press Ctrl+C or ⌘C to copy";
    });
  });
  field.insertAdjacentElement("afterend", status);
  field.insertAdjacentElement("afterend", button);
})();
