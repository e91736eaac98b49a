// Starts the Partnerdesk client: downloads the wasm module and the fonts (their addresses are
// the preload links of index.html: the build names them by content, so the browser keeps them
// for a year), shows the module's progress, hands both to the Emscripten runtime
// (partnerdesk.js, loaded next with defer) and hides the loading screen once the first frame
// is drawn. The module starts only when the fonts are there (Module.pdFonts, read by
// client/ui/fonts.cpp), so no text is ever drawn without them. Kept out of index.html so the
// page needs no inline script.
(function () {
  "use strict";

  var canvas = document.getElementById("canvas");
  var loading = document.getElementById("loading");
  var bar = document.getElementById("loading-bar");
  var progressEl = bar.parentNode;
  var statusEl = document.getElementById("loading-status");
  var failed = false;

  function showProgress(fraction) {
    var pct = Math.round(Math.max(0.04, Math.min(1, fraction)) * 100);
    bar.style.width = pct + "%";
    progressEl.setAttribute("aria-valuenow", String(pct));
  }

  function fail(message) {
    if (failed) return;
    failed = true;
    loading.hidden = false;
    loading.classList.add("failed");
    statusEl.textContent = message;
  }

  // Downloads the module, reporting progress when the size is known.
  function download(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      var total = Number(response.headers.get("Content-Length")) || 0;
      if (!response.body || !total) {
        progressEl.classList.add("indeterminate");
        return response.arrayBuffer();
      }
      // A compressed response gives its compressed length while the stream yields the
      // decompressed bytes; wasm compresses to about half, which is close enough for a bar.
      var encoded = response.headers.get("Content-Encoding");
      if (encoded && encoded !== "identity") total *= 2.1;
      var reader = response.body.getReader();
      var chunks = [];
      var received = 0;
      function pump() {
        return reader.read().then(function (step) {
          if (step.done) {
            var bytes = new Uint8Array(received);
            var offset = 0;
            chunks.forEach(function (c) { bytes.set(c, offset); offset += c.length; });
            return bytes.buffer;
          }
          chunks.push(step.value);
          received += step.value.length;
          showProgress(Math.min(0.9, 0.9 * received / total));
          return pump();
        });
      }
      return pump();
    });
  }

  // The address of a preload link of index.html (the plain name when the page is unbuilt).
  function asset(id, fallback) {
    var link = document.getElementById(id);
    return (link && link.getAttribute("href")) || fallback;
  }

  function bytesOf(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.arrayBuffer();
    });
  }

  var wasm = download(asset("pd-wasm", "partnerdesk.wasm"));
  // Regular, bold, and the signs the text fonts lack (merged into both).
  var fonts = Promise.all([
    bytesOf(asset("pd-font-regular", "fonts/ui-regular.ttf")),
    bytesOf(asset("pd-font-bold", "fonts/ui-bold.ttf")),
    bytesOf(asset("pd-font-symbols", "fonts/ui-symbols.ttf"))
  ]);

  canvas.addEventListener("webglcontextlost", function (e) {
    e.preventDefault();
    fail("The graphics context was lost. Reload the page to continue.");
  });
  canvas.addEventListener("contextmenu", function (e) { e.preventDefault(); });

  window.Module = {
    canvas: canvas,
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
    setStatus: function () {},
    instantiateWasm: function (imports, done) {
      Promise.all([wasm, fonts]).then(function (loaded) {
        var bytes = loaded[0];
        window.Module["pdFonts"] = loaded[1].map(function (b) { return new Uint8Array(b); });
        showProgress(0.95);
        statusEl.textContent = "Starting…";
        return WebAssembly.instantiate(bytes, imports);
      }).then(function (result) {
        done(result.instance, result.module);
      }).catch(function () {
        fail("Partnerdesk could not be downloaded. Check your connection and reload the page.");
      });
      return {};
    },
    onAbort: function () {
      fail("Partnerdesk stopped because of an error. Reload the page to try again.");
    },
    // Called by the client.
    pdShowApp: function () {
      // When the first frame was drawn, in ms since the navigation started (bench/first_load.js).
      if (window.pdFirstFrameMs === undefined) window.pdFirstFrameMs = performance.now();
      if (failed) return;
      showProgress(1);
      loading.hidden = true;
      canvas.focus({ preventScroll: true });
    },
    pdShowFatal: function (message) { fail(message); }
  };
})();
