// Paints the page in the person's chosen colour scheme before anything else is drawn: the
// choice the client keeps in localStorage ("partnerdesk.theme": "light" or "dark"; absent
// means the system's scheme, which style.css follows by itself). Runs before the body is
// parsed, so the loading screen never flashes in the other scheme. The client takes over from
// here (client/platform/theme_emscripten.cpp). Kept out of index.html: the page needs no
// inline script.
(function () {
  "use strict";
  var choice = null;
  try { choice = window.localStorage.getItem("partnerdesk.theme"); } catch (e) { /* storage off */ }
  if (choice === "light" || choice === "dark") {
    document.documentElement.classList.add(choice);
    document.documentElement.style.colorScheme = choice;
  }
})();
