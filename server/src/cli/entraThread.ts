/**
 * The CLI's second thread, for the Entra ID users file (--entra-users): it reads the tenant's export (80 MB
 * for 300,000 users) while the main thread already checks the file, then makes each chunk's cross-check
 * (engine/analysis/entraElsewhere) as the main thread hands it over. The main thread stays synchronous:
 * it collects the outcomes between chunks with receiveMessageOnPort, and waits with Atomics.wait only
 * when too many chunks are ahead or a file ends. Where the reader knows where a chunk lies in the file,
 * the thread reads its text there (locate). The same module is the thread's code (see the end).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { EntraCrossCheckElsewhere, noCounts, type EntraJob, type EntraOutcome, type MissingMembers } from '../engine';
import type { Validation } from '../engine';
import { decodeUtf8, EntraFiles } from '../entraFile';

const MARK = 'orgdataEntraThread';
/**
 * How far the main thread may be ahead of the cross-check before it waits: characters of the chunks handed
 * over and not yet answered (counted in characters, not chunks: the reader's chunks are 60 KB at first and
 * 4 MB later, and the thread spends its first half second reading the users file).
 */
const MAX_AHEAD_CHARS = 64 * 1024 * 1024;
/**
 * A thread silent this long while waited for has failed in a way it could not say (out of memory): a
 * tenant's export loads in seconds and a chunk's cross-check takes milliseconds.
 */
const STALL_MS = 2 * 60 * 1000;
/**
 * The thread's niceness (Linux): the main thread's check is what the user waits for, and on two cores the
 * thread, the main thread and V8's garbage collection helpers compete; at 0 the thread took turns from
 * the main one. Measured on 300,000 rows against 315,000 users, 9 alternated runs: +33% at 0, +25% at 10,
 * the same at 19; 10 leaves the thread a share of a busy machine.
 */
const NICENESS = 10;

/** Where a job's text lies in the file: the thread reads it there, rather than be sent a copy of it. */
interface TextAt {
  file: string;
  start: number;
  end: number;
  chars: number;
}
type Request = { kind: 'job'; job: EntraJob; at?: TextAt } | { kind: 'end' };
type Reply =
  | { kind: 'outcome'; outcome: EntraOutcome; error?: string }
  | { kind: 'members'; members?: MissingMembers; error?: string }
  | { kind: 'problem'; message: string };

/** The users file could not be read or is not a users export: the message the CLI prints. */
export class EntraProblem extends Error {}

export class EntraThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [0]: replies posted so far (the thread adds one and wakes the main thread after each) */
  private readonly signal: Int32Array;

  private constructor(private readonly file: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.signal = new Int32Array(new SharedArrayBuffer(4));
    // this very module is the thread's code: the bundle (dist/orgdata-lint.js) or the compiled file
    this.worker = new Worker(__filename, { workerData: { [MARK]: { file, port: port2, signal: this.signal } }, transferList: [port2] });
    // the process ends when the main thread is done, whatever the thread is doing
    this.worker.unref();
    this.worker.on('error', () => undefined);
  }

  /** A thread that starts reading the users file at once. */
  static start(file: string): EntraThread {
    return new EntraThread(file);
  }

  /** Wires a Validation to the thread: its chunks' cross-checks are handed over as they come. */
  options(): { entraElsewhere: (job: EntraJob, transfer: ArrayBuffer[]) => void } {
    return {
      entraElsewhere: (job, transfer) => {
        this.handedOver.push(job.table.text.length);
        this.ahead += job.table.text.length;
        const at = this.at;
        this.at = undefined;
        if (!at) return this.send({ kind: 'job', job }, transfer);
        // the text stays here: copying 4 MB into a message took the main thread 2.6 ms a chunk
        this.send(
          { kind: 'job', job: { ...job, table: { ...job.table, text: '' } }, at: { ...at, chars: job.table.text.length } },
          transfer,
        );
      },
    };
  }

  /**
   * Where the text of the chunk checked next lies in `file` (its bytes, from start to end), when the
   * reader knows exactly: a regular UTF-8 file whose every byte decoded. Undefined: it is sent.
   */
  locate(file: string, bytes: [number, number] | undefined): void {
    this.at = bytes && { file, start: bytes[0], end: bytes[1] };
  }

  private at?: Omit<TextAt, 'chars'>;
  /** the characters of each chunk handed over and not yet answered, in order, and their sum */
  private readonly handedOver: number[] = [];
  private ahead = 0;

  /** After a chunk: the outcomes already made go to the validation; it waits when it is too far ahead. */
  collect(validation: Validation): void {
    for (;;) {
      const wait = this.ahead > MAX_AHEAD_CHARS;
      if (validation.awaitingEntra === 0) return;
      const reply = this.next(wait);
      if (!reply) return;
      this.deliver(validation, reply);
    }
  }

  /** When the file ends: every outcome, and the members missing, before validation.finish(). */
  finishFile(validation: Validation): void {
    while (validation.awaitingEntra > 0) this.deliver(validation, this.next(true)!);
    this.send({ kind: 'end' });
    for (;;) {
      const reply = this.next(true)!;
      if (reply.kind === 'members') {
        validation.entraMembers(reply.members, reply.error);
        return;
      }
      this.deliver(validation, reply);
    }
  }

  /**
   * When a file could not be read to its end: the outcomes of its chunks are let go, so that the next file
   * starts afresh on both sides.
   */
  discardFile(): void {
    this.handedOver.length = 0;
    this.ahead = 0;
    this.send({ kind: 'end' });
    for (;;) {
      const reply = this.next(true)!;
      if (reply.kind === 'problem') throw new EntraProblem(reply.message);
      if (reply.kind === 'members') return;
    }
  }

  close(): void {
    void this.worker.terminate();
  }

  private deliver(validation: Validation, reply: Reply): void {
    if (reply.kind === 'problem') throw new EntraProblem(reply.message);
    if (reply.kind !== 'outcome') throw new Error(`unexpected ${reply.kind} from the Entra ID thread`);
    this.ahead -= this.handedOver.shift() ?? 0;
    validation.entraDone(reply.outcome, reply.error);
  }

  private send(request: Request, transfer: ArrayBuffer[] = []): void {
    this.port.postMessage(request, transfer);
  }

  /** The next reply; undefined when there is none yet and `wait` is false. */
  private next(wait: boolean): Reply | undefined {
    const since = Date.now();
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      const message = receiveMessageOnPort(this.port);
      if (message) return message.message as Reply;
      if (!wait) return undefined;
      Atomics.wait(this.signal, 0, seen, 1000);
      if (Date.now() - since > STALL_MS)
        throw new EntraProblem(`${path.basename(this.file)} could not be read: the thread reading it stopped answering`);
    }
  }
}

