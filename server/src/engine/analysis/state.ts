/**
 * What the rules remember across rows and chunks of a file: just what each cross-row check needs, in
 * typed arrays, so that a multi-GB file streamed through the CLI stays within bounded memory. People are
 * keyed by a 64-bit hash of their lower-cased email (a collision among a million people has a chance of
 * about one in 10^7), with the first row's position kept for the messages.
 */
import type { EntraDirectory } from '../entra/directory';
import { GrowableInt32 } from '../text/csv';
import { noCounts, type Finding, type ProblemGroup, type SeverityCounts } from './findings';
import type { Range } from '../text/positions';
import { HashIndex } from '../text/hash';

/**
 * Every email address the file's chunks name (people and managers), numbered as the rules meet them:
 * the chunks keep four-byte numbers, not hashes, and the verdicts across rows compare numbers. A number
 * stays with its address while the file is edited, so an edit hashes only the rows it re-checks.
 */
export class EmailNumbers {
  private readonly index = new HashIndex();
  /** numbers given so far (addresses edited away keep theirs: an editor starts afresh when they pile up) */
  count = 0;

  /** The number of the address with this hash, or -1. */
  find(h1: number, h2: number): number {
    return this.index.get(h1, h2);
  }

  /** The number of the address with this hash, given now if it has none. */
  of(h1: number, h2: number): number {
    const known = this.index.getOrSet(h1, h2, this.count);
    return known >= 0 ? known : this.count++;
  }
}

/**
 * Where a cell on a single line is, in two numbers: its line, and its start character (21 bits) with its
 * length (10 bits) packed in one; enough to report on an email cell after its chunk is gone.
 */
export class CellPlaces {
  // (room for 128 places, 1 KB, at first: a chunk of the CLI's small reads keeps five or more, so 4 KB each
  // weighed on a multi-GB file; 16 made the editor's re-check of an email edit on 300,000 rows 138-160 ms,
  // against 125-133 ms)
  private readonly data = new GrowableInt32(256);
  push(line: number, start: number, end: number): void {
    this.data.push(line);
    this.data.push((Math.min(start, 0x1fffff) << 10) | Math.min(Math.max(end - start, 0), 0x3ff));
  }
  reserve(n: number): void {
    this.data.reserve(2 * n);
  }
  equals(other: CellPlaces): boolean {
    return this.data.equals(other.data);
  }
  line(i: number): number {
    return this.data.data[2 * i];
  }
  range(i: number): Range {
    const line = this.data.data[2 * i];
    const packed = this.data.data[2 * i + 1];
    const start = packed >>> 10;
    return { start: { line, character: start }, end: { line, character: start + (packed & 0x3ff) } };
  }
}

/**
 * A Layer value and its cell per person entry, in one 32-bit number: the value + 1 (11 bits), the cell's
 * width (5 bits) and its start character (16 bits), on the line of the person's cell. A cell that does not
 * fit (on another line, past character 65,535, wider than 31) keeps its place apart.
 */
export class LayerPlaces {
  private readonly packed = new GrowableInt32(16);
  /** (made at the first such cell: most chunks have none, and a big file has thousands of chunks) */
  private apart?: Map<number, Range>;

  get length(): number {
    return this.packed.length;
  }

  reserve(n: number): void {
    this.packed.reserve(n);
  }

  push(value: number, personLine: number, cell: Range): void {
    if (cell.start.line === personLine && cell.end.line === personLine)
      this.pushOnLine(value, personLine, cell.start.character, cell.end.character);
    else this.pushApart(value, cell);
  }

  /** A cell on the person's own line, by its characters (the common case: no Range made). */
  pushOnLine(value: number, personLine: number, start: number, end: number): void {
    const width = end - start;
    if (start > 0xffff || width > 31 || width < 0)
      this.pushApart(value, { start: { line: personLine, character: start }, end: { line: personLine, character: end } });
    else this.packed.push((start << 16) | (width << 11) | ((value + 1) & 0x7ff));
  }

  private pushApart(value: number, cell: Range): void {
    (this.apart ??= new Map()).set(this.packed.length, cell);
    this.packed.push((value + 1) & 0x7ff);
  }

  value(i: number): number {
    return (this.packed.data[i] & 0x7ff) - 1;
  }

