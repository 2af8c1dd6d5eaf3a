/**
 * The workspace as the server sees it: its folders (`workspace/workspaceFolders`, else the initialize params),
 * the `*.txt` / `*.md` files in them (scanned lazily with Node fs, bounded, cached by mtime, decoded as UTF-8,
 * UTF-16 with BOM, or GB18030/GBK), and which of them may hold reports — the candidates for the cross-year
 * rules, handed to the analyzer. The Node implementation of `Workspace` (workspace-common.ts).
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
import { matchFile } from './glob';
import { fetchFolders, type Workspace } from './workspace-common';

export const SCAN_LIMITS = {
  /** Directory entries looked at, in all. */
  entries: 20_000,
  /** `.txt` / `.md` files kept. */
  files: 2_000,
  /** Larger files are skipped (a report is a few dozen KB). */
  bytes: 5 * 1024 * 1024,
  depth: 12,
};

const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'bower_components', '__pycache__', 'venv']);

/**
 * Bytes → text: UTF-16 by BOM, UTF-8 when valid (BOM dropped), else GB18030 (a superset of GBK). Undefined
 * when the runtime has no GB18030 decoder (a Node built with small ICU).
 */
export function decodeBytes(buf: Uint8Array): string | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    // swap to little-endian: not every runtime decodes utf-16be
    const le = new Uint8Array(buf.length - 2 - (buf.length % 2));
    for (let i = 0; i + 1 < le.length; i += 2) {
      le[i] = buf[i + 3];
      le[i + 1] = buf[i + 2];
    }
    return new TextDecoder('utf-16le').decode(le);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // not UTF-8
  }
  try {
    return new TextDecoder('gb18030').decode(buf);
  } catch {
    return undefined;
  }
}

/** A cheap test for text that may hold a report (a year and the words of the title). */
export function mayBeReport(text: string): boolean {
  return /政府信息公开|信息公开/.test(text) && /(?:19|20)\d{2}\s*年/.test(text);
}

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
  /** Bumped whenever the set of candidate reports changes. */
  generation = 0;
  private readonly files = new Map<string, ScannedFile>();
  private scanning: Promise<void> | undefined;
  private scanned = false;
  private dirty = true;
  private lastScan = 0;
  private folderCache: Folder[] | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly canAskFolders: () => boolean,
    private readonly initialFolders: readonly WorkspaceFolder[],
    private readonly onCandidates: (upserts: CandidateText[], removes: string[]) => void,
    private readonly log: (message: string) => void,
    private readonly ttlMs = 30_000,
    private readonly firstWaitMs = 300,
  ) {}

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
    this.dirty = true;
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

  /** The saved text of a local file (not larger than the scan limit). */
  async readText(uri: string): Promise<string | undefined> {
    const p = uriToPath(uri);
    if (!p) return undefined;
    try {
      const st = await fsp.stat(p);
      if (!st.isFile() || st.size > SCAN_LIMITS.bytes) return undefined;
      return decodeBytes(await fsp.readFile(p));
    } catch {
      return undefined;
    }
  }

  /** The resolved local path. */
  fileKey(uri: string): string | undefined {
    const p = uriToPath(uri);
    return p === undefined ? undefined : path.resolve(p);
  }

  /**
   * Candidates are current enough for an analysis: the first call waits for the first scan, but not longer than
   * `firstWaitMs` (a big workspace must not hold back the first diagnostics; when the scan lands and finds other
   * reports, the server re-checks the open documents). Later calls start a rescan in the background when files
   * changed or the cache is old, and do not wait for it.
   */
  async ready(): Promise<void> {
    if (!this.scanned) {
      let timer: NodeJS.Timeout | undefined;
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
    this.scanning = this.doScan()
      .catch((e) => this.log(`workspace scan failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.scanning = undefined;
        this.scanned = true;
        this.lastScan = Date.now();
      });
    return this.scanning;
  }

  /** Every scanned file (after a scan). */
  all(): ScannedFile[] {
    return [...this.files.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  private async doScan(): Promise<void> {
    const folders = await this.folders();
    const seen = new Set<string>();
    const upserts: CandidateText[] = [];
    const removes: string[] = [];
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
          if (d.name.startsWith('.') || SKIP_DIRS.has(d.name)) continue;
          await walk(p, depth + 1);
        } else if (d.isFile() && /\.(txt|md)$/i.test(d.name)) {
          kept++;
          const uri = pathToUri(p);
          seen.add(uri);
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
            text = decodeBytes(await fsp.readFile(p));
          } catch {
            continue;
          }
          if (text === undefined) {
            this.log(`${p}: neither UTF-8 nor decodable as GB18030 on this runtime; skipped`);
            continue;
          }
          const candidate = mayBeReport(text);
          this.files.set(uri, { uri, fsPath: p, mtimeMs: st.mtimeMs, size: st.size, text: candidate ? text : undefined });
          if (candidate) upserts.push({ uri, name: d.name, stamp: `${st.mtimeMs}:${st.size}`, text });
          else if (old?.text !== undefined) removes.push(uri);
        }
      }
    };
    for (const f of folders) await walk(f.fsPath, 0);
    for (const [uri, f] of this.files) {
      if (seen.has(uri)) continue;
      this.files.delete(uri);
      if (f.text !== undefined) removes.push(uri);
    }
    if (upserts.length || removes.length) {
      this.generation++;
      this.onCandidates(upserts, removes);
    }
  }
}
