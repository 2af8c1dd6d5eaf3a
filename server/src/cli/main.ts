/**
 * `govreport-lint` command line: a thin adapter over the core.
 *
 *   inputs → files (files.ts) → checkFile per file (check.ts: decode, lint, fix), in worker threads (pool.ts) or
 *   in-process → pairing of consecutive years (core/pairing.ts) → the paired files checked again with their partners
 *   → formatter (stylish / json / sarif) → exit code.
 *
 * Cross-year pairing needs the titles of all files, which are only known once the files are parsed, so checking
 * runs in two phases: every file is checked alone (which also yields its reports' agency keys and years), then
 * the files that hold the current year of a pair are checked again with their previous-year files. Both phases
 * run `checkFileSafely` on the same inputs whether in-process or in a worker, so the output does not depend on
 * `--jobs`. `--fix` writes files and a paired check reads other files, so `--fix` stays in-process and pairs
 * first (from a parse of every file, before anything is written), as the fixes of one file must not race with the
 * reading of another.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pairFiles, parseDocument, pick, reportKey, type Lang, type ReportKey } from '../core';
import { ruleDocsDir } from '../rule-docs-dir';
import { errorLanguage, helpText, parseCliArgs, UsageError, type CliOptions } from './args';
import { boundHeapGrowth, checkFileSafely, countMessages, endRun, loadFile, startRun, type CheckOptions, type FileResult, type KeyedResult } from './check';
import { expandInputs, type InputProblem } from './files';
import { formatCsv } from './format-csv';
import { formatHtml } from './format-html';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatStylish } from './format-stylish';
import { t } from './messages';
import { CheckPool, PoolStartupError, type PoolTask } from './pool';
import { configFor, loadConfigFile, type LoadedConfig } from '../shared/project-config';
import type { ConfigProblem } from '../core';

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

function configProblemText(lang: Lang, p: ConfigProblem): string {
  switch (p.kind) {
    case 'json':
      return t(lang, 'config.json', { detail: p.detail });
    case 'not-object':
      return t(lang, 'config.not-object');
    case 'unknown-key':
      return t(lang, 'config.unknown-key', { key: p.key });
    case 'unknown-rule':
      return t(lang, 'config.unknown-rule', { rule: p.rule });
    case 'bad-level':
      return t(lang, 'config.bad-level', { rule: p.rule, value: p.value });
    case 'bad-suppression':
      return t(lang, 'config.bad-suppression', { n: p.index + 1 });
  }
}

/**
 * Reports the problems of the configuration files that apply to the files (each file once); true when one could
 * not be applied at all (unreadable, not JSON, not an object).
 */
function reportConfigs(files: readonly string[], options: CliOptions, io: CliIo): boolean {
  const { lang } = options;
  if (options.config.kind === 'file' && !loadConfigFile(path.resolve(io.cwd, options.config.file))) {
    io.stderr(`govreport-lint: ${t(lang, 'config.unreadable', { path: path.resolve(io.cwd, options.config.file) })}\n`);
    return true;
  }
  const seen = new Set<LoadedConfig>();
  const lookups = new Map<string, string | undefined>();
  let broken = false;
  for (const file of files) {
    const c = configFor(file, options.config, lookups);
    if (!c || seen.has(c)) continue;
    seen.add(c);
    for (const p of c.problems) {
      io.stderr(`govreport-lint: ${t(lang, 'config.problem', { path: c.file, problem: configProblemText(lang, p) })}\n`);
      if (p.kind === 'json' || p.kind === 'not-object') broken = true;
    }
  }
  return broken;
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
    case 'not-regular':
      return t(lang, 'input.not-regular', { path: p.path, type: t(lang, `file-type.${p.type}`) });
  }
}

/**
 * The pairing keys of a file's reports, from a parse of its text (none for unreadable or binary files, nor when
 * reading it throws: its own check then reports that).
 */
function fileKeys(file: string): ReportKey[] {
  try {
    const l = loadFile(file);
    return l.kind === 'text' ? parseDocument(l.decoded.text).map(reportKey) : [];
  } catch {
    return [];
  }
}

/**
 * For every file, the other checked files that hold the same agency's previous-year report of one of its reports
 * (a file can hold several concatenated reports), by parsing every file. Pairs inside one file are found by
 * `checkFile` itself.
 */
export function pairPreviousYears(files: readonly string[]): Map<string, string[]> {
  if (files.length < 2) return new Map();
  return pairFiles(files.map((file) => ({ path: file, keys: fileKeys(file) })));
}

/** Below this many files the CLI checks in-process: starting workers would cost more than it saves. */
export const MIN_FILES_FOR_WORKERS = 64;
/** At most one worker per this many files. */
const FILES_PER_WORKER = 32;

/** Worker threads used for `files` files with `--jobs` (undefined: one per CPU); 0 or 1 = in-process. */
export function workerCount(jobs: number | undefined, files: number, fix: boolean): number {
  const wanted = jobs ?? os.availableParallelism();
  if (fix || wanted <= 1 || files < MIN_FILES_FOR_WORKERS) return 0;
  return Math.min(wanted, Math.ceil(files / FILES_PER_WORKER));
}

