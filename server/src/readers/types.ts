/**
 * Readers for published originals (PDF, Word, web pages): bytes in, report text plus a source map out.
 *
 * Like the core, this layer imports neither Node nor VS Code APIs, so the CLI, the language server and the
 * browser worker run the same code; only the bytes come from different places. Heavy libraries are loaded
 * lazily (dynamic `import()`) by the reader that needs them, never at start-up.
 *
 * The text a reader produces is the layout the core reads best: headings and paragraphs one per line,
 * one table row per line with its cells separated by tabs (a merged cell repeated or left empty as the
 * row's position requires), blank cells as empty strings between tabs.
 */

/** Which kind of original a file is. */
export type OriginalKind = 'pdf' | 'docx' | 'doc' | 'html';

/** Where one line of the produced text came from in the original (all numbers 1-based). */
export interface SourcePlace {
  /** PDF page the line was printed on (the first page, for a row that runs over a page break). */
  readonly page?: number;
  /** Table number in the original (Word/HTML: the n-th `<w:tbl>` / `<table>` of the body). */
  readonly table?: number;
  /** Row of that table (after merged cells are expanded). */
  readonly row?: number;
  /**
   * Per cell of the line (tab-separated fields, in order), the 1-based column of the original table
   * it came from; absent for non-table lines.
   */
  readonly cells?: readonly number[];
}

/** A message about the whole original, shown to the user once (not a finding of a rule). */
export interface ReaderNotice {
  /** `scanned`: no text layer; `encrypted`: password protected; `legacy-format`: .doc/.wps that cannot be
   *  read; `unreadable`: damaged or not the format its name says; `partial`: read, but some part was skipped. */
  readonly code: 'scanned' | 'encrypted' | 'legacy-format' | 'unreadable' | 'partial';
  readonly zh: string;
  readonly en: string;
  /** Page (PDF) the notice is about, when it is about one. */
  readonly page?: number;
}

export interface ReadResult {
  readonly kind: OriginalKind;
  /** Report text in the layout described above; '' when nothing could be read (see `notices`). */
  readonly text: string;
  /** One entry per line of `text` (split on '\n'), in order. */
  readonly lines: readonly SourcePlace[];
  readonly notices: readonly ReaderNotice[];
}

/** The extensions (lower case, with the dot) that name an original, and their kind. */
export const ORIGINAL_EXTENSIONS: Readonly<Record<string, OriginalKind>> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.doc': 'doc',
  '.wps': 'doc',
  '.html': 'html',
  '.htm': 'html',
  '.shtml': 'html',
};

/** The kind of original a file name names, or undefined for text files. */
export function originalKind(fileName: string): OriginalKind | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return undefined;
  return ORIGINAL_EXTENSIONS[fileName.slice(dot).toLowerCase()];
}