  /** The cell of entry i, on the line it was recorded on (the person's cell's line, `personLine`). */
  range(i: number, personLine: number): Range {
    const apart = this.apart?.get(i);
    if (apart) return apart;
    const start = this.packed.data[i] >>> 16;
    return {
      start: { line: personLine, character: start },
      end: { line: personLine, character: start + ((this.packed.data[i] >>> 11) & 31) },
    };
  }

  equals(other: LayerPlaces): boolean {
    return (
      this.packed.equals(other.packed) &&
      (this.apart?.size ?? 0) === (other.apart?.size ?? 0) &&
      [...(this.apart ?? [])].every(([i, r]) => JSON.stringify(other.apart?.get(i)) === JSON.stringify(r))
    );
  }
}

export const MAX_RELATED = 20;

export interface SensitiveSample {
  /** the filled cells checked */
  sampled: number;
  /** per kind of identifier: how many cells look like one, and the first few */
  hits: Map<string, { count: number; ranges: Range[] }>;
}

/**
 * What one chunk of rows adds to the file's cross-row checks, independent of every other chunk (so that
 * an edited chunk can be checked again alone). Lines in its places and ranges are file lines as they were
 * when it was checked: `recordedLineBase` tells how far they have moved since.
 */
export class ChunkState {
  /** one entry per data row with a usable person email: its number (EmailNumbers) and its cell */
  readonly personNumber = new GrowableInt32(64);
  readonly personCell = new CellPlaces();
  personCount = 0;
  /**
   * Viva Insights history: the snapshot (FileState.snapshots) of each person entry and of each manager
   * reference; empty when the file has no EffectiveDate column (every row is then snapshot 0)
   */
  readonly personSnapshot = new GrowableInt32(16);
  /** one entry per row with a usable manager address: the row's person entry (-1 if none), the manager's number, the cell */
  readonly refPerson = new GrowableInt32(64);
  readonly refNumber = new GrowableInt32(64);
  readonly refSnapshot = new GrowableInt32(16);
  readonly refCell = new CellPlaces();
  /**
   * the hash64 (two numbers) of every valid address in a row with the wrong number of cells: its person is
   * somewhere in it, so a manager named there is not accused of having no row (the column-count error is the
   * one finding of that defect); hashes, not numbers, so that such rows give no address a number
   */
  readonly misalignedHash = new GrowableInt32(4);
  /** one entry per row with a person and a blank manager cell: the person entry and the blank cell */
  readonly blankPerson = new GrowableInt32(16);
  readonly blankCell = new CellPlaces();
  /**
   * per person entry, when the file has a Layer column: its value (-1: none, deleted or not a whole
   * number) and its cell, packed in one number (LayerPlaces): 4 bytes a person, for files of millions
   */
  readonly personLayer = new LayerPlaces();
  /**
   * one entry per address in an assistant or dot-line manager cell: the row's person entry (-1 if none),
   * the address's number, its snapshot, the relation (0 assistant, 1 dot-line manager) and the cell
   */
  readonly colleaguePerson = new GrowableInt32(16);
  readonly colleagueNumber = new GrowableInt32(16);
  readonly colleagueSnapshot = new GrowableInt32(16);
  readonly colleagueKind = new GrowableInt32(16);
  readonly colleagueCell = new CellPlaces();
  /** with an Entra ID users file: how many entra-manager-unmatched findings the chunk made (see tenantMismatch) */
  entraManagersUnmatched = 0;
  /** with an Entra ID users file (Organizational data): per person entry, the Entra ID user it matched, or -1 */
  readonly personEntra = new GrowableInt32(16);
  /**
   * for the cross-check, from the people rules to the Entra ID rules while the chunk is checked: per
   * person entry the hash64 of its address (two numbers), per usable manager address its cell and hash (three)
   */
  entraKeys?: EntraKeys;
  /** per person entry, while the chunk is checked: its row in the chunk's table (for the coverage rule) */
  entryRow?: GrowableInt32;
  /** per person entry: which coverage columns the row fills (bit i: the i-th coverage column) */
  personFilled = new Uint8Array(0);
  /** per coverage column (in header order): the person entry and the cell of each blank one */
  readonly coverageBlanks: { entry: GrowableInt32; cell: CellPlaces }[] = [];
  dataRows = 0;
  nonBlankRows = 0;
  /** sampled values per column index, for sensitive data */
  readonly samples = new Map<number, SensitiveSample>();
  /** per column: its filled cells in the data rows (the share a shared problem covers) */
  filledCells = new Int32Array(0);
  /** the problems its cells share, tallied past the cap (see ProblemGroup) */
  groups = new Map<string, ProblemGroup>();
  /** the chunk's own findings (at most the cap) and how many it made in all, by severity */
  findings: Finding[] = [];
  counts: SeverityCounts = noCounts();

