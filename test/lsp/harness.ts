/**
 * In-process language server for tests: the server runs on one pair of PassThrough streams, the test speaks
 * the protocol over the other end with vscode-jsonrpc, as VS Code does (and can write raw bytes to the server's
 * stream). Waits are on messages, with timeouts.
 */

import { PassThrough } from 'node:stream';
import * as path from 'node:path';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, type Connection } from 'vscode-languageserver/node';
import type {
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  DocumentDiagnosticReport,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { startServer, type ServerHandle, type ServerOptions, type StatusParams } from '../../server/src/lsp/index';
import { ROOT } from '../helpers';

export interface ClientOptions {
  /** Announce LSP 3.17 pull diagnostics. */
  pull?: boolean;
  /** Answer `workspace/configuration` (false: the client lacks the capability). */
  configuration?: boolean;
  /** Settings of section `govreport` per scope URI. */
  settings?: (scopeUri: string | undefined) => unknown;
  locale?: string;
  /** `initializationOptions` of the initialize request. */
  initializationOptions?: unknown;
  workspaceFolders?: { uri: string; name: string }[];
  documentChanges?: boolean;
  server?: ServerOptions;
  /** Starts another server on the connection instead of the Node one (e.g. the web-worker server's platform). */
  start?: (connection: Connection) => ServerHandle;
  /** How the client answers `workspace/diagnostic/refresh` (it announces the capability either way). */
  refresh?: 'ok' | 'error';
}

export interface LogMessage {
  type: number;
  message: string;
}

/** The worker script compiled next to the server modules (out/server/src/lsp/worker.js). */
export const WORKER_SCRIPT = path.join(ROOT, 'out', 'server', 'src', 'lsp', 'worker.js');

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly logs: LogMessage[] = [];
  readonly configurationRequests: unknown[] = [];
  private readonly waiters = new Set<() => void>();
  settings: (scopeUri: string | undefined) => unknown;
  /** What `workspace/workspaceFolders` answers. */
  folders: { uri: string; name: string }[] | null;
  init!: InitializeResult;

  protected constructor(
    readonly conn: MessageConnection,
    readonly server: ServerHandle,
    readonly options: ClientOptions,
    private readonly toServer: PassThrough,
  ) {
    this.settings = options.settings ?? (() => ({}));
    this.folders = options.workspaceFolders ?? null;
  }

  static start(options: ClientOptions = {}): Promise<TestClient> {
    return TestClient.connect(options, (...args) => new TestClient(...args));
  }

  /** Starts a server and a client made by `create` (a subclass's constructor) on its streams; resolves when initialized. */
  protected static async connect<C extends TestClient>(
    options: ClientOptions,
    create: (conn: MessageConnection, server: ServerHandle, options: ClientOptions, toServer: PassThrough) => C,
  ): Promise<C> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const connection = createConnection(toServer, toClient);
    const server = options.start ? options.start(connection) : startServer(connection, { workerScript: WORKER_SCRIPT, ...options.server });
    const conn = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const client = create(conn, server, options, toServer);
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.push(p);
      client.diagnostics.set(p.uri, p);
      client.notify();
    });
    conn.onNotification('govreport/status', (p: StatusParams) => {
      client.statuses.push(p);
      client.notify();
    });
    conn.onNotification('window/logMessage', (p: LogMessage) => {
      client.logs.push(p);
      client.notify();
    });
    conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => {
      client.configurationRequests.push(p);
      return p.items.map((i) => (i.section === 'govreport' ? client.settings(i.scopeUri) : null));
    });
    conn.onRequest('workspace/workspaceFolders', () => client.folders);
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshes++;
      client.notify();
      return options.refresh === 'error' ? new ResponseError(-32603, 'the client failed to refresh') : null;
    });
    conn.onRequest('workspace/inlayHint/refresh', () => null);
    conn.listen();
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.configuration ?? true,
        workspaceFolders: !!options.workspaceFolders,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: options.documentChanges ?? true },
        diagnostics: { refreshSupport: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
        inlayHint: {},
        foldingRange: {},
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    };
    client.init = await conn.sendRequest('initialize', {
      processId: null,
      rootUri: options.workspaceFolders?.[0]?.uri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities,
      locale: options.locale,
      initializationOptions: options.initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  refreshes = 0;

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves when `predicate` holds (checked after every message); rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    const now = predicate();
    if (now) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        let v: T | undefined | false;
        try {
          v = predicate();
        } catch (e) {
          cleanup();
          reject(e);
          return;
        }
        if (v) {
          cleanup();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** The published diagnostics of a document once one of them has this code (`what` names the wait). */
  diagnosticsWithCode(uri: string, code: string, what: string): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const p = this.diagnostics.get(uri);
      return p?.diagnostics.some((d) => d.code === code) ? p.diagnostics : undefined;
    }, what);
  }

  /** Published diagnostics of a document version (the next ones to arrive for it). */
  diagnosticsFor(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.waitFor(
      () => {
        const p = this.diagnostics.get(uri);
        return p && p.version === version ? p.diagnostics : undefined;
      },
      `diagnostics of ${uri} v${version}`,
      timeoutMs,
    );
  }

  statusFor(uri: string, after = 0): Promise<StatusParams> {
    return this.waitFor(() => this.statuses.slice(after).find((s) => s.uri === uri), `status of ${uri}`);
  }

  /** One frame as it goes over the wire: headers, blank line, body. */
  raw(body: string | Buffer, headers = `Content-Length: ${Buffer.byteLength(body)}\r\n`): void {
    this.toServer.write(Buffer.concat([Buffer.from(headers + '\r\n', 'ascii'), typeof body === 'string' ? Buffer.from(body, 'utf8') : body]));
  }

  async open(uri: string, text: string, languageId = 'govreport', version = 1): Promise<void> {
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  /** A request answered in order after every message sent before it (messages are handled in order). */
  async roundTrip(): Promise<void> {
    await this.conn.sendRequest('govreport/skeleton', { year: 2023 });
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  codeActions(uri: string, range: { start: Position; end: Position }, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  async changeConfiguration(settings: (scopeUri: string | undefined) => unknown, pushed?: unknown): Promise<void> {
    this.settings = settings;
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: pushed ?? null });
  }

  /** Shuts the server down (waiting for its answer at most `shutdownTimeoutMs`, if given) and disposes both ends. */
  async stop(shutdownTimeoutMs?: number): Promise<void> {
    try {
      const shutdown = this.conn.sendRequest('shutdown');
      await (shutdownTimeoutMs === undefined ? shutdown : Promise.race([shutdown, new Promise((r) => setTimeout(r, shutdownTimeoutMs))]));
    } catch {
      // already gone
    }
    this.server.dispose();
    this.conn.dispose();
  }
}