/** The worker script next to this module: server/out/cli-worker.js beside the bundle, worker.js beside tsc output. */
function workerScript(): string | undefined {
  for (const name of ['cli-worker.js', 'worker.js']) {
    const p = path.join(__dirname, name);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

type Phase = (tasks: readonly PoolTask[]) => Promise<KeyedResult[]>;

/**
 * Checks the files (see the header of this module for the two phases) and returns one result per file, in the
 * order of `files`. `jobs` as `--jobs`.
 */
export async function checkAll(files: readonly string[], options: Omit<CheckOptions, 'pairWith'>, jobs?: number): Promise<FileResult[]> {
  startRun();
  try {
    return await checkAllInRun(files, options, jobs);
  } finally {
    endRun();
  }
}

async function checkAllInRun(files: readonly string[], options: Omit<CheckOptions, 'pairWith'>, jobs?: number): Promise<FileResult[]> {
  if (files.length >= MIN_FILES_FOR_WORKERS) boundHeapGrowth();
  if (options.fix) {
    const pairs = pairPreviousYears(files);
    const out: FileResult[] = [];
    for (const file of files) out.push((await checkFileSafely(file, { ...options, pairWith: pairs.get(file) })).result);
    return out;
  }
  const inProcess: Phase = async (tasks) => {
    const out: KeyedResult[] = [];
    for (const task of tasks) out.push(await checkFileSafely(task.file, { ...options, pairWith: task.pairWith }));
    return out;
  };
  const workers = workerCount(jobs, files.length, options.fix);
  const script = workers > 1 ? workerScript() : undefined;
  let pool = script ? new CheckPool(script, workers, options) : undefined;
  const phase: Phase = async (tasks) => {
    if (!pool) return inProcess(tasks);
    try {
      return await pool.run(tasks);
    } catch (e) {
      // workers that cannot even start (no threads, a broken installation): check in-process instead
      if (!(e instanceof PoolStartupError)) throw e;
      await pool.close();
      pool = undefined;
      return inProcess(tasks);
    }
  };
  try {
    const first = await phase(files.map((file) => ({ file })));
    const results = first.map((k) => k.result);
    if (files.length < 2) return results;
    const pairs = pairFiles(files.map((file, i) => ({ path: file, keys: first[i].keys })));
    const again = files.flatMap((file, i) => (pairs.has(file) ? [i] : []));
    const second = await phase(again.map((i) => ({ file: files[i], pairWith: pairs.get(files[i]) })));
    again.forEach((fileIndex, k) => (results[fileIndex] = second[k].result));
    return results;
  } finally {
    await pool?.close();
  }
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
    io.stdout(helpText(lang, options.langGiven, ruleDocsDir()) + '\n');
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
  const config = options.config.kind === 'file' ? { kind: 'file' as const, file: path.resolve(io.cwd, options.config.file) } : options.config;
  if (reportConfigs(files, { ...options, config }, io)) return EXIT_USAGE;

  const all = await checkAll(
    files,
    {
      rules: options.rules,
      config,
      fix: options.fix,
      fixSeverities: options.quiet ? ['error'] : undefined,
      grids: options.format === 'html',
      keepText: options.printText,
      repetitionThreshold: options.repetitionThreshold,
    },
    options.jobs,
  );

  if (options.printText) return printTexts(all, files.length > 1, io, lang);

  const results: FileResult[] = [];
  let warnings = 0;
  for (const r of all) {
    if (r.readError !== undefined) {
      io.stderr(`govreport-lint: ${t(lang, 'input.unreadable', { path: r.filePath, reason: r.readError })}\n`);
      failed = true;
      continue;
    }
    if (r.internalError !== undefined) {
      io.stderr(`govreport-lint: ${pick(r.internalError, lang)}\n`);
      failed = true;
      continue;
    }
    if (r.original) {
      for (const n of r.original.notices) io.stderr(`govreport-lint: ${displayName(r.filePath, io.cwd)}: ${lang === 'en' ? n.en : n.zh}\n`);
      if (r.original.unread) {
        if (r.original.notices.length === 0) io.stderr(`govreport-lint: ${t(lang, 'original.unread', { path: r.filePath })}\n`);
        failed = true;
        continue;
      }
      if (r.original.fixRefused) io.stderr(`govreport-lint: ${t(lang, 'original.never-written', { path: r.filePath })}\n`);
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
      text = formatSarif(results, { lang, cwd: io.cwd, version: packageVersion(), docsDir: ruleDocsDir() });
      break;
    case 'html':
      text = formatHtml(results, { lang, cwd: io.cwd, version: packageVersion() });
      break;
    case 'csv':
      text = formatCsv(results, { lang, cwd: io.cwd });
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

function displayName(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/**
 * `--print-text`: the text the checker read from each file (an original's text as its reader produced it), on
 * standard output, to be saved and opened in the editor; `==> file <==` headers when there are several files.
 * Reader notices and unreadable files go to standard error. Exit code 2 when a file could not be read.
 */
function printTexts(results: readonly FileResult[], headers: boolean, io: CliIo, lang: Lang): number {
  let failed = false;
  for (const r of results) {
    if (r.readError !== undefined || r.internalError !== undefined) {
      io.stderr(`govreport-lint: ${r.readError !== undefined ? t(lang, 'input.unreadable', { path: r.filePath, reason: r.readError }) : pick(r.internalError!, lang)}\n`);
      failed = true;
      continue;
    }
    for (const n of r.original?.notices ?? []) io.stderr(`govreport-lint: ${displayName(r.filePath, io.cwd)}: ${lang === 'en' ? n.en : n.zh}\n`);
    if (r.original?.unread) failed = true;
    if (headers) io.stdout(`==> ${displayName(r.filePath, io.cwd)} <==\n`);
    const text = r.text ?? '';
    io.stdout(text.endsWith('\n') || text === '' ? text : text + '\n');
  }
  return failed ? EXIT_USAGE : EXIT_OK;
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
