/**
 * npm run bench: the engine's speed against baselines measured in the same run on the same text.
 * Not a test: it prints figures, it asserts nothing.
 *
 *   engine          full validation (parse + every rule), as the server runs it on each change
 *   csv-parse       the design's parser alone (values only, no ranges, no rules)
 *   papaparse       the fastest popular JS CSV parser alone
 *   charCodeAt      a bare loop over the characters: the floor for any scanner
 *   language server the built server over stdio, as an editor drives it
 *   Entra ID        the cross-check against a tenant's users export, against the same check without it
 *   CLI streaming   orgdata-lint on a generated 1 GB file, against csv-parse's stream parser
 * BENCH_SIZES=10000,100000,300000  BENCH_RUNS=5  BENCH_STREAM_GB=1 (0 skips the streaming part)  BENCH_ONLY=entra|navigation|server|streaming (that part alone)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as csvParse } from 'csv-parse/sync';
import Papa from 'papaparse';
import { analyze, IncrementalAnalysis, normalizeSettings, parseEntraUsers, validate } from '../server/src/engine';
import { email, generateEntraUsers, generateOds, generateVivaHistory, writeOdsFile } from './generate';
import type { LspClient } from '../test/protocol/lspClient';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,300000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(runs: number, fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const gc = (): void => (global.gc ? global.gc() : undefined);

async function main(): Promise<void> {
  const os = require('node:os');
  if (process.env.BENCH_ONLY === 'entra') return entraCrossCheck(normalizeSettings({}));
  if (process.env.BENCH_ONLY === 'navigation') return navigation();
  if (process.env.BENCH_ONLY === 'server') return languageServer();
  if (process.env.BENCH_ONLY === 'streaming') return streaming(Number(process.env.BENCH_STREAM_GB ?? 1));
  if (process.env.BENCH_ONLY === 'processes') return wholeProcesses();
  console.log(
    `orgdata bench: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB; median of ${RUNS} runs`,
  );
  console.log('');
  console.log('Engine: full validation (parse and every rule) against parsing alone, on the same generated ODS text (20 columns)');
  console.log('');
  console.log(
    '| rows | MB | engine (ms) | rows/s | papaparse (ms) | csv-parse (ms) | charCodeAt loop (ms) | engine ÷ papaparse | engine ÷ csv-parse | heap + arrays kept (MB) | RSS after (MB) |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const settings = normalizeSettings({});
  let sink = 0;
  for (const rows of SIZES) {
    const text = generateOds(rows);
    const bytes = Buffer.byteLength(text);
    const check = validate(text, settings);
    // clean but for the upload-size note of files over 25 MB
    if (check.people !== rows || check.findings.some((f) => f.code !== 'file-too-large')) {
      throw new Error(`the generated file should be clean: ${check.people} people, ${check.findings.length} findings`);
    }
    const engine = time(RUNS, () => (sink += validate(text, settings).people));
    const papa = time(RUNS, () => (sink += Papa.parse<string[]>(text).data.length));
    const csv = time(rows > 100_000 ? 1 : Math.min(RUNS, 3), () => (sink += csvParse(text, { relax_column_count: true }).length));
    const loop = time(RUNS, () => {
      let commas = 0;
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) commas++;
      sink += commas;
    });
    gc();
    // what the server keeps per open document: the analysis (table, columns, findings)
    const kept = analyze(text, settings);
    gc();
    const mem = process.memoryUsage();
    console.log(
      `| ${rows.toLocaleString('en-US')} | ${mb(bytes)} | ${engine.toFixed(0)} | ${Math.round(rows / (engine / 1000)).toLocaleString('en-US')} | ${papa.toFixed(0)} | ${csv.toFixed(0)} | ${loop.toFixed(0)} | ${(engine / papa).toFixed(2)} | ${(engine / csv).toFixed(2)} | ${mb(mem.heapUsed + mem.arrayBuffers)} | ${mb(mem.rss)} |`,
    );
    if (kept.result.people < 0) console.log('');
  }
  if (sink === -1) console.log('');

  vivaHistory(settings);
  entraCrossCheck(settings);
  volume(settings);
  await languageServer();
  await navigation();
  await wholeProcesses();
  if (process.env.BENCH_STREAM_GB !== '0') streaming(Number(process.env.BENCH_STREAM_GB ?? 1));
}

/**
 * A Viva Insights history file of 20,000 people in 13 monthly snapshots (260,000 rows), beside the ODS file
 * of as many rows measured in the same run: full validation, and in the editor a first check and a
 * one-cell edit of an EffectiveDate (which moves a person to another snapshot).
 */
