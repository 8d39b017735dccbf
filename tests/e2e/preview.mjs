#!/usr/bin/env node
// Browser check of a content preview (`content preview`): opens <dir>/index.html from file:// in headless Chromium,
// waits until the Adaptive Cards renderer has drawn every card, fails on any page or console error (and on any
// request that leaves the machine: the page must work offline), and saves <dir>/preview.png (full page).
//
// usage: node tests/e2e/preview.mjs <preview dir> [--timeout ms]
// environment: CHROMIUM_PATH (default /usr/bin/chromium)
// exit code: 0 when every card rendered cleanly, 1 when not, 2 for a usage or setup problem.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
let dir = null;
let timeout = 30000;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--timeout' && i + 1 < argv.length) timeout = Number(argv[++i]);
  else if (!argv[i].startsWith('--') && dir === null) dir = argv[i];
  else { console.error('usage: node tests/e2e/preview.mjs <preview dir> [--timeout ms]'); process.exit(2); }
}
if (dir === null || !Number.isFinite(timeout)) { console.error('usage: node tests/e2e/preview.mjs <preview dir> [--timeout ms]'); process.exit(2); }
dir = path.resolve(dir);
const index = path.join(dir, 'index.html');
if (!fs.existsSync(index)) { console.error(`preview.mjs: ${index} not found; run \`content preview\` first`); process.exit(2); }
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) { console.error(`preview.mjs: Chromium not found at ${chromiumPath}`); process.exit(2); }

// The cards are the NN-name.json files beside index.html; the page must render exactly that many.
const expected = fs.readdirSync(dir).filter((f) => /^\d+-.+\.json$/.test(f)).length;
if (expected === 0) { console.error(`preview.mjs: no NN-name.json cards in ${dir}`); process.exit(2); }
if (!fs.existsSync(path.join(dir, 'adaptivecards.min.js'))) {
  console.error(`preview.mjs: ${dir}/adaptivecards.min.js is missing (the preview was written without the renderer; run npm ci in tests/e2e)`);
  process.exit(1);
}

let pw;
try {
  pw = createRequire(path.join(HERE, 'package.json'))('playwright-core');
} catch {
  console.error('preview.mjs: playwright-core not found; run `npm ci` in tests/e2e');
  process.exit(2);
}

const problems = [];
const browser = await pw.chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
let rendered = -1;
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  // Only local files and loopback: anything else is blocked, and reported, since the page is meant for offline use.
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (['file:', 'data:', 'blob:'].includes(u.protocol) || ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return route.continue();
    problems.push(`blocked request to ${u.href}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text().slice(0, 2000)}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));

  await page.goto(pathToFileURL(index).href, { waitUntil: 'load', timeout });
  const sections = await page.locator('section.preview').count();
  if (sections !== expected) problems.push(`index.html has ${sections} card sections, but ${expected} card files are beside it`);
  try {
    await page.waitForFunction((n) => document.querySelectorAll('.ac-adaptiveCard').length >= n, expected, { timeout });
  } catch {
    problems.push('timed out waiting for the cards to render');
  }
  // Top-level cards only: a ShowCard action's card is rendered inside its parent as another .ac-adaptiveCard.
  rendered = await page.locator('.host > .ac-adaptiveCard').count();
  if (rendered !== expected) problems.push(`${rendered} of ${expected} cards rendered`);
  const failures = await page.locator('.render-error').allTextContents();
  for (const f of failures) problems.push(`render error shown on the page: ${f}`);
  const shot = path.join(dir, 'preview.png');
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`preview.mjs: screenshot ${shot}`);
} finally {
  await browser.close();
}

if (problems.length > 0) {
  console.error(`preview.mjs: FAIL (${dir})`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`preview.mjs: PASS - ${rendered} of ${expected} cards rendered without errors (${index})`);
