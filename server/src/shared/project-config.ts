/**
 * Finding and reading `.govreportrc.json` on Node, for the CLI and the Node language server: the nearest file
 * upward from a checked file's folder (or a given file), parsed once per change of the file (modification time
 * and size), and its suppressions matched against a checked file's path relative to the configuration's folder.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, parseProjectConfig, RULE_METAS, type ConfigProblem, type ProjectConfig } from '../core';
import { matchFile } from './glob';

export interface LoadedConfig {
  /** Absolute path of the file. */
  readonly file: string;
  readonly config: ProjectConfig;
  readonly problems: readonly ConfigProblem[];
}

const RULE_IDS: ReadonlySet<string> = new Set(RULE_METAS.map((m) => m.id));
const parsed = new Map<string, { readonly stamp: string; readonly loaded: LoadedConfig }>();

/** Reads and validates a configuration file; undefined when it cannot be read (missing, a folder, no access). */
export function loadConfigFile(file: string): LoadedConfig | undefined {
  const abs = path.resolve(file);
  let stamp: string;
  try {
    const st = fs.statSync(abs);
    if (!st.isFile()) return undefined;
    stamp = `${st.mtimeMs}:${st.size}`;
  } catch {
    return undefined;
  }
  const hit = parsed.get(abs);
  if (hit && hit.stamp === stamp) return hit.loaded;
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
  const { config, problems } = parseProjectConfig(text, RULE_IDS);
  const loaded: LoadedConfig = { file: abs, config, problems };
  parsed.set(abs, { stamp, loaded });
  return loaded;
}

/**
 * The nearest `.govreportrc.json` in `dir` or a folder above it. `memo` (folder → answer) spares a host that
 * checks many files of the same folders (the command line, during one run) the same look-ups again.
 */
export function findConfigFile(dir: string, memo?: Map<string, string | undefined>): string | undefined {
  const start = path.resolve(dir);
  if (memo?.has(start)) return memo.get(start);
  let d = start;
  let found: string | undefined;
  for (;;) {
    const candidate = path.join(d, CONFIG_FILE_NAME);
    try {
      if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) {
        found = candidate;
        break;
      }
    } catch {
      // not readable here (a folder without permission): not here
    }
    const up = path.dirname(d);
    if (up === d) break;
    if (memo?.has(up)) {
      found = memo.get(up);
      break;
    }
    d = up;
  }
  memo?.set(start, found);
  return found;
}

/** How a host chooses the configuration: the nearest file upward (default), a given file, or none. */
export type ConfigChoice = { readonly kind: 'search' } | { readonly kind: 'file'; readonly file: string } | { readonly kind: 'none' };

/** The configuration that applies to a checked file. */
export function configFor(filePath: string, choice: ConfigChoice = { kind: 'search' }, memo?: Map<string, string | undefined>): LoadedConfig | undefined {
  if (choice.kind === 'none') return undefined;
  if (choice.kind === 'file') return loadConfigFile(choice.file);
  const found = findConfigFile(path.dirname(path.resolve(filePath)), memo);
  return found ? loadConfigFile(found) : undefined;
}

/** The configuration's suppressions that apply to a file (rule and optional line). */
export function suppressionsFor(loaded: LoadedConfig | undefined, filePath: string): { rule: string; line?: number }[] {
  if (!loaded) return [];
  const abs = path.resolve(filePath);
  const rel = path.relative(path.dirname(loaded.file), abs).split(path.sep).join('/');
  const relative = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : undefined;
  return loaded.config.suppressions
    .filter((s) => matchFile(s.file, relative, abs))
    .map((s) => (s.line === undefined ? { rule: s.rule } : { rule: s.rule, line: s.line }));
}
