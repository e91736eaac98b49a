// What a page's loads cost on the network, from Chromium's own network events (the figures
// DevTools shows as "transferred": compressed bodies plus headers; a file taken from the
// browser's cache moves nothing), and whether text was drawn (ink in a screenshot).
// Used by tests/browser/first_load.test.js and bench/first_load.js.
'use strict';

const zlib = require('node:zlib');

// Starts recording the page's requests. Returns { files(), bytes(), reset(), detach() }:
// files() lists { url, path, status, encoding, bytes, cached } for the web build's files
// (everything outside /api/), bytes() sums their bytes.
async function recordTransfers(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let seen = new Map();
  const entry = (id) => {
    if (!seen.has(id)) seen.set(id, { url: '', path: '', status: 0, encoding: '', bytes: 0, cached: false, done: false });
    return seen.get(id);
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    const r = entry(e.requestId);
    r.url = e.request.url;
    r.path = new URL(e.request.url).pathname;
    r.type = e.type || '';
  });
  cdp.on('Network.requestServedFromCache', (e) => { entry(e.requestId).cached = true; });
  cdp.on('Network.responseReceived', (e) => {
    const r = entry(e.requestId);
    r.status = e.response.status;
    r.encoding = e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '';
    if (e.response.fromDiskCache || e.response.fromMemoryCache) r.cached = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = entry(e.requestId);
    r.bytes = e.encodedDataLength;
    r.done = true;
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = entry(e.requestId);
    r.failed = e.errorText || 'failed';
    r.done = true;
  });
  const files = () => [...seen.values()].filter((r) => r.url.startsWith('http') && !r.path.startsWith('/api/'));
  return {
    files,
    bytes: () => files().reduce((sum, r) => sum + r.bytes, 0),
    // Whether every file request the page started so far has finished (the browser's own
    // favicon fetch, type "Other", may report no end).
    settled: () => files().every((r) => r.done || r.cached || r.type === 'Other'),
    // The requests still open (for a message when waiting on settled() times out).
    open: () => files().filter((r) => !r.done && !r.cached && r.type !== 'Other').map((r) => r.path),
    reset: () => { seen = new Map(); },
    detach: () => cdp.detach(),
  };
}

// Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium's screenshots are).
function decodePng(png) {
  let at = 8, width = 0, height = 0, channels = 4;
  const idat = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('unsupported PNG');
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      if (!channels) throw new Error('unsupported PNG colour type');
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; ++x) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      let p = 0;
      if (filter === 1) p = a;
      else if (filter === 2) p = b;
      else if (filter === 3) p = (a + b) >> 1;
      else if (filter === 4) {
        const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (v + p) & 0xff;
    }
  }
  return { width, height, channels, pixels: out };
}

// The share of pixels in the item's rectangle that differ clearly from its background (the
// most common colour): glyphs drawn there give some, an empty box none.
async function inkOf(page, item) {
  const png = await page.screenshot({ clip: { x: item.x, y: item.y, width: Math.max(1, item.w), height: Math.max(1, item.h) } });
  const { width, height, channels, pixels } = decodePng(png);
  const counts = new Map();
  const lum = [];
  for (let i = 0; i < width * height; ++i) {
    const l = Math.round(0.299 * pixels[i * channels] + 0.587 * pixels[i * channels + 1] + 0.114 * pixels[i * channels + 2]);
    lum.push(l);
    counts.set(l, (counts.get(l) || 0) + 1);
  }
  const background = [...counts.entries()].sort((p, q) => q[1] - p[1])[0][0];
  return lum.filter((l) => Math.abs(l - background) > 60).length / lum.length;
}

module.exports = { recordTransfers, decodePng, inkOf };
