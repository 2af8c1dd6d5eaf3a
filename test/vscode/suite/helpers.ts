/** Helpers of the real-editor tests (run inside VS Code's extension host). */

import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Expected } from '../../helpers';

export const EXTENSION_ID = 'govreport.govreport-lint';
export const SOURCE = 'govreport';

/** The repository root (this file runs from out/test/vscode/suite). */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const SEEDS = process.env.GOVREPORT_TEST_SEEDS || path.join(ROOT, 'test', 'fixtures', 'seeds');

/** How long to wait for the language server to answer something (its first start included). */
export const WAIT_MS = 30_000;

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder (test/vscode/run.mjs opens one)');
  return folder.uri.fsPath;
}

export function seedNames(): string[] {
  return fs
    .readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

export function expectedFor(seed: string): Expected[] {
  return JSON.parse(fs.readFileSync(path.join(SEEDS, seed.replace(/\.txt$/, '.expected.json')), 'utf8'));
}

/** A workspace file's URI (the sample reports are copied into the workspace by run.mjs). */
export function workspaceUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceDir(), name));
}

/** A fresh copy of a sample report in the workspace, for tests that edit it. */
export function copyOfSeed(seed: string, name: string): vscode.Uri {
  const target = path.join(workspaceDir(), name);
  fs.copyFileSync(path.join(SEEDS, seed), target);
  return vscode.Uri.file(target);
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function ownDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

const SEVERITY: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** A diagnostic reduced to what the expectations state (rule id, 1-based lines, severity). */
export function summarize(ds: readonly vscode.Diagnostic[]): Expected[] {
  return ds.map((d) => ({
    rule: ruleOf(d) ?? '(no code)',
    line: d.range.start.line + 1,
    endLine: d.range.end.line + 1,
    severity: SEVERITY[d.severity],
  }));
}

export function describe(ds: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(summarize(ds).map((e) => `${e.rule}@${e.line}-${e.endLine}:${e.severity}`));
}

/**
 * Resolves with the document's own diagnostics as soon as `ok` accepts them: checked now and on every
 * `onDidChangeDiagnostics` that names the document (no sleeps). Rejects after `timeoutMs` with what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  ok: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let done = false;
    const check = () => {
      if (done) return;
      const ds = ownDiagnostics(uri);
      if (ok(ds)) {
        done = true;
        sub.dispose();
        clearTimeout(timer);
        resolve(ds);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${path.basename(uri.fsPath)}; diagnostics now: ${describe(ownDiagnostics(uri))}`));
    }, timeoutMs);
    check();
  });
}

/** Resolves as soon as `cond()` holds (polled every 50 ms, for states that have no event), or rejects after `timeoutMs`. */
export async function waitFor<T>(cond: () => T | undefined | false, what: string, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = cond();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The extension's exported API (activate's return value). */
export interface Api {
  client: { sendRequest<R>(method: string, params: unknown): Promise<R> } | undefined;
  started: boolean;
  ready: Promise<void>;
  status(uri: vscode.Uri): { uri: string; isReport: boolean; errors: number; warnings: number; infos: number } | undefined;
  onDidReceiveStatus: vscode.Event<{ uri: string; isReport: boolean; errors: number; warnings: number; infos: number }>;
}

export function extension(): vscode.Extension<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this editor`);
  return ext;
}

/** Waits until the extension has activated (by itself; never calls activate()) and its server is ready. */
export async function readyApi(): Promise<Api> {
  const ext = extension();
  await waitFor(() => ext.isActive, 'the extension to activate');
  await ext.exports.ready;
  return ext.exports;
}

/** Plain text of a hover result (all its contents). */
export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  const parts: string[] = [];
  for (const h of hovers ?? []) {
    for (const c of h.contents) {
      if (typeof c === 'string') parts.push(c);
      else if (c instanceof vscode.MarkdownString) parts.push(c.value);
      else parts.push((c as { value: string }).value);
    }
  }
  return parts.join('\n');
}

/** Replaces the whole text of the document (to restore it after an edit). */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(new vscode.Position(0, 0), doc.lineAt(doc.lineCount - 1).range.end), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('could not restore the document text');
}
