// Bundles the client, the server and the CLI with esbuild: one file each, so the extension ships without
// node_modules and each entry starts fast. `--production` minifies (for packaging).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its modules from a bundler: take the ES module build
  mainFields: ['module', 'main'],
  define: { ORGDATA_VERSION: JSON.stringify(pkg.version) },
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/node/serverMain.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/cli/orgdataLint.ts'],
    outfile: 'dist/orgdata-lint.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
