// The workspace the end-to-end suite opens, the same for code-server (run.mjs) and test-electron
// (../vscode/run.mjs): the sample with planted problems, a clean sample and an unrelated CSV.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function prepareWorkspace(root) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-e2e-ws-'));
  fs.mkdirSync(path.join(dir, '.vscode'));
  for (const f of ['with-problems.csv', 'contoso-ods.csv']) fs.copyFileSync(path.join(root, 'samples', f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'prices.csv'), 'id,name,price\n1,"Widget, large",3\n2,"unclosed,4\n');
  fs.writeFileSync(path.join(dir, '.vscode/settings.json'), '{}\n');
  return dir;
}
