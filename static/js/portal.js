// Behaviour for the portal's pages, kept out of the templates so the Content-Security-Policy
// can forbid inline scripts. Every page works without it.
"use strict";

// The language selector submits its form as soon as a language is chosen.
document.querySelectorAll("select[data-submit-on-change]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});
