/**
 * Checking published originals (PDF, Word, web pages) in the editor: the command `govreport.openOriginal` opens
 * the text the server's readers read from an original as a read-only document of language `govreport`, whose URI
 * has the scheme `govreport-original` (the original's authority and path; its own scheme as the query — the form
 * server/src/lsp/originals.ts maps back). A TextDocumentContentProvider serves those documents: it reads the
 * original's bytes through VS Code's file system (desktop and web alike) and asks the server to read them
 * (`govreport/readOriginal`), so the same readers run as in the CLI. The reader's notices are shown once per
 * read. Diagnostics, hover, outline and inlay hints come from the server as for any report.
 */

import * as vscode from 'vscode';
import { LANGUAGE_ID, Method, ORIGINAL_SCHEME, type ReadOriginalResult } from './protocol';
import type { ServerController } from './server';

/** The extensions of the originals the readers read (server/src/readers/types.ts). */
export const ORIGINAL_EXTENSIONS = /\.(pdf|docx|doc|wps|html|htm|shtml)$/i;

export function originalDocumentUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: ORIGINAL_SCHEME, authority: file.authority, path: file.path, query: file.scheme });
}

export function originalFileUri(doc: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: doc.query || 'file', authority: doc.authority, path: doc.path });
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function useEnglish(): boolean {
  const setting = vscode.workspace.getConfiguration('govreport').get<string>('language', 'auto');
  return setting === 'en' || (setting === 'auto' && !vscode.env.language.toLowerCase().startsWith('zh'));
}

export class OriginalContentProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly server: ServerController) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = originalFileUri(uri);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(file);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not read {0}: {1}', file.fsPath || file.toString(), e instanceof Error ? e.message : String(e)));
      return '';
    }
    const client = await this.server.ensureStarted();
    const result = await client.sendRequest<ReadOriginalResult>(Method.readOriginal, { uri: file.toString(), base64: toBase64(bytes) });
    const en = useEnglish();
    const name = file.path.split('/').pop() ?? file.toString();
    for (const n of result.notices) {
      const text = `${name}: ${en ? n.en : n.zh}`;
      if (result.text === '') void vscode.window.showWarningMessage(text);
      else void vscode.window.showInformationMessage(text);
    }
    return result.text;
  }

  /** Reads the original again (after it changed on disk). */
  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export interface OpenOriginalArgs {
  /** The original file (default: the Explorer selection, the active editor's file, else a file dialog). */
  uri?: vscode.Uri | string;
}

/** `govreport.openOriginal`: opens the text read from an original; returns the document (undefined if none chosen). */
export async function openOriginal(arg?: vscode.Uri | OpenOriginalArgs): Promise<vscode.TextDocument | undefined> {
  let file: vscode.Uri | undefined;
  const given = arg instanceof vscode.Uri ? arg : arg?.uri;
  if (given) file = typeof given === 'string' ? vscode.Uri.parse(given) : given;
  if (!file) {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active && ORIGINAL_EXTENSIONS.test(active.path) && active.scheme !== ORIGINAL_SCHEME) file = active;
  }
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: vscode.l10n.t('Check'),
      filters: { [vscode.l10n.t('Published reports')]: ['pdf', 'docx', 'doc', 'wps', 'html', 'htm', 'shtml'] },
    });
    file = picked?.[0];
  }
  if (!file) return undefined;
  if (file.scheme === ORIGINAL_SCHEME) file = originalFileUri(file);
  let doc = await vscode.workspace.openTextDocument(originalDocumentUri(file));
  if (doc.languageId !== LANGUAGE_ID) doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

export function registerOriginals(server: ServerController): vscode.Disposable {
  const provider = new OriginalContentProvider(server);
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{pdf,docx,doc,wps,html,htm,shtml}', true, false, true);
  return vscode.Disposable.from(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(ORIGINAL_SCHEME, provider),
    watcher,
    watcher.onDidChange((file) => {
      const doc = originalDocumentUri(file);
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === doc.toString())) provider.refresh(doc);
    }),
    vscode.commands.registerCommand('govreport.openOriginal', (arg?: vscode.Uri | OpenOriginalArgs) => openOriginal(arg)),
  );
}
