/**
 * Entry of the end-to-end suite inside VS Code's extension host (the contract of @vscode/test-electron:
 * the host requires this module and awaits run()). Writes mocha's stats to ORGDATA_E2E_RESULT so the
 * runner outside can print them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false });
  // lifecycle (which deactivates the extension) runs last
  // ORGDATA_E2E_ONLY: the one file of a run beside another extension (beside.e2e.js runs only there)
  const only = process.env.ORGDATA_E2E_ONLY;
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js') && (only ? f === only : f !== 'beside.e2e.js'))
    .sort((a, b) => Number(a === 'lifecycle.e2e.js') - Number(b === 'lifecycle.e2e.js') || a.localeCompare(b));
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.ORGDATA_E2E_RESULT;
      if (out) fs.writeFileSync(out, JSON.stringify(runner.stats ?? { failures }));
      if (failures > 0) reject(new Error(`${failures} end-to-end tests failed`));
      else resolve();
    });
  });
}
