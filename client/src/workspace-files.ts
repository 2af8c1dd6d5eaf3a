/**
 * The workspace's files for a server without a file system (the web-worker server): `govreport/workspaceFiles`
 * lists the `*.txt` / `*.md` files of the folders, `govreport/readFile` reads one, both through VS Code's
 * workspace file system, so any file system provider works (vscode-vfs, vscode-remote, a local folder in
 * vscode.dev). The listing walks the folders with `readDirectory` rather than `findFiles`, which needs a search
 * provider that not every browser workbench has. The server decodes the bytes and keeps the reports among them
 * for the cross-year rules and the workspace check.
 */

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { Method, type ReadFileParams, type ReadFileResult, type WorkspaceFilesParams, type WorkspaceFilesResult } from './protocol';

/** Folders never worth listing (as the desktop server's scan skips them), and hidden ones. */
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'bower_components', '__pycache__', 'venv']);
const WALK = { entries: 20_000, depth: 12 };

/** The `*.txt` / `*.md` files below the workspace folders, breadth first, sorted by name within a folder. */
async function listFiles(limit: number, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  let entries = 0;
  let level = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
  for (let depth = 0; depth <= WALK.depth && level.length > 0; depth++) {
    const next: vscode.Uri[] = [];
    for (const dir of level) {
      if (token.isCancellationRequested || out.length >= limit || entries >= WALK.entries) return out;
      let list: [string, vscode.FileType][];
      try {
        list = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        continue;
      }
      list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (const [name, type] of list) {
        if (++entries > WALK.entries || out.length >= limit) return out;
        if (type & vscode.FileType.Directory) {
          if (!name.startsWith('.') && !SKIP_DIRS.has(name)) next.push(vscode.Uri.joinPath(dir, name));
        } else if (type & vscode.FileType.File && /\.(txt|md)$/i.test(name)) out.push(vscode.Uri.joinPath(dir, name));
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
    const limit = Math.max(0, Math.min(Number(p?.limit) || 0, 10_000));
    const maxBytes = Number(p?.maxBytes) || Infinity;
    const uris = await listFiles(limit, token);
    const files: WorkspaceFilesResult['files'] = [];
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
      return { base64: toBase64(await vscode.workspace.fs.readFile(client.protocol2CodeConverter.asUri(p.uri))) };
    } catch {
      return {};
    }
  });
}
