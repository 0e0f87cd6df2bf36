/* The print view's "Print" button: shown only when script runs, it opens the browser's print dialog.
   A static file because the public Content-Security-Policy allows no inline script. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
