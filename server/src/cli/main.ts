/**
 * `govreport-lint` command line: a thin adapter over the core.
 *
 *   inputs → files (files.ts) → pairing of consecutive years (core/workspace.ts) → checkFile per file
 *   (check.ts: decode, lint, fix) → formatter (stylish / json / sarif) → exit code.
 *
 * Files are checked sequentially; `checkFile` takes a path and plain options and returns plain data, so a worker
 * pool can replace the loop in `checkAll` without touching anything else.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { findPreviousYear, type Lang, type Report } from '../core';
import { errorLanguage, helpText, parseCliArgs, UsageError, type CliOptions } from './args';
import { checkFile, countMessages, loadReports, type CheckOptions, type FileResult } from './check';
import { expandInputs, type InputProblem } from './files';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatStylish } from './format-stylish';
import { t } from './messages';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTTY: boolean;
}

function packageVersion(): string {
  // server/out/cli.js (bundle) and out/server/src/cli/main.js (tsc) both sit below the repository root
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const p = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'govreport-lint' && pkg.version) return pkg.version;
    } catch {
      // not here
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}

function problemText(lang: Lang, p: InputProblem): string {
  switch (p.kind) {
    case 'missing':
      return t(lang, 'input.missing', { path: p.path });
    case 'unreadable':
      return t(lang, 'input.unreadable', { path: p.path, reason: p.reason });
    case 'no-match':
      return t(lang, 'input.no-match', { pattern: p.pattern });
    case 'empty-dir':
      return t(lang, 'input.empty-dir', { path: p.path });
  }
}

/**
 * For every file, the other checked files that hold the same agency's previous-year report of one of its reports
 * (a file can hold several concatenated reports). Only needed when more than one file is checked; pairs inside
 * one file are found by `checkFile` itself.
 */
export function pairPreviousYears(files: readonly string[]): Map<string, string[]> {
  const pairs = new Map<string, string[]>();
  if (files.length < 2) return pairs;
  const candidates: { report: Report; path: string }[] = [];
  for (const file of files) for (const report of loadReports(file)) candidates.push({ report, path: file });
  for (const c of candidates) {
    const prev = findPreviousYear(c.report, candidates);
    if (!prev || prev.path === c.path) continue;
    const list = pairs.get(c.path) ?? [];
    if (!list.includes(prev.path)) list.push(prev.path);
    pairs.set(c.path, list);
  }
  return pairs;
}

/** Checks the files one after the other (the place for a worker pool). */
export function checkAll(files: readonly string[], options: Omit<CheckOptions, 'pairWith'>): FileResult[] {
  const pairs = pairPreviousYears(files);
  return files.map((file) => checkFile(file, { ...options, pairWith: pairs.get(file) }));
}

function useColor(io: CliIo, toFile: boolean): boolean {
  if (toFile) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return io.stdoutIsTTY;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      const lang = errorLanguage(argv);
      io.stderr(`govreport-lint: ${e.message}\n${e.message.includes('--help') ? '' : t(lang, 'usage.help-hint') + '\n'}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const { lang } = options;
  if (options.help) {
    io.stdout(helpText(lang, options.langGiven) + '\n');
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(packageVersion() + '\n');
    return EXIT_OK;
  }

  let failed = false;
  const { files, problems } = await expandInputs(options.inputs, io.cwd);
  for (const p of problems) io.stderr(`govreport-lint: ${problemText(lang, p)}\n`);
  if (problems.length) failed = true;
  if (files.length === 0) return EXIT_USAGE;

  const all = checkAll(files, {
    rules: options.rules,
    fix: options.fix,
    fixSeverities: options.quiet ? ['error'] : undefined,
  });

  const results: FileResult[] = [];
  let warnings = 0;
  for (const r of all) {
    if (r.readError !== undefined) {
      io.stderr(`govreport-lint: ${t(lang, 'input.unreadable', { path: r.filePath, reason: r.readError })}\n`);
      failed = true;
      continue;
    }
    for (const f of r.failures) io.stderr(`govreport-lint: ${t(lang, 'internal', { rule: f.ruleId, path: r.filePath, error: f.error })}\n`);
    if (r.fixNotWritten) {
      io.stderr(`govreport-lint: ${lang === 'en' ? r.fixNotWritten.en : r.fixNotWritten.zh}\n`);
      failed = true;
    }
    warnings += countMessages(r.messages).warningCount;
    results.push(options.quiet ? { ...r, messages: r.messages.filter((m) => m.severity === 'error') } : r);
  }

  const toFile = options.outputFile !== undefined;
  let text: string;
  switch (options.format) {
    case 'json':
      text = formatJson(results, lang, options.fix);
      break;
    case 'sarif':
      text = formatSarif(results, { lang, cwd: io.cwd, version: packageVersion() });
      break;
    default:
      text = formatStylish(results, { lang, color: useColor(io, toFile), cwd: io.cwd, fixMode: options.fix });
  }
  if (options.outputFile !== undefined) {
    const target = path.resolve(io.cwd, options.outputFile);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    } catch (e) {
      io.stderr(`govreport-lint: ${t(lang, 'output.unwritable', { path: target, reason: e instanceof Error ? e.message : String(e) })}\n`);
      return EXIT_USAGE;
    }
  } else {
    io.stdout(text);
  }

  const errors = results.reduce((n, r) => n + countMessages(r.messages).errorCount, 0);
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) io.stderr(`govreport-lint: ${t(lang, 'too-many-warnings', { count: warnings, max: options.maxWarnings ?? 0 })}\n`);
  if (failed) return EXIT_USAGE;
  return errors > 0 || tooManyWarnings ? EXIT_PROBLEMS : EXIT_OK;
}

/** Entry point of the bundle (`bin/govreport-lint.js` calls it). Sets the exit code; never calls process.exit. */
export function run(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    // a closed pipe (`| head`) is not an error of the checker
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const io: CliIo = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
  };
  return runCli(argv, io).then(
    (code) => {
      process.exitCode = code;
      return code;
    },
    (e: unknown) => {
      process.stderr.write(`govreport-lint: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = EXIT_USAGE;
      return EXIT_USAGE;
    },
  );
}

if (require.main === module) void run();
