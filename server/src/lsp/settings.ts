/**
 * Settings (section `govreport`, docs/dev/contracts.md): read with `workspace/configuration` per resource,
 * cached per resource until `workspace/didChangeConfiguration`; defaults when the client cannot be asked.
 */

import type { Connection } from 'vscode-languageserver';
import type { Lang, RuleSetting } from '../core';

import type { Suppression } from '../shared/protocol';

export type { Suppression };

export interface Settings {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly language: 'auto' | 'zh' | 'en';
  readonly inlayHints: { readonly enabled: boolean };
  readonly debounceMs: number;
  readonly detect: 'auto' | 'off';
  readonly files: readonly string[];
  readonly suppressions: readonly Suppression[];
  /** Percent of repeated sentences from which `cross-year-repetition` / `cross-report-copy` report (0–100). */
  readonly repetitionThreshold: number;
}

export const DEFAULT_SETTINGS: Settings = {
  rules: {},
  language: 'auto',
  inlayHints: { enabled: true },
  debounceMs: 200,
  detect: 'auto',
  files: ['**/*年度报告*.txt', '**/*年报*.txt'],
  suppressions: [],
  repetitionThreshold: 50,
};

const RULE_SETTINGS = new Set(['off', 'error', 'warning', 'info']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates what the client sent; anything malformed falls back to its default (never throws). */
export function normalizeSettings(raw: unknown): Settings {
  const r = isObject(raw) ? raw : {};
  const rules: Record<string, RuleSetting> = {};
  if (isObject(r.rules)) {
    for (const [id, v] of Object.entries(r.rules)) if (typeof v === 'string' && RULE_SETTINGS.has(v)) rules[id] = v as RuleSetting;
  }
  const language = r.language === 'zh' || r.language === 'en' || r.language === 'auto' ? r.language : DEFAULT_SETTINGS.language;
  // `inlayHints.enabled` arrives nested from VS Code; accept the dotted key too (other clients send flat objects)
  const inlayRaw = isObject(r.inlayHints) ? r.inlayHints.enabled : r['inlayHints.enabled'];
  const inlayEnabled = typeof inlayRaw === 'boolean' ? inlayRaw : DEFAULT_SETTINGS.inlayHints.enabled;
  const debounceMs =
    typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs) ? Math.min(Math.max(0, Math.round(r.debounceMs)), 10_000) : DEFAULT_SETTINGS.debounceMs;
  const detect = r.detect === 'off' || r.detect === 'auto' ? r.detect : DEFAULT_SETTINGS.detect;
  const files = Array.isArray(r.files) ? r.files.filter((f): f is string => typeof f === 'string' && f !== '') : DEFAULT_SETTINGS.files;
  const suppressions: Suppression[] = [];
  if (Array.isArray(r.suppressions)) {
    for (const s of r.suppressions) {
      if (!isObject(s) || typeof s.file !== 'string' || typeof s.rule !== 'string' || !s.file || !s.rule) continue;
      const line = typeof s.line === 'number' && Number.isInteger(s.line) && s.line >= 1 ? s.line : undefined;
      suppressions.push(line === undefined ? { file: s.file, rule: s.rule } : { file: s.file, rule: s.rule, line });
    }
  }
  const repetitionThreshold =
    typeof r.repetitionThreshold === 'number' && Number.isFinite(r.repetitionThreshold) && r.repetitionThreshold >= 0 && r.repetitionThreshold <= 100
      ? r.repetitionThreshold
      : DEFAULT_SETTINGS.repetitionThreshold;
  return { rules, language, inlayHints: { enabled: inlayEnabled }, debounceMs, detect, files, suppressions, repetitionThreshold };
}

/** `auto` follows the client's display language (initialize `locale`): zh* → zh, another → en, none → zh. */
export function resolveLanguage(setting: Settings['language'], locale: string | undefined): Lang {
  if (setting !== 'auto') return setting;
  if (!locale) return 'zh';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/** A stable key of the settings that change analysis results (cache keys, result ids). */
export function settingsKey(s: Settings, lang: Lang): string {
  const rules = Object.keys(s.rules)
    .sort()
    .map((k) => `${k}=${s.rules[k]}`)
    .join(',');
  return `${lang}|${s.detect}|${s.inlayHints.enabled ? 1 : 0}|${s.repetitionThreshold}|${rules}`;
}

/** Per-resource settings with a cache, invalidated on `workspace/didChangeConfiguration`. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** Settings pushed with didChangeConfiguration (clients without `workspace/configuration`). */
  private global: Settings = DEFAULT_SETTINGS;
  /** Last settings resolved per resource (synchronous reads, e.g. the debounce delay). */
  private readonly last = new Map<string, Settings>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    private readonly log: (message: string) => void,
  ) {}

  /** The settings of a resource (document URI); asks the client once per resource until invalidated. */
  get(uri: string): Promise<Settings> {
    let p = this.cache.get(uri);
    if (!p) {
      p = this.fetch(uri);
      this.cache.set(uri, p);
    }
    return p;
  }

  /** The last known settings of a resource without waiting (defaults before the first answer). */
  peek(uri: string): Settings {
    return this.last.get(uri) ?? this.global;
  }

  private async fetch(uri: string): Promise<Settings> {
    let s = this.global;
    if (this.canPull()) {
      try {
        const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'govreport' });
        s = normalizeSettings(raw);
      } catch (e) {
        this.log(`workspace/configuration failed, using defaults: ${e instanceof Error ? e.message : String(e)}`);
        s = this.global;
      }
    }
    this.last.set(uri, s);
    return s;
  }

  /** didChangeConfiguration: forget cached settings; keep pushed ones when the client sent them. */
  invalidate(pushed?: unknown): void {
    this.cache.clear();
    if (isObject(pushed) && 'govreport' in pushed) this.global = normalizeSettings(pushed.govreport);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.last.delete(uri);
  }
}
