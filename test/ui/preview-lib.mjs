// The table preview in the workbench (shared by test/ui/preview.test.mjs and test/web/workbench.test.mjs): opening
// it from the editor title, and reaching into its webview (two nested frames: the workbench's webview host and
// the page the extension wrote).
import assert from 'node:assert/strict';

/** The id of the total cell of （一）予以公开 in table 3 of the first report (server/src/core/views/preview.ts). */
export const R1_TOTAL = '0:T3:r1:6';

/** The preview's document inside the webview frames. */
export function previewFrame(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/** Clicks the editor title's "Open Table Preview" button of the active report and waits for the grids. */
export async function openPreviewFromTitle(page, T) {
  const button = page.locator('.editor-group-container .editor-actions .action-label[aria-label*="Open Table Preview"]').first();
  await button.waitFor({ timeout: T });
  await button.click();
  const frame = previewFrame(page);
  await frame.locator('table.grid').first().waitFor({ timeout: T });
  return frame;
}

/** Parses `rgb(r, g, b)` / `rgba(…)`. */
export function rgb(css) {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  assert.ok(m, `not a colour: ${css}`);
  return { r: +m[1], g: +m[2], b: +m[3] };
}

/**
 * Asserts the wrong total of （一）予以公开: drawn red (the theme's error colour; a plain number cell is not), the
 * stated 2 and the computed 0 beside it. Returns the cell's locator.
 */
export async function assertWrongTotal(frame, T) {
  const cell = frame.locator(`td[data-id="${R1_TOTAL}"]`);
  await cell.waitFor({ timeout: T });
  assert.match((await cell.getAttribute('class')) ?? '', /\bwrong\b/);
  assert.equal((await cell.locator('.v').innerText()).trim(), '2');
  assert.equal((await cell.locator('.computed').innerText()).trim(), '0');
  const color = rgb(await cell.evaluate((el) => getComputedStyle(el).color));
  const plain = rgb(await frame.locator('td[data-id="0:T3:new:0"]').evaluate((el) => getComputedStyle(el).color));
  assert.ok(color.r > color.g + 40 && color.r > color.b + 40, `the wrong total is not red: ${JSON.stringify(color)}`);
  assert.notDeepEqual(color, plain, 'the wrong total has the colour of a plain cell');
  return cell;
}
