/**
 * The preview's style sheet (inlined in a nonce'd <style>). Only the theme's colours (`--vscode-*` variables), so
 * the preview follows light, dark and high-contrast themes; high contrast adds borders instead of fills.
 */

export const PREVIEW_CSS = `
:root { color-scheme: light dark; }
body {
  font-family: var(--vscode-font-family);
  font-size: var(--vscode-font-size);
  color: var(--vscode-foreground);
  background: var(--vscode-editor-background);
  padding: 0 16px 24px;
  line-height: 1.5;
}
h1 { font-size: 1.3em; margin: 16px 0 4px; }
h2 { font-size: 1.1em; margin: 18px 0 6px; }
h2[data-range] { cursor: pointer; }
.meta { margin: 0 0 8px; color: var(--vscode-descriptionForeground); display: flex; gap: 12px; flex-wrap: wrap; }
.count.sev-error { color: var(--vscode-errorForeground); }
.count.sev-warning { color: var(--vscode-editorWarning-foreground); }
.count.sev-info { color: var(--vscode-editorInfo-foreground); }
.banner { position: sticky; top: 0; z-index: 2; padding: 2px 8px; background: var(--vscode-editorWidget-background); color: var(--vscode-descriptionForeground); border-bottom: 1px solid var(--vscode-editorWidget-border, transparent); }
.banner[hidden] { display: none; }
.empty { color: var(--vscode-descriptionForeground); margin-top: 24px; }
.legend { color: var(--vscode-descriptionForeground); font-size: 0.9em; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 8px 0; }
.legend-title { font-weight: 600; }
.legend .cell { display: inline-block; min-width: 2em; text-align: right; padding: 0 4px; border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border)); }
nav.report-list ol { list-style: none; padding: 0; margin: 8px 0; max-height: 12em; overflow: auto; border: 1px solid var(--vscode-editorWidget-border, transparent); }
nav.report-list li { display: flex; gap: 10px; padding: 1px 6px; cursor: pointer; }
nav.report-list li:hover, nav.report-list li:focus { background: var(--vscode-list-hoverBackground); outline: none; }
nav.report-list li.shown { background: var(--vscode-list-inactiveSelectionBackground); font-weight: 600; }
nav.report-list .where, nav.report-list .counts { color: var(--vscode-descriptionForeground); }
ol.sections { list-style: none; padding: 0; margin: 0; }
li.section { display: flex; gap: 8px; align-items: baseline; padding: 2px 4px; cursor: pointer; border-radius: 3px; }
li.section:not([data-range]) { cursor: default; }
li.section:hover[data-range], li.section:focus { background: var(--vscode-list-hoverBackground); outline: none; }
li.section .mark { width: 1.2em; text-align: center; font-weight: 700; }
li.section.present .mark { color: var(--vscode-testing-iconPassed, var(--vscode-terminal-ansiGreen)); }
li.section.missing .mark, li.section.missing .state { color: var(--vscode-errorForeground); }
li.section.misnumbered .mark, li.section.misnumbered .state { color: var(--vscode-editorWarning-foreground); }
li.section .state { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
li.section .notes { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.table-notes { color: var(--vscode-editorWarning-foreground); margin: 0 0 6px; }
section.table.missing h2 { color: var(--vscode-errorForeground); }
table.grid { border-collapse: collapse; margin: 6px 0 14px; font-size: 0.95em; }
table.grid caption { text-align: left; color: var(--vscode-descriptionForeground); padding: 2px 0; }
table.grid th, table.grid td { border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border, #8888)); padding: 2px 6px; }
table.grid thead th { background: var(--vscode-editorWidget-background); font-weight: 600; text-align: center; vertical-align: middle; }
table.grid thead tr:first-child th:first-child { font-weight: 400; font-size: 0.85em; max-width: 22em; }
table.grid th.group, table.grid th.label { text-align: left; font-weight: 400; background: var(--vscode-editorWidget-background); max-width: 24em; }
table.grid th.label[data-range] { cursor: pointer; }
tr.absent th.label { color: var(--vscode-descriptionForeground); font-style: italic; }
.row-note { display: block; font-size: 0.85em; color: var(--vscode-editorWarning-foreground); }
tr.row-note-only td { font-size: 0.85em; color: var(--vscode-editorWarning-foreground); border: none; }
tr.subtotal th.label, tr.subtotal td { font-style: italic; }
td.cell { text-align: right; font-family: var(--vscode-editor-font-family); font-variant-numeric: tabular-nums; min-width: 2.5em; cursor: pointer; white-space: nowrap; }
td.cell.absent { cursor: default; background: repeating-linear-gradient(135deg, transparent 0 4px, var(--vscode-editorWidget-border, #8884) 4px 5px); }
td.cell.derived { font-weight: 600; }
.cell.blank .blank-mark { color: var(--vscode-descriptionForeground); font-style: italic; font-family: var(--vscode-font-family); font-size: 0.85em; }
.cell.blank { background: var(--vscode-inputValidation-warningBackground, transparent); }
.cell.text { color: var(--vscode-editorWarning-foreground); text-decoration: underline wavy var(--vscode-editorWarning-foreground); }
td.cell.unaligned { color: var(--vscode-descriptionForeground); background: repeating-linear-gradient(45deg, transparent 0 6px, var(--vscode-editorWidget-background) 6px 12px); }
td.cell.sev-error:not(.wrong) { box-shadow: inset 0 -2px 0 var(--vscode-editorError-foreground); }
td.cell.sev-warning { box-shadow: inset 0 -2px 0 var(--vscode-editorWarning-foreground); }
td.cell.sev-info { box-shadow: inset 0 -2px 0 var(--vscode-editorInfo-foreground); }
.cell.wrong { color: var(--vscode-errorForeground); background: var(--vscode-inputValidation-errorBackground, transparent); font-weight: 700; }
.cell.wrong .v { text-decoration: line-through; }
.cell .computed { margin-left: 6px; padding: 0 3px; border-radius: 3px; color: var(--vscode-foreground); background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); font-weight: 600; }
.cell .computed::before { content: '= '; opacity: 0.8; }
.cell.operand { background: var(--vscode-editor-findMatchHighlightBackground); outline: 1px dashed var(--vscode-editor-findMatchHighlightBorder, var(--vscode-focusBorder)); }
td.cell.current { outline: 2px solid var(--vscode-focusBorder); outline-offset: -2px; background: var(--vscode-editor-selectionBackground); }
td.cell:hover:not(.absent) { background: var(--vscode-list-hoverBackground); }
td.cell:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
#tip { position: fixed; z-index: 10; max-width: 36em; padding: 4px 8px; pointer-events: none; white-space: pre-wrap;
  background: var(--vscode-editorHoverWidget-background); color: var(--vscode-editorHoverWidget-foreground, var(--vscode-foreground));
  border: 1px solid var(--vscode-editorHoverWidget-border); font-size: 0.9em; }
#tip[hidden] { display: none; }
body.vscode-high-contrast td.cell.wrong, body.vscode-high-contrast-light td.cell.wrong { outline: 2px solid var(--vscode-errorForeground); outline-offset: -2px; }
body.vscode-high-contrast td.cell.operand, body.vscode-high-contrast-light td.cell.operand { outline: 1px dashed var(--vscode-contrastActiveBorder); }
body.vscode-high-contrast td.cell.current, body.vscode-high-contrast-light td.cell.current { outline: 2px solid var(--vscode-contrastActiveBorder); }
`;
