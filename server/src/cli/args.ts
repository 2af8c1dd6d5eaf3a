/**
 * Command-line arguments, parsed with Node's built-in `util.parseArgs` (no dependency) and validated into
 * `CliOptions`. Bad usage becomes a `UsageError` (exit code 2).
 */

import { parseArgs } from 'node:util';
import { RULE_METAS, type Lang, type RuleSetting } from '../core';
import { t } from './messages';
import type { ConfigChoice } from '../shared/project-config';

export type OutputFormat = 'stylish' | 'json' | 'sarif' | 'html' | 'csv';

export interface CliOptions {
  readonly inputs: readonly string[];
  readonly format: OutputFormat;
  readonly lang: Lang;
  /** True when `--lang` was given (help is bilingual otherwise). */
  readonly langGiven: boolean;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly fix: boolean;
  readonly quiet: boolean;
  readonly outputFile?: string;
  readonly maxWarnings?: number;
  /** `--jobs`: worker threads (undefined: one per CPU; 1: check in the main thread). */
  readonly jobs?: number;
  /** `--repetition-threshold`: percent of repeated sentences from which the repetition rules report (default 50). */
  readonly repetitionThreshold?: number;
  readonly help: boolean;
  readonly version: boolean;
  /** `--config <file>` / `--no-config` / the nearest `.govreportrc.json` above each file (default). */
  readonly config: ConfigChoice;
  /** `--print-text`: print the text read from each file (originals: as the readers read it) instead of checking. */
  readonly printText: boolean;
}

export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['stylish', 'json', 'sarif', 'html', 'csv'];
const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

function langOf(argv: readonly string[]): Lang {
  // the language of error messages, before the arguments are known to be valid
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang' && argv[i + 1] === 'en') return 'en';
    if (argv[i] === '--lang=en') return 'en';
  }
  return 'zh';
}

/** Parses argv (without `node` and the script). Throws `UsageError` with a message in the requested language. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  const errLang = langOf(argv);
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        lang: { type: 'string' },
        rule: { type: 'string', multiple: true },
        fix: { type: 'boolean' },
        quiet: { type: 'boolean' },
        'output-file': { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        'repetition-threshold': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean' },
        'print-text': { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError(t(errLang, 'usage.bad-option', { detail: e instanceof Error ? e.message : String(e) }));
  }
  const v = parsed.values;

  const langRaw = v.lang ?? 'zh';
  if (langRaw !== 'zh' && langRaw !== 'en') throw new UsageError(t(errLang, 'usage.bad-lang', { value: langRaw }));
  const lang: Lang = langRaw;

  const formatRaw = v.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(formatRaw)) throw new UsageError(t(lang, 'usage.bad-format', { value: formatRaw }));

  const known = new Set(RULE_METAS.map((m) => m.id));
  const rules: Record<string, RuleSetting> = {};
  for (const item of v.rule ?? []) {
    for (const part of item.split(',')) {
      const spec = part.trim();
      if (!spec) continue;
      const eq = spec.indexOf('=');
      if (eq <= 0 || eq === spec.length - 1) throw new UsageError(t(lang, 'usage.bad-rule-syntax', { value: spec }));
      const id = spec.slice(0, eq).trim();
      const setting = spec.slice(eq + 1).trim();
      if (!known.has(id)) throw new UsageError(t(lang, 'usage.unknown-rule', { value: id, rules: [...known].join(', ') }));
      if (!(SETTINGS as readonly string[]).includes(setting)) throw new UsageError(t(lang, 'usage.bad-severity', { rule: id, value: setting }));
      rules[id] = setting as RuleSetting;
    }
  }

  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    const raw = v['max-warnings'];
    if (!/^\d+$/.test(raw.trim())) throw new UsageError(t(lang, 'usage.bad-max-warnings', { value: raw }));
    maxWarnings = Number(raw.trim());
  }

  let jobs: number | undefined;
  if (v.jobs !== undefined) {
    const raw = v.jobs.trim();
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(t(lang, 'usage.bad-jobs', { value: v.jobs }));
    jobs = Number(raw);
  }

  if (v.config !== undefined && v['no-config']) throw new UsageError(t(lang, 'usage.config-conflict'));
  const config: ConfigChoice = v['no-config'] ? { kind: 'none' } : v.config !== undefined ? { kind: 'file', file: v.config } : { kind: 'search' };
  let repetitionThreshold: number | undefined;
  if (v['repetition-threshold'] !== undefined) {
    const raw = v['repetition-threshold'].trim();
    const n = Number(raw);
    if (!/^\d+(?:\.\d+)?$/.test(raw) || n > 100) throw new UsageError(t(lang, 'usage.bad-repetition-threshold', { value: v['repetition-threshold'] }));
    repetitionThreshold = n;
  }

  const help = v.help ?? false;
  const version = v.version ?? false;
  if (!help && !version && parsed.positionals.length === 0) throw new UsageError(t(lang, 'usage.no-input'));

  return {
    inputs: parsed.positionals,
    format: formatRaw as OutputFormat,
    lang,
    langGiven: v.lang !== undefined,
    rules,
    fix: v.fix ?? false,
    quiet: v.quiet ?? false,
    outputFile: v['output-file'],
    maxWarnings,
    jobs,
    repetitionThreshold,
    help,
    version,
    config,
    printText: v['print-text'] ?? false,
  };
}

export { langOf as errorLanguage };

const HELP_ZH = `用法：govreport-lint [选项] <文件|目录|通配符>...

检查政府信息公开工作年度报告：章节、表格勾稽关系、空白与非数字单元格、正文与表格数字、信息处理费说明、
常见错别字等。可检查文本（.txt / .md）和发布的原件：PDF（.pdf）、Word（.docx；.doc/.wps 请另存为 .docx）、
网页（.html / .htm / .shtml）；原件中的问题会注明页码（PDF）或表格和行（Word/网页）。目录按递归方式检查
其中的上述文件；通配符如 "报告/**/*.txt"。
同时检查同一机关相邻两年的报告时，自动核对上年结转数据。

