/**
 * The CLI's own user-facing strings (the core's rule messages come with the findings), Chinese and English.
 * Placeholders are `{name}`.
 */

import type { Lang } from '../core';

const zh = {
  'usage.no-input': '缺少要检查的文件、目录或通配符。用 --help 查看用法。',
  'usage.bad-option': '参数错误：{detail}',
  'usage.bad-format': '不支持的输出格式“{value}”（可选：stylish、json、sarif、html、csv）。',
  'usage.bad-lang': '不支持的语言“{value}”（可选：zh、en）。',
  'usage.bad-rule-syntax': '--rule 的值“{value}”格式不对，应为 规则=off|info|warning|error。',
  'usage.unknown-rule': '未知规则“{value}”。可用规则：{rules}',
  'usage.bad-severity': '规则“{rule}”的级别“{value}”无效（可选：off、info、warning、error）。',
  'usage.bad-max-warnings': '--max-warnings 应为非负整数，实为“{value}”。',
  'usage.bad-jobs': '--jobs 应为正整数，实为“{value}”。',
  'usage.bad-repetition-threshold': '--repetition-threshold 应为 0 到 100 之间的数，实为“{value}”。',
  'usage.help-hint': '用 --help 查看用法。',
  'input.missing': '找不到文件或目录：{path}',
  'input.unreadable': '无法读取：{path}（{reason}）',
  'input.no-match': '没有与“{pattern}”匹配的文件。',
  'input.empty-dir': '目录“{path}”中没有可检查的报告文件（.txt、.md、.pdf、.docx、.doc、.wps、.html、.htm、.shtml）。',
  'input.not-regular': '不是普通文件（{type}），拒绝读取：{path}',
  'file-type.fifo': '命名管道',
  'file-type.character-device': '字符设备',
  'file-type.block-device': '块设备',
  'file-type.socket': '套接字',
  'file-type.other': '特殊文件',
  'output.unwritable': '无法写入输出文件 {path}（{reason}）',
  'binary': '文件不是文本文件（含二进制数据），无法作为年度报告检查。',
  'internal': '规则“{rule}”执行出错，已跳过（{path}）：{error}',
  'check.failed': '检查 {path} 时出错，已跳过：{error}',
  'check.worker-exited': '检查 {path} 的工作线程意外退出（{reason}），已跳过该文件。',
  'fix.not-written': '未写入修复（{path}）：{reason}',
  'fix.reason.lossy': '文件解码时有无法识别的字节，写回会丢失内容',
  'fix.reason.unencodable': '修复后的文本含有 {encoding} 无法表示的字符',
  'fix.reason.changed': '文件在检查期间被其他程序修改',
  'fix.reason.io': '写入失败：{error}',
  'too-many-warnings': '警告数 {count} 超过 --max-warnings 上限 {max}。',
  'stylish.encoding': '（编码：{encoding}）',
  'stylish.previous-year': '（上年报告：{file}）',
  'stylish.same-file': '本文件',
  'stylish.fixed': '已自动修复 {count} 处：',
  'stylish.problems': '{count} 个问题（{errors} 个错误，{warnings} 个警告，{infos} 个提示）',
  'stylish.fixable': '其中 {count} 个问题可用 --fix 自动修复。',
  'stylish.fixed-summary': '已在 {files} 个文件中自动修复 {count} 处。',
  'stylish.clean': '已检查 {files} 个文件，未发现问题。',
  'severity.error': '错误',
  'severity.warning': '警告',
  'severity.info': '提示',
  'usage.config-conflict': '--config 与 --no-config 不能同时使用。',
  'config.unreadable': '无法读取配置文件：{path}',
  'config.problem': '配置文件 {path}：{problem}',
  'config.json': '不是有效的 JSON（{detail}）',
  'config.not-object': '文件内容应为一个 JSON 对象',
  'config.unknown-key': '未知或格式错误的项“{key}”（应为 rules 和 suppressions），已忽略',
  'config.unknown-rule': '未知规则“{rule}”，已忽略',
  'config.bad-level': '规则“{rule}”的级别“{value}”无效（可选：off、error、warning、info），已忽略',
  'config.bad-suppression': '第 {n} 条忽略项需要 file、已知的 rule（或 *）以及可选的行号 line（≥1 的整数），已忽略',
  'original.never-written': '原件（{path}）从不改写：--fix 只修改文本报告。可用 --print-text 导出读取到的文本，修改后再检查。',
  'original.unread': '未能读取原件：{path}',
  'where.page': '第{page}页',
  'where.table-row': '表{table}第{row}行',
  'where.table-row-col': '表{table}第{row}行第{col}列',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'usage.no-input': 'No files, folders or globs to check. See --help.',
  'usage.bad-option': 'Bad arguments: {detail}',
  'usage.bad-format': 'Unsupported output format “{value}” (stylish, json, sarif, html, csv).',
  'usage.bad-lang': 'Unsupported language “{value}” (zh, en).',
  'usage.bad-rule-syntax': 'The --rule value “{value}” is malformed; expected rule=off|info|warning|error.',
  'usage.unknown-rule': 'Unknown rule “{value}”. Rules: {rules}',
  'usage.bad-severity': 'Invalid level “{value}” for rule “{rule}” (off, info, warning, error).',
  'usage.bad-max-warnings': '--max-warnings must be a non-negative integer, not “{value}”.',
  'usage.bad-jobs': '--jobs must be a positive integer, not “{value}”.',
  'usage.bad-repetition-threshold': '--repetition-threshold must be a number from 0 to 100, not “{value}”.',
  'usage.help-hint': 'See --help.',
  'input.missing': 'No such file or folder: {path}',
  'input.unreadable': 'Cannot read {path} ({reason})',
  'input.no-match': 'No files match “{pattern}”.',
  'input.empty-dir': 'The folder “{path}” holds no report files (.txt, .md, .pdf, .docx, .doc, .wps, .html, .htm, .shtml).',
  'input.not-regular': 'Not a regular file ({type}); refused to read {path}',
  'file-type.fifo': 'a FIFO',
  'file-type.character-device': 'a character device',
  'file-type.block-device': 'a block device',
  'file-type.socket': 'a socket',
  'file-type.other': 'a special file',
  'output.unwritable': 'Cannot write the output file {path} ({reason})',
  'binary': 'The file is not text (it contains binary data) and cannot be checked as an annual report.',
  'internal': 'Rule “{rule}” failed and was skipped ({path}): {error}',
  'check.failed': 'Checking {path} failed; the file was skipped: {error}',
  'check.worker-exited': 'The worker thread checking {path} stopped unexpectedly ({reason}); the file was skipped.',
  'fix.not-written': 'Fixes not written ({path}): {reason}',
  'fix.reason.lossy': 'some bytes could not be decoded; writing back would lose them',
  'fix.reason.unencodable': 'the fixed text has characters that {encoding} cannot represent',
  'fix.reason.changed': 'the file was modified by another program during the check',
  'fix.reason.io': 'write failed: {error}',
  'too-many-warnings': '{count} warnings exceed the --max-warnings limit of {max}.',
  'stylish.encoding': '(encoding: {encoding})',
  'stylish.previous-year': '(previous year: {file})',
  'stylish.same-file': 'this file',
  'stylish.fixed': 'Fixed {count}:',
  'stylish.problems': '{count} {problemWord} ({errors} {errorWord}, {warnings} {warningWord}, {infos} info)',
  'stylish.fixable': '{count} of them can be fixed with the --fix option.',
  'stylish.fixed-summary': 'Fixed {count} in {files} {fileWord}.',
  'stylish.clean': 'Checked {files} {fileWord}, no problems found.',
  'severity.error': 'error',
  'severity.warning': 'warning',
  'severity.info': 'info',
  'usage.config-conflict': '--config and --no-config cannot be used together.',
  'config.unreadable': 'Cannot read the configuration file {path}',
  'config.problem': 'Configuration file {path}: {problem}',
  'config.json': 'not valid JSON ({detail})',
  'config.not-object': 'the file must hold a JSON object',
  'config.unknown-key': 'unknown or malformed entry “{key}” (expected rules and suppressions), ignored',
  'config.unknown-rule': 'unknown rule “{rule}”, ignored',
  'config.bad-level': 'rule “{rule}”: level “{value}” is not off, error, warning or info, ignored',
  'config.bad-suppression': 'suppression #{n} needs file, a known rule (or *) and an optional whole line ≥ 1, ignored',
  'original.never-written': 'Originals ({path}) are never written: --fix changes text reports only. Use --print-text to export the text read, edit it and check it again.',
  'original.unread': 'The original could not be read: {path}',
  'where.page': 'page {page}',
  'where.table-row': 'table {table} row {row}',
  'where.table-row-col': 'table {table} row {row} col {col}',
};

export type CliMessageKey = Key;

export function t(lang: Lang, key: Key, args: Record<string, string | number> = {}): string {
  const template = lang === 'en' ? en[key] : zh[key];
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}

/** Both languages (for findings the CLI creates itself, which carry `{zh, en}` like the core's). */
export function both(key: Key, args: Record<string, string | number> = {}): { zh: string; en: string } {
  return { zh: t('zh', key, args), en: t('en', key, args) };
}

/** English plural helper for the summary lines. */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
