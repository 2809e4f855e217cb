/**
 * The Entra ID cross-check of a chunk, made away from the rest of its check: the CLI hands it to a thread
 * of its own (cli/entraThread) that reads the tenant's users file meanwhile, so that reading an 80 MB export
 * and comparing every row with it do not add to the time of the main thread. The chunk's part of the job
 * is what the Entra ID rules read (the table, the person entries' rows and the address hashes the people
 * rules kept); what comes back is what those rules would have reported in place, and the users matched.
 */
import type { DialectGuess } from '../catalog/dialect';
import type { OrgDataSettings } from '../catalog/settings';
import type { CsvTable } from '../text/csv';
import { GrowableInt32 } from '../text/csv';
import { LineIndex } from '../text/positions';
import type { Column, RuleContext } from './context';
import type { EntraDirectory } from './entra';
import { FindingCollector, type Finding, type SeverityCounts } from './findings';
import { checkEntra, coveredUsers, missingMembers, type MissingMembers } from './rules/entra';
import { ChunkState, FileState, type EntraKeys } from './state';

/** What the cross-check needs to know of the file, sent with its first chunk. */
export interface EntraSetup {
  settings: OrgDataSettings;
  guess: DialectGuess;
  /** the columns as the header rules judged them */
  columns: Column[];
}

export interface EntraJob {
  setup?: EntraSetup;
  /** the chunk's table, the arrays the rules read cut to their length (moved, not copied, to the other thread) */
  table: CsvTable;
  firstRow: number;
  lineBase: number;
  /** the chunk's own findings: how many it stored, and how many of them come before the cross-check's */
  own: number;
  at: number;
  /** per person entry: its row */
  rows: Int32Array;
  /** ChunkState.entraKeys: the person entries' address hashes, and the managers' cells and hashes */
  persons: Int32Array;
  managers: Int32Array;
}

export interface EntraOutcome {
  findings: Finding[];
  total: number;
  counts: SeverityCounts;
  /** per person entry: the user it matched, or -1 */
  users: Int32Array;
}

/** The job of a chunk once its rules ran (with what the people rules kept for it), and the arrays to move with it. */
export function entraJobOf(ctx: RuleContext, keys: EntraKeys, rows: GrowableInt32, at: number, setup: EntraSetup | undefined): { job: EntraJob; transfer: ArrayBuffer[] } {
  const { table } = ctx;
  const cells = table.rowFirstCell[table.rowCount];
  // (row offsets are not read by the cross-check)
  const none = new Int32Array(0);
  const own: CsvTable = {
    text: table.text, start: table.start, rowCount: table.rowCount, rowStart: none, rowEnd: none, unclosedQuotes: [],
    rowFirstCell: table.rowFirstCell.slice(0, table.rowCount + 1),
    cellStart: table.cellStart.slice(0, cells),
    cellEnd: table.cellEnd.slice(0, cells),
    cellFlags: table.cellFlags.slice(0, cells),
  };
  const job: EntraJob = {
    table: own, firstRow: ctx.firstRow, lineBase: ctx.chunk.recordedLineBase, own: ctx.out.findings.length, at,
    rows: rows.data.slice(0, rows.length), persons: keys.persons.trimmed().slice(), managers: keys.managers.trimmed().slice(),
  };
  if (setup) job.setup = setup;
  const transfer = [own.rowFirstCell, own.cellStart, own.cellEnd, own.cellFlags, job.rows, job.persons, job.managers].map((a) => a.buffer as ArrayBuffer);
  return { job, transfer };
}

/**
 * How many findings a chunk keeps when its cross-check's are put in place (`at`, among its `own`), with
 * `stored` kept by the chunks before it: what both threads work out, so that the cross-check makes no
 * finding the cap would drop.
 */
export function keptWith(maxProblems: number, stored: number, own: number, at: number, entra: number): { cap: number; entraCap: number; kept: number } {
  const cap = Math.max(0, maxProblems - stored);
  return { cap, entraCap: Math.max(0, cap - at), kept: Math.min(cap, own + entra) };
}

/** The other thread's side: the Entra ID rules over the jobs of one file, in order, and its members missing when it ends. */
export class EntraCrossCheckElsewhere {
  private setup?: EntraSetup;
  private readonly state = new FileState();
  /** findings the file's chunks kept so far */
  private stored = 0;
  private readonly covered: Uint8Array;

  constructor(private readonly entra: EntraDirectory) {
    this.state.entra = entra;
    this.covered = new Uint8Array(entra.slots);
  }

  check(job: EntraJob): EntraOutcome {
    if (job.setup) this.setup = job.setup;
    const setup = this.setup;
    if (!setup) throw new Error('the first job of a file must say its columns');
    const { table } = job;
    const { entraCap } = keptWith(setup.settings.maxProblems, this.stored, job.own, job.at, 0);
    const out = new FindingCollector(setup.settings, setup.guess.dialect, entraCap);
    out.setChunk(new LineIndex(table.text), job.lineBase);
    const chunk = new ChunkState(job.lineBase);
    chunk.entryRow = wrap(job.rows);
    chunk.entraKeys = { persons: wrap(job.persons), managers: wrap(job.managers) };
    const ctx: RuleContext = {
      table, firstRow: job.firstRow, state: this.state, chunk, text: table.text, settings: setup.settings,
      dialect: setup.guess.dialect, guess: setup.guess, columns: setup.columns,
      rowKind: new Uint8Array(0), dataRowCount: job.rows.length, out,
    };
    checkEntra(ctx);
    const users = chunk.personEntra.trimmed();
    coveredUsers(this.entra, [chunk], this.covered);
    this.stored += keptWith(setup.settings.maxProblems, this.stored, job.own, job.at, out.findings.length).kept;
    return { findings: out.findings, total: out.total, counts: out.counts, users };
  }

  members(): MissingMembers {
    return missingMembers(this.entra, this.covered);
  }
}

function wrap(data: Int32Array): GrowableInt32 {
  const g = new GrowableInt32(0);
  g.data = data;
  g.length = data.length;
  return g;
}
