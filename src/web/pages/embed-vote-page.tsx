import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../api.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { EmbedFrame } from '../embed/embed-frame.js';
import { usePageTitle } from '../hooks/use-page-title.js';
import { ReviewPage } from './review-page.js';

/**
 * Whether this frame's cookies reach the server. Our cookies are SameSite=Lax, so in a frame on
 * another site the browser neither stores nor sends them: the CSRF token then differs on every
 * request, and joining or voting could only fail.
 */
async function cookiesWork(): Promise<boolean> {
  const first = await api.getSession();
  const second = await api.getSession();
  return first.csrfToken === second.csrfToken;
}

/**
 * The voting card for other sites. Where the frame keeps our cookies (a page on the same site) it is
 * the full voting flow; elsewhere it introduces the review and opens the voting page in a new tab.
 */
export function EmbedVotePage({ slug }: { slug: string }) {
  const fullPageHref = `/r/${encodeURIComponent(slug)}`;
  const cookies = useQuery({ queryKey: ['embed-cookies'], queryFn: cookiesWork, staleTime: Number.POSITIVE_INFINITY });
  return (
    <EmbedFrame fullPageHref={fullPageHref}>
      {cookies.isPending ? (
        <Loading />
      ) : cookies.data ? (
        <ReviewPage slug={slug} />
      ) : (
        <VoteElsewhere slug={slug} fullPageHref={fullPageHref} />
      )}
    </EmbedFrame>
  );
}

function VoteElsewhere({ slug, fullPageHref }: { slug: string; fullPageHref: string }) {
  const { t } = useTranslation();
  const participation = useQuery({ queryKey: queryKeys.participation(slug), queryFn: () => api.participation(slug) });
  const title = participation.data?.review.title;
  usePageTitle(title ?? t('embed.voteTitle'));
  if (participation.isPending) return <Loading />;
  if (participation.isError) {
    return (
      <>
        <PageHeading>{t('embed.voteTitle')}</PageHeading>
        <LoadError error={participation.error} />
      </>
    );
  }
  const { review } = participation.data;
  const open = review.status === 'open' && review.archivedAt === null;
  return (
    <article className="panel embed-card">
      <PageHeading>{review.title}</PageHeading>
      {open ? (
        <>
          <p>{t('embed.voteIntro')}</p>
          <p>
            <a className="button button-primary button-large" href={fullPageHref} target="_blank" rel="noopener">
              {t('embed.voteLink')}
            </a>
          </p>
          <p className="hint">{t('embed.newTabHint')}</p>
        </>
      ) : (
        <p className="alert alert-info">{t('review.closed')}</p>
      )}
    </article>
  );
}