function vivaHistory(settings: ReturnType<typeof normalizeSettings>): void {
  const text = generateVivaHistory(20_000, 13, false, 0);
  const rows = text.split('\r\n').length - 2;
  const ods = generateOds(rows);
  const check = validate(text, settings);
  if (check.people !== rows || check.findings.some((f) => f.code !== 'pay-data' && f.code !== 'file-too-large')) {
    throw new Error(`the generated history should be clean: ${check.people} rows, ${check.findings.map((f) => f.code).join(', ')}`);
  }
  gc();
  const viva = time(RUNS, () => validate(text, settings));
  gc();
  const odsMs = time(RUNS, () => validate(ods, settings));
  const perRow = (ms: number): string => ((ms * 1000) / rows).toFixed(2);
  const perMb = (ms: number, t: string): string => (ms / (Buffer.byteLength(t) / 1024 / 1024)).toFixed(1);
  gc();
  let t0 = performance.now();
  const inc = new IncrementalAnalysis(text, settings);
  const build = performance.now() - t0;
  const at = text.indexOf('12/1/2025', Math.floor(text.length * 0.97));
  const edited = text.slice(0, at) + '11/1/2025' + text.slice(at + 9);
  t0 = performance.now();
  inc.update(edited, { start: at, oldEnd: at + 9, newEnd: at + 9 });
  const edit = performance.now() - t0;
  console.log('');
  console.log(
    `Viva Insights history: 20,000 people × 13 EffectiveDates (${rows.toLocaleString('en-US')} rows, 11 columns), against the ODS file of as many rows (20 columns), same run`,
  );
  console.log('');
  console.log('| file | MB | engine (ms) | µs per row | ms per MB |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| Viva history | ${mb(Buffer.byteLength(text))} | ${viva.toFixed(0)} | ${perRow(viva)} | ${perMb(viva, text)} |`);
  console.log(`| ODS | ${mb(Buffer.byteLength(ods))} | ${odsMs.toFixed(0)} | ${perRow(odsMs)} | ${perMb(odsMs, ods)} |`);
  console.log('');
  console.log(
    `Viva ÷ ODS per row: ${(viva / odsMs).toFixed(2)} (target ≤ 1); in the editor: first check ${build.toFixed(0)} ms, an EffectiveDate edit ${edit.toFixed(0)} ms (${inc.lastUpdate}, ${inc.result.findings.filter((f) => f.code === 'duplicate-person').length} duplicate found)`,
  );
}

/** Runs a and b in turn, `runs` times each, after a collection: their medians, alternated so that drift hits both. */
function alternate(runs: number, a: () => unknown, b: () => unknown): [number, number] {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    ta.push(time(1, a));
    gc();
    tb.push(time(1, b));
  }
  return [median(ta), median(tb)];
}

/**
 * The Entra ID cross-check (issue 13): the largest ODS file checked against the tenant's "Download users"
 * export of as many people (and 5% more users), against the same check without it, in one run: the engine
 * (as the editor's first check), a one-cell email edit in the editor, and orgdata-lint on the files on disk.
 */
