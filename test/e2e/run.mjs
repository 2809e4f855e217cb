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
const workspace = prepareWorkspace(ROOT);
const resultFile = path.join(tmp, 'result.json');

let extensionPath = ROOT;
const vsixArg = process.argv.indexOf('--vsix');
if (vsixArg > 0) {
  const vsix = path.resolve(process.argv[vsixArg + 1]);
  extensionPath = unpackVsix(vsix, path.join(tmp, 'vsix'));
  log(`testing the packaged extension ${path.relative(ROOT, vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB)`);
}

const started = Date.now();
let exitCode = 1;
let server;
let browser;
try {
  server = await startCodeServer(workspace, { ORGDATA_E2E_RESULT: resultFile });
  log(`code-server up at ${server.authority} after ${Date.now() - started} ms`);
  browser = await launchBrowser();
  const page = await browser.newPage();
  const finished = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
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
  exitCode = code === 0 ? 0 : 1;
} catch (e) {
  log(`failed: ${e instanceof Error ? e.message : e}`);
  if (server) log(server.log().split('\n').slice(-20).join('\n'));
} finally {
  await browser?.close().catch(() => {});
  server?.stop();
}

let stats;
try {
  stats = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
} catch {
  stats = undefined;
}
log(`VS Code suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
fs.rmSync(tmp, { recursive: true, force: true });
fs.rmSync(workspace, { recursive: true, force: true });

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
