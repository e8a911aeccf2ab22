import type { AuditEventRow, ReviewRow } from '../../store/store.js';
import type { AppContext } from '../context.js';

/** At most this many characters of summary are kept: it says what kind of change, not its content. */
export const auditSummaryMaxLength = 300;

export interface AuditRecord {
  reviewId: number;
  accountId: number | null;
  action: string;
  params: Record<string, number>;
  summary: string;
}

export async function recordAudit(context: AppContext, record: AuditRecord): Promise<AuditEventRow> {
  return context.store.recordAuditEvent({
    ...record,
    summary: record.summary.slice(0, auditSummaryMaxLength),
    createdAt: context.now().toISOString(),
  });
}

/** One page of the review's audit log, newest first, and where the next page starts (null at the end). */
export async function listAudit(
  context: AppContext,
  review: ReviewRow,
  page: { limit: number; before?: number | undefined },
): Promise<{ events: AuditEventRow[]; nextBefore: number | null }> {
  // One more than asked tells whether an older page exists without a second query.
  const rows = await context.store.listAuditEvents(review.id, {
    limit: page.limit + 1,
    ...(page.before === undefined ? {} : { beforeId: page.before }),
  });
  const events = rows.slice(0, page.limit);
  const hasMore = rows.length > page.limit;
  return { events, nextBefore: hasMore ? (events.at(-1)?.id ?? null) : null };
}