function entraCrossCheck(settings: ReturnType<typeof normalizeSettings>): void {
  const rows = Math.max(...SIZES);
  const dir = path.resolve(__dirname, '../../.bench');
  fs.mkdirSync(dir, { recursive: true });
  const odsFile = path.join(dir, `ods-${rows}.csv`);
  const entraFile = path.join(dir, `entra-${rows}.csv`);
  fs.writeFileSync(odsFile, generateOds(rows));
  fs.writeFileSync(entraFile, generateEntraUsers(rows));
  // orgdata-lint on the files, wall clock (node's start included); first, while this process holds little
  // (its own collections would take the core the CLI's second thread uses)
  const lint = path.resolve(__dirname, '../../dist/orgdata-lint.js');
  const cli = (extra: string[]): number =>
    time(1, () => spawnSync(process.execPath, [lint, odsFile, '--quiet', ...extra], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  const cliPlain: number[] = [];
  const cliEntra: number[] = [];
  const cliCross: number[] = [];
  gc();
  // five each: with two threads on two cores, a run moves more than the engine's
  for (let i = 0; i < 5; i++) {
    cliPlain.push(cli([]));
    cliEntra.push(cli(['--entra-users', entraFile]));
    cliCross.push(cli(['--entra-users', entraFile, '--severity', 'shadowed-by-entra=off']));
  }
  // as the server and the CLI have them: read from disk (flat strings)
  const text = fs.readFileSync(odsFile, 'utf8');
  const entraText = fs.readFileSync(entraFile, 'utf8');
  const loads: number[] = [];
  let entra = parseEntraUsers(entraText, 'users.csv');
  for (let i = 0; i < 3; i++) {
    gc();
    const t0 = performance.now();
    entra = parseEntraUsers(entraText, 'users.csv');
    loads.push(performance.now() - t0);
  }
  const withEntra = validate(text, settings, { entra });
  const counts = new Map<string, number>();
  for (const f of withEntra.findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  const noShadow = normalizeSettings({ severity: { 'shadowed-by-entra': 'off' } });
  const [plain, checked] = alternate(
    RUNS,
    () => validate(text, settings),
    () => validate(text, settings, { entra }),
  );
  const [plain2, crossOnly] = alternate(
    RUNS,
    () => validate(text, noShadow),
    () => validate(text, noShadow, { entra }),
  );
  // the precedence check alone (what the Entra ID file did before the cross-check), against both
  const crossCodes = [
    'entra-person-unmatched',
    'entra-manager-unmatched',
    'entra-account-disabled',
    'entra-guest-user',
    'entra-members-missing',
  ];
  const noCross = normalizeSettings({ severity: Object.fromEntries(crossCodes.map((c) => [c, 'off'])) });
  const [shadowOnly, both] = alternate(
    RUNS,
    () => validate(text, noCross, { entra }),
    () => validate(text, settings, { entra }),
  );
  // the editor: a first check, then a person email edited (the people verdicts and the members count redone)
  const editorRun = (options: { entra?: typeof entra }, checkSettings = settings): [number, number] => {
    gc();
    let t0 = performance.now();
    const inc = new IncrementalAnalysis(text, checkSettings, options);
    const build = performance.now() - t0;
    const at = text.indexOf('\r\n', Math.floor(text.length / 2)) + 2;
    t0 = performance.now();
    inc.update(text.slice(0, at) + '@' + text.slice(at + 1), { start: at, oldEnd: at + 1, newEnd: at + 1 });
    return [build, performance.now() - t0];
  };
  const editPlain: number[][] = [];
  const editEntra: number[][] = [];
  const editCross: number[][] = [];
  for (let i = 0; i < 3; i++) {
    editPlain.push(editorRun({}));
    editEntra.push(editorRun({ entra }));
    editCross.push(editorRun({ entra }, noShadow));
  }
  const col = (xs: number[][], i: number): number => median(xs.map((x) => x[i]));
  const pct = (a: number, b: number): string => `${(((b - a) / a) * 100).toFixed(0)}%`;
  console.log('');
  console.log(
    `Entra ID cross-check: ${rows.toLocaleString('en-US')}-row ODS file (${mb(Buffer.byteLength(text))} MB) against a "Download users" export of ${entra.users.toLocaleString('en-US')} users (${mb(Buffer.byteLength(entraText))} MB), same run`,
  );
  console.log(
    `findings with it: ${[...counts].map(([c, n]) => `${c} ${n}`).join(', ')} (of ${withEntra.total.toLocaleString('en-US')} counted)`,
  );
  console.log('');
  console.log('| what | without (ms) | with the Entra ID file (ms) | added |');
  console.log('|---|---:|---:|---:|');
  console.log(
    `| engine: full check, cross-check and shadowed-by-entra | ${plain.toFixed(0)} | ${checked.toFixed(0)} | ${pct(plain, checked)} |`,
  );
  console.log(
    `| engine: full check, cross-check only (shadowed-by-entra off) | ${plain2.toFixed(0)} | ${crossOnly.toFixed(0)} | ${pct(plain2, crossOnly)} |`,
  );
  console.log(
    `| engine: the cross-check's findings on top of shadowed-by-entra (Entra ID file given to both) | ${shadowOnly.toFixed(0)} | ${both.toFixed(0)} | ${pct(shadowOnly, both)} |`,
  );
  console.log(
    `| editor: first check | ${col(editPlain, 0).toFixed(0)} | ${col(editEntra, 0).toFixed(0)} | ${pct(col(editPlain, 0), col(editEntra, 0))} |`,
  );
  console.log(
    `| editor: first check, cross-check only (shadowed-by-entra off) | ${col(editPlain, 0).toFixed(0)} | ${col(editCross, 0).toFixed(0)} | ${pct(col(editPlain, 0), col(editCross, 0))} |`,
  );
  console.log(
    `| editor: a person email edited | ${col(editPlain, 1).toFixed(0)} | ${col(editEntra, 1).toFixed(0)} | ${pct(col(editPlain, 1), col(editEntra, 1))} |`,
  );
  console.log(
    `| orgdata-lint (the Entra ID file read in a second thread, meanwhile) | ${median(cliPlain).toFixed(0)} | ${median(cliEntra).toFixed(0)} | ${pct(median(cliPlain), median(cliEntra))} |`,
  );
  console.log(
    `| orgdata-lint, cross-check only (shadowed-by-entra off) | ${median(cliPlain).toFixed(0)} | ${median(cliCross).toFixed(0)} | ${pct(median(cliPlain), median(cliCross))} |`,
  );
  console.log(`| reading the Entra ID file (once per change of it) | | ${median(loads).toFixed(0)} | |`);
  console.log('');
  const worst = Math.max(
    checked / plain,
    col(editEntra, 0) / col(editPlain, 0),
    col(editEntra, 1) / col(editPlain, 1),
    median(cliEntra) / median(cliPlain),
  );
  // the reading orgdata keeps for the verdict: all the Entra ID file adds, shadowed-by-entra (the
  // precedence check that came before issue 13) included; the cross-check's own findings shown beside it
  const worstCross = Math.max(col(editCross, 0) / col(editPlain, 0), median(cliCross) / median(cliPlain));
  console.log(
    `target (issue 13): the cross-check adds at most 20% (CLI and editor) -> worst ${pct(1, worst)}, ${worst <= 1.2 ? 'met' : 'NOT met'} (everything the Entra ID file adds); the cross-check's findings alone: worst ${pct(1, worstCross)}`,
  );
}

/** A file where every row is wrong three ways: 1.5 million findings, of which orgdata.maxProblems are kept. */
function volumeText(): string {
  const rows = ['Microsoft_PersonEmail,Microsoft_Layer,Microsoft_JobTitle'];
  for (let i = 0; i < 500_000; i++) rows.push(`bad${i},x,=oops`);
  return rows.join('\n') + '\n';
}

function volume(settings: ReturnType<typeof normalizeSettings>): void {
  const text = volumeText();
  let t0 = performance.now();
  const whole = validate(text, settings);
  const full = performance.now() - t0;
  t0 = performance.now();
  const inc = new IncrementalAnalysis(text, settings);
  const build = performance.now() - t0;
  const at = text.indexOf('\nbad250000,') + 1;
  t0 = performance.now();
  inc.update(text.slice(0, at) + 'ok@contoso.com' + text.slice(at + 9), { start: at, oldEnd: at + 9, newEnd: at + 14 });
  const edit = performance.now() - t0;
  console.log('');
  console.log(
    `Diagnostics volume: 500,000 rows, ${whole.total.toLocaleString('en-US')} findings counted, ${whole.findings.length} kept (orgdata.maxProblems 1000 and the note): ` +
      `engine ${full.toFixed(0)} ms; in the editor, first check ${build.toFixed(0)} ms, a one-cell edit ${edit.toFixed(0)} ms (${inc.lastUpdate})`,
  );
}

/** A fresh server over stdio with one document opened, and the time from didOpen to its first diagnostics. */
async function openInFreshServer(uri: string, text: string): Promise<{ client: LspClient; open: number }> {
  const { LspClient } = require('../test/protocol/lspClient') as typeof import('../test/protocol/lspClient');
  const client = new LspClient();
  await client.initialize();
  const t0 = performance.now();
  await client.open(uri, text);
  await client.waitFor(uri, (p) => p.version === 1, 120_000);
  return { client, open: performance.now() - t0 };
}

/**
 * Issue 28's targets, as whole processes (start, read, decode, check, print), alternated, medians:
 * orgdata-lint on 100,000 rows against PapaParse parsing the same file in its own process (target 1: at
 * most 0.8 times), and the editor's first check of 300,000 rows (didOpen over stdio to the first
 * diagnostics) against orgdata-lint on the same file (target 2: no longer).
 */
async function wholeProcesses(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'orgdata-bench-proc-'));
  const lint = path.resolve(__dirname, '../../dist/orgdata-lint.js');
  const papaScript = path.join(dir, 'papa.js');
  fs.writeFileSync(
    papaScript,
    `const Papa = require(${JSON.stringify(require.resolve('papaparse'))});\nconst t = require('fs').readFileSync(process.argv[2], 'utf8');\nprocess.stdout.write(Papa.parse(t).data.length + '\\n');\n`,
  );
  const run = (args: string[]): number => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status} ${r.stderr}`);
    return performance.now() - t0;
  };
  try {
    const small = path.join(dir, '100k.csv');
    fs.writeFileSync(small, generateOds(100_000));
    const [lintMs, papaMs] = alternate(
      Math.max(RUNS, 5),
      () => run([lint, small]),
      () => run([papaScript, small]),
    );
    const big = path.join(dir, '300k.csv');
    const bigText = generateOds(300_000);
    fs.writeFileSync(big, bigText);
    const lintBig: number[] = [];
    const editor: number[] = [];
    const encoding: number[] = [];
    for (let i = 0; i < 3; i++) {
      gc();
      lintBig.push(run([lint, big]));
      const { client, open } = await openInFreshServer('file:///bench/300k.csv', bigText);
      client.kill();
      editor.push(open);
      // what any client does before the first byte of the didOpen leaves it (vscode-jsonrpc's writer, and
      // VS Code's node IPC alike): the message as JSON, then as UTF-8 bytes
      gc();
      const t0 = performance.now();
      const json = JSON.stringify({
        jsonrpc: '2.0',
        method: 'textDocument/didOpen',
        params: { textDocument: { uri: 'file:///bench/300k.csv', languageId: 'csv', version: 1, text: bigText } },
      });
      if (Buffer.from(json, 'utf8').length < bigText.length) throw new Error('the message is shorter than its text');
      encoding.push(performance.now() - t0);
    }
    console.log('');
    console.log('Whole processes, alternated (issue 28)');
    console.log('');
    console.log('| what | ms | ratio |');
    console.log('|---|---:|---:|');
    console.log(
      `| orgdata-lint, 100,000 rows / PapaParse parsing them, each a process | ${lintMs.toFixed(0)} / ${papaMs.toFixed(0)} | ${(lintMs / papaMs).toFixed(2)} |`,
    );
    console.log(
      `| editor's first check of 300,000 rows / orgdata-lint on them | ${median(editor).toFixed(0)} / ${median(lintBig).toFixed(0)} | ${(median(editor) / median(lintBig)).toFixed(2)} |`,
    );
    console.log(
      `| of the editor's: the client encoding the didOpen (JSON.stringify, then UTF-8), before its first byte is sent / orgdata-lint's whole run | ${median(encoding).toFixed(0)} / ${median(lintBig).toFixed(0)} | ${(median(encoding) / median(lintBig)).toFixed(2)} |`,
    );
    console.log('');
    console.log(
      `target (issue 28): orgdata-lint at most 0.8 times PapaParse -> ${(lintMs / papaMs).toFixed(2)}, ${lintMs / papaMs <= 0.8 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `target (issue 28): the editor's first check no longer than orgdata-lint -> ${(median(editor) / median(lintBig)).toFixed(2)}, ${median(editor) <= median(lintBig) ? 'met' : 'NOT met'}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The server process's resident memory, in kB. */
function rssKbOf(client: LspClient): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${client.proc.pid}/status`, 'utf8'))?.[1] ?? 0);
}

/** The built server over stdio: didOpen to the first diagnostics, and a one-cell edit to the updated ones. */
async function languageServer(): Promise<void> {
  console.log('');
  console.log(
    `Language server over stdio (dist/server.js): a clean file opened, then one cell edited: a job title, then a person email (each undone after; median of ${RUNS} edits)`,
  );
  console.log('');
  console.log(
    '| rows | MB | didOpen → diagnostics (ms) | title edit → diagnostics (ms) | email edit → diagnostics (ms) | of which debounce (ms) | hover after the edit (ms) | server RSS (MB) | RSS ÷ document |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  // the issue's memory target is for a 50 MB document: one size is chosen to make one
  const perRow = Buffer.byteLength(generateOds(10_000)) / 10_000;
  const fiftyMb = Math.round((50 * 1024 * 1024) / perRow);
  const sizes: (number | string)[] = [...SIZES.filter((r) => r >= 100_000), ...(process.env.BENCH_SIZES ? [] : [fiftyMb])].sort(
    (a, b) => a - b,
  );
  // and the 50 MB file with one name past U+00FF (Łukasz), as real files have: V8 then keeps a string two bytes a character
  if (!process.env.BENCH_SIZES) sizes.splice(sizes.indexOf(fiftyMb) + 1, 0, `${fiftyMb} Ł`);
  const ratios: { mb: number; ratio: number; email: number; wide: boolean }[] = [];
  for (const size of sizes) {
    const wide = typeof size === 'string';
    const rows = wide ? Number(size.split(' ')[0]) : size;
    const text = wide ? generateOds(rows).replace('Adele,Vance', 'Łukasz,Vance') : generateOds(rows);
    const bytes = Buffer.byteLength(text);
    const uri = 'file:///bench/people.csv';
    const { client, open } = await openInFreshServer(uri, text);
    try {
      let t0 = 0;
      // one cell as a user types it: a job title (no person changes), then a person email (made invalid);
      // the median of RUNS rounds (one edit is one sample of a noisy machine)
      const lineNo = Math.floor(rows / 2) + 1;
      const titleAt = text.split('\r\n', lineNo + 1)[lineNo].indexOf(',Software Engineer,');
      const firstChar = text.split('\r\n', lineNo + 1)[lineNo][0];
      let version = 1;
      const edit = async (line: number, from: number, to: number, replacement: string): Promise<{ ms: number; diagnostics: unknown[] }> => {
        const t = performance.now();
        const v = ++version;
        await client.change(uri, v, [{ range: { start: { line, character: from }, end: { line, character: to } }, text: replacement }]);
        const p = await client.waitFor(uri, (d) => d.version === v, 120_000);
        return { ms: performance.now() - t, diagnostics: p.diagnostics };
      };
      const titles: number[] = [];
      const emails: number[] = [];
      // the first round as a user makes it: the title, then the email, then a hover; the server's memory then
      titles.push((await edit(lineNo, titleAt + 1, titleAt + 9, 'Hardware')).ms);
      const published = await edit(lineNo, 0, 1, '@');
      emails.push(published.ms);
      if (published.diagnostics.length === 0) throw new Error('the edit should have made a finding');
      // the editor's next question after an edit: a hover on a data cell far from the header
      t0 = performance.now();
      const hover = await client.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: lineNo + 3, character: 5 },
      });
      const hoverMs = performance.now() - t0;
      if (!hover?.contents.value.includes(`line ${lineNo + 4}`)) throw new Error('the hover should name its line');
      const rssKb = rssKbOf(client);
      // then both undone, and made again, for the median
      await edit(lineNo, titleAt + 1, titleAt + 9, 'Software');
      await edit(lineNo, 0, 1, firstChar);
      for (let round = 1; round < RUNS; round++) {
        titles.push((await edit(lineNo, titleAt + 1, titleAt + 9, 'Hardware')).ms);
        await edit(lineNo, titleAt + 1, titleAt + 9, 'Software');
        emails.push((await edit(lineNo, 0, 1, '@')).ms);
        await edit(lineNo, 0, 1, firstChar);
      }
      const titleEdit = median(titles);
      const change = median(emails);
      console.log(
        `| ${rows.toLocaleString('en-US')}${wide ? ', one name past U+00FF' : ''} | ${mb(bytes)} | ${open.toFixed(0)} | ${titleEdit.toFixed(0)} | ${change.toFixed(0)} | 75 | ${hoverMs.toFixed(0)} | ${(rssKb / 1024).toFixed(0)} | ${((rssKb * 1024) / bytes).toFixed(1)} |`,
      );
      ratios.push({ mb: bytes / 1024 / 1024, ratio: (rssKb * 1024) / bytes, email: Math.max(titleEdit, change), wide });
    } finally {
      client.kill();
    }
  }
  // the file with 1.5 million findings, as the editor sees it
  {
    const text = volumeText();
    const uri = 'file:///bench/volume.csv';
    const { client, open } = await openInFreshServer(uri, text);
    try {
      const t0 = performance.now();
      await client.change(uri, 2, [
        { range: { start: { line: 250_001, character: 0 }, end: { line: 250_001, character: 3 } }, text: 'ok@contoso.com' },
      ]);
      const published = await client.waitFor(uri, (p) => p.version === 2, 120_000);
      const edit = performance.now() - t0;
      const rssKb = rssKbOf(client);
      console.log('');
      console.log(
        `Language server on the 1.5-million-finding file (${mb(Buffer.byteLength(text))} MB, ${published.diagnostics.length} diagnostics published): ` +
          `didOpen → diagnostics ${open.toFixed(0)} ms, a one-cell edit → diagnostics ${edit.toFixed(0)} ms (75 ms debounce included), server RSS ${(rssKb / 1024).toFixed(0)} MB`,
      );
    } finally {
      client.kill();
    }
  }
  const biggest = ratios[ratios.length - 1];
  console.log('');
  for (const fifty of ratios.filter((r) => Math.abs(r.mb - 50) < 1)) {
    console.log(
      `target (issue 7): server RSS <= 4x a 50 MB document${fifty.wide ? ' (one name past U+00FF)' : ''} -> ${fifty.ratio.toFixed(2)}x, ${fifty.ratio <= 4 ? 'met' : 'NOT met'}`,
    );
  }
  if (biggest)
    console.log(
      `target (issue 7): a one-cell edit on the largest file -> diagnostics in <= 150 ms -> ${biggest.email.toFixed(0)} ms, ${biggest.email <= 150 ? 'met' : 'NOT met'}`,
    );
}

/**
 * The reporting-line requests (issue 14) on the largest file through the built server, after its first
 * check: each answer's time (median of 5), against the target of 100 ms.
 */
async function navigation(): Promise<void> {
  const rows = Math.max(...SIZES);
  const text = generateOds(rows);
  const uri = 'file:///bench/navigation.csv';
  const { client, open } = await openInFreshServer(uri, text);
  try {
    const person = 1;
    const line = person + 1;
    const managerAt = { line: 10, character: email(9).length + 2 };
    const doc = { textDocument: { uri } };
    const cases: [string, () => Promise<unknown>][] = [
      ['definition (a manager cell)', () => client.conn.sendRequest('textDocument/definition', { ...doc, position: managerAt })],
      [
        'references (a person with 8 reports)',
        () =>
          client.conn.sendRequest('textDocument/references', {
            ...doc,
            position: { line, character: 2 },
            context: { includeDeclaration: true },
          }),
      ],
      ['documentHighlight', () => client.conn.sendRequest('textDocument/documentHighlight', { ...doc, position: { line, character: 2 } })],
      [
        'prepareCallHierarchy + incoming + outgoing',
        async () => {
          const [item] = await client.conn.sendRequest<unknown[]>('textDocument/prepareCallHierarchy', {
            ...doc,
            position: { line, character: 2 },
          });
          await client.conn.sendRequest('callHierarchy/incomingCalls', { item });
          await client.conn.sendRequest('callHierarchy/outgoingCalls', { item });
        },
      ],
      [
        'definition far down the file',
        () =>
          client.conn.sendRequest('textDocument/definition', {
            ...doc,
            position: { line: rows - 1, character: email(rows - 2).length + 2 },
          }),
      ],
      [
        'rename (a person and their 8 reports)',
        () => client.conn.sendRequest('textDocument/rename', { ...doc, position: { line, character: 2 }, newName: 'renamed@contoso.com' }),
      ],
    ];
    console.log('');
    console.log(
      `Reporting-line requests on ${rows.toLocaleString('en-US')} rows through the language server (opened in ${open.toFixed(0)} ms), median of ${RUNS}`,
    );
    console.log('');
    console.log('| request | ms |');
    console.log('|---|---:|');
    let worst = 0;
    for (const [name, run] of cases) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      worst = Math.max(worst, median(times));
      console.log(`| ${name} | ${median(times).toFixed(1)} |`);
    }
    const t0 = performance.now();
    await client.conn.sendRequest('workspace/symbol', { query: 'holloway' });
    const firstSymbols = performance.now() - t0;
    const t1 = performance.now();
    await client.conn.sendRequest('workspace/symbol', { query: 'holloway1' });
    const nextSymbols = performance.now() - t1;
    console.log(
      `| workspace symbols: first query / the next (the query found in the text, only the rows it hits read) | ${firstSymbols.toFixed(0)} / ${nextSymbols.toFixed(0)} |`,
    );
    console.log('');
    console.log(
      `target (issue 28): workspace symbols' first query within 300 ms on 300,000 rows -> ${firstSymbols.toFixed(0)} ms, ${firstSymbols <= 300 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `target (issue 14): each answer within 100 ms after the first check -> worst ${worst.toFixed(0)} ms (workspace symbols' first query apart), ${worst <= 100 ? 'met' : 'NOT met'}`,
    );
    // the Reporting Lines view (issue 29): the first level (the tree built from the people index), then expansions
    type Tree = { items: { person: number; reports: number }[] };
    const tTree = performance.now();
    const top = await client.conn.sendRequest<Tree>('orgdata/reportingLines', { uri });
    const firstLevel = performance.now() - tTree;
    let worstExpansion = 0;
    let level = top.items;
    for (let depth = 0; depth < 4 && level.length > 0; depth++) {
      const t = performance.now();
      const next = await client.conn.sendRequest<Tree>('orgdata/reportingLines', { uri, parent: level[0].person });
      worstExpansion = Math.max(worstExpansion, performance.now() - t);
      level = next.items.filter((x) => x.reports > 0);
    }
    console.log(
      `target (issue 29): the Reporting Lines view's first level and each expansion within 100 ms on 300,000 rows -> ${firstLevel.toFixed(0)} / ${worstExpansion.toFixed(0)} ms, ${Math.max(firstLevel, worstExpansion) <= 100 ? 'met' : 'NOT met'}`,
    );
  } finally {
    client.kill();
  }
}

