// The same end-to-end suite through @vscode/test-electron, where VS Code can be downloaded (it cannot on
// this project's machines: there, npm run test:e2e runs it in code-server). npm run test:vscode
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { prepareWorkspace } from '../e2e/workspace.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const workspace = prepareWorkspace(ROOT);
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out/test/e2e/suite/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`test:vscode failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
