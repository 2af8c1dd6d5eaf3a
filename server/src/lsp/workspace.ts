/**
 * The workspace as the server sees it: its folders (`workspace/workspaceFolders`, else the initialize params),
 * the `*.txt` / `*.md` files in them (scanned lazily with Node fs, bounded, cached by mtime, decoded by the
 * decoder the CLI uses too, shared/decode.ts), and which of them may hold reports — the candidates for the
 * cross-year rules, handed to the analyzer. The Node implementation of `Workspace` (workspace-common.ts).
 *
 * Decoding uses the platform's WHATWG `TextDecoder` (Node and VS Code's Electron ship full ICU: `gb18030` is a
 * superset of GBK) rather than iconv-lite, whose tables for every CJK encoding would be 480 KB of the server
 * bundle (58 %) for one decoder.
 */

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, WorkspaceFolder } from 'vscode-languageserver/node';
import type { CandidateText } from './analyzer-common';
import { matchFile } from '../shared/glob';
import { configFor, suppressionsFor, type LoadedConfig } from '../shared/project-config';
import { configProblemText } from '../core';
import { originalFileUri } from './originals';
import { fetchFolders, fileText, isScannedFile, SCAN_LIMITS, ScanDelta, ScanSchedule, SKIP_DIRS, type ProjectSettings, type Workspace } from './workspace-common';

const SKIP = new Set(SKIP_DIRS);

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

export interface ScannedFile {
  readonly uri: string;
  readonly fsPath: string;
  readonly mtimeMs: number;
  readonly size: number;
  /** Kept for files that may hold a report. */
  readonly text?: string;
}

interface Folder {
  readonly uri: string;
  readonly fsPath: string;
}

export class WorkspaceFiles implements Workspace {
  private readonly files = new Map<string, ScannedFile>();
  private readonly schedule: ScanSchedule;
  private folderCache: Folder[] | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly canAskFolders: () => boolean,
    private readonly initialFolders: readonly WorkspaceFolder[],
    private readonly onCandidates: (upserts: CandidateText[], removes: string[]) => void,
    private readonly log: (message: string) => void,
    ttlMs = 30_000,
    firstWaitMs = 300,
  ) {
    this.schedule = new ScanSchedule(() => this.doScan(), log, ttlMs, firstWaitMs);
  }

  async folders(): Promise<Folder[]> {
    if (this.folderCache) return this.folderCache;
    const list = await fetchFolders({ connection: this.connection, canAskFolders: this.canAskFolders, folders: this.initialFolders, log: this.log });
    const out: Folder[] = [];
    for (const f of list) {
      const p = uriToPath(f.uri);
      if (p) out.push({ uri: f.uri, fsPath: p });
    }
    this.folderCache = out;
    return out;
  }

  /** Folders were added or removed, or files changed on disk: rescan on next use. */
  invalidate(foldersChanged = false): void {
    if (foldersChanged) this.folderCache = undefined;
    this.schedule.invalidate();
  }

  /** The path of a document relative to its workspace folder (with `/`), and its absolute path. */
  async locate(uri: string): Promise<{ relative?: string; absolute?: string }> {
    const abs = uriToPath(uri);
    if (!abs) return {};
    for (const f of await this.folders()) {
      const rel = path.relative(f.fsPath, abs);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { relative: rel.split(path.sep).join('/'), absolute: abs };
    }
    return { absolute: abs };
  }

  async matches(uri: string, pattern: string): Promise<boolean> {
    const { relative, absolute } = await this.locate(uri);
    return matchFile(pattern, relative, absolute);
  }

  /**
   * The saved text of a local file inside a workspace folder (not larger than the scan limit). The boundary holds
   * after resolving `..` and symbolic links, of the file and of the folders alike: a request for `../secret.txt`
   * or for a link that points out of the folders gets nothing.
   */
  async readText(uri: string): Promise<string | undefined> {
    const asked = uriToPath(uri);
    if (!asked) return undefined;
    try {
      const p = await fsp.realpath(asked);
      if (!(await this.insideFolders(p))) return undefined;
      const st = await fsp.stat(p);
      if (!st.isFile() || st.size > SCAN_LIMITS.bytes) return undefined;
      return await fileText(uri, await fsp.readFile(p));
    } catch {
      return undefined;
    }
  }

  /** `.govreportrc.json` above a local file; its problems are logged once per version of the file. */
  projectConfig(uri: string): ProjectSettings | undefined {
    const p = uriToPath(uri);
    const loaded = p === undefined ? undefined : configFor(p);
    if (!loaded || p === undefined) return undefined;
    if (!this.loggedConfigs.has(loaded)) {
      this.loggedConfigs.add(loaded);
      for (const problem of loaded.problems) this.log(`${loaded.file}: ${configProblemText(problem)}`);
    }
    return { file: loaded.file, rules: loaded.config.rules, suppressions: suppressionsFor(loaded, p) };
  }

  private readonly loggedConfigs = new WeakSet<LoadedConfig>();

  /** Whether a real path (symbolic links resolved) lies inside one of the folders (their links resolved too). */
  private async insideFolders(real: string): Promise<boolean> {
    for (const f of await this.folders()) {
      let root: string;
      try {
        root = await fsp.realpath(f.fsPath);
      } catch {
        continue;
      }
      const rel = path.relative(root, real);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return true;
    }
    return false;
  }

  /** The resolved local path. */
  fileKey(uri: string): string | undefined {
    const p = uriToPath(originalFileUri(uri) ?? uri);
    return p === undefined ? undefined : path.resolve(p);
  }

  /** Candidates are current enough for an analysis (see ScanSchedule). */
  ready(): Promise<void> {
    return this.schedule.ready();
  }

  /** Scans now (joins a scan in progress). */
  scan(): Promise<void> {
    return this.schedule.scan();
  }

  /** Every scanned file (after a scan). */
  all(): ScannedFile[] {
    return [...this.files.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  private async doScan(): Promise<void> {
    const folders = await this.folders();
    const delta = new ScanDelta(this.files);
    let entries = 0;
    let kept = 0;
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > SCAN_LIMITS.depth || entries >= SCAN_LIMITS.entries || kept >= SCAN_LIMITS.files) return;
      let list: import('node:fs').Dirent[];
      try {
        list = await fsp.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const d of list) {
        if (++entries > SCAN_LIMITS.entries || kept >= SCAN_LIMITS.files) return;
        const p = path.join(dir, d.name);
        if (d.isDirectory()) {
          if (d.name.startsWith('.') || SKIP.has(d.name)) continue;
          await walk(p, depth + 1);
        } else if (d.isFile() && isScannedFile(d.name)) {
          kept++;
          const uri = pathToUri(p);
          delta.see(uri);
          let st: import('node:fs').Stats;
          try {
            st = await fsp.stat(p);
          } catch {
            continue;
          }
          if (st.size > SCAN_LIMITS.bytes) continue;
          const old = this.files.get(uri);
          if (old && old.mtimeMs === st.mtimeMs && old.size === st.size) continue;
          let text: string | undefined;
          try {
            text = await fileText(uri, await fsp.readFile(p));
          } catch {
            continue;
          }
          if (text === undefined) {
            this.log(`${p}: not decodable (neither UTF-8 nor GB18030 on this runtime, or an original with no readable text); skipped`);
            continue;
          }
          const { mtimeMs, size } = st;
          delta.record(uri, d.name, `${mtimeMs}:${size}`, text, (keptText) => ({ uri, fsPath: p, mtimeMs, size, text: keptText }));
        }
      }
    };
    for (const f of folders) await walk(f.fsPath, 0);
    delta.finish(this.onCandidates);
  }
}
