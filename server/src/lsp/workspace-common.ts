/**
 * The workspace as the handlers see it. Two implementations: the Node server scans the folders with Node fs
 * (`WorkspaceFiles`, workspace.ts); the web-worker server has no file system and knows only the open documents
 * (`OpenDocumentsWorkspace`, below), so there cross-year rules pair open reports only and the workspace check
 * covers the open documents.
 */

import type { Connection, WorkspaceFolder } from 'vscode-languageserver';
import type { CandidateText } from './analyzer-common';
import { matchFile } from './glob';

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
  return decode(uri.slice(base.length).replace(/[?#].*$/, ''));
}

/**
 * How a file outside the folders is named in settings, as the client writes it (client/src/suppress.ts): the
 * file-system path of a `file:` URI (drive letter in lower case, `/` separators), else the URI itself.
 */
export function absoluteName(uri: string): string {
  const m = /^file:\/\/[^/]*(\/[^?#]*)/.exec(uri);
  if (!m) return uri;
  const p = decode(m[1]);
  return /^\/[A-Za-z]:/.test(p) ? p[1].toLowerCase() + p.slice(2) : p;
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

  async readText(): Promise<string | undefined> {
    return undefined;
  }

  fileKey(uri: string): string | undefined {
    return uri;
  }
}
