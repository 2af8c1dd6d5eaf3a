/** Helpers of the CLI suites: run the real bundled command as a child process, temp folders, fixture edits. */

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { ROOT, SEEDS, type Expected } from '../helpers';

export const BIN = path.join(ROOT, 'bin', 'govreport-lint.js');
export const BUNDLE = path.join(ROOT, 'server', 'out', 'cli.js');

export const SEED_000 = '000_05e50274e597e28a.txt';
export const SEED_001 = '001_0ce65c396658d36e.txt';
export const SEED_002 = '002_1e18ee42ea4018a5.txt';
export const SEED_004 = '004_7590363eed79dbcf.txt';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** Runs `node bin/govreport-lint.js …args` (the bundle must have been built by `node scripts/build.mjs`). */
export function cli(args: readonly string[], o: RunOptions = {}): RunResult {
  assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing: run node scripts/build.mjs before the CLI tests`);
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.NODE_TEST_CONTEXT; // the child is no test runner
  Object.assign(env, o.env ?? {});
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: o.cwd ?? ROOT, env: env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface JsonMessage {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  encoding: string;
  fixed?: { ruleId: string; line: number; message: string }[];
}

export function cliJson(args: readonly string[], o: RunOptions = {}): { status: number | null; results: JsonResult[]; stderr: string } {
  const r = cli(['--format', 'json', ...args], o);
  let results: JsonResult[];
  try {
    results = JSON.parse(r.stdout) as JsonResult[];
  } catch {
    throw new assert.AssertionError({ message: `stdout is not JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}` });
  }
  return { status: r.status, results, stderr: r.stderr };
}

export function byBase(results: readonly JsonResult[], base: string): JsonResult {
  const r = results.find((x) => path.basename(x.filePath) === base);
  assert.ok(r, `no result for ${base} among ${results.map((x) => path.basename(x.filePath)).join(', ')}`);
  return r;
}

export function tempDir(t: { after: (fn: () => void) => void }): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-cli-'));
  t.after(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

export function seedText(name: string): string {
  return fs.readFileSync(path.join(SEEDS, name), 'utf8');
}

export function expectedOf(name: string): Expected[] {
  return JSON.parse(fs.readFileSync(path.join(SEEDS, name.replace(/\.txt$/, '.expected.json')), 'utf8')) as Expected[];
}

/** rule@line keys, sorted (what the seed expectations state). */
export function keys(messages: readonly { ruleId: string; line: number }[]): string[] {
  return messages.map((m) => `${m.ruleId}@${m.line}`).sort();
}

export function expectedKeys(name: string): string[] {
  return expectedOf(name).map((e) => `${e.rule}@${e.line}`).sort();
}

/** Position-exact keys, for comparing the same report in different encodings. */
export function exactKeys(messages: readonly JsonMessage[]): string[] {
  return messages.map((m) => `${m.ruleId}@${m.line}:${m.column}-${m.endLine}:${m.endColumn}/${m.severity}`);
}

/**
 * Replaces `from` by `to` on 1-based line `line` of text split on `\n` (exactly one occurrence required, so a
 * changed fixture fails loudly instead of silently testing nothing).
 */
export function replaceOnLine(lines: string[], line: number, from: string, to: string): void {
  const l = lines[line - 1];
  assert.ok(l !== undefined, `line ${line} missing`);
  const at = l.indexOf(from);
  assert.ok(at >= 0 && l.indexOf(from, at + 1) < 0, `expected exactly one “${from}” on line ${line}: ${JSON.stringify(l)}`);
  lines[line - 1] = l.slice(0, at) + to + l.slice(at + from.length);
}

/** Seed 000 after `--fix`: the five safe fixes of its findings, nothing else. */
export function seed000Fixed(): string {
  const lines = seedText(SEED_000).split('\n');
  replaceOnLine(lines, 2, '—、', '一、');
  replaceOnLine(lines, 16, '主动公开政府信息情况统计表', '主动公开政府信息情况');
  replaceOnLine(lines, 350, '因政府信息公开工作被申请行政复议、提起行政诉讼情况', '政府信息公开行政复议、行政诉讼情况');
  replaceOnLine(lines, 351, '政复议', '行政复议');
  replaceOnLine(lines, 410, '（3）', '（三）');
  return lines.join('\n');
}

/** Seed 001 after `--fix`: brackets, the missing section-四 heading inserted before line 97, the heading variant. */
export function seed001Fixed(): string {
  const lines = seedText(SEED_001).split('\n');
  replaceOnLine(lines, 11, '(一)', '（一）');
  replaceOnLine(lines, 15, '(二)', '（二）');
  replaceOnLine(lines, 100, '存在的主要问题及下一步工作打算', '存在的主要问题及改进情况');
  lines.splice(96, 0, '四、政府信息公开行政复议、行政诉讼情况');
  return lines.join('\n');
}
