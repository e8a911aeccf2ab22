import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import { Loading } from './components/query-state.js';
import { SiteHeader } from './components/site-header.js';
import { AuditPage } from './pages/audit-page.js';
import { HomePage } from './pages/home-page.js';
import { InvitationsPage } from './pages/invitations-page.js';
import { InvitePage } from './pages/invite-page.js';
import { ManageReviewPage } from './pages/manage-review-page.js';
import { ModerationPage } from './pages/moderation-page.js';
import { NewReviewPage } from './pages/new-review-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { OrganiseListPage } from './pages/organise-list-page.js';
import { ReviewPage } from './pages/review-page.js';
import { SetupPage } from './pages/setup-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { TeamInvitationPage } from './pages/team-invitation-page.js';
import { TeamPage } from './pages/team-page.js';

/** Loaded on demand: the results page (charts, tables) would otherwise weigh on every participant's first load. */
const ResultsPage = lazy(() => import('./pages/results-page.js'));

export function App() {
  const { t } = useTranslation();
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="site-main">
        <Switch>
          <Route path="/" component={HomePage} />
          <Route path="/r/:slug/results">
            {(params) => (
              <Suspense fallback={<Loading />}>
                <ResultsPage key={params.slug} slug={params.slug} />
              </Suspense>
            )}
          </Route>
          <Route path="/r/:slug">{(params) => <ReviewPage key={params.slug} slug={params.slug} />}</Route>
          <Route path="/invite/:token">{(params) => <InvitePage token={params.token} />}</Route>
          <Route path="/team-invitation/:token">
            {(params) => <TeamInvitationPage key={params.token} token={params.token} />}
          </Route>
          <Route path="/setup" component={SetupPage} />
          <Route path="/sign-in" component={SignInPage} />
          <Route path="/organise" component={OrganiseListPage} />
          <Route path="/organise/new" component={NewReviewPage} />
          <Route path="/organise/:slug/invitations">
            {(params) => <InvitationsPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/organise/:slug/moderation">
            {(params) => <ModerationPage key={params.slug} slug={params.slug} />}
          </Route>
          <Route path="/organise/:slug/team">{(params) => <TeamPage key={params.slug} slug={params.slug} />}</Route>
          <Route path="/organise/:slug/audit">{(params) => <AuditPage key={params.slug} slug={params.slug} />}</Route>
          <Route path="/organise/:slug">{(params) => <ManageReviewPage key={params.slug} slug={params.slug} />}</Route>
          <Route component={NotFoundPage} />
        </Switch>
      </main>
      <footer className="site-footer">
        <p>{t('site.footer')}</p>
      </footer>
    </>
  );
}
