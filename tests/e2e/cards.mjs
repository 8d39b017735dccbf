#!/usr/bin/env node
// Phone and desktop screenshots of the cards the bot really sent in the e2e scenarios. The playground's browser window
// is fixed at 1400 px wide, so each distinct Adaptive Card in <scenario>/transcript.json (sent, or answering a button) is drawn again, with the
// content preview's renderer, host config and Markdown rules (<preview dir>/index.html: `content preview`), in a page
// 360 px wide (a phone) and 1000 px wide (desktop, where the card is 560 px like a Teams chat), and each card is saved
// as <scenario>/cards/NN-<title>-phone.png and -desktop.png. Fails on any page or console error.
//
// usage: node tests/e2e/cards.mjs <preview dir> <scenario output dir> [<scenario output dir> ...]
// environment: CHROMIUM_PATH (default /usr/bin/chromium)
// exit code: 0 when every card rendered cleanly, 1 when not, 2 for a usage or setup problem.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WIDTHS = { phone: 360, desktop: 1000 };
const [previewArg, ...outDirs] = process.argv.slice(2);
if (!previewArg || outDirs.length === 0) { console.error('usage: node tests/e2e/cards.mjs <preview dir> <scenario output dir> ...'); process.exit(2); }
const previewDir = path.resolve(previewArg);
const index = path.join(previewDir, 'index.html');
if (!fs.existsSync(index) || !fs.existsSync(path.join(previewDir, 'adaptivecards.min.js'))) {
  console.error(`cards.mjs: ${index} with adaptivecards.min.js beside it is needed; run \`content preview\` first`);
  process.exit(2);
}
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const pw = createRequire(path.join(HERE, 'package.json'))('playwright-core');

// The preview page's head (styles) and its scripts (renderer, host config, Markdown); the cards replace its body.
const html = fs.readFileSync(index, 'utf8');
const head = html.slice(0, html.indexOf('<body>'));
const scripts = html.slice(html.indexOf('<script src="adaptivecards.min.js">'), html.indexOf('</body>'));
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'card';

function cardsOf(transcriptFile) {
  const transcript = JSON.parse(fs.readFileSync(transcriptFile, 'utf8'));
  const seen = new Set();
  const cards = [];
  for (const message of transcript.messages || []) {
    if (!message.isBot) continue;
    for (const a of message.attachments || []) {
      if (a.contentType !== 'application/vnd.microsoft.card.adaptive' || !a.content) continue;
      const json = JSON.stringify(a.content);
      if (seen.has(json)) continue;
      seen.add(json);
      const title = (a.content.body || []).find((e) => e.type === 'TextBlock')?.text || 'card';
      cards.push({ title, json });
    }
  }
  // The cards that answered a button (Action.Execute), e.g. a DSL's card with a form open: shown to the clicker only.
  for (const invoke of transcript.invokes || []) {
    const body = invoke.body;
    if (!body || body.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) continue;
    const json = JSON.stringify(body.value);
    if (seen.has(json)) continue;
    seen.add(json);
    const title = `${invoke.title || 'button'} answered`;
    cards.push({ title, json });
  }
  return cards;
}

const problems = [];
const browser = await pw.chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  for (const outDir of outDirs.map((d) => path.resolve(d))) {
    const transcriptFile = path.join(outDir, 'transcript.json');
    if (!fs.existsSync(transcriptFile)) { problems.push(`${transcriptFile} not found`); continue; }
    const cards = cardsOf(transcriptFile);
    const shotsDir = path.join(outDir, 'cards');
    fs.rmSync(shotsDir, { recursive: true, force: true });
    fs.mkdirSync(shotsDir, { recursive: true });
    // The page sits beside adaptivecards.min.js, which it loads by a relative address.
    const page = path.join(previewDir, `cards-${path.basename(outDir)}.html`);
    const sections = cards.map((c, i) => `<section class="preview"><h2>${escapeHtml(c.title)}</h2><div class="host" data-card="c${i}"></div>`
      + `<script type="application/json" id="c${i}">${c.json.replace(/</g, '\\u003c')}</script></section>`).join('\n');
    fs.writeFileSync(page, `${head}<body>\n<main>\n${sections}\n</main>\n${scripts}</body>\n</html>\n`);
    for (const [name, width] of Object.entries(WIDTHS)) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/London' });
      await context.route('**/*', (route) => (new URL(route.request().url()).protocol === 'file:' ? route.continue() : route.abort()));
      const tab = await context.newPage();
      tab.on('pageerror', (e) => problems.push(`${path.basename(outDir)} ${name}: page error: ${e.message}`));
      tab.on('console', (m) => { if (m.type() === 'error') problems.push(`${path.basename(outDir)} ${name}: console error: ${m.text().slice(0, 500)}`); });
      await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
      const hosts = tab.locator('.host');
      for (let i = 0; i < cards.length; i++) {
        const file = path.join(shotsDir, `${String(i + 1).padStart(2, '0')}-${slug(cards[i].title)}-${name}.png`);
        await hosts.nth(i).screenshot({ path: file });
      }
      await context.close();
    }
    fs.rmSync(page);
    console.log(`cards.mjs: ${cards.length} card(s) of ${path.basename(outDir)} at ${Object.values(WIDTHS).join(' and ')} px -> ${shotsDir}`);
  }
} finally {
  await browser.close();
}
if (problems.length > 0) {
  console.error('cards.mjs: FAIL');
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
