// Runs the end-to-end suite inside a real VS Code: code-server (VS Code 1.100.3) in headless Chromium,
// the @vscode/test-electron contract driven through the workbench URL's payload; then the documented
// Neovim configuration in a headless Neovim. Prints "e2e: N passed, N failed"; exit 0 only when all pass.
//   npm run test:e2e      (packages the extension, tests the .vsix; installs code-server into a cache on first use)
//   node test/e2e/run.mjs [--vsix FILE]   (without --vsix: the development folder)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { ensureInstalled, launchBrowser, log, ROOT, startCodeServer, unpackVsix } from './codeServer.mjs';
import { runNeovimChecks } from './neovim.mjs';
import { prepareWorkspace } from './workspace.mjs';

const TIMEOUT_MS = 5 * 60_000;
// the workbench's own chatter (sockets, the unreachable marketplace) is not the suite's output
const NOISE = /open-vsx|ENOTFOUND|Creating a socket|connection token|Service Worker|ChatSessionStore|builtin extensions cache/;

ensureInstalled();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-e2e-'));

let extensionPath = ROOT;
const vsixArg = process.argv.indexOf('--vsix');
if (vsixArg > 0) {
  const vsix = path.resolve(process.argv[vsixArg + 1]);
  extensionPath = unpackVsix(vsix, path.join(tmp, 'vsix'));
  log(`testing the packaged extension ${path.relative(ROOT, vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB)`);
}

/**
 * One run of the suite in a fresh code-server; `extra` adds extensions (their folders) beside ours, and
 * `only` narrows the suite to one file. Returns mocha's stats, or undefined when the suite gave none.
 */
async function runSuite(label, { extra = [], only } = {}) {
  const started = Date.now();
  let unresponsive = false;
  const resultFile = path.join(tmp, `result-${label}.json`);
  const workspace = prepareWorkspace(ROOT);
  let server;
  let browser;
  try {
    server = await startCodeServer(workspace, { ORGDATA_E2E_RESULT: resultFile, ...(only ? { ORGDATA_E2E_ONLY: only } : {}) }, extra);
    log(`code-server up at ${server.authority} after ${Date.now() - started} ms (${label})`);
    browser = await launchBrowser();
    const page = await browser.newPage();
    const finished = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    // the workbench's own word that the extension host stopped answering is a failure of the run
    page.on('console', (m) => {
      if (/extension host .*unresponsive/i.test(m.text())) unresponsive = true;
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (/extension host .*unresponsive/i.test(text)) unresponsive = true;
      if (!text.trim() || NOISE.test(text)) return;
      process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    });
    await page.goto(
      server.url([
        ['extensionDevelopmentPath', extensionPath],
        ['extensionTestsPath', path.join(ROOT, 'out/test/e2e/suite/index.js')],
      ]),
    );
    const code = await Promise.race([finished, new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS))]);
    if (code === 'timeout') log(`the suite did not finish within ${TIMEOUT_MS / 1000} s`);
  } catch (e) {
    log(`failed: ${e instanceof Error ? e.message : e}`);
    if (server) log(server.log().split('\n').slice(-20).join('\n'));
  } finally {
    await browser?.close().catch(() => {});
    server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  log(`VS Code suite (${label}) finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  let stats;
  try {
    stats = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  } catch {
    return undefined;
  }
  if (unresponsive) {
    log(`the extension host was reported unresponsive (${label})`);
    stats.failures++;
  }
  return stats;
}

const main = process.env.ORGDATA_E2E_SKIP_MAIN ? { passes: 0, failures: 0 } : await runSuite('orgdata alone');
// beside another extension that claims .csv (as Rainbow CSV does): the features still work under its language
const beside = await runSuite('beside a CSV extension', { extra: [path.join(ROOT, 'test/e2e/standin-csv')], only: 'beside.e2e.js' });
const stats = main && beside ? { passes: main.passes + beside.passes, failures: main.failures + beside.failures } : undefined;
let exitCode = 0;
fs.rmSync(tmp, { recursive: true, force: true });

// the language server in another editor: the Neovim configuration of docs/other-editors.md
const neovim = runNeovimChecks(ROOT);
console.log('  Neovim');
for (const c of neovim) console.log(`    ${c.ok ? '\u2714' : '\u2716'} ${c.name}${c.ok ? '' : `\n      got: ${c.detail}`}`);
const nvimPassed = neovim.filter((c) => c.ok).length;
const nvimFailed = neovim.length - nvimPassed;

if (stats) {
  console.log(`e2e: ${stats.passes + nvimPassed} passed, ${stats.failures + nvimFailed} failed`);
  if (stats.failures > 0 || stats.passes === 0 || nvimFailed > 0) exitCode = 1;
} else {
  console.log(`e2e: ${nvimPassed} passed, ${1 + nvimFailed} failed (the VS Code suite reported no result)`);
  exitCode = 1;
}
process.exit(exitCode);
