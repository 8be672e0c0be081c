/* The error summary of a form (NL Design System form pattern): when a page, or a part of it swapped in by htmx,
 * shows one, focus moves to it so a screen reader reads it first; a link in it focuses its field and shows the
 * field's label. A static file: the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.getElementById("error-summary");
    if (!summary || summary.getAttribute("data-focused") === "true") {
      return;
    }
    summary.setAttribute("data-focused", "true");
    summary.focus();
  }

  function labelOf(field) {
    var fieldset = field.closest("fieldset");
    if (fieldset && fieldset.querySelector("legend")) {
      return fieldset.querySelector("legend");
    }
    return (field.id && document.querySelector('label[for="' + CSS.escape(field.id) + '"]')) || field;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#error-summary a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) {
      return;
    }
    event.preventDefault();
    labelOf(field).scrollIntoView();
    field.focus({ preventScroll: true });
  });

  document.addEventListener("htmx:afterSettle", focusSummary);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();
