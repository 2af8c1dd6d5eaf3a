/**
 * The workspace's files for a server without a file system (the web-worker server): `govreport/workspaceFiles`
 * lists the `*.txt` / `*.md` files and the originals (`*.pdf`, `*.docx`, `*.html` …) of the folders, `govreport/readFile` reads one, both through VS Code's
 * workspace file system, so any file system provider works (vscode-vfs, vscode-remote, a local folder in
 * vscode.dev). The listing walks the folders with `readDirectory` rather than `findFiles`, which needs a search
 * provider that not every browser workbench has. The server decodes the bytes and keeps the reports among them
 * for the cross-year rules and the workspace check.
 */

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { isInside, normalizePath } from './paths';
import { Method, type WorkspaceFileEntry, type ReadFileParams, type ReadFileResult, type WorkspaceFilesParams, type WorkspaceFilesResult } from './protocol';

/** How far the listing goes: the server's scan limits (`govreport/workspaceFiles` parameters). */
interface Walk {
  readonly limit: number;
  readonly maxEntries: number;
  readonly maxDepth: number;
  readonly skipDirs: ReadonlySet<string>;
}

/** The `*.txt` / `*.md` files below the workspace folders, breadth first, sorted by name within a folder. */
async function listFiles(walk: Walk, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  let entries = 0;
  let level = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
  for (let depth = 0; depth <= walk.maxDepth && level.length > 0; depth++) {
    const next: vscode.Uri[] = [];
    for (const dir of level) {
      if (token.isCancellationRequested || out.length >= walk.limit || entries >= walk.maxEntries) return out;
      let list: [string, vscode.FileType][];
      try {
        list = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        continue;
      }
      list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (const [name, type] of list) {
        if (++entries > walk.maxEntries || out.length >= walk.limit) return out;
        if (type & vscode.FileType.Directory) {
          if (!name.startsWith('.') && !walk.skipDirs.has(name)) next.push(vscode.Uri.joinPath(dir, name));
        } else if (type & vscode.FileType.File && /\.(txt|md|pdf|docx|doc|wps|html|htm|shtml)$/i.test(name)) out.push(vscode.Uri.joinPath(dir, name));
      }
    }
    level = next;
  }
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Answers the server's file requests on `client` (register before the client starts). */
export function serveWorkspaceFiles(client: BaseLanguageClient): void {
  client.onRequest(Method.workspaceFiles, async (p: WorkspaceFilesParams, token: vscode.CancellationToken): Promise<WorkspaceFilesResult> => {
    const count = (v: unknown, max: number): number => Math.max(0, Math.min(Number(v) || 0, max));
    const walk: Walk = {
      limit: count(p?.limit, 10_000),
      maxEntries: count(p?.maxEntries, 1_000_000),
      maxDepth: count(p?.maxDepth, 64),
      skipDirs: new Set(Array.isArray(p?.skipDirs) ? p.skipDirs.filter((d) => typeof d === 'string') : []),
    };
    const maxBytes = Number(p?.maxBytes) || Infinity;
    const uris = await listFiles(walk, token);
    const files: WorkspaceFileEntry[] = [];
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      try {
        const st = await vscode.workspace.fs.stat(uri);
        if ((st.type & vscode.FileType.File) === 0 || st.size > maxBytes) continue;
        files.push({ uri: client.code2ProtocolConverter.asUri(uri), stamp: `${st.mtime}:${st.size}` });
      } catch {
        // gone since it was listed
      }
    }
    return { files };
  });
  client.onRequest(Method.readFile, async (p: ReadFileParams): Promise<ReadFileResult> => {
    try {
      if (typeof p?.uri !== 'string') return {};
      const uri = client.protocol2CodeConverter.asUri(p.uri);
      const target = await mayRead(uri);
      if (!target) return {};
      return { base64: toBase64(await vscode.workspace.fs.readFile(target)) };
    } catch {
      return {};
    }
  });
}

/**
 * The workspace boundary of `govreport/readFile` (the URI to read, or undefined): an open document, or a file inside a workspace folder (same scheme
 * and authority, inside after resolving `.` and `..`, and not a symbolic link — the browser's file systems cannot
 * resolve one to where it really points).
 */
async function mayRead(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const key = uri.toString();
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return uri;
  const path = normalizePath(uri.path);
  if (path === undefined) return undefined;
  const inside = (vscode.workspace.workspaceFolders ?? []).some((f) => {
    const folder = normalizePath(f.uri.path);
    return folder !== undefined && f.uri.scheme === uri.scheme && f.uri.authority === uri.authority && isInside(path, folder);
  });
  if (!inside) return undefined;
  const target = uri.with({ path });
  const st = await vscode.workspace.fs.stat(target);
  return (st.type & vscode.FileType.SymbolicLink) === 0 && (st.type & vscode.FileType.File) !== 0 ? target : undefined;
}
