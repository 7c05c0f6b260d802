// Idle log-out warning (WCAG 2.1 SC 2.2.1): two minutes before the portal ends a session
// that saw no request, show a warning with one "Stay signed in" action. A static file, so it
// runs under the portal's CSP (script-src 'self'); it changes no text of any message.
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  var box = document.getElementById("idle-warning");
  var stay = document.getElementById("idle-stay");
  var token = document.querySelector("input[name=csrf_token]");
  if (!idle || !box || !stay || !token) {
    return;
  }
  var WARN_BEFORE = 120;
  var warnTimer = 0;
  var endTimer = 0;

  function schedule() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(warn, Math.max(0, idle - WARN_BEFORE) * 1000);
    endTimer = window.setTimeout(end, idle * 1000);
  }

  function warn() {
    box.hidden = false;
    stay.focus();
  }

  function end() {
    window.location.assign("/login");
  }

  stay.addEventListener("click", function () {
    var form = new FormData();
    form.append("csrf_token", token.value);
    fetch("/account/keepalive", {
      method: "POST",
      body: form,
      credentials: "same-origin",
      redirect: "manual"
    }).then(function (response) {
      if (response.status === 204) {
        box.hidden = true;
        schedule();
      } else {
        end();
      }
    }, end);
  });

  schedule();
})();
