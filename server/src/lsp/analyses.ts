/**
 * Analyses of open documents: one per document version and settings, computed by the analyzer, cached, shared
 * by every handler (diagnostics, code actions, hovers …). A result for a version that is no longer the
 * document's current one is never cached, returned or published; results are delivered in request order.
 */

import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { msg, pick, type Lang } from '../core';
import { AnalysisTimeout } from './analyzer-common';
import type { CheckStopped } from './protocol';
import type { Context } from './context';
import { SOURCE, type Analysis, type AnalyzeInput } from './service';
import { resolveLanguage, settingsKey } from './settings';

export interface Entry {
  readonly analysis: Analysis;
  /** Unique per computed analysis (pull diagnostics `resultId`). */
  readonly resultId: string;
}

type Listener = (a: Analysis, resultId: string) => void;

/** The stand-in result of a check that failed (no diagnostics) or was stopped (one information saying so). */
function placeholder(input: AnalyzeInput, message?: string, stopped?: CheckStopped): Analysis {
  const diagnostics: Diagnostic[] = message
    ? [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: SOURCE, message, data: { v: input.version, i: 0, rule: '' } }]
    : [];
  return {
    uri: input.uri,
    version: input.version,
    key: input.key,
    publish: true,
    isReport: false,
    diagnostics,
    fixes: diagnostics.map(() => []),
    fixAll: { edits: [], covers: [] },
    counts: { errors: 0, warnings: 0, infos: diagnostics.length },
    failures: [],
    ms: 0,
    ...(stopped ? { stopped } : {}),
  };
}

export class Analyses {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, { key: string; epoch: number; promise: Promise<Entry | undefined> }>();
  private readonly epochs = new Map<string, number>();
  private readonly delivered = new Map<string, { seq: number; version: number; ident: string }>();
  private readonly listeners: Listener[] = [];
  private readonly loggedFailures = new Set<string>();
  private readonly lastChange = new Map<string, number>();
  private seq = 0;
  /** Called with the documents whose results may change because another document changed. */
  onDependentsChanged: (uris: string[]) => void = () => undefined;

  constructor(private readonly ctx: () => Context) {}

  /** Called for every fresh result of a current document version, in request order. */
  onDelivered(l: Listener): void {
    this.listeners.push(l);
  }

  cached(uri: string): Entry | undefined {
    return this.cache.get(uri);
  }

  /** A document changed by typing (opening does not count: it is checked at once). */
  noteChange(uri: string): void {
    this.lastChange.set(uri, Date.now());
  }