/** The thread: reads the users file, then answers the jobs of each file in order. */
function serve(setup: { file: string; port: MessagePort; signal: Int32Array }): void {
  const { port, signal } = setup;
  yieldToMainThread();
  const reply = (r: Reply, transfer: ArrayBuffer[] = []): void => {
    port.postMessage(r, transfer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  const load = new EntraFiles().load(setup.file, process.cwd());
  if (!load.directory) {
    reply({ kind: 'problem', message: load.problem ?? `${path.basename(setup.file)} cannot be read` });
    return;
  }
  const directory = load.directory;
  const texts = new ChunkTexts();
  let check: EntraCrossCheckElsewhere | undefined;
  port.on('message', (request: Request) => {
    // our code's words when it fails, never a cell value
    const failure = (e: unknown): string => (e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e));
    if (request.kind === 'end') {
      try {
        reply({ kind: 'members', members: check?.members() });
      } catch (e) {
        reply({ kind: 'members', error: failure(e) });
      }
      check = undefined;
      texts.close();
      return;
    }
    check ??= new EntraCrossCheckElsewhere(directory);
    try {
      const { job, at } = request;
      const outcome = check.check(at ? { ...job, table: { ...job.table, text: texts.read(at) } } : job);
      reply({ kind: 'outcome', outcome }, [outcome.users.buffer as ArrayBuffer]);
    } catch (e) {
      reply({
        kind: 'outcome',
        outcome: { findings: [], counts: noCounts(), users: new Int32Array(0), managersUnmatched: 0 },
        error: failure(e),
      });
    }
  });
}

/** The thread's side of locate(): the text of a chunk, read from the file the main thread read it from. */
class ChunkTexts {
  private fd = -1;
  private file = '';
  private buffer = Buffer.alloc(0);

  read(at: TextAt): string {
    if (at.file !== this.file) {
      this.close();
      this.fd = fs.openSync(at.file, 'r');
      this.file = at.file;
    }
    const size = at.end - at.start;
    if (this.buffer.length < size) this.buffer = Buffer.allocUnsafe(size);
    const bytes = this.buffer.subarray(0, fs.readSync(this.fd, this.buffer, 0, size, at.start));
    const text = decodeUtf8(bytes);
    if (text.length !== at.chars) throw new Error(`${path.basename(at.file)} changed while it was read`);
    return text;
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
    this.file = '';
  }
}

/**
 * Lowers this thread's priority, on Linux, where a thread is a task of its own (its id ends
 * /proc/thread-self). Elsewhere the thread keeps the process's priority: on Windows os.setPriority takes
 * a process id, and a thread id might name another process.
 */
function yieldToMainThread(): void {
  if (process.platform !== 'linux') return;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    // (never higher than the process's own: `nice orgdata-lint` stays nice)
    if (tid > 0 && tid !== process.pid) os.setPriority(tid, Math.max(NICENESS, os.getPriority(tid)));
  } catch {
    // (no /proc: the thread runs at the process's priority)
  }
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[MARK]) {
  serve((workerData as Record<string, { file: string; port: MessagePort; signal: Int32Array }>)[MARK]);
}
