/**
 * Where analyses run. `WorkerAnalyzer` runs the report service in a worker thread, one job at a time: the
 * server's message loop never waits on a parse (a 10 MB document takes seconds), a job whose document has
 * changed meanwhile is dropped before it starts or, when it runs long, stopped by terminating the worker, and a
 * job over the time budget is stopped the same way. `InlineAnalyzer` runs the same service on the main thread
 * (analyzer-common.ts: the fallback when no worker can be started, and the web-worker server's analyzer).
 */

import { Worker } from 'node:worker_threads';
import type { ExportFormat } from '../core';
import type { AnalyzeInput, Analysis, ViewRequest } from './service';
import { TextSender, type WireText } from './text-delta';
import { isPackedSymbols, unpackSymbols, type PackedSymbols } from './symbol-codec';
import { AnalysisTimeout, type Analyzer, type AnalyzerOptions, type CandidateText, type ViewAnswer } from './analyzer-common';

export * from './analyzer-common';

// ------------------------------------------------------------------ worker protocol

export type WorkerRequest =
  | { id: number; op: 'analyze'; input: AnalyzeInput }
  | { id: number; op: 'view'; uri: string; version: number; key: string; req: ViewRequest; input?: AnalyzeInput }
  | { id: number; op: 'export'; text: string; format: ExportFormat }
  | { op: 'candidates'; upserts: readonly CandidateText[]; removes: readonly string[] }
  | { op: 'forget'; uri: string };

/**
 * What is posted to the worker: a request whose input's text is left out (`text: ''`) and sent as `wire`, the change
 * since the text posted last for that document (text-delta.ts).
 */
export type PostedRequest =
  | { id: number; op: 'analyze'; input: AnalyzeInput; wire: WireText }
  | { id: number; op: 'view'; uri: string; version: number; key: string; req: ViewRequest; input?: AnalyzeInput; wire?: WireText }
  | { id: number; op: 'export'; text: string; format: ExportFormat }
  | { op: 'candidates'; upserts: readonly CandidateText[]; removes: readonly string[] }
  | { op: 'forget'; uri: string };

export type WorkerResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string } | { ready: true };

/** Marker in `workerData` that makes the server bundle start as an analysis worker. */
export const WORKER_FLAG = 'govreportAnalysisWorker';

interface Job {
  readonly id: number;
  readonly message: WorkerRequest;
  readonly isStale?: () => boolean;
  readonly budget: boolean;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

export class WorkerAnalyzer implements Analyzer {
  private worker: Worker | undefined;
  /** When the current worker had loaded (the time budget counts from then, not from its start-up). */
  private readyAt: number | undefined;
  private readonly queue: Job[] = [];
  private running: { job: Job; started: number; timer: NodeJS.Timeout } | undefined;
  private nextId = 1;
  /** Candidate texts, kept to restore a restarted worker. */
  private readonly candidates = new Map<string, CandidateText>();
  private disposed = false;
  private readonly budgetMs: number;
  private readonly staleKillMs: number;
  /** The texts posted to the current worker (a new worker starts with none). */
  private sender = new TextSender();

  constructor(
    private readonly script: string,
    private readonly options: AnalyzerOptions = {},
  ) {
    this.budgetMs = options.budgetMs ?? 20_000;
    this.staleKillMs = options.staleKillMs ?? 300;
  }

