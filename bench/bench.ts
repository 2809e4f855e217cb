/**
 * npm run bench: the engine's speed against baselines measured in the same run on the same text.
 * Not a test: it prints figures, it asserts nothing.
 *
 *   engine          full validation (parse + every rule), as the server runs it on each change
 *   csv-parse       the design's parser alone (values only, no ranges, no rules)
 *   papaparse       the fastest popular JS CSV parser alone
 *   charCodeAt      a bare loop over the characters: the floor for any scanner
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as csvParse } from 'csv-parse/sync';
import Papa from 'papaparse';
import { normalizeSettings, validate } from '../server/src/engine';
import { generateOds, HEADER, row } from './generate';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
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

function main(): void {
  const text = generateOds(ROWS);
  const bytes = Buffer.byteLength(text);
  const settings = normalizeSettings({});
  const check = validate(text, settings);
  if (check.people !== ROWS || check.findings.length !== 0) {
    throw new Error(`the generated file should be clean: ${check.people} people, ${check.findings.length} findings`);
  }
  console.log(`orgdata bench: ${ROWS.toLocaleString('en-US')} rows, 20 columns, ${mb(bytes)} MB; median of ${RUNS} runs`);
  console.log(`node ${process.version}, ${require('node:os').cpus().length} cores (${require('node:os').cpus()[0]?.model ?? 'unknown cpu'})`);

  let sink = 0;
  const results: [string, number][] = [
    ['engine: full validation', time(RUNS, () => (sink += validate(text, settings).people))],
    ['csv-parse (parse only)', time(Math.min(RUNS, 3), () => (sink += csvParse(text, { relax_column_count: true }).length))],
    ['papaparse (parse only)', time(RUNS, () => (sink += Papa.parse<string[]>(text).data.length))],
    ['charCodeAt loop', time(RUNS, () => {
      let commas = 0;
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) commas++;
      sink += commas;
    })],
  ];
  const engine = results[0][1];
  console.log('');
  console.log('| what | time (ms) | MB/s | rows/s | engine ÷ this |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, ms] of results) {
    const mbs = bytes / 1024 / 1024 / (ms / 1000);
    console.log(`| ${name} | ${ms.toFixed(0)} | ${mbs.toFixed(1)} | ${Math.round(ROWS / (ms / 1000)).toLocaleString('en-US')} | ${(engine / ms).toFixed(2)} |`);
  }
  if (global.gc) global.gc();
  const mem = process.memoryUsage();
  const kept = validate(text, settings);
  const after = process.memoryUsage();
  console.log('');
  console.log(`memory after validating: heap ${mb(after.heapUsed)} MB, RSS ${mb(after.rss)} MB (text itself ${mb(text.length * 2)} MB as UTF-16; heap before ${mb(mem.heapUsed)} MB)`);
  console.log(`target (issue 2): 100,000 rows in under 1,000 ms -> ${ROWS === 100_000 ? (engine < 1000 ? 'met' : 'NOT met') : 'n/a for this size'} (${engine.toFixed(0)} ms)`);
  if (sink === -1 || kept.people < 0) console.log('');
  if (process.env.BENCH_STREAM_GB !== '0') streaming(Number(process.env.BENCH_STREAM_GB ?? 1));
}

/** orgdata-lint streaming a generated file of `gb` GB, against csv-parse's stream parser on the same file. */
function streaming(gb: number): void {
  const dir = path.resolve(__dirname, '../../.bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `ods-${gb}gb.csv`);
  const target = gb * 1024 * 1024 * 1024;
  let rows = 0;
  if (!fs.existsSync(file) || fs.statSync(file).size < target) {
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, HEADER + '\r\n');
    let bytes = 0;
    while (bytes < target) {
      const block: string[] = [];
      for (let k = 0; k < 20000; k++) block.push(row(rows++));
      const s = block.join('\r\n') + '\r\n';
      fs.writeSync(fd, s);
      bytes += Buffer.byteLength(s);
    }
    fs.closeSync(fd);
  }
  const size = fs.statSync(file).size;
  const child = path.join(__dirname, 'streamChild.js');
  const run = (what: string): { ms: number; maxRssMB: number; summary?: string } => {
    const r = spawnSync(process.execPath, [child, what, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
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
  console.log(`| orgdata-lint (all rules) | ${(lint.ms / 1000).toFixed(1)} | ${mbs(lint.ms).toFixed(1)} | ${lint.maxRssMB.toFixed(0)} | ${(baseline.ms / lint.ms).toFixed(2)} |`);
  console.log(`| csv-parse stream (parse only) | ${(baseline.ms / 1000).toFixed(1)} | ${mbs(baseline.ms).toFixed(1)} | ${baseline.maxRssMB.toFixed(0)} | 1.00 |`);
  console.log('');
  console.log(`orgdata-lint said: ${lint.summary}`);
  console.log(`target (issue 5): >= 50 MB/s and peak memory < 500 MB -> ${mbs(lint.ms) >= 50 && lint.maxRssMB < 500 ? 'met' : 'NOT met'}`);
}

main();
