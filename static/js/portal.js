// Behaviour for the portal's pages, kept out of the templates so the Content-Security-Policy
// can forbid inline scripts. Every page works without it.
"use strict";

// The language selector submits its form as soon as a language is chosen.
document.querySelectorAll("select[data-submit-on-change]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});

// On a phone, long filter forms start folded so the results are on the first screen;
// without JavaScript (or on a wider screen) they stay open. Not while showing errors.
if (window.matchMedia("(max-width: 600px)").matches) {
  document.querySelectorAll("details[data-collapse-on-phone]:not([data-keep-open])").forEach((details) => {
    details.open = false;
  });
}
