import type { Rule, RawFinding } from '../rule';
import type { Table } from '../model';
import { msg, type MessageKey } from '../messages';
import type { GluedNote } from '../glued';
import { tableNo } from './_util';

const WHY: Record<string, MessageKey> = {
  ambiguous: 'glued.why.ambiguous',
  'no-identity': 'glued.why.no-identity',
  'no-split': 'glued.why.no-split',
  'none-fits': 'glued.why.none-fits',
  'too-many': 'glued.why.too-many',
  text: 'glued.why.text',
};

function how(t: Table, n: GluedNote): MessageKey {
  if (n.reason === 'column-identity') return 'glued.how.column';
  return t.kind === 'T4' ? 'glued.how.block-total' : 'glued.how.row-total';
}

/**
 * One-line text (a crawled page saved as text): a table row whose digits run together. Read when exactly one
 * split satisfies the table's identities (core/glued.ts), and then said once; otherwise named as not read.
 */
export const rule: Rule = {
  meta: {
    id: 'table-glued-row',
    severity: 'info',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '单行文本中数字粘连的表格行：已还原或未读取', en: 'A row of one-line text whose digits run together: reconstructed, or not read' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const t of report.tables) {
      if (!t.glued) continue;
      const notes = [...t.glued.reconstructed.map((n) => ({ n, read: true })), ...t.glued.unread.map((n) => ({ n, read: false }))];
      notes.sort((a, b) => a.n.labelRange.start - b.n.labelRange.start);
      for (const { n, read } of notes) {
        const row = n.def.label;
        const range = n.labelRange.end > n.labelRange.start ? n.labelRange : { start: n.labelRange.start, end: n.labelRange.start + n.raw.length };
        if (read) {
          const h = msg(how(t, n));
          const args = { X: tableNo(t), row, raw: n.raw, values: (n.values ?? []).join(' ') };
          yield {
            range,
            message: { zh: msg('table-glued-row.reconstructed', { ...args, how: h.zh }).zh, en: msg('table-glued-row.reconstructed', { ...args, how: h.en }).en },
          };
        } else {
          const w = msg(WHY[n.reason] ?? 'glued.why.ambiguous', { K: n.candidates, N: n.def.columns.length });
          const args = { X: tableNo(t), row, raw: n.raw };
          yield {
            range,
            message: { zh: msg('table-glued-row.unread', { ...args, why: w.zh }).zh, en: msg('table-glued-row.unread', { ...args, why: w.en }).en },
          };
        }
      }
    }
  },
};
