/** `govreport/status` after each validation: what the status bar of the client shows. */

import type { Context } from './context';
import { StatusNotification, type StatusParams } from './protocol';

export function registerStatus(ctx: Context): void {
  ctx.analyses.onDelivered((a) => {
    const params: StatusParams = {
      uri: a.uri,
      isReport: a.isReport,
      ...(a.format ? { format: a.format } : {}),
      ...(a.year !== undefined ? { year: a.year } : {}),
      errors: a.counts.errors,
      warnings: a.counts.warnings,
      infos: a.counts.infos,
      ...(a.previousYear ? { previousYear: a.previousYear } : {}),
      ...(a.stopped ? { stopped: a.stopped } : {}),
    };
    void ctx.connection.sendNotification(StatusNotification, params);
  });
}
