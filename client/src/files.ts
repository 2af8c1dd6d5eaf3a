/**
 * The `govreport.files` setting: plain-text documents whose path matches one of its globs are switched to
 * the language `govreport` when they open. The manifest's `filenamePatterns` cover the defaults before the
 * extension is even active; this covers the user's own globs.
 */

import * as vscode from 'vscode';
import { LANGUAGE_ID } from './protocol';

/** A close and the open that follows it within this time are one language change. */
const LANGUAGE_CHANGE_WINDOW_MS = 1000;

const DEFAULT_FILES = ['**/*年度报告*.txt', '**/*年报*.txt'];

/** Document filters of the globs: as given (matched against the absolute path) and relative to each folder. */
function filters(globs: readonly string[]): vscode.DocumentFilter[] {
  const out: vscode.DocumentFilter[] = [];
  for (const glob of globs) {
    if (typeof glob !== 'string' || !glob.trim()) continue;
    const g = glob.trim().replace(/\\/g, '/');
    out.push({ pattern: g });
    // `reports/*.txt` means "relative to the workspace folder"; `**/…` and absolute globs already match.
    if (!g.startsWith('**/') && !g.startsWith('/') && !/^[A-Z]:\//i.test(g)) {
      for (const folder of vscode.workspace.workspaceFolders ?? []) out.push({ pattern: new vscode.RelativePattern(folder, g) });
    }
  }
  return out;
}

/** Desktop: local files and virtual workspaces (vscode-vfs). */
const DESKTOP_FILE_SCHEMES: readonly string[] = ['file', 'vscode-vfs'];

export function matchesReportFiles(doc: vscode.TextDocument, schemes: readonly string[] = DESKTOP_FILE_SCHEMES): boolean {
  if (!schemes.includes(doc.uri.scheme)) return false;
  const globs = vscode.workspace.getConfiguration('govreport', doc.uri).get<string[]>('files', DEFAULT_FILES);
  if (!Array.isArray(globs)) return false;
  const fs = filters(globs);
  return fs.length > 0 && vscode.languages.match(fs, doc) > 0;
}

export class ReportFileAssociation implements vscode.Disposable {
  /** Documents switched by us. If the user picks another language afterwards, that choice stands. */
  private readonly switched = new Set<string>();
  /** When a document was last closed: a language change is a close immediately followed by an open. */
  private readonly closedAt = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];

  /** @param schemes URI schemes of saved files (documents of other schemes are left alone) */
  constructor(private readonly schemes: readonly string[] = DESKTOP_FILE_SCHEMES) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => void this.consider(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.switched.has(d.uri.toString())) this.closedAt.set(d.uri.toString(), Date.now());
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('govreport.files')) for (const d of vscode.workspace.textDocuments) void this.consider(d);
      }),
    );
    for (const d of vscode.workspace.textDocuments) void this.consider(d);
  }

  private async consider(doc: vscode.TextDocument): Promise<void> {
    if (doc.languageId !== 'plaintext') return;
    const key = doc.uri.toString();
    if (!matchesReportFiles(doc, this.schemes)) return;
    // Re-opened after a language change by the user (close + open in the same moment): leave it alone.
    // Re-opened later: it is a new editing session, switch again.
    if (this.switched.has(key) && Date.now() - (this.closedAt.get(key) ?? 0) < LANGUAGE_CHANGE_WINDOW_MS) return;
    this.switched.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    } catch {
      // The document was closed meanwhile; nothing to do.
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
