/**
 * The workspace as the handlers see it. The Node server scans the folders with Node fs (`WorkspaceFiles`,
 * workspace.ts). The web-worker server has no file system: when the client offers to list and read the
 * workspace's files for it (`govreport/workspaceFiles`, `govreport/readFile`; our browser client does, through
 * VS Code's workspace file system) it uses `ClientFilesWorkspace`, else it knows only the open documents
 * (`OpenDocumentsWorkspace`): then cross-year rules pair open reports only and the workspace check covers the
 * open documents.
 */

import type { Connection, WorkspaceFolder } from 'vscode-languageserver';
import type { CandidateText } from './analyzer-common';
import type { RuleSetting } from '../core';
import { matchFile } from '../shared/glob';
import { decodeToText } from '../shared/decode';
import { isOriginalUri, originalFileUri, readOriginalBytes } from './originals';
import { ReadFileRequest, WorkspaceFilesRequest, type WorkspaceFileEntry } from './protocol';

/** Folders a workspace scan does not enter (besides hidden ones). */
export const SKIP_DIRS: readonly string[] = ['node_modules', 'out', 'dist', 'bower_components', '__pycache__', 'venv'];

export const SCAN_LIMITS = {
  /** Directory entries looked at, in all. */
  entries: 20_000,
  /** `.txt` / `.md` files kept. */
  files: 2_000,
  /** Larger files are skipped (a report is a few dozen KB). */
  bytes: 5 * 1024 * 1024,
  depth: 12,
};

/**
 * A file's bytes → the text the checker reads: an original (PDF, Word, web page, by its name) through the readers
 * (undefined when nothing could be read), any other file with the one byte decoder (shared/decode.ts).
 */
export async function fileText(uri: string, bytes: Uint8Array): Promise<string | undefined> {
  if (!isOriginalUri(uri)) return decodeToText(bytes);
  const read = await readOriginalBytes(uri, bytes);
  return read.text === '' ? undefined : read.text;
}

/** A workspace file the scans keep: text reports and originals. */
export function isScannedFile(name: string): boolean {
  return /\.(txt|md)$/i.test(name) || isOriginalUri(name);
}

/** A cheap test for text that may hold a report (a year and the words of the title). */
export function mayBeReport(text: string): boolean {
  return /信息公开/.test(text) && /(?:19|20)\d{2}\s*年/.test(text);
}

/**
 * One scan's changes to the files a workspace keeps (by URI; `text` kept for files that may hold a report): the
 * candidates to add or update, the ones to drop, and the files gone since the last scan.
 */
export class ScanDelta<F extends { readonly text?: string }> {
  private readonly seen = new Set<string>();
  private readonly upserts: CandidateText[] = [];
  private readonly removes: string[] = [];

  constructor(private readonly files: Map<string, F>) {}

  /** Marks a file as present in this scan; false when it was already seen. */
  see(uri: string): boolean {
    if (this.seen.has(uri)) return false;
    this.seen.add(uri);
    return true;
  }

  /** Records a file read in this scan; `make` builds its entry, given its text when it may hold a report. */
  record(uri: string, name: string, stamp: string, text: string, make: (kept: string | undefined) => F): void {
    const old = this.files.get(uri);
    const candidate = mayBeReport(text);
    this.files.set(uri, make(candidate ? text : undefined));
    if (candidate) this.upserts.push({ uri, name, stamp, text });
    else if (old?.text !== undefined) this.removes.push(uri);
  }

  /** Drops the files not seen in this scan and reports the changed candidates, if any, to `onCandidates`. */
  finish(onCandidates: (upserts: CandidateText[], removes: string[]) => void): void {
    for (const [uri, f] of this.files) {
      if (this.seen.has(uri)) continue;
      this.files.delete(uri);
      if (f.text !== undefined) this.removes.push(uri);
    }
    if (this.upserts.length || this.removes.length) onCandidates(this.upserts, this.removes);
  }
}

export interface WorkspaceFile {
  readonly uri: string;
  /** Kept for files that may hold a report. */
  readonly text?: string;
}

