/** Entry point of the language server process: `--stdio` for any editor, `--node-ipc` from VS Code. */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { StdioMessageReader } from './stdioReader';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || !args.some((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a))) {
  const help =
    'Usage: orgdata-language-server --stdio\n\nThe orgdata language server for any LSP client (Neovim, Helix, Emacs, Sublime Text).\n';
  process.stderr.write(help);
  process.exitCode = args.includes('--help') || args.includes('-h') ? 0 : 2;
} else {
  const connection = args.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => connection.console.error(`Unexpected error: ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => connection.console.error(`Unexpected rejection: ${e instanceof Error ? e.stack : String(e)}`));
  startServer(connection);
}

/**
 * The connection over standard input and output, with our reader (see StdioMessageReader: a big document
 * is decoded as it arrives). What vscode-languageserver does for --stdio is done here too: the process
 * ends with its input, and console output goes to the client's log, never into the protocol's stream.
 */
function stdioConnection(): Connection {
  const reader = new StdioMessageReader(process.stdin);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  const end = (): never => process.exit(reader.shutdownRequested ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  console.log = (...a: unknown[]) => connection.console.log(format(...a));
  console.info = (...a: unknown[]) => connection.console.info(format(...a));
  console.warn = (...a: unknown[]) => connection.console.warn(format(...a));
  console.error = (...a: unknown[]) => connection.console.error(format(...a));
  return connection;
}
