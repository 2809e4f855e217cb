/**
 * The language server's reader of LSP messages on a stream (standard input, for Neovim, Helix, Emacs and
 * any client that starts it with --stdio): the base protocol's headers, then a JSON body. A body of a
 * megabyte or more (a big document opened) is decoded as it arrives by JsonBodyDecoder; a smaller one is
 * parsed whole, as vscode-jsonrpc's own reader does.
 */
import { AbstractMessageReader, Disposable, type DataCallback, type Message } from 'vscode-languageserver/node';
import { JsonBodyDecoder } from './jsonBody';

/** bodies from this size on are decoded as they come */
const STREAMED_BODY_BYTES = 1024 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');

export class StdioMessageReader extends AbstractMessageReader {
  /** header bytes so far (until the blank line) */
  private header: Buffer[] = [];
  /** the body being read: its size left, and either its chunks or its decoder */
  private bodyLeft = -1;
  private parts: Buffer[] = [];
  private decoder: JsonBodyDecoder | undefined;
  /** the rest of a body that could not be read */
  private skipping = false;
  private callback: DataCallback = () => undefined;
  /** whether the client asked the server to shut down (the exit status when the stream then ends is 0) */
  shutdownRequested = false;

  constructor(private readonly readable: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer): void => this.onData(chunk);
    const onError = (e: Error): void => this.fireError(e);
    const onClose = (): void => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    return Disposable.create(() => {
      this.readable.off('data', onData);
      this.readable.off('error', onError);
      this.readable.off('close', onClose);
    });
  }

  private onData(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.bodyLeft < 0) {
        at = this.readHeader(chunk, at);
        continue;
      }
      const n = Math.min(this.bodyLeft, chunk.length - at);
      const part = chunk.subarray(at, at + n);
      at += n;
      this.bodyLeft -= n;
      this.take(part);
    }
  }

  /** Takes bytes of the body; at its end, delivers the message. */
  private take(part: Buffer): void {
    try {
      if (this.skipping) {
        if (this.bodyLeft === 0) this.endBody();
        return;
      }
      if (this.decoder) this.decoder.write(part);
      else this.parts.push(part);
      if (this.bodyLeft === 0) this.deliver();
    } catch (e) {
      // a body that is no JSON: said, and the rest of it passed over (its length is known) to the next message
      this.decoder = undefined;
      this.parts = [];
      if (this.bodyLeft === 0) this.endBody();
      else this.skipping = true;
      this.fireError(e);
    }
  }

  /** Reads header bytes from `at`; at the blank line, starts the body. Returns where it stopped. */
  private readHeader(chunk: Buffer, at: number): number {
    this.header.push(chunk.subarray(at));
    const joined = this.header.length === 1 ? this.header[0] : Buffer.concat(this.header);
    const end = joined.indexOf(HEADER_END);
    if (end < 0) {
      this.header = [joined];
      return chunk.length;
    }
    this.header = [];
    const fields = new Map<string, string>();
    for (const line of joined.toString('ascii', 0, end).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const rest = joined.length - (end + HEADER_END.length);
    const consumed = chunk.length - at - rest;
    const length = Number(fields.get('content-length'));
    if (!fields.has('content-length') || !Number.isInteger(length) || length < 0) {
      this.fireError(new Error(`Header must provide a Content-Length property: ${JSON.stringify(Object.fromEntries(fields))}`));
      return at + consumed;
    }
    this.bodyLeft = length;
    this.decoder = length >= STREAMED_BODY_BYTES ? new JsonBodyDecoder(length) : undefined;
    if (length === 0) this.take(Buffer.alloc(0));
    return at + consumed;
  }

  private deliver(): void {
    const message = (
      this.decoder
        ? this.decoder.finish()
        : JSON.parse((this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts)).toString('utf8'))
    ) as Message & {
      method?: string;
    };
    this.endBody();
    if (message.method === 'shutdown') this.shutdownRequested = true;
    this.callback(message);
  }

  private endBody(): void {
    this.bodyLeft = -1;
    this.skipping = false;
    this.parts = [];
    this.decoder = undefined;
  }
}
