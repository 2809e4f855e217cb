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
import type { EntraDirectory } from '../entra/directory';
import { addKept, FindingCollector, keptOf, mapKept, noneKept, roomLeft, type Finding, type Kept, type SeverityCounts } from './findings';
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
  own: Kept;
  at: Kept;
  /** per person entry: its row */
  rows: Int32Array;
  /** ChunkState.entraKeys: the person entries' address hashes, and the managers' cells and hashes */
  persons: Int32Array;
  managers: Int32Array;
}

export interface EntraOutcome {
  findings: Finding[];
  counts: SeverityCounts;
  /** per person entry: the user it matched, or -1 */
  users: Int32Array;
  /** how many entra-manager-unmatched findings it made */
  managersUnmatched: number;
}

/**
 * The job of a chunk once its rules ran (with what the people rules kept for it), and the buffers to move
 * with it. Nothing is copied: the chunk's cell arrays and the people rules' hashes go with the job, so a
 * caller that transfers them must not read the chunk's cells afterwards (the CLI's reader reads only
 * `rowStart`, which stays). Copying them cost the main thread 20 to 25 ms on 300,000 rows.
 */
export function entraJobOf(
  ctx: RuleContext,
  keys: EntraKeys,
  rows: GrowableInt32,
  at: Kept,
  setup: EntraSetup | undefined,
): { job: EntraJob; transfer: ArrayBuffer[] } {
  const { table } = ctx;
  const cells = table.rowFirstCell[table.rowCount];
  // (row offsets are not read by the cross-check)
  const none = new Int32Array(0);
  const own: CsvTable = {
    text: table.text,
    start: table.start,
    rowCount: table.rowCount,
    rowStart: none,
    rowEnd: none,
    unclosedQuotes: [],
    delimiter: table.delimiter,
    rowFirstCell: table.rowFirstCell.subarray(0, table.rowCount + 1),
    cellStart: table.cellStart.subarray(0, cells),
    cellEnd: table.cellEnd.subarray(0, cells),
    cellFlags: table.cellFlags.subarray(0, cells),
  };
  const job: EntraJob = {
    table: own,
    firstRow: ctx.firstRow,
    lineBase: ctx.chunk.recordedLineBase,
    own: keptOf(ctx.out.findings),
    at,
    rows: rows.trimmed(),
    persons: keys.persons.trimmed(),
    managers: keys.managers.trimmed(),
  };
  if (setup) job.setup = setup;
  // (each buffer once: a list that names one twice cannot be sent)
  const transfer = [
    ...new Set(
      [own.rowFirstCell, own.cellStart, own.cellEnd, own.cellFlags, job.rows, job.persons, job.managers].map(
        (a) => a.buffer as ArrayBuffer,
      ),
    ),
  ];
  return { job, transfer };
}

/**
 * The room a chunk has (`room`, after `stored` kept by the chunks before it), the room left for its
 * cross-check's findings once those before them (`at`) are in, and what it keeps in all (`kept`) with `own`
 * and `entra` found: what both threads work out, so that the cross-check makes no finding the cap would
 * drop. Each budget on its own (see Kept).
 */
export function keptWith(maxProblems: number, stored: Kept, own: Kept, at: Kept, entra: Kept): { room: Kept; entraRoom: Kept; kept: Kept } {
  const room = roomLeft(maxProblems, stored);
  return {
    room,
    entraRoom: mapKept((s) => Math.max(0, room[s] - at[s])),
    kept: mapKept((s) => Math.min(room[s], own[s] + entra[s])),
  };
}

/** The other thread's side: the Entra ID rules over the jobs of one file, in order, and its members missing when it ends. */
export class EntraCrossCheckElsewhere {
  private setup?: EntraSetup;
  private readonly state = new FileState();
  /** findings the file's chunks kept so far */
  private stored = noneKept();
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
    const { entraRoom } = keptWith(setup.settings.maxProblems, this.stored, job.own, job.at, noneKept());
    const out = new FindingCollector(setup.settings, setup.guess.dialect, entraRoom);
    out.setChunk(new LineIndex(table.text), job.lineBase);
    const chunk = new ChunkState(job.lineBase);
    chunk.entryRow = wrap(job.rows);
    chunk.entraKeys = { persons: wrap(job.persons), managers: wrap(job.managers) };
    const ctx: RuleContext = {
      table,
      firstRow: job.firstRow,
      state: this.state,
      chunk,
      text: table.text,
      settings: setup.settings,
      dialect: setup.guess.dialect,
      guess: setup.guess,
      columns: setup.columns,
      rowKind: new Uint8Array(0),
      dataRowCount: job.rows.length,
      out,
    };
    checkEntra(ctx);
    const users = chunk.personEntra.trimmed();
    coveredUsers(this.entra, [chunk], this.covered);
    const { kept } = keptWith(setup.settings.maxProblems, this.stored, job.own, job.at, keptOf(out.findings));
    this.stored = addKept(this.stored, kept);
    return { findings: out.findings, counts: out.counts, users, managersUnmatched: chunk.entraManagersUnmatched };
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
