/**
 * The Node server's transport, with one policy vscode-languageserver does not have: a framing error (a header
 * without a valid `Content-Length`, headers that do not parse) ends the process with an error code. Without it the
 * reader stays out of step with the stream — every later frame is read from the wrong offset — and the server is
 * alive but deaf, so the client never restarts it. After the exit the client's restart policy brings it back
 * (vscode-languageclient restarts a server that closed, up to 4 times in 3 minutes).
 *
 * `--node-ipc` (what our VS Code client uses) has no framing: messages arrive as objects, so there is nothing to
 * guard; `--stdio`, `--socket=N` and `--pipe=name` are read by a guarded stream reader.
 */

import type { Readable, Writable } from 'node:stream';
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';

/** Exit code of a server that lost the framing of its input. */
export const FRAMING_EXIT_CODE = 3;

/** A connection on a stream pair whose reader calls `onFramingError` (once) when the input cannot be framed. */
export function guardedConnection(input: Readable, output: Writable, onFramingError: (e: Error) => void): Connection {
  return createConnection(ProposedFeatures.all, guard(new StreamMessageReader(input), onFramingError), new StreamMessageWriter(output));
}

function guard(reader: MessageReader, onFramingError: (e: Error) => void): MessageReader {
  let fired = false;
  reader.onError((e) => {
    if (fired) return;
    fired = true;
    onFramingError(e instanceof Error ? e : new Error(String(e)));
  });
  return reader;
}

/** Exits with FRAMING_EXIT_CODE after saying why on stderr (stdout may be the protocol stream). */
export function exitOnFramingError(e: Error): void {
  process.stderr.write(`govreport-lint server: protocol framing error, exiting so that the client restarts it: ${e.message}\n`);
  process.exit(FRAMING_EXIT_CODE);
}

/** The connection the command line asks for (`--stdio`, `--socket=N`, `--pipe=name`, `--node-ipc`). */
export function connectionFromArgs(argv: readonly string[] = process.argv.slice(2)): Connection {
  let reader: MessageReader | undefined;
  let writer: MessageWriter | undefined;
  for (let i = 0; i < argv.length && !reader; i++) {
    const [flag, value = argv[i + 1]] = argv[i].split('=');
    if (flag === '--node-ipc') {
      reader = new IPCMessageReader(process);
      writer = new IPCMessageWriter(process);
    } else if (flag === '--stdio') {
      reader = new StreamMessageReader(process.stdin);
      writer = new StreamMessageWriter(process.stdout);
      // the stream's end is the client's end (vscode-languageserver does the same for streams it is given)
      process.stdin.on('end', () => process.exit(0));
    } else if (flag === '--socket' && value) [reader, writer] = createServerSocketTransport(Number(value));
    else if (flag === '--pipe' && value) [reader, writer] = createServerPipeTransport(value);
  }
  if (!reader || !writer) return createConnection(ProposedFeatures.all); // its own error for missing arguments
  if (!(reader instanceof IPCMessageReader)) guard(reader, exitOnFramingError);
  return createConnection(ProposedFeatures.all, reader, writer);
}
