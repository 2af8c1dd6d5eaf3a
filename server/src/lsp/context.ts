/** What the handlers share: the connection, documents, settings, workspace, analyses and client capabilities. */

import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../core';
import type { Analyzer } from './analyzer-common';
import type { Analyses } from './analyses';
import type { SettingsStore } from './settings';
import type { Workspace } from './workspace-common';

export interface ClientSupport {
  readonly configuration: boolean;
  readonly workspaceFolders: boolean;
  /** LSP 3.17 pull diagnostics (`textDocument.diagnostic`). */
  readonly pullDiagnostics: boolean;
  readonly diagnosticRefresh: boolean;
  readonly inlayRefresh: boolean;
  readonly documentChanges: boolean;
  readonly hierarchicalSymbols: boolean;
  readonly configurationDynamic: boolean;
  readonly markdownHover: boolean;
}

export function clientSupport(c: ClientCapabilities): ClientSupport {
  return {
    configuration: !!c.workspace?.configuration,
    workspaceFolders: !!c.workspace?.workspaceFolders,
    pullDiagnostics: !!c.textDocument?.diagnostic,
    diagnosticRefresh: !!c.workspace?.diagnostics?.refreshSupport,
    inlayRefresh: !!c.workspace?.inlayHint?.refreshSupport,
    documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
    hierarchicalSymbols: !!c.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    configurationDynamic: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    markdownHover: !c.textDocument?.hover?.contentFormat || c.textDocument.hover.contentFormat.includes('markdown'),
  };
}

export interface ServerHooks {
  /** Called when an analysis result arrives, before it is checked for staleness and published (tests). */
  afterAnalysis?(uri: string, version: number): Promise<void> | void;
}

export interface Context {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly settings: SettingsStore;
  readonly workspace: Workspace;
  readonly analyzer: Analyzer;
  readonly analyses: Analyses;
  readonly support: ClientSupport;
  readonly hooks: ServerHooks;
  /** Client display language from `initialize` (`locale`). */
  readonly locale: string | undefined;
  /** The message language of a resource (settings + locale). */
  lang(uri: string): Lang;
  /** Template (with `{id}`) of the rule links of diagnostics; none when no page is reachable. */
  readonly ruleDocs?: string;
  log(message: string): void;
  error(message: string): void;
}
