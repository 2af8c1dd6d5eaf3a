/**
 * The documents the report service pairs reports with (cross-year rules): the workspace's files as last read
 * (`setCandidates`) and the open documents' texts, which replace their files' saved texts until closed. Reports
 * are parsed when first needed and kept with their text.
 */

import { parseDocument, type LineIndex, type Report, type StampedReport } from '../core';

interface Candidate {
  readonly uri: string;
  readonly name: string;
  readonly stamp: string;
  readonly text: string;
  reports?: Report[];
}

/** The file name of a URI, for messages. */
export function nameOf(uri: string): string {
  const last = uri.split(/[\\/]/).pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export class CandidateStore {
  private readonly disk = new Map<string, Candidate>();
  private readonly open = new Map<string, Candidate>();

  /** Files of the workspace that may hold reports (keyed by URI; `stamp` changes when the file does). */
  setFiles(upserts: readonly { uri: string; name?: string; stamp: string; text: string }[], removes: readonly string[] = []): void {
    for (const u of removes) this.disk.delete(u);
    for (const c of upserts) {
      const old = this.disk.get(c.uri);
      if (old && old.stamp === c.stamp) continue;
      this.disk.set(c.uri, { uri: c.uri, name: c.name ?? nameOf(c.uri), stamp: c.stamp, text: c.text });
    }
  }

  /** An open document's text replaces the file's saved text as a candidate until it is closed. */
  setOpen(uri: string, stamp: string, text: string, reports?: Report[]): void {
    const old = this.open.get(uri);
    if (old && old.stamp === stamp) return;
    this.open.set(uri, { uri, name: nameOf(uri), stamp, text, reports });
  }

  forgetOpen(uri: string): void {
    this.open.delete(uri);
  }

  /** The reports of every document but `exceptUri`, documents in URI order, reports in document order. */
  reportsExcept(exceptUri: string): StampedReport[] {
    const out: StampedReport[] = [];
    const uris = new Set([...this.disk.keys(), ...this.open.keys()]);
    for (const uri of [...uris].sort()) {
      if (uri === exceptUri) continue;
      const c = this.open.get(uri) ?? this.disk.get(uri)!;
      c.reports ??= parseDocument(c.text);
      c.reports.forEach((report, k) => out.push({ report, name: c.name, uri: c.uri, stamp: c.stamp, k }));
    }
    return out;
  }

  /** The line index of a document (for related locations in it). */
  indexOf(uri: string): LineIndex | undefined {
    const c = this.open.get(uri) ?? this.disk.get(uri);
    if (c) c.reports ??= parseDocument(c.text);
    return c?.reports?.[0]?.index;
  }
}