  /**
   * Resolves when typing in the document has paused for `debounceMs` (at once if it has), or when the request
   * is cancelled. Requests the editor sends by itself after each change (pull diagnostics, folding, symbols,
   * inlay hints) wait here, so a burst of changes is analysed once.
   */
  settle(uri: string, debounceMs: number, token?: CancellationToken): Promise<void> {
    const wait = (this.lastChange.get(uri) ?? 0) + debounceMs - Date.now();
    if (wait <= 0 || token?.isCancellationRequested) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        sub?.dispose();
        resolve();
      }, wait);
      const sub = token?.onCancellationRequested(() => {
        clearTimeout(timer);
        resolve();
      });
    }).then(() => (token?.isCancellationRequested ? undefined : this.settle(uri, debounceMs, token)));
  }

  /** Forget results (document closed, or its inputs changed: other files, settings). */
  invalidate(uri: string): void {
    this.cache.delete(uri);
    this.inflight.delete(uri);
    this.epochs.set(uri, (this.epochs.get(uri) ?? 0) + 1);
  }

  invalidateAll(): void {
    for (const uri of new Set([...this.cache.keys(), ...this.inflight.keys()])) this.invalidate(uri);
  }

  forget(uri: string): void {
    this.invalidate(uri);
    this.delivered.delete(uri);
    this.lastChange.delete(uri);
  }

  async inputFor(uri: string, text: string, version: number, languageId: string): Promise<AnalyzeInput> {
    const ctx = this.ctx();
    const s = await ctx.settings.get(uri);
    const lang: Lang = resolveLanguage(s.language, ctx.locale);
    await ctx.workspace.ready();
    const suppressions: { rule: string; line?: number }[] = [];
    for (const x of s.suppressions) {
      if (await ctx.workspace.matches(uri, x.file)) suppressions.push(x.line === undefined ? { rule: x.rule } : { rule: x.rule, line: x.line });
    }
    // the project's .govreportrc.json under the editor's settings (settings win); its suppressions add to theirs
    const project = ctx.workspace.projectConfig?.(uri);
    const rules = project ? { ...project.rules, ...s.rules } : s.rules;
    if (project) suppressions.push(...project.suppressions);
    const key = `${version}|${settingsKey(s, lang)}|${project ? JSON.stringify(rules) : ''}|${JSON.stringify(suppressions)}`;
    return { uri, version, key, text, languageId, rules, lang, detect: s.detect, suppressions, repetitionThreshold: s.repetitionThreshold, ...(ctx.ruleDocs ? { ruleDocs: ctx.ruleDocs } : {}) };
  }

  /** Runs an analysis; errors become an empty result (logged), a timeout a single information diagnostic. */
  private async run(input: AnalyzeInput, isStale: () => boolean): Promise<Analysis | undefined> {
    const ctx = this.ctx();
    try {
      return await ctx.analyzer.analyze(input, isStale);
    } catch (e) {
      if (e instanceof AnalysisTimeout) {
        ctx.error(`analysis of ${input.uri} (version ${input.version}) stopped after ${e.seconds} s`);
        return placeholder(input, pick(msg('server.timeout', { s: e.seconds }), input.lang), { reason: 'timeout', seconds: e.seconds });
      }
      ctx.error(`analysis of ${input.uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return isStale() ? undefined : placeholder(input);
    }
  }

  /** The analysis of a document's current version (computed now if needed); undefined if the document changed. */
  async get(uri: string): Promise<Entry | undefined> {
    const ctx = this.ctx();
    const doc = ctx.documents.get(uri);
    if (!doc) return undefined;
    const version = doc.version;
    const text = doc.getText();
    const input = await this.inputFor(uri, text, version, doc.languageId);
    const isStale = (): boolean => ctx.documents.get(uri)?.version !== version;
    if (isStale()) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.analysis.key === input.key) return cached;
    const epoch = this.epochs.get(uri) ?? 0;
    const fl = this.inflight.get(uri);
    if (fl && fl.key === input.key && fl.epoch === epoch) return fl.promise;
    const seq = ++this.seq;
    const promise = this.run(input, isStale)
      .then(async (a) => {
        if (!a) return undefined;
        await ctx.hooks.afterAnalysis?.(uri, version);
        // never cache, return or publish a result for a version that is no longer current
        if (isStale() || (this.epochs.get(uri) ?? 0) !== epoch) return undefined;
        const last = this.delivered.get(uri);
        if (last && last.seq > seq) return undefined;
        const entry: Entry = { analysis: a, resultId: `${a.key}#${seq}` };
        this.cache.set(uri, entry);
        this.deliver(entry, seq);
        return entry;
      })
      .finally(() => {
        if (this.inflight.get(uri)?.promise === promise) this.inflight.delete(uri);
      });
    this.inflight.set(uri, { key: input.key, epoch, promise });
    return promise;
  }

  /** Analysis of a file that is not open (workspace check): not cached, not delivered. */
  async analyzeClosed(uri: string, text: string, languageId: string): Promise<Analysis | undefined> {
    const input = await this.inputFor(uri, text, 0, languageId);
    const a = await this.run({ ...input, closed: true }, () => false);
    if (a) this.logFailures(a);
    return a;
  }

  private logFailures(a: Analysis): void {
    for (const f of a.failures) {
      const k = `${f.ruleId}\u0000${f.error}`;
      if (this.loggedFailures.has(k)) continue;
      this.loggedFailures.add(k);
      this.ctx().error(pick(msg('internal-error', { rule: f.ruleId, error: f.error }), 'en'));
    }
  }

  private deliver(entry: Entry, seq: number): void {
    const a = entry.analysis;
    const prev = this.delivered.get(a.uri);
    const ident = a.isReport ? `${a.year ?? ''}|${a.agencyKey ?? ''}` : '';
    this.delivered.set(a.uri, { seq, version: a.version, ident });
    this.logFailures(a);
    for (const l of this.listeners) {
      try {
        l(a, entry.resultId);
      } catch (e) {
        this.ctx().error(`listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    // cross-year pairing: a changed report can change the findings of the next year's report
    if (!prev || prev.version !== a.version) {
      const dependents: string[] = [];
      const identChanged = (prev ? prev.ident : '') !== ident;
      for (const [uri, e] of this.cache) {
        if (uri === a.uri) continue;
        // the previous year's report changed; or another agency's report of the same year (cross-report-copy)
        const sameYear = a.isReport && e.analysis.isReport && a.year !== undefined && e.analysis.year === a.year && e.analysis.agencyKey !== a.agencyKey;
        if (e.analysis.previousYear?.uri === a.uri || (identChanged && e.analysis.isReport) || sameYear) dependents.push(uri);
      }
      if (dependents.length) {
        for (const u of dependents) this.invalidate(u);
        this.onDependentsChanged(dependents);
      }
    }
  }
}