export interface Workspace {
  /** Candidates (other reports) are current enough for an analysis. */
  ready(): Promise<void>;
  /** Scans now (joins a scan in progress). */
  scan(): Promise<void>;
  /** Folders were added or removed, or files changed: rescan on next use. */
  invalidate(foldersChanged?: boolean): void;
  /** Whether a document matches a setting entry written as a workspace-relative path or glob. */
  matches(uri: string, pattern: string): Promise<boolean>;
  /** Every file found by the last scan, sorted by URI. */
  all(): WorkspaceFile[];
  /** The saved text of a file that is not open (undefined when it cannot be read). */
  readText(uri: string): Promise<string | undefined>;
  /** Equal for two URIs of the same file (an open document and a scanned file); undefined for other URIs. */
  fileKey(uri: string): string | undefined;
  /**
   * The project configuration (`.govreportrc.json`, the nearest above the document) that applies to a document:
   * its rule levels and its suppressions matched to this document. Absent where files cannot be read (browser).
   */
  projectConfig?(uri: string): ProjectSettings | undefined;
}

/** What a `.govreportrc.json` contributes to one document's check. */
export interface ProjectSettings {
  /** The configuration file (logs). */
  readonly file: string;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly suppressions: readonly { readonly rule: string; readonly line?: number }[];
}

/** What a platform gets to create its workspace. */
export interface WorkspaceEnv {
  readonly connection: Connection;
  /** Whether the client answers `workspace/workspaceFolders`. */
  readonly canAskFolders: () => boolean;
  /** The folders of the initialize request. */
  readonly folders: readonly WorkspaceFolder[];
  /** Other reports were found, changed or removed. */
  readonly onCandidates: (upserts: CandidateText[], removes: string[]) => void;
  /** The URIs of the open documents. */
  readonly openDocuments: () => readonly string[];
  /** The client answers `govreport/workspaceFiles` and `govreport/readFile` (initializationOptions.workspaceFiles). */
  readonly clientServesFiles: boolean;
  readonly log: (message: string) => void;
}

