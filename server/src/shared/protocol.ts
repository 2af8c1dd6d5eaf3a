/**
 * The custom LSP messages of docs/dev/contracts.md (names, parameters, results) and the identifiers both sides
 * use: the one definition shared by the VS Code client (client/src/protocol.ts) and the language server
 * (server/src/lsp/protocol.ts). Plain types and strings: no client or server library is imported here.
 */

export const Method = {
  status: 'govreport/status',
  exportTables: 'govreport/exportTables',
  skeleton: 'govreport/skeleton',
  checkWorkspace: 'govreport/checkWorkspace',
  workspaceFiles: 'govreport/workspaceFiles',
  readFile: 'govreport/readFile',
  preview: 'govreport/preview',
  readOriginal: 'govreport/readOriginal',
} as const;

/** `govreport/status` (server -> client notification), sent for every checked document. */
export interface StatusParams {
  readonly uri: string;
  readonly isReport: boolean;
  readonly format?: 'F2021' | 'F2019';
  readonly year?: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** The document holding the previous-year report the cross-year rules compared with (file name and URI). */
  readonly previousYear?: { readonly uri: string; readonly name: string };
  /**
   * Present when the check of this version was stopped before it finished, so the counts above are not the
   * document's findings (the client says so in the status bar). Absent once a later check completes.
   */
  readonly stopped?: CheckStopped;
}

/** Why and when the server stopped a check: `timeout`, the time budget of one check ran out after `seconds`. */
export interface CheckStopped {
  readonly reason: 'timeout';
  readonly seconds: number;
}

export type ExportFormat = 'csv' | 'json';

/** `govreport/exportTables` (client -> server request). */
export interface ExportTablesParams {
  readonly uri: string;
  readonly format: ExportFormat;
}
export interface ExportTablesResult {
  readonly content: string;
}

/** `govreport/skeleton` (client -> server request): a 2021-format report skeleton. */
export interface SkeletonParams {
  readonly year?: number;
  readonly agency?: string;
}
export interface SkeletonResult {
  readonly text: string;
}

/** `govreport/checkWorkspace` (client -> server request); diagnostics of closed files are published. */
export type CheckWorkspaceParams = Record<string, never>;
export interface CheckWorkspaceResult {
  readonly files: number;
  readonly reports: number;
  readonly errors: number;
  readonly warnings: number;
}

/** `govreport/workspaceFiles` (server -> client request): the `*.txt` / `*.md` files of the workspace folders. */
export interface WorkspaceFilesParams {
  /** Files listed at most. */
  readonly limit: number;
  /** Larger files are left out. */
  readonly maxBytes: number;
  /** Directory entries looked at, in all, and how deep below a folder. */
  readonly maxEntries: number;
  readonly maxDepth: number;
  /** Folders not entered (besides hidden ones). */
  readonly skipDirs: readonly string[];
}

export interface WorkspaceFileEntry {
  readonly uri: string;
  /** Changes when the file changes (modification time and size). */
  readonly stamp: string;
}

export interface WorkspaceFilesResult {
  readonly files: readonly WorkspaceFileEntry[];
}

/** `govreport/readFile` (server -> client request): a file's saved bytes (the server decodes them as the CLI does). */
export interface ReadFileParams {
  readonly uri: string;
}
export interface ReadFileResult {
  /** The bytes in base64; absent when the file cannot be read. */
  readonly base64?: string;
}

/** One entry of the `govreport.suppressions` setting (and of `.govreportrc.json`). */
export interface Suppression {
  /** Workspace-relative path (forward slashes) or glob. */
  readonly file: string;
  readonly rule: string;
  /** 1-based line. */
  readonly line?: number;
}

/** The diagnostic `source` the server sets on every finding. */
export const DIAGNOSTIC_SOURCE = 'govreport';
/** The language id contributed by the extension. */
export const LANGUAGE_ID = 'govreport';
/** The code-action kind of "fix all in this file" (works with `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.govreport';

/**
 * `govreport/preview` (client -> server request) `{ uri, version?, line? }` -> the table preview of an open document,
 * or null. The data types are the checking core's own (a pure module), imported as types only.
 */
export type { PreviewParams, PreviewResult, PreviewData } from '../core/views/preview';

/** The scheme of the documents holding the text read from an original (PDF, Word, web page). */
export const ORIGINAL_SCHEME = 'govreport-original';

/** `govreport/readOriginal` (client -> server): the text read from a published original (PDF, Word, web page). */
export interface ReadOriginalParams {
  /** The original file's URI (its name decides the reader). */
  readonly uri: string;
  /** The file's bytes in base64, read by the client (any file system VS Code has, desktop or web). */
  readonly base64: string;
}

export interface ReadOriginalResult {
  readonly kind: string;
  /** The report text ('' when nothing could be read: see the notices). */
  readonly text: string;
  readonly notices: readonly { readonly code: string; readonly zh: string; readonly en: string }[];
}
