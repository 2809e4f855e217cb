// Runs the end-to-end suite inside a real VS Code: code-server 4.100.3 (VS Code 1.100.3) opened in
// headless Chromium, the test-electron contract driven through the workbench URL's payload.
// How and why: ../shared/e2e/real-vscode-offline.md. Prints "N passed, N failed"; exit 0 only when all pass.
//   npm run test:e2e      (builds, compiles, installs code-server into a cache on first use)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { runNeovimChecks } from './neovim.mjs';
import { prepareWorkspace } from './workspace.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = process.env.ORGDATA_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'orgdata-e2e');
const TIMEOUT_MS = 5 * 60_000;
const NOISE = /open-vsx|ENOTFOUND|Creating a socket|connection token|Service Worker|ChatSessionStore|builtin extensions cache/;

function log(msg) {
  process.stderr.write(`[e2e] ${msg}\n`);
}

const install = spawnSync('bash', [path.join(ROOT, 'test/e2e/install.sh')], { stdio: 'inherit' });
if (install.status !== 0) process.exit(install.status ?? 1);

const require = createRequire(path.join(CACHE, 'package.json'));
const { chromium } = require('playwright-core');
const codeServer = path.join(CACHE, 'node_modules/code-server/out/node/entry.js');

// a workspace of its own, and a state folder for code-server
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-e2e-'));
const wsDir = prepareWorkspace(ROOT);
const state = path.join(tmp, 'state');

// --vsix FILE: test the packaged extension (unpacked), not the development folder
const vsixArg = process.argv.indexOf('--vsix');
let extensionPath = ROOT;
if (vsixArg > 0) {
  const vsix = path.resolve(process.argv[vsixArg + 1]);
  const unpacked = path.join(tmp, 'vsix');
  const r = spawnSync('unzip', ['-q', vsix, '-d', unpacked]);
  if (r.status !== 0) {
    log(`cannot unpack ${vsix}: ${r.stderr}`);
    process.exit(1);
  }
  extensionPath = path.join(unpacked, 'extension');
  log(`testing the packaged extension ${path.relative(ROOT, vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB)`);
}
fs.mkdirSync(path.join(state, 'user-data/User'), { recursive: true });
fs.writeFileSync(path.join(state, 'user-data/User/settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none', 'files.hotExit': 'off', 'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false, 'telemetry.telemetryLevel': 'off',
}));
fs.writeFileSync(path.join(state, 'config.yaml'), 'auth: none\n');
const resultFile = path.join(tmp, 'result.json');

const port = await new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});

const env = {
  ...process.env,
  XDG_CONFIG_HOME: path.join(state, 'config'),
  XDG_DATA_HOME: path.join(state, 'data'),
  TMPDIR: path.join(state, 'tmp'),
  ORGDATA_E2E_RESULT: resultFile,
};
fs.mkdirSync(env.TMPDIR, { recursive: true });
const started = Date.now();
const server = spawn(process.execPath, [codeServer, '--config', path.join(state, 'config.yaml'), '--auth', 'none',
  '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
  '--user-data-dir', path.join(state, 'user-data'), '--extensions-dir', path.join(state, 'extensions'), wsDir],
{ env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let serverLog = '';
server.stdout.on('data', (d) => (serverLog += d));
server.stderr.on('data', (d) => (serverLog += d));

let browser;
let exitCode = 1;
try {
  await waitForHealth(port);
  log(`code-server up on port ${port} after ${Date.now() - started} ms`);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  const finished = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    // the workbench's own chatter (sockets, the unreachable marketplace) is not the suite's output
    if (!text.trim() || NOISE.test(text)) return;
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  });
  const authority = `127.0.0.1:${port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`],
    ['extensionTestsPath', `vscode-remote://${authority}${ROOT}/out/test/e2e/suite/index.js`],
  ];
  await page.goto(`http://${authority}/?folder=${encodeURIComponent(wsDir)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const code = await Promise.race([finished, new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS))]);
  if (code === 'timeout') log(`the suite did not finish within ${TIMEOUT_MS / 1000} s`);
  exitCode = code === 0 ? 0 : 1;
} catch (e) {
  log(`failed: ${e instanceof Error ? e.message : e}`);
  log(serverLog.split('\n').slice(-20).join('\n'));
} finally {
  await browser?.close().catch(() => {});
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {}
}

let stats;
try {
  stats = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
} catch {
  stats = undefined;
}
log(`VS Code suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
fs.rmSync(tmp, { recursive: true, force: true });
fs.rmSync(wsDir, { recursive: true, force: true });

// the language server in another editor: the README's Neovim configuration
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

async function waitForHealth(p) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${p}/healthz`);
      if (r.ok) return;
    } catch {}
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}`);
    if (Date.now() > deadline) throw new Error('code-server did not answer /healthz within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}
