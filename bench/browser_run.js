// Runs a wasm benchmark (built with SINGLE_FILE) in headless Chromium and prints its result line.
// Usage: node bench/browser_run.js FILE.js PREFIX [ARGS...]   (prints the first console line starting with PREFIX)
const { chromium } = require(require.resolve('playwright-core', { paths: [require('path').join(__dirname, '../tests/browser')] }));
const fs = require('fs');
const http = require('http');
const path = require('path');
(async () => {
  const js = fs.readFileSync(process.argv[2]);
  const prefix = process.argv[3] || 'apply';
  const args = process.argv.length > 4 ? process.argv.slice(4) : ['1000000'];
  const server = http.createServer((req, res) => {
    if (req.url === '/bench.js') { res.setHeader('Content-Type', 'text/javascript'); res.end(js); return; }
    res.setHeader('Content-Type', 'text/html');
    res.end(`<!doctype html><script>var Module={arguments:${JSON.stringify(args)},print:(t)=>console.log(t)};</script><script src="/bench.js"></script>`);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await browser.newPage();
  const line = new Promise((resolve) => page.on('console', (m) => { if (m.text().startsWith(prefix)) resolve(m.text()); }));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  console.log(await line);
  await browser.close();
  server.close();
})().catch((e) => { console.error(e); process.exit(1); });