// ------------------------------------------------------------------ text edits on the test side

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

export function offsetAt(text: string, pos: Position, starts = lineStarts(text)): number {
  if (pos.line >= starts.length) return text.length;
  const lineStart = starts[pos.line];
  let lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length;
  while (lineEnd > lineStart && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd--;
  return Math.min(lineStart + pos.character, lineEnd);
}

/** Applies LSP text edits (non-overlapping, any order) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const spans = edits
    .map((e) => ({ s: offsetAt(text, e.range.start, starts), e: offsetAt(text, e.range.end, starts), t: e.newText }))
    .sort((a, b) => b.s - a.s || b.e - a.e);
  let out = text;
  let floor = Infinity;
  for (const x of spans) {
    if (x.e > floor) throw new Error('overlapping edits');
    out = out.slice(0, x.s) + x.t + out.slice(x.e);
    floor = x.s;
  }
  return out;
}

/** The edits of a workspace edit for one document (documentChanges or changes). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const out: TextEdit[] = [];
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) out.push(...dc.edits.filter((e): e is TextEdit => 'range' in e));
  }
  out.push(...(edit.changes?.[uri] ?? []));
  return out;
}

/** A rule id and 1-based line per diagnostic, sorted (what expectations state). */
export function summarizeDiagnostics(ds: readonly Diagnostic[]): { rule: string; line: number; endLine: number; severity: string }[] {
  const sev = ['', 'error', 'warning', 'info', 'hint'];
  return ds.map((d) => ({ rule: String(d.code), line: d.range.start.line + 1, endLine: d.range.end.line + 1, severity: sev[d.severity ?? 1] }));
}

export function docUri(name: string): string {
  return `file:///govreport-test/${encodeURIComponent(name)}`;
}
