// A scripted walk through the workbench, as a user: open the sample with planted problems, show the
// Problems panel, open the Quick Fix menu on the misspelt header, run Preview Export. Saves the
// screenshots the README shows into docs/.   npm run screenshots
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureInstalled, launchBrowser, log, ROOT, startCodeServer } from './codeServer.mjs';
import { prepareWorkspace } from './workspace.mjs';

ensureInstalled();
const workspace = prepareWorkspace(ROOT);
const docs = path.join(ROOT, 'docs');
fs.mkdirSync(docs, { recursive: true });
const server = await startCodeServer(workspace);
const browser = await launchBrowser();
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 860 } });
  await page.goto(server.url([['extensionDevelopmentPath', ROOT]]));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForTimeout(3000); // the workbench restores its layout
  const key = async (k) => {
    await page.keyboard.press(k);
    await page.waitForTimeout(400);
  };
  const type = async (text) => {
    await page.keyboard.type(text, { delay: 20 });
    await page.waitForTimeout(500);
  };
  /** Go to Line/Column: "line:column" */
  const goTo = async (position) => {
    await key('Control+G');
    await type(position);
    await key('Enter');
  };

  // open the file through Quick Open, as a user would
  await key('Control+P');
  await type('with-problems.csv');
  await key('Enter');
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30_000 });

  // the Problems panel, once the server has answered
  await key('Control+Shift+M');
  await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 30_000 });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: path.join(docs, 'problems.png') });
  log('docs/problems.png');

  // the cursor into the misspelt header cell, then the Quick Fix menu
  await page.click('.monaco-editor .view-lines');
  await goTo('1:75');
  await key('Control+.');
  await page.waitForSelector('.action-widget', { timeout: 15_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(docs, 'quick-fix.png') });
  log('docs/quick-fix.png');
  await key('Escape');

  // Preview Export for the CEO's row, from the command palette
  await goTo('2:3');
  await key('F1');
  await type('Org Data: Preview Export');
  await key('Enter');
  await page.waitForSelector('.tab[aria-label*="megan.bowen@contoso.com.json"], .tab[title*="megan.bowen@contoso.com.json"]', { timeout: 30_000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(docs, 'preview-export.png') });
  log('docs/preview-export.png');
} catch (e) {
  failed = true;
  log(`walk-through failed: ${e instanceof Error ? e.message : e}`);
  const pages = browser.contexts().flatMap((c) => c.pages());
  if (pages[0]) await pages[0].screenshot({ path: path.join(docs, 'failure.png') }).catch(() => {});
} finally {
  await browser.close().catch(() => {});
  server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