/** The workspace folders: asked from the client when it can answer, else those of the initialize request. */
export async function fetchFolders(env: Pick<WorkspaceEnv, 'connection' | 'canAskFolders' | 'folders' | 'log'>): Promise<readonly WorkspaceFolder[]> {
  if (!env.canAskFolders()) return env.folders;
  try {
    return (await env.connection.workspace.getWorkspaceFolders()) ?? [];
  } catch (e) {
    env.log(`workspace/workspaceFolders failed: ${e instanceof Error ? e.message : String(e)}`);
    return env.folders;
  }
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The path of a document URI relative to a folder URI (with `/`), for any scheme (`vscode-remote:`, `vscode-vfs:`,
 * `file:` …); undefined when the document is not inside the folder.
 */
export function relativeToFolder(folderUri: string, uri: string): string | undefined {
  const base = folderUri.endsWith('/') ? folderUri : folderUri + '/';
  if (!uri.startsWith(base) || uri.length === base.length) return undefined;
  return decode(uri.slice(base.length).split(/[?#]/, 1)[0]);
}

/**
 * How a file outside the folders is named in settings, as the client writes it (client/src/suppress.ts): the
 * file-system path of a `file:` URI (drive letter in lower case, `/` separators), else the URI itself.
 */
export function absoluteName(uri: string): string {
  const m = /^file:\/\/[^/]*(\/[^?#]*)/.exec(uri);
  if (!m) return uri;
  const p = decode(m[1]);
  return /^\/[A-Z]:/i.test(p) ? p[1].toLowerCase() + p.slice(2) : p;
}

/** No file system: the open documents are all there is (the web-worker server); their text is the editor's. */
export class OpenDocumentsWorkspace implements Workspace {
  private folderCache: readonly WorkspaceFolder[] | undefined;

  constructor(private readonly env: WorkspaceEnv) {}

  private async folders(): Promise<readonly WorkspaceFolder[]> {
    this.folderCache ??= await fetchFolders(this.env);
    return this.folderCache;
  }

  async ready(): Promise<void> {}

  async scan(): Promise<void> {}

  invalidate(foldersChanged = false): void {
    if (foldersChanged) this.folderCache = undefined;
  }

  async matches(uri: string, pattern: string): Promise<boolean> {
    let relative: string | undefined;
    for (const f of await this.folders()) {
      relative = relativeToFolder(f.uri, uri);
      if (relative !== undefined) break;
    }
    return matchFile(pattern, relative, absoluteName(uri));
  }

  all(): WorkspaceFile[] {
    return [...this.env.openDocuments()].sort().map((uri) => ({ uri }));
  }

  async readText(_uri: string): Promise<string | undefined> {
    return undefined;
  }

  fileKey(uri: string): string | undefined {
    return originalFileUri(uri) ?? uri;
  }
}

/**
 * When a workspace scans: the first analysis waits for the first scan, but not longer than `firstWaitMs` (a big
 * workspace must not hold back the first diagnostics; when the scan lands and finds other reports, the server
 * re-checks the open documents). Later calls start a rescan in the background when files changed or the last
 * scan is older than `ttlMs`, and do not wait for it.
 */
export class ScanSchedule {
  private scanning: Promise<void> | undefined;
  /** A scan has ended (successfully or not). */
  scanned = false;
  private dirty = true;
  private lastScan = 0;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly log: (message: string) => void,
    private readonly ttlMs = 30_000,
    private readonly firstWaitMs = 300,
  ) {}

  /** Files changed: rescan on next use. */
  invalidate(): void {
    this.dirty = true;
  }

  async ready(): Promise<void> {
    if (!this.scanned) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<void>((r) => {
        timer = setTimeout(r, this.firstWaitMs);
      });
      await Promise.race([this.scan(), deadline]);
      clearTimeout(timer);
      return;
    }
    if (!this.scanning && (this.dirty || Date.now() - this.lastScan > this.ttlMs)) void this.scan();
  }

  /** Scans now (joins a scan in progress). */
  scan(): Promise<void> {
    if (this.scanning) return this.scanning;
    this.dirty = false;
    this.scanning = this.run()
      .catch((e) => this.log(`workspace scan failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.scanning = undefined;
        this.scanned = true;
        this.lastScan = Date.now();
      });
    return this.scanning;
  }
}

export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The last segment of a URI's path, decoded. */
function fileName(uri: string): string {
  return decode(uri.split(/[?#]/, 1)[0].split('/').pop() ?? uri);
}

/**
 * The web-worker server's workspace when the client serves the files: the client lists the `*.txt` / `*.md`
 * files of the folders (with VS Code's `findFiles`, so `files.exclude` applies) and reads the ones that changed.
 * Documents are named by URI, as in `OpenDocumentsWorkspace`; if the client fails to list, the open documents
 * are all there is.
 */
export class ClientFilesWorkspace extends OpenDocumentsWorkspace implements Workspace {
  /** Every listed file by URI; `text` kept for files that may hold a report. */
  private readonly files = new Map<string, WorkspaceFileEntry & { text?: string }>();
  private listed = false;
  private readonly schedule: ScanSchedule;

  constructor(
    private readonly host: WorkspaceEnv,
    ttlMs?: number,
    firstWaitMs?: number,
  ) {
    super(host);
    this.schedule = new ScanSchedule(() => this.doScan(), host.log, ttlMs, firstWaitMs);
  }

  override ready(): Promise<void> {
    return this.schedule.ready();
  }

  override scan(): Promise<void> {
    return this.schedule.scan();
  }

  override invalidate(foldersChanged = false): void {
    super.invalidate(foldersChanged);
    this.schedule.invalidate();
  }

  override all(): WorkspaceFile[] {
    if (!this.listed) return super.all();
    return [...this.files.values()].map((f) => ({ uri: f.uri, text: f.text })).sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  /** A listed file's text; a file the listing did not give (outside the folders, skipped) is not asked for. */
  override async readText(uri: string): Promise<string | undefined> {
    const listed = this.files.get(uri);
    if (!listed) return undefined;
    return listed.text ?? this.fetchText(uri);
  }

  /** The file's saved text, read by the client now. */
  private async fetchText(uri: string): Promise<string | undefined> {
    try {
      const { base64 } = await this.host.connection.sendRequest(ReadFileRequest, { uri });
      return typeof base64 === 'string' ? await fileText(uri, fromBase64(base64)) : undefined;
    } catch (e) {
      this.host.log(`govreport/readFile ${uri} failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private async doScan(): Promise<void> {
    const { files } = await this.host.connection.sendRequest(WorkspaceFilesRequest, {
      limit: SCAN_LIMITS.files,
      maxBytes: SCAN_LIMITS.bytes,
      maxEntries: SCAN_LIMITS.entries,
      maxDepth: SCAN_LIMITS.depth,
      skipDirs: SKIP_DIRS,
    });
    this.listed = true;
    const delta = new ScanDelta(this.files);
    for (const entry of files.slice(0, SCAN_LIMITS.files)) {
      if (typeof entry?.uri !== 'string' || typeof entry.stamp !== 'string' || !delta.see(entry.uri)) continue;
      const { uri, stamp } = entry;
      if (this.files.get(uri)?.stamp === stamp) continue;
      const text = await this.fetchText(uri);
      if (text !== undefined) delta.record(uri, fileName(uri), stamp, text, (keptText) => ({ uri, stamp, text: keptText }));
    }
    delta.finish(this.host.onCandidates);
  }
}
