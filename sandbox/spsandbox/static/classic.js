/* Systempay sandbox: stand-in for the real client's ext/classic.js (the "classic" theme's
   script). The real one decorates the form; this one only marks the page, so that a shop that
   loads it (as the integration guide says) gets a harmless file. */
(function () {
  'use strict';
  document.documentElement.classList.add('kr-theme-classic');
})();