  constructor(readonly recordedLineBase: number) {}

  /** Whether the people data of two checks of the same rows agree: then the people verdicts do too. */
  samePeopleAs(other: ChunkState): boolean {
    return (
      this.personCount === other.personCount &&
      this.personNumber.equals(other.personNumber) &&
      this.personCell.equals(other.personCell) &&
      this.personSnapshot.equals(other.personSnapshot) &&
      this.refPerson.equals(other.refPerson) &&
      this.refNumber.equals(other.refNumber) &&
      this.refCell.equals(other.refCell) &&
      this.refSnapshot.equals(other.refSnapshot) &&
      this.blankPerson.equals(other.blankPerson) &&
      this.blankCell.equals(other.blankCell) &&
      this.personLayer.equals(other.personLayer) &&
      this.misalignedHash.equals(other.misalignedHash)
    );
  }

  reserve(rows: number): void {
    this.personNumber.reserve(rows);
    this.personCell.reserve(rows);
    this.refPerson.reserve(rows);
    this.refNumber.reserve(rows);
    this.refCell.reserve(rows);
  }
}

export interface EntraKeys {
  persons: GrowableInt32;
  managers: GrowableInt32;
}

/** What spans the whole file: set from the header, and the chunks in their order. */
export class FileState {
  /** the header line and each header cell (the first chunk starts the file, so these are file ranges) */
  headerRange: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  columnRanges: Range[] = [];
  /** columns whose values are checked for identifiers */
  sampleColumns: number[] = [];
  /** the file's size in UTF-8 bytes, when known without counting (a file on disk) */
  fileBytes?: number;
  /** the chunks, each with the file line its first line is now */
  chunks: { state: ChunkState; lineBase: number }[] = [];
  /** the addresses of every chunk checked so far, numbered */
  readonly emails = new EmailNumbers();
  /**
   * verdicts on office locations, by the hash of the value (0 a location code, 1 a home, 2 a street
   * address): a company has a few hundred locations, so each is read once, not once a row
   */
  readonly officeVerdicts = new HashIndex();
  /** the EffectiveDates of a Viva Insights file, numbered as the rules meet them */
  readonly snapshots = new Snapshots();
  /** the tenant's users (orgdata.entraUsers), when given: for the cross-check, hover and the preview */
  entra?: EntraDirectory;
  /** the cross-check is made elsewhere (another thread of the CLI), on what the people rules keep: see rules/entra */
  entraElsewhere?: boolean;
}

/**
 * The snapshots (EffectiveDates) of a Viva Insights history file, numbered as the rules meet them. A
 * number stays with its date while the file is edited; what the verdicts show (the label, the order) is
 * derived from the date alone, so a file says the same whatever order its rows were checked in.
 */
export class Snapshots {
  private readonly numbers = new Map<string, number>();
  /** per number: the date as shown (YYYY-MM-DD, or the text as written when it is no date) */
  readonly labels: string[] = [];
  /** per number: YYYYMMDD, or -1 for a text that is no date (sorted before every date) */
  readonly order: number[] = [];

  get count(): number {
    return this.labels.length;
  }

  /** The number of a snapshot key: `date` is YYYYMMDD or undefined, `text` the cell as written. */
  of(date: number | undefined, text: string): number {
    const key = date !== undefined ? `d${date}` : `t${text}`;
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.labels.length;
      this.numbers.set(key, n);
      this.labels.push(date !== undefined ? isoDate(date) : text);
      this.order.push(date ?? -1);
    }
    return n;
  }

  /** Whether snapshot a sorts before snapshot b: by date, then by label. */
  before(a: number, b: number): boolean {
    return this.order[a] !== this.order[b] ? this.order[a] < this.order[b] : this.labels[a] < this.labels[b];
  }
}

function isoDate(yyyymmdd: number): string {
  const y = Math.floor(yyyymmdd / 10000);
  const m = Math.floor(yyyymmdd / 100) % 100;
  const d = yyyymmdd % 100;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A range moved down by `shift` lines. */
export function shifted(r: Range, shift: number): Range {
  return shift === 0
    ? r
    : {
        start: { line: r.start.line + shift, character: r.start.character },
        end: { line: r.end.line + shift, character: r.end.character },
      };
}
