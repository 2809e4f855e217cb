import * as assert from 'node:assert/strict';
import { PROJECT_KEYS } from '../../server/src/projectFile';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

describe('extension manifest', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  it('a CSV whose first line is an org-data header opens as Org Data CSV; other CSVs do not', () => {
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'orgdata-csv');
    const re = new RegExp(lang.firstLine);
    for (const line of [
      'Microsoft_PersonEmail,Microsoft_JobTitle',
      '\uFEFF"PersonId","ManagerId"',
      'Name,Microsoft_Layer',
      'PersonId;ManagerId',
    ])
      assert.ok(re.test(line), line);
    for (const line of ['id,name,price', 'Organization,Location', 'Personal,Id']) assert.ok(!re.test(line), line);
    assert.equal(lang.extensions, undefined, 'plain CSVs keep their own language');
  });

  it('offers every finding code in the orgdata.severity setting, with its default (regenerate with scripts/gen-codes-doc.js)', () => {
    const { severityProperties } = require(path.join(ROOT, 'scripts/gen-codes-doc.js'));
    assert.deepEqual(pkg.contributes.configuration.properties['orgdata.severity'].properties, severityProperties());
  });

  it("every finding code traces to a page of Microsoft's (or a named standard), or is marked as our decision with its reason", async () => {
    const { CODES, provenanceOf } = await import('../../server/src/engine/catalog/codes');
    for (const code of Object.keys(CODES) as (keyof typeof CODES)[]) {
      const p = provenanceOf(code);
      assert.ok(p.documented || (p.decision && p.decision.length > 20), code);
      if (p.source) assert.match(p.source, /^https:\/\/(learn\.microsoft\.com|www\.rfc-editor\.org|owasp\.org|gdpr-info\.eu)\//, code);
    }
  });

  it('accepts VS Code 1.90 and later', () => {
    assert.equal(pkg.engines.vscode, '^1.90.0');
  });
});

describe('the manifest as a VS Code user reads it', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const c = pkg.contributes;

  it('starts on org-data languages and project files, not in every workspace with a CSV', () => {
    assert.ok(!pkg.activationEvents.some((e: string) => e.startsWith('workspaceContains:') && e.endsWith('.csv')));
    for (const e of ['onLanguage:orgdata-csv', 'onLanguage:csv', 'workspaceContains:**/orgdata.json'])
      assert.ok(pkg.activationEvents.includes(e), e);
    // every command is an activation event, so that a menu or a keybinding can start the extension
    for (const cmd of c.commands)
      assert.ok(pkg.activationEvents.includes(`onCommand:${cmd.command}`) || cmd.command === 'orgdata.addCustomAttribute', cmd.command);
  });

  it('every setting is ordered and typed, every enum described, orgdata.trace.server declared', () => {
    const props = c.configuration.properties as Record<
      string,
      { order?: number; type: string; enum?: string[]; enumDescriptions?: string[] }
    >;
    for (const key of ['orgdata.enable', 'orgdata.run', 'orgdata.trace.server']) assert.ok(props[key], key);
    const orders = Object.values(props).map((p) => p.order);
    assert.ok(
      orders.every((o) => Number.isInteger(o)),
      'each has an order',
    );
    assert.equal(new Set(orders).size, orders.length, 'no two share one');
    assert.equal(props['orgdata.maxProblems'].type, 'integer');
    for (const [key, p] of Object.entries(props)) if (p.enum) assert.equal(p.enumDescriptions?.length, p.enum.length, key);
  });

  it('menus where users look, shown for org data only; Ctrl+K V for Preview Export; a walkthrough whose pictures ship', () => {
    for (const m of c.menus['editor/title']) assert.equal(m.when, 'orgdata.isOrgDataFile', m.command);
    for (const m of c.menus['explorer/context']) assert.match(m.when, /resourceExtname =~ \/\^\\\.csv\$\/i/, m.command);
    assert.deepEqual(c.keybindings, [
      {
        command: 'orgdata.previewExport',
        key: 'ctrl+k v',
        mac: 'cmd+k v',
        when: 'orgdata.isOrgDataFile && editorTextFocus && !editorReadonly',
      },
    ]);
    const [walk] = c.walkthroughs;
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    for (const step of walk.steps) {
      assert.ok(fs.existsSync(path.join(ROOT, step.media.image)), step.media.image);
      assert.ok(ignore.includes(`!${step.media.image}`), `${step.media.image} goes into the .vsix`);
    }
  });
});

describe('schemas/orgdata.schema.json', () => {
  it("ships the project file's JSON schema as the catalog and the settings make it, for orgdata.json in VS Code (regenerate with scripts/gen-codes-doc.js)", () => {
    const { projectSchema } = require(path.join(ROOT, 'scripts/gen-codes-doc.js'));
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/orgdata.schema.json'), 'utf8'));
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(schema, projectSchema(pkg));
    // the keys the command line takes are those the schema allows
    assert.deepEqual(Object.keys(schema.properties).sort(), [...PROJECT_KEYS].sort());
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: 'orgdata.json', url: './schemas/orgdata.schema.json' }]);
    assert.ok(
      pkg.contributes.languages.some(
        (l: { id: string; filenames?: string[] }) => l.id === 'jsonc' && l.filenames?.includes('orgdata.json'),
      ),
    );
  });
});

describe('docs/finding-codes.md', () => {
  it('lists every finding code as the catalog has it (regenerate with scripts/gen-codes-doc.js)', () => {
    const { codesTable, docSection } = require(path.join(ROOT, 'scripts/gen-codes-doc.js'));
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'finding-codes.md'), 'utf8');
    assert.equal(docSection(doc), codesTable());
  });
});
