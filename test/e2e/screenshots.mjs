// A scripted walk through the workbench, as a user: open the sample with planted problems, show the
// Problems panel, open the Quick Fix menu on the misspelt header, run Preview Export, then on the clean
// sample (committed to git and edited) Compare with Previous Upload and Profile Columns. Saves the
// screenshots the README shows into docs/.   npm run screenshots
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureInstalled, launchBrowser, log, ROOT, startCodeServer } from './codeServer.mjs';
import { prepareWorkspace } from './workspace.mjs';

ensureInstalled();
const workspace = prepareWorkspace(ROOT);
// the clean sample as the last upload, in git; then the next export: two job titles changed, one person left
const git = (...args) =>
  execFileSync('git', ['-c', 'user.name=orgdata', '-c', 'user.email=orgdata@example.com', ...args], { cwd: workspace, stdio: 'ignore' });
git('init', '-q');
git('add', 'contoso-ods.csv');
git('commit', '-q', '-m', 'the last upload');
const sample = path.join(workspace, 'contoso-ods.csv');
fs.writeFileSync(
  sample,
  fs
    .readFileSync(sample, 'utf8')
    .replace(',VP Sales,', ',Sales Director,')
    .replace(',Finance Manager,', ',Head of Finance,')
    .replace(/\nzoe\.okafor[^\n]*\n?$/, '\n'),
);
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
  await page.waitForSelector('.tab[aria-label*="megan.bowen@contoso.com.json"], .tab[title*="megan.bowen@contoso.com.json"]', {
    timeout: 30_000,
  });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(docs, 'preview-export.png') });
  log('docs/preview-export.png');

  // the clean sample: what the upload changes against git's HEAD, then the column profile
  await key('Control+P');
  await type('contoso-ods.csv');
  await key('Enter');
  await page.waitForTimeout(1500);
  await key('F1');
  await type('Org Data: Compare with Previous Upload');
  await key('Enter');
  await page.waitForSelector('.quick-input-widget .monaco-list-row', { timeout: 15_000 });
  await key('Enter'); // The version in git (HEAD)
  await page.waitForSelector('.tab[aria-label*="Changes of contoso-ods.csv"], .tab[title*="Changes of contoso-ods.csv"]', {
    timeout: 30_000,
  });
  await page.waitForTimeout(2500);
  await page.screenshot({ path: path.join(docs, 'upload-diff.png') });
  log('docs/upload-diff.png');
  await page.click('.monaco-editor .view-lines');
  await key('F1');
  await type('Org Data: Profile Columns');
  await key('Enter');
  await page.waitForSelector('.tab[aria-label*="Profile of contoso-ods.csv"], .tab[title*="Profile of contoso-ods.csv"]', {
    timeout: 30_000,
  });
  await page.waitForTimeout(2500);
  await page.screenshot({ path: path.join(docs, 'column-profile.png') });
  log('docs/column-profile.png');

  // the project file, with a misspelt key the contributed schema underlines
  await key('Control+K');
  await key('Control+W'); // close the editors
  fs.copyFileSync(path.join(ROOT, 'samples', 'entra-users.csv'), path.join(workspace, 'entra-users.csv'));
  fs.writeFileSync(
    path.join(workspace, 'orgdata.json'),
    '{\n  // Contoso: the settings of the exports in this folder\n  "dateFormt": "DD/MM/YYYY",\n  "entraUsers": "entra-users.csv",\n  "severity": { "coverage-low": "off" }\n}\n',
  );
  await key('Control+P');
  await type('orgdata.json');
  await key('Enter');
  await page.waitForSelector('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error', { timeout: 30_000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(docs, 'project-file.png') });
  log('docs/project-file.png');

  // with the key corrected, the tenant's users apply: the hover on a person says whom the cell matches
  fs.writeFileSync(
    path.join(workspace, 'orgdata.json'),
    '{\n  // Contoso: the settings of the exports in this folder\n  "dateFormat": "MM/DD/YYYY",\n  "entraUsers": "entra-users.csv",\n  "severity": { "coverage-low": "off" }\n}\n',
  );
  await page.waitForTimeout(1500);
  await key('Control+P');
  await type('contoso-ods.csv');
  await key('Enter');
  await page.waitForTimeout(2500);
  await page.click('.monaco-editor .view-lines');
  await goTo('3:3');
  await key('Control+K');
  await key('Control+I');
  await page.waitForSelector('.monaco-hover-content:has-text("Entra ID")', { timeout: 15_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(docs, 'entra-hover.png') });
  log('docs/entra-hover.png');
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
