import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ModerationItem, type ModerationQueue, queryKeys } from '../../api.js';
import { FormAlert } from '../form-fields.js';
import { LoadError, Loading } from '../query-state.js';
import { ModerationItemCard } from './moderation-item.js';
import { ModerationRejectDialog, type RejectTarget } from './moderation-reject-dialog.js';

type StateFilter = 'pending' | 'accepted' | 'rejected' | 'all';
type OriginFilter = 'participant' | 'seed' | 'event' | 'all';

const pageSize = 20;
const stateFilters: StateFilter[] = ['pending', 'accepted', 'rejected', 'all'];
const originFilters: OriginFilter[] = ['all', 'participant', 'seed', 'event'];

/**
 * The moderation queue: filters with counts, a page of statements (pending first), selection for
 * bulk actions, and a live region that reads out what each action did.
 */
export function ModerationQueueView({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [state, setState] = useState<StateFilter>('pending');
  const [origin, setOrigin] = useState<OriginFilter>('all');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [editingId, setEditingId] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<RejectTarget | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const listHeading = useRef<HTMLHeadingElement>(null);
  /** After an action that may take an item off this page, focus goes to the item now in its place. */
  const focusIndexAfterChange = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);

  const queue = useQuery({
    queryKey: [...queryKeys.moderationQueue(slug), { state, origin, page }],
    queryFn: () =>
      api.moderationQueue(slug, {
        ...(state === 'all' ? {} : { state }),
        ...(origin === 'all' ? {} : { origin }),
        page,
        pageSize,
      }),
    placeholderData: keepPreviousData,
  });
  const data = queue.data;
  const items = data?.items ?? [];

  async function refresh() {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.moderationQueue(slug) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.managedStatements(slug) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.managedReview(slug) }),
    ]);
  }

  function rememberFocus(statementId: number) {
    focusIndexAfterChange.current = Math.max(
      0,
      items.findIndex((item) => item.id === statementId),
    );
  }

  const accept = useMutation({
    mutationFn: (item: ModerationItem) => api.acceptStatement(slug, item.id),
    onSuccess: async (item) => {
      rememberFocus(item.id);
      setAnnouncement(t('moderationQueue.announce.accepted', { text: item.text }));
      await refresh();
    },
  });
  const meta = useMutation({
    mutationFn: (item: ModerationItem) => api.setStatementMeta(slug, item.id, !item.isMeta),
    onSuccess: async (item) => {
      setAnnouncement(t(`moderationQueue.announce.${item.isMeta ? 'metaOn' : 'metaOff'}`, { text: item.text }));
      await refresh();
    },
  });
  const edit = useMutation({
    mutationFn: ({ item, text }: { item: ModerationItem; text: string }) => api.editStatement(slug, item.id, text),
    onSuccess: async () => {
      setEditingId(null);
      setAnnouncement(t('moderationQueue.announce.saved'));
      await refresh();
    },
  });
  const reject = useMutation({
    mutationFn: ({ statementIds, reason }: { statementIds: number[]; reason: string }) =>
      statementIds.length === 1
        ? api.rejectStatement(slug, statementIds[0]!, reason).then((item) => [item])
        : api.rejectStatements(slug, statementIds, reason).then((result) => result.changed),
    onSuccess: async (changed) => {
      rememberFocus(changed[0]?.id ?? -1);
      setRejecting(null);
      setSelected(new Set());
      setAnnouncement(
        changed.length === 1 && changed[0]
          ? t('moderationQueue.announce.rejected', { text: changed[0].text })
          : t('moderationQueue.announce.bulkRejected', { count: changed.length }),
      );
      await refresh();
    },
  });
  const bulkAccept = useMutation({
    mutationFn: (statementIds: number[]) => api.acceptStatements(slug, statementIds),
    onSuccess: async (result) => {
      rememberFocus(result.changed[0]?.id ?? -1);
      setSelected(new Set());
      setAnnouncement(t('moderationQueue.announce.bulkAccepted', { count: result.changed.length }));
      await refresh();
    },
  });

  const busy = accept.isPending || meta.isPending || edit.isPending || reject.isPending || bulkAccept.isPending;
  const actionError = accept.error ?? meta.error ?? bulkAccept.error;

  function resetActions() {
    for (const mutation of [accept, meta, edit, reject, bulkAccept]) mutation.reset();
  }

  // Once the list reflects a change, put focus where the acted-on item was (or on the list heading).
  useEffect(() => {
    const index = focusIndexAfterChange.current;
    if (index === null || queue.isFetching) return;
    focusIndexAfterChange.current = null;
    const cards = list.current?.querySelectorAll<HTMLElement>('.moderation-item');
    const target = cards?.[Math.min(index, cards.length - 1)];
    if (target) target.focus();
    else listHeading.current?.focus();
  }, [queue.isFetching]);

  // Selections and open editors belong to the page on screen.
  function changeFilters(next: { state?: StateFilter; origin?: OriginFilter; page?: number }) {
    if (next.state !== undefined) setState(next.state);
    if (next.origin !== undefined) setOrigin(next.origin);
    setPage(next.page ?? 1);
    setSelected(new Set());
    setEditingId(null);
    resetActions();
  }

  const pageIds = items.map((item) => item.id);
  const selectedOnPage = pageIds.filter((id) => selected.has(id));
  const allSelected = pageIds.length > 0 && selectedOnPage.length === pageIds.length;
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = selectedOnPage.length > 0 && !allSelected;
  }, [selectedOnPage.length, allSelected]);

  return (
    <section aria-labelledby="moderation-list-heading" className="section moderation-queue">
      {data ? <Filters data={data} state={state} origin={origin} onChange={changeFilters} /> : null}

      <h2 id="moderation-list-heading" ref={listHeading} tabIndex={-1}>
        {t('moderationQueue.listTitle')}
      </h2>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {queue.isPending ? <Loading /> : null}
      {queue.isError ? <LoadError error={queue.error} /> : null}
      <FormAlert error={actionError} />

      {data ? (
        <>
          <p>
            {data.totalItems === 0
              ? t('moderationQueue.empty')
              : t('moderationQueue.showing', {
                  from: (data.page - 1) * data.pageSize + 1,
                  to: (data.page - 1) * data.pageSize + items.length,
                  total: data.totalItems,
                })}
          </p>
          {items.length > 0 ? (
            <fieldset className="moderation-bulk">
              <legend className="visually-hidden">{t('moderationQueue.bulkLabel')}</legend>
              <label className="moderation-select-all">
                <input
                  ref={selectAll}
                  type="checkbox"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(pageIds))}
                />
                {t('moderationQueue.selectAll')}
              </label>
              <span>{t('moderationQueue.selected', { count: selectedOnPage.length })}</span>
              <div className="button-row">
                <button
                  type="button"
                  className="button button-small button-primary"
                  disabled={busy || selectedOnPage.length === 0}
                  onClick={() => {
                    resetActions();
                    bulkAccept.mutate(selectedOnPage);
                  }}
                >
                  {t('moderationQueue.acceptSelected')}
                </button>
                <button
                  type="button"
                  className="button button-small button-danger"
                  aria-haspopup="dialog"
                  disabled={busy || selectedOnPage.length === 0}
                  onClick={() => {
                    resetActions();
                    setRejecting({ statementIds: selectedOnPage });
                  }}
                >
                  {t('moderationQueue.rejectSelected')}
                </button>
              </div>
            </fieldset>
          ) : null}
          <ol ref={list} className="statement-list moderation-list">
            {items.map((item) => (
              <li key={item.id}>
                <ModerationItemCard
                  item={item}
                  selected={selected.has(item.id)}
                  editing={editingId === item.id}
                  busy={busy}
                  editError={editingId === item.id ? edit.error : undefined}
                  actions={{
                    onToggleSelected: (statementId) =>
                      setSelected((current) => {
                        const next = new Set(current);
                        if (next.has(statementId)) next.delete(statementId);
                        else next.add(statementId);
                        return next;
                      }),
                    onAccept: (target) => {
                      resetActions();
                      accept.mutate(target);
                    },
                    onReject: (target) => {
                      resetActions();
                      setRejecting({ statementIds: [target.id], text: target.text });
                    },
                    onToggleMeta: (target) => {
                      resetActions();
                      meta.mutate(target);
                    },
                    onStartEdit: (statementId) => {
                      resetActions();
                      setEditingId(statementId);
                    },
                    onCancelEdit: () => {
                      edit.reset();
                      setEditingId(null);
                    },
                    onSaveEdit: (target, text) => edit.mutate({ item: target, text }),
                  }}
                />
              </li>
            ))}
          </ol>
          <Pagination data={data} onPage={(next) => changeFilters({ page: next })} />
        </>
      ) : null}

      <ModerationRejectDialog
        target={rejecting}
        pending={reject.isPending}
        error={reject.error}
        onCancel={() => {
          reject.reset();
          setRejecting(null);
        }}
        onConfirm={(reason) => {
          if (rejecting) reject.mutate({ statementIds: rejecting.statementIds, reason });
        }}
      />
    </section>
  );
}

