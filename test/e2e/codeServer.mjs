// A real VS Code for scripts: code-server (VS Code 1.100.3, from npm) started isolated on a free loopback
// port, and Debian's Chromium driven by playwright-core. How and why: ../shared/e2e/real-vscode-offline.md.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = process.env.ORGDATA_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'orgdata-e2e');

export function log(msg) {
  process.stderr.write(`[e2e] ${msg}\n`);
}

/** Installs (once, cached) code-server, Chromium and the system packages; exits on failure. */
export function ensureInstalled() {
  const r = spawnSync('bash', [path.join(ROOT, 'test/e2e/install.sh')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * Starts code-server on `workspace` with its state in a folder of its own. `env` reaches the extension
 * host; `extensions` are folders of other extensions to install. Returns { url(payload), authority, stop(), log() }.
 */
export async function startCodeServer(workspace, env = {}, extensions = []) {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-code-server-'));
  // other extensions, installed as a user installs them: a folder publisher.name-version in the extensions dir
  for (const dir of extensions) {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    fs.cpSync(dir, path.join(state, 'extensions', `${pkg.publisher}.${pkg.name}-${pkg.version}`), { recursive: true });
  }
  fs.mkdirSync(path.join(state, 'user-data/User'), { recursive: true });
  fs.writeFileSync(
    path.join(state, 'user-data/User/settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'files.hotExit': 'off',
      'security.workspace.trust.enabled': false,
      'extensions.autoCheckUpdates': false,
      'telemetry.telemetryLevel': 'off',
      'workbench.tips.enabled': false,
    }),
  );
  fs.writeFileSync(path.join(state, 'config.yaml'), 'auth: none\n');
  const port = await freePort();
  const fullEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(state, 'config'),
    XDG_DATA_HOME: path.join(state, 'data'),
    TMPDIR: path.join(state, 'tmp'),
    ...env,
  };
  fs.mkdirSync(fullEnv.TMPDIR, { recursive: true });
  const entry = path.join(CACHE, 'node_modules/code-server/out/node/entry.js');
  const server = spawn(
    process.execPath,
    [
      entry,
      '--config',
      path.join(state, 'config.yaml'),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir',
      path.join(state, 'user-data'),
      '--extensions-dir',
      path.join(state, 'extensions'),
      workspace,
    ],
    // its own process group: stopping it must stop the extension host too
    { env: fullEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  server.stdout.on('data', (d) => (output += d));
  server.stderr.on('data', (d) => (output += d));
  const authority = `127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
    fs.rmSync(state, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://${authority}/healthz`)).ok) break;
    } catch {}
    if (server.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`code-server did not start: ${output.split('\n').slice(-10).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    authority,
    /** the workbench URL; payload: pairs such as ['extensionDevelopmentPath', '/abs/path'] (paths made remote here) */
    url: (payload) =>
      `http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(
        JSON.stringify(payload.map(([k, v]) => [k, `vscode-remote://${authority}${v}`])),
      )}`,
    stop,
    log: () => output,
  };
}

/** Headless Debian Chromium, with the flags this closed network needs. */
export async function launchBrowser() {
  const require = createRequire(path.join(CACHE, 'package.json'));
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Unpacks a .vsix into `into` and returns the extension's folder inside it. */
export function unpackVsix(vsix, into) {
  const r = spawnSync('unzip', ['-q', '-o', vsix, '-d', into], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cannot unpack ${vsix}: ${r.stderr}`);
  return path.join(into, 'extension');
}