  private log(m: string): void {
    this.options.log?.(m);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script, { workerData: { [WORKER_FLAG]: true } });
    this.sender = new TextSender();
    w.unref();
    this.readyAt = undefined;
    w.on('message', (m: WorkerResponse) => this.onMessage(w, m));
    w.on('error', (e) => {
      this.log(`analysis worker failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      this.restart(w, new Error(`analysis worker failed: ${e instanceof Error ? e.message : String(e)}`));
    });
    w.on('exit', (code) => {
      if (this.worker === w && !this.disposed) {
        this.log(`analysis worker exited (${code})`);
        this.restart(w, new Error(`analysis worker exited (${code})`));
      }
    });
    this.worker = w;
    if (this.candidates.size) w.postMessage({ op: 'candidates', upserts: [...this.candidates.values()], removes: [] } satisfies WorkerRequest);
    return w;
  }

  /** Drops the worker (after a failure, a timeout or a stale long job); the running job is settled by the caller. */
  private restart(w: Worker, error?: Error): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    void w.terminate().catch(() => undefined);
    const run = this.running;
    if (run) {
      clearInterval(run.timer);
      this.running = undefined;
      if (error) run.job.reject(error);
    }
    this.pump();
  }

  private onMessage(w: Worker, m: WorkerResponse): void {
    if (w !== this.worker) return;
    if ('ready' in m) {
      this.readyAt = Date.now();
      return;
    }
    const run = this.running;
    if (!run || run.job.id !== m.id) return;
    clearInterval(run.timer);
    this.running = undefined;
    if (m.ok) run.job.resolve(m.result);
    else {
      // the next text of this document goes whole, whatever the worker kept
      const jm = run.job.message;
      if (jm.op === 'analyze' || (jm.op === 'view' && jm.input)) this.sender.forget(jm.op === 'analyze' ? jm.input.uri : jm.uri);
      run.job.reject(new Error(m.error));
    }
    this.pump();
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    let job: Job | undefined;
    while ((job = this.queue.shift())) {
      if (job.isStale?.()) {
        job.resolve(undefined);
        continue;
      }
      break;
    }
    if (!job) return;
    let w: Worker;
    try {
      w = this.ensureWorker();
      w.postMessage(this.posted(job.message));
    } catch (e) {
      job.reject(e);
      this.pump();
      return;
    }
    const started = Date.now();
    const current = job;
    const timer = setInterval(() => {
      const now = Date.now();
      const elapsed = now - started;
      // the budget times the work, not the start-up of a fresh worker
      const working = this.readyAt === undefined ? 0 : now - Math.max(started, this.readyAt);
      if (current.isStale?.() && elapsed >= this.staleKillMs) {
        this.log(`stopping a stale analysis after ${elapsed} ms`);
        current.resolve(undefined);
        this.restart(w);
      } else if (current.budget && working >= this.budgetMs) {
        this.log(`stopping an analysis after ${working} ms (budget ${this.budgetMs} ms)`);
        current.reject(new AnalysisTimeout(Math.round(this.budgetMs / 1000)));
        this.restart(w);
      }
    }, 50);
    timer.unref();
    this.running = { job: current, started, timer };
  }

  /** A request as posted: an input's text as the change since the last one (text-delta.ts). */
  private posted(m: WorkerRequest): PostedRequest {
    if (m.op === 'analyze') return { ...m, input: { ...m.input, text: '' }, wire: this.sender.encode(m.input.uri, m.input.text, !m.input.closed) };
    if (m.op === 'view' && m.input) return { ...m, input: { ...m.input, text: '' }, wire: this.sender.encode(m.input.uri, m.input.text, !m.input.closed) };
    return m;
  }

  private submit<T>(message: WorkerRequest & { id: number }, isStale?: () => boolean, budget = true): Promise<T> {
    if (this.disposed) return Promise.reject(new Error('analyzer disposed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: message.id, message, isStale, budget, resolve: resolve, reject });
      this.pump();
    });
  }

  analyze(input: AnalyzeInput, isStale: () => boolean): Promise<Analysis | undefined> {
    // a newer job for the same document makes queued older ones stale; they are dropped when their turn comes
    return this.submit<Analysis | undefined>({ id: this.nextId++, op: 'analyze', input }, isStale);
  }

  async view(uri: string, version: number, key: string, req: ViewRequest, input?: AnalyzeInput): Promise<ViewAnswer> {
    const answer = await this.submit<ViewAnswer | { miss: false; result: PackedSymbols }>({ id: this.nextId++, op: 'view', uri, version, key, req, input });
    // the worker packs the outline (worker.ts)
    return !answer.miss && isPackedSymbols(answer.result) ? { miss: false, result: unpackSymbols(answer.result) } : (answer as ViewAnswer);
  }

  exportText(text: string, format: ExportFormat): Promise<string> {
    return this.submit<string>({ id: this.nextId++, op: 'export', text, format });
  }

  setCandidates(upserts: readonly CandidateText[], removes: readonly string[]): void {
    for (const r of removes) this.candidates.delete(r);
    for (const u of upserts) this.candidates.set(u.uri, u);
    if (this.worker && (upserts.length || removes.length)) this.worker.postMessage({ op: 'candidates', upserts, removes } satisfies WorkerRequest);
  }

  forgetOpen(uri: string): void {
    this.sender.forget(uri);
    this.worker?.postMessage({ op: 'forget', uri } satisfies WorkerRequest);
  }

  dispose(): void {
    this.disposed = true;
    const w = this.worker;
    this.worker = undefined;
    if (this.running) {
      clearInterval(this.running.timer);
      this.running.job.reject(new Error('analyzer disposed'));
      this.running = undefined;
    }
    for (const j of this.queue.splice(0)) j.reject(new Error('analyzer disposed'));
    if (w) void w.terminate().catch(() => undefined);
  }
}
