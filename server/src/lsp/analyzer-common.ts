/**
 * Where analyses run, without Node: the interface every analyzer implements, `InlineAnalyzer` (the report service
 * on the calling thread: the fallback on Node, and the way the web-worker server checks) and `LaneAnalyzer`
 * (large documents apart). The worker-thread analyzer of the Node server is in analyzer.ts.
 */

import type { ExportFormat, Rule } from '../core';
import { ReportService, type Analysis, type AnalyzeInput, type ViewRequest, type ViewResult } from './service';

export type ViewAnswer = { miss: true } | { miss: false; result: ViewResult };

export interface CandidateText {
  readonly uri: string;
  readonly name?: string;
  readonly stamp: string;
  readonly text: string;
}

export class AnalysisTimeout extends Error {
  constructor(readonly seconds: number) {
    super(`analysis stopped after ${seconds} s`);
  }
}

export interface Analyzer {
  /** Resolves undefined when the job was dropped because `isStale()` became true. */
  analyze(input: AnalyzeInput, isStale: () => boolean): Promise<Analysis | undefined>;
  /** A view of an analysis held by the analyzer; with `input`, a missing analysis is redone first. */
  view(uri: string, version: number, key: string, req: ViewRequest, input?: AnalyzeInput): Promise<ViewAnswer>;
  exportText(text: string, format: ExportFormat): Promise<string>;
  setCandidates(upserts: readonly CandidateText[], removes: readonly string[]): void;
  forgetOpen(uri: string): void;
  dispose(): void;
}

export interface AnalyzerOptions {
  /** The rules to run (default: the core's registry); only for analyzers on the calling thread. */
  readonly ruleSet?: readonly Rule[];
  /** Stop an analysis that runs longer than this (ms). */
  readonly budgetMs?: number;
  /** A stale job running longer than this (ms) is stopped by restarting the worker. */
  readonly staleKillMs?: number;
  readonly log?: (message: string) => void;
}

/** One turn of the event loop (`setImmediate` on Node; browsers and web workers have only timers). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((r) => (typeof setImmediate === 'function' ? setImmediate(r) : setTimeout(r, 0)));
}

/** The same service on the calling thread. */
export class InlineAnalyzer implements Analyzer {
  private readonly service: ReportService;
  constructor(options: AnalyzerOptions = {}) {
    this.service = new ReportService({ ruleSet: options.ruleSet });
  }
  async analyze(input: AnalyzeInput, isStale: () => boolean): Promise<Analysis | undefined> {
    // let queued messages (a newer version, a cancellation) arrive first: a stale job is dropped unrun
    await yieldToEventLoop();
    if (isStale()) return undefined;
    return this.service.analyze(input);
  }
  async view(uri: string, version: number, key: string, req: ViewRequest, input?: AnalyzeInput): Promise<ViewAnswer> {
    return this.service.view(uri, version, key, req, input);
  }
  async exportText(text: string, format: ExportFormat): Promise<string> {
    return this.service.exportText(text, format);
  }
  setCandidates(upserts: readonly CandidateText[], removes: readonly string[]): void {
    this.service.setCandidates(upserts, removes);
  }
  forgetOpen(uri: string): void {
    this.service.forgetOpen(uri);
  }
  dispose(): void {}
}

/**
 * Two lanes: documents above `threshold` characters are analysed by their own worker, so hovers and symbols of
 * ordinary reports never wait behind a multi-megabyte document. A document's views go to the lane that holds
 * its last analysis.
 */
export class LaneAnalyzer implements Analyzer {
  private readonly lane = new Map<string, Analyzer>();

  constructor(
    private readonly small: Analyzer,
    private readonly large: Analyzer,
    private readonly threshold = 512 * 1024,
  ) {}

  private pick(length: number): Analyzer {
    return length > this.threshold ? this.large : this.small;
  }

  analyze(input: AnalyzeInput, isStale: () => boolean): Promise<Analysis | undefined> {
    const target = this.pick(input.text.length);
    if (!input.closed) {
      const old = this.lane.get(input.uri);
      if (old && old !== target) old.forgetOpen(input.uri);
      this.lane.set(input.uri, target);
    }
    return target.analyze(input, isStale);
  }

  view(uri: string, version: number, key: string, req: ViewRequest, input?: AnalyzeInput): Promise<ViewAnswer> {
    const target = input && !input.closed ? this.pick(input.text.length) : this.lane.get(uri) ?? this.small;
    if (input) this.lane.set(uri, target);
    return target.view(uri, version, key, req, input);
  }

  exportText(text: string, format: ExportFormat): Promise<string> {
    return this.pick(text.length).exportText(text, format);
  }

  setCandidates(upserts: readonly CandidateText[], removes: readonly string[]): void {
    this.small.setCandidates(upserts, removes);
    this.large.setCandidates(upserts, removes);
  }

  forgetOpen(uri: string): void {
    (this.lane.get(uri) ?? this.small).forgetOpen(uri);
    this.lane.delete(uri);
  }

  dispose(): void {
    this.small.dispose();
    this.large.dispose();
  }
}
