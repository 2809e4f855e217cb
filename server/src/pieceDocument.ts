/**
 * The server's open documents: the LSP TextDocument interface over a PieceText, so that an edit in a big
 * document costs the pieces it touches (vscode-languageserver-textdocument keeps one string, copied whole
 * on the first read after every edit). Each edit makes a new PieceText; the one an analysis read stays as it was.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { PieceText } from './engine';

export class PieceDocument implements TextDocument {
  private constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    private _text: PieceText,
  ) {}

  static create(uri: string, languageId: string, version: number, content: string): PieceDocument {
    return new PieceDocument(uri, languageId, version, PieceText.of(content));
  }

  get version(): number {
    return this._version;
  }

  /** The current text: immutable, so an analysis may keep it while the document changes. */
  get text(): PieceText {
    return this._text;
  }

  get lineCount(): number {
    return this._text.lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this._text.toString();
    return this._text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  offsetAt(position: Position): number {
    return this._text.offsetAt(position);
  }

  positionAt(offset: number): Position {
    return this._text.positionAt(offset);
  }

  /** Applies the client's changes in order, as TextDocument.update does. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        let start = this.offsetAt(change.range.start);
        let end = this.offsetAt(change.range.end);
        if (end < start) [start, end] = [end, start];
        this._text = this._text.replace(start, end, change.text);
      } else {
        this._text = PieceText.of(change.text);
      }
    }
    this._version = version;
  }
}