function Filters({
  data,
  state,
  origin,
  onChange,
}: {
  data: ModerationQueue;
  state: StateFilter;
  origin: OriginFilter;
  onChange: (next: { state?: StateFilter; origin?: OriginFilter }) => void;
}) {
  const { t } = useTranslation();
  const stateCount = (filter: StateFilter) =>
    filter === 'all'
      ? Object.values(data.counts.state).reduce((sum, count) => sum + count, 0)
      : data.counts.state[filter];
  const originCount = (filter: OriginFilter) =>
    filter === 'all'
      ? Object.values(data.counts.origin).reduce((sum, count) => sum + count, 0)
      : data.counts.origin[filter];
  return (
    <div className="moderation-filters">
      <fieldset className="filter-group">
        <legend className="filter-label">{t('moderationQueue.filterState')}</legend>
        <div className="filter-buttons">
          {stateFilters.map((filter) => (
            <button
              key={filter}
              type="button"
              className="button button-small filter-button"
              aria-pressed={state === filter}
              onClick={() => onChange({ state: filter })}
            >
              {t(`moderationQueue.state.${filter}`, { count: stateCount(filter) })}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset className="filter-group">
        <legend className="filter-label">{t('moderationQueue.filterOrigin')}</legend>
        <div className="filter-buttons">
          {originFilters.map((filter) => (
            <button
              key={filter}
              type="button"
              className="button button-small filter-button"
              aria-pressed={origin === filter}
              onClick={() => onChange({ origin: filter })}
            >
              {t(`moderationQueue.origin.${filter}`, { count: originCount(filter) })}
            </button>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

function Pagination({ data, onPage }: { data: ModerationQueue; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(data.totalItems / data.pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('moderationQueue.pages')} className="pagination">
      <button
        type="button"
        className="button button-small button-secondary"
        disabled={data.page <= 1}
        onClick={() => onPage(data.page - 1)}
      >
        {t('moderationQueue.previous')}
      </button>
      <span>{t('moderationQueue.pageOf', { page: data.page, pages })}</span>
      <button
        type="button"
        className="button button-small button-secondary"
        disabled={data.page >= pages}
        onClick={() => onPage(data.page + 1)}
      >
        {t('moderationQueue.next')}
      </button>
    </nav>
  );
}
