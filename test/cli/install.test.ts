import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

describe('installed as a package', function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-install-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('npm pack, npm install: orgdata-lint and orgdata-language-server are on the path, with no other package needed', () => {
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!;
    const project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{"name":"uses-orgdata","private":true}');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', path.join(tmp, packed)], { cwd: project, encoding: 'utf8' });
    const installed = fs.readdirSync(path.join(project, 'node_modules')).filter((d) => !d.startsWith('.'));
    assert.deepEqual(installed, ['orgdata'], 'the bundles carry their dependencies');
    const lint = spawnSync(path.join(project, 'node_modules/.bin/orgdata-lint'), [path.join(ROOT, 'samples/with-problems.csv')], {
      encoding: 'utf8',
    });
    assert.equal(lint.status, 1);
    assert.match(lint.stdout, /7 errors, 5 warnings in 1 file/);
    const server = spawnSync(path.join(project, 'node_modules/.bin/orgdata-language-server'), ['--help'], { encoding: 'utf8' });
    assert.equal(server.status, 0);
    assert.match(server.stderr, /Usage: orgdata-language-server --stdio/);
  });
});