/** orgdata-lint streaming a generated file of `gb` GB, against csv-parse's stream parser on the same file. */
function streaming(gb: number): void {
  const dir = path.resolve(__dirname, '../../.bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `ods-${gb}gb.csv`);
  const target = gb * 1024 * 1024 * 1024;
  if (!fs.existsSync(file) || fs.statSync(file).size < target) writeOdsFile(file, target);
  const size = fs.statSync(file).size;
  const child = path.join(__dirname, 'streamChild.js');
  const run = (what: string, ...files: string[]): { ms: number; maxRssMB: number; summary?: string } => {
    const r = spawnSync(process.execPath, [child, what, ...(files.length ? files : [file])], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!);
  };
  const lint = run('orgdata-lint');
  const baseline = run('csv-parse');
  const mbs = (ms: number): number => size / 1024 / 1024 / (ms / 1000);
  console.log('');
  console.log(`CLI streaming: ${mb(size)} MB generated ODS file (${path.relative(process.cwd(), file)})`);
  console.log('');
  console.log('| what | time (s) | MB/s | peak RSS (MB) | speed ÷ csv-parse |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(
    `| orgdata-lint (all rules) | ${(lint.ms / 1000).toFixed(1)} | ${mbs(lint.ms).toFixed(1)} | ${lint.maxRssMB.toFixed(0)} | ${(baseline.ms / lint.ms).toFixed(2)} |`,
  );
  console.log(
    `| csv-parse stream (parse only) | ${(baseline.ms / 1000).toFixed(1)} | ${mbs(baseline.ms).toFixed(1)} | ${baseline.maxRssMB.toFixed(0)} | 1.00 |`,
  );
  console.log('');
  console.log(`orgdata-lint said: ${lint.summary}`);
  console.log(`target (issue 5): >= 50 MB/s and peak memory < 500 MB -> ${mbs(lint.ms) >= 50 && lint.maxRssMB < 500 ? 'met' : 'NOT met'}`);
  diffAndProfile(dir, file, gb, run);
}

/**
 * orgdata-lint diff on the generated file against a later export of it (one person in 100 with another job
 * title, one in 500 moved to another organization, one in 1,000 with the layer deleted), and profile on
 * it: each in a process of its own, with its peak memory (issue 15: two 1 GB files within 2 GB, >= 30 MB/s).
 */
function diffAndProfile(
  dir: string,
  file: string,
  gb: number,
  run: (what: string, ...files: string[]) => { ms: number; maxRssMB: number; summary?: string },
): void {
  const later = path.join(dir, `ods-${gb}gb-later.csv`);
  const size = fs.statSync(file).size;
  if (!fs.existsSync(later) || fs.statSync(later).size < size) {
    writeOdsFile(later, size, (i, r) => {
      const cells = r.split(',');
      if (i % 100 === 7) cells[9] = 'Principal Engineer';
      if (i % 500 === 11) cells[2] = 'Research';
      if (i % 1000 === 13) cells[5] = '-1';
      return cells.join(',');
    });
  }
  const both = size + fs.statSync(later).size;
  const diff = run('diff', file, later);
  const profile = run('profile', file);
  const mbs = (bytes: number, ms: number): number => bytes / 1024 / 1024 / (ms / 1000);
  console.log('');
  console.log(
    `Upload diff and column profile on the generated ${mb(size)} MB file (and a later export of it), each in a process of its own`,
  );
  console.log('');
  console.log('| what | time (s) | MB/s | peak RSS (MB) | said |');
  console.log('|---|---:|---:|---:|---|');
  console.log(
    `| orgdata-lint diff OLD NEW (${mb(both)} MB read) | ${(diff.ms / 1000).toFixed(1)} | ${mbs(both, diff.ms).toFixed(1)} | ${diff.maxRssMB.toFixed(0)} | ${diff.summary} |`,
  );
  console.log(
    `| orgdata-lint profile | ${(profile.ms / 1000).toFixed(1)} | ${mbs(size, profile.ms).toFixed(1)} | ${profile.maxRssMB.toFixed(0)} | ${profile.summary} |`,
  );
  console.log('');
  const met = mbs(both, diff.ms) >= 30 && diff.maxRssMB <= 2048;
  console.log(
    `target (issue 15): two ${gb} GB files compared within 2 GB of memory, at least 30 MB/s -> ${mbs(both, diff.ms).toFixed(0)} MB/s, ${diff.maxRssMB.toFixed(0)} MB, ${met ? 'met' : 'NOT met'}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
