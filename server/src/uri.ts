/** file: URIs to paths, without pulling a URI library into the server bundle for one conversion. */
import { fileURLToPath } from 'node:url';

export const URI = {
  /** the file-system path with forward slashes, or undefined for other schemes (untitled:, vscode-remote:, …) */
  toPath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri).replace(/\\/g, '/');
    } catch {
      return undefined;
    }
  },
};
