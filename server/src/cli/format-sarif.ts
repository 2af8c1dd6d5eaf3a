/**
 * SARIF 2.1.0 output (OASIS Static Analysis Results Interchange Format), for code-scanning tools.
 * One run; the driver lists every rule of the core with its docs page; results point at 1-based regions whose
 * columns count UTF-16 code units (`run.columnKind`). Paths under the working directory are relative to
 * `%SRCROOT%`. Rules that threw are reported as tool execution notifications.
 */

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pick, RULE_METAS, type Lang, type Severity } from '../core';
import { ruleDocFile } from '../rule-docs-dir';
import type { CliRelated, FileResult, Span } from './check';
import { ENCODING_LABEL } from './decode';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/govreport/govreport-lint';

/** The file URI of a rule's installed page, or undefined when it is not installed (no link rather than a dead one). */
export function ruleHelpUri(id: string, docsDir: string | undefined): string | undefined {
  const file = ruleDocFile(id, docsDir);
  return file ? pathToFileURL(file).href : undefined;
}

// The subset of the SARIF 2.1.0 object model this tool writes.
export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}
export interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion };
  message?: { text: string };
}
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  /** Findings on an original: where in it (PDF `page`; Word/HTML `table`, `row`, `tableColumn`). */
  properties?: { page?: number; table?: number; row?: number; tableColumn?: number };
}
export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[]; formats: string };
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    artifacts: { location: SarifArtifactLocation; encoding?: string }[];
    results: SarifResult[];
    columnKind: 'utf16CodeUnits';
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: {
        level: 'error' | 'note';
        message: { text: string };
        associatedRule?: { id: string; index: number };
        locations?: SarifLocation[];
      }[];
    }[];
  }[];
}

export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

export interface SarifOptions {
  readonly lang: Lang;
  readonly cwd: string;
  readonly version: string;
  /** The folder of the installed rule pages (`helpUri`s point at them; left out without it). */
  readonly docsDir?: string;
}

function region(s: Span): SarifRegion {
  return { startLine: s.line, startColumn: s.column, endLine: s.endLine, endColumn: s.endColumn };
}

export function toSarif(results: readonly FileResult[], o: SarifOptions): SarifLog {
  const rules: SarifRule[] = RULE_METAS.map((m) => {
    const helpUri = ruleHelpUri(m.id, o.docsDir);
    return {
      id: m.id,
      shortDescription: { text: pick(m.description, o.lang) },
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: sarifLevel(m.severity) },
      properties: { tags: [m.kind], formats: m.formats },
    };
  });
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const rootUrl = pathToFileURL(o.cwd.endsWith(path.sep) ? o.cwd : o.cwd + path.sep).href;
  const artifacts: SarifLog['runs'][number]['artifacts'] = [];
  const artifactIndex = new Map<string, number>();
  let usesRoot = false;
  const locate = (file: string, encoding?: string): SarifArtifactLocation => {
    let i = artifactIndex.get(file);
    if (i === undefined) {
      const href = pathToFileURL(file).href;
      const location: SarifArtifactLocation = href.startsWith(rootUrl) ? { uri: href.slice(rootUrl.length), uriBaseId: '%SRCROOT%' } : { uri: href };
      if (location.uriBaseId) usesRoot = true;
      i = artifacts.length;
      artifacts.push(encoding ? { location, encoding } : { location });
      artifactIndex.set(file, i);
    }
    return { ...artifacts[i].location, index: i };
  };

  const sarifResults: SarifResult[] = [];
  const notifications: SarifLog['runs'][number]['invocations'][number]['toolExecutionNotifications'] = [];
  // the checked files first (with their encoding), so files only referenced by related locations come after
  for (const r of results) locate(r.filePath, r.encoding === 'binary' ? undefined : ENCODING_LABEL[r.encoding]);
  for (const r of results) {
    const own = locate(r.filePath);
    for (const m of r.messages) {
      const index = ruleIndex.get(m.ruleId);
      if (index === undefined) continue; // every finding comes from a registered rule; never emit a dangling id
      const result: SarifResult = {
        ruleId: m.ruleId,
        ruleIndex: index,
        level: sarifLevel(m.severity),
        message: { text: pick(m.message, o.lang) },
        locations: [{ physicalLocation: { artifactLocation: own, region: region(m) } }],
      };
      if (m.where) {
        const w = m.where;
        result.properties = {
          ...(w.page !== undefined ? { page: w.page } : {}),
          ...(w.table !== undefined ? { table: w.table } : {}),
          ...(w.row !== undefined ? { row: w.row } : {}),
          ...(w.column !== undefined ? { tableColumn: w.column } : {}),
        };
        if (w.page !== undefined) result.locations[0].message = { text: o.lang === 'en' ? `page ${w.page} of the original` : `原件第${w.page}页` };
      }
      if (m.related.length) {
        result.relatedLocations = m.related.map((rel: CliRelated, k) => ({
          id: k,
          physicalLocation: { artifactLocation: rel.file ? locate(path.resolve(rel.file)) : own, region: region(rel) },
          message: { text: pick(rel.message, o.lang) },
        }));
      }
      sarifResults.push(result);
    }
    for (const n of r.original?.notices ?? []) {
      notifications.push({
        level: r.original!.unread ? 'error' : 'note',
        message: { text: o.lang === 'en' ? n.en : n.zh },
        locations: [{ physicalLocation: { artifactLocation: own, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } } }],
      });
    }
    for (const f of r.failures) {
      const index = ruleIndex.get(f.ruleId);
      notifications.push({
        level: 'error',
        message: { text: `${f.ruleId}: ${f.error}` },
        ...(index !== undefined ? { associatedRule: { id: f.ruleId, index } } : {}),
        locations: [{ physicalLocation: { artifactLocation: own, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } } }],
      });
    }
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'govreport-lint', version: o.version, semanticVersion: o.version, informationUri: INFORMATION_URI, rules } },
        ...(usesRoot ? { originalUriBaseIds: { '%SRCROOT%': { uri: rootUrl } } } : {}),
        artifacts,
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: !notifications.some((n) => n.level === 'error'), toolExecutionNotifications: notifications }],
      },
    ],
  };
}

export function formatSarif(results: readonly FileResult[], o: SarifOptions): string {
  return JSON.stringify(toSarif(results, o), null, 2) + '\n';
}
