// Warns before an idle admin session ends (S-HD 13.1.c: screens lock after 10 minutes idle),
// and offers to go on. The server ends the session anyway: this only tells the user in time.
(function () {
  "use strict";
  var config = document.getElementById("security-session-timeout");
  if (!config) return;
  var idle = parseInt(config.dataset.idleSeconds, 10) * 1000;
  var warnBefore = parseInt(config.dataset.warnSeconds, 10) * 1000;
  var warnTimer, endTimer, banner;

  function showWarning() {
    banner = document.createElement("div");
    banner.setAttribute("role", "alertdialog");
    banner.setAttribute("aria-live", "assertive");
    banner.className = "security-session-warning";
    banner.style.cssText = "position:fixed;inset:auto 1rem 1rem auto;z-index:1000;padding:1rem;max-width:28rem;" +
      "background:#fff3cd;color:#3d2c00;border:2px solid #8a6d00;border-radius:.5rem;box-shadow:0 2px 8px rgba(0,0,0,.3)";
    var text = document.createElement("p");
    text.textContent = config.dataset.message;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small";
    button.textContent = config.dataset.continueLabel;
    button.addEventListener("click", keepAlive);
    banner.appendChild(text);
    banner.appendChild(button);
    document.body.appendChild(banner);
    button.focus();
  }

  function ended() {
    window.location.href = config.dataset.loginUrl + "?next=" + encodeURIComponent(window.location.pathname);
  }

  function keepAlive() {
    fetch(config.dataset.keepaliveUrl, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { if (response.ok) { schedule(); } else { ended(); } })
      .catch(ended);
  }

  function schedule() {
    if (banner) { banner.remove(); banner = null; }
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(showWarning, Math.max(idle - warnBefore, 0));
    endTimer = setTimeout(ended, idle);
  }

  schedule();
})();
