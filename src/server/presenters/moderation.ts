import type { LikelyDuplicate, ModerationEvent, ModerationItem } from '../../contract/moderation.js';
import type { ModeratedStatementRow, ModerationEventRow } from '../../store/store.js';
import { presentManagedStatement } from './presenters.js';

/**
 * The moderation queue's JSON. Like every presenter it lists its fields, so the author of a statement
 * (a participant id) never reaches the page; moderators are named by display name only.
 */
export function presentModerationItem(
  statement: ModeratedStatementRow,
  tally: { agree: number; disagree: number; pass: number } | undefined,
  likelyDuplicates: LikelyDuplicate[],
  fromEvent?: { eventId: number; title: string },
): ModerationItem {
  return {
    ...presentManagedStatement(statement, tally),
    moderatedAt: statement.moderatedAt,
    moderatedBy: statement.moderatedByDisplayName,
    rejectionReason: statement.rejectionReason,
    originalText: statement.originalText,
    editedAt: statement.editedAt,
    editedBy: statement.editedByDisplayName,
    editable: !statement.votedByOthers,
    likelyDuplicates: likelyDuplicates.map((duplicate) => ({
      ...duplicate,
      similarity: Math.round(duplicate.similarity * 100) / 100,
    })),
    ...(fromEvent ? { fromEvent: { id: fromEvent.eventId, title: fromEvent.title } } : {}),
  };
}

export function presentModerationEvent(event: ModerationEventRow): ModerationEvent {
  return {
    action: event.action,
    by: event.accountDisplayName,
    at: event.createdAt,
    reason: event.reason,
    previousText: event.previousText,
  };
}