选项：
  -f, --format <格式>          输出格式：stylish（默认，便于阅读）、json、sarif（SARIF 2.1.0）、
                               html（单个网页：汇总表、按原样绘制的表二至表四并标出错误单元格、问题清单，
                               可离线打开和转发）、csv（每个问题一行，UTF-8 带 BOM，可用 Excel/WPS 打开）
      --lang <语言>            消息语言：zh（默认）或 en
      --rule <规则>=<级别>     调整规则级别：off、info、warning、error（可重复，也可用逗号分隔）；
                               优先于配置文件
  -c, --config <文件>          使用指定的配置文件（默认：从每个被检查文件所在目录向上查找 .govreportrc.json）
      --no-config              不使用任何配置文件
      --fix                    就地应用安全的自动修复（保持原编码、BOM 和换行符；原件从不改写）
      --print-text             输出从各文件读取到的文本（原件为读取结果），不做检查；可保存后在编辑器中打开
      --quiet                  只报告错误
  -o, --output-file <文件>     将结果写入文件而不是标准输出
      --max-warnings <数量>    警告数超过该值时以退出码 1 结束
  -j, --jobs <数量>            并行检查的工作线程数（默认为 CPU 数；1 表示不用工作线程）；
                               少于 64 个文件或使用 --fix 时总在主线程中检查
      --repetition-threshold <百分比>
                               第一、五部分与上年（或同年度其他机关）报告重复句子的比例达到多少时
                               报告雷同（0–100，默认 50）
  -h, --help                   显示本帮助
  -v, --version                显示版本号

退出码：0 没有错误；1 发现错误（或警告超过 --max-warnings）；2 用法错误或无法读取输入。
支持的编码：UTF-8（含 BOM）、UTF-16 LE/BE、GBK/GB18030。环境变量 NO_COLOR 关闭彩色输出。
规则说明（每条规则一页，Markdown，随本程序安装）：{docs}`;

const HELP_EN = `Usage: govreport-lint [options] <files|folders|globs>...

Checks Chinese government-information disclosure annual reports: sections, table arithmetic, blank and
non-numeric cells, narrative vs table numbers, the fee statement, known typos. Reads text (.txt / .md) and the
published originals: PDF (.pdf), Word (.docx; save .doc/.wps as .docx), web pages (.html / .htm / .shtml);
findings on an original name the page (PDF) or the table and row (Word, web page). Folders are searched
recursively for all of these; globs look like "reports/**/*.txt". When the same agency's reports for
consecutive years are checked together, the carried-over figures are compared across the years.

Options:
  -f, --format <format>        stylish (default, human-readable), json, sarif (SARIF 2.1.0),
                               html (one self-contained page: a summary table, tables 2-4 drawn as printed
                               with the wrong cells marked, the findings; opens offline, can be forwarded),
                               csv (one row per finding, UTF-8 with BOM for Excel/WPS)
      --lang <lang>            message language: zh (default) or en
      --rule <rule>=<level>    set a rule's level: off, info, warning, error (repeatable, or comma-separated);
                               wins over the configuration file
  -c, --config <file>          use this configuration file (default: the nearest .govreportrc.json in the
                               checked file's folder or a folder above it)
      --no-config              use no configuration file
      --fix                    apply the safe fixes in place (keeps encoding, BOM and line endings; originals
                               are never written)
      --print-text             print the text read from each file (an original's text as read) instead of
                               checking; save it to open it in the editor
      --quiet                  report errors only
  -o, --output-file <file>     write the report to a file instead of standard output
      --max-warnings <n>       exit with code 1 when there are more than n warnings
  -j, --jobs <n>               worker threads checking files in parallel (default: one per CPU; 1: none);
                               fewer than 64 files, and --fix, are always checked in the main thread
      --repetition-threshold <percent>
                               share of sentences of parts 一 and 五 repeated from last year's report (or
                               another agency's report of the same year) from which it is reported (0-100,
                               default 50)
  -h, --help                   show this help
  -v, --version                show the version

Exit codes: 0 no errors; 1 errors found (or too many warnings); 2 bad usage or unreadable input.
Encodings: UTF-8 (with or without BOM), UTF-16 LE/BE, GBK/GB18030. NO_COLOR turns colours off.
Rules (one Markdown page per rule, installed with this program): {docs}`;

/**
 * Help text: the requested language, or both (Chinese first) when no `--lang` was given. `docsDir`: the folder of
 * the installed rule pages (docs/rules/<id>.md).
 */
export function helpText(lang: Lang, langGiven: boolean, docsDir: string | undefined): string {
  const fill = (s: string, l: Lang) => s.replace('{docs}', docsDir ?? (l === 'en' ? 'docs/rules/ in the installed package (not found)' : '安装包中的 docs/rules/（未找到）'));
  if (langGiven) return lang === 'en' ? fill(HELP_EN, 'en') : fill(HELP_ZH, 'zh');
  return `${fill(HELP_ZH, 'zh')}\n\n${fill(HELP_EN, 'en')}`;
}
