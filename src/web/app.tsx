import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch, useLocation } from 'wouter';
import { Loading } from './components/query-state.js';
import { SiteHeader } from './components/site-header.js';
import { HomePage } from './pages/home-page.js';
import { InvitePage } from './pages/invite-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/password-reset-pages.js';
import { ReviewPage } from './pages/review-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { TeamInvitationPage } from './pages/team-invitation-page.js';

/** Loaded on demand: the results page (charts, tables) would otherwise weigh on every participant's first load. */
const ResultsPage = lazy(() => import('./pages/results-page.js'));
/** The framable pages for other sites (src/web/embed), loaded only there. */
const EmbedRoutes = lazy(() => import('./embed/embed-routes.js'));

/**
 * Organiser screens load on demand too: most visitors are participants on a phone, and they should not
 * download the console (forms, CSV import, moderation) to cast a vote.
 */
function organiserPage<Name extends string, Props>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
): LazyExoticComponent<ComponentType<Props>> {
  return lazy(async () => ({ default: (await load())[name] }));
}
const AuditPage = organiserPage(() => import('./pages/audit-page.js'), 'AuditPage');
const InvitationsPage = organiserPage(() => import('./pages/invitations-page.js'), 'InvitationsPage');
const ManageReviewPage = organiserPage(() => import('./pages/manage-review-page.js'), 'ManageReviewPage');
const ModerationPage = organiserPage(() => import('./pages/moderation-page.js'), 'ModerationPage');
const NewReviewPage = organiserPage(() => import('./pages/new-review-page.js'), 'NewReviewPage');
const OrganiseListPage = organiserPage(() => import('./pages/organise-list-page.js'), 'OrganiseListPage');
const PromptsPage = organiserPage(() => import('./pages/prompts-page.js'), 'PromptsPage');
const TeamPage = organiserPage(() => import('./pages/team-page.js'), 'TeamPage');
const VoicesPage = organiserPage(() => import('./pages/voices-page.js'), 'VoicesPage');
// Read by few participants, so loaded when opened.
const PrivacyPage = organiserPage(() => import('./pages/privacy-page.js'), 'PrivacyPage');
const YourDataPage = organiserPage(() => import('./pages/your-data-page.js'), 'YourDataPage');
const SetupPage = organiserPage(() => import('./pages/setup-page.js'), 'SetupPage');
// Events are their own corner of the site: loaded when someone goes there.
const EventsPage = organiserPage(() => import('./pages/events-page.js'), 'EventsPage');
const EventPage = organiserPage(() => import('./pages/event-page.js'), 'EventPage');
const EventRegistrationPage = organiserPage(
  () => import('./pages/event-registration-page.js'),
  'EventRegistrationPage',
);
const EventNewPage = organiserPage(() => import('./pages/event-new-page.js'), 'EventNewPage');
const EventManagePage = organiserPage(() => import('./pages/event-manage-page.js'), 'EventManagePage');
const EventCheckInPage = organiserPage(() => import('./pages/event-check-in-page.js'), 'EventCheckInPage');
const RunSheetPage = organiserPage(() => import('./pages/run-sheet-page.js'), 'RunSheetPage');
const VolunteerPage = organiserPage(() => import('./pages/volunteer-page.js'), 'VolunteerPage');
const VolunteersPage = organiserPage(() => import('./pages/volunteers-page.js'), 'VolunteersPage');

export function App() {
  const { t } = useTranslation();
  const [location] = useLocation();
  // Pages framed by other sites carry none of the site's chrome (see src/web/embed).
  if (location.startsWith('/embed/')) {
    return (
      <Suspense fallback={<Loading />}>
        <EmbedRoutes />
      </Suspense>
    );
  }
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="site-main">
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/" component={HomePage} />
            <Route path="/r/:slug/results">
              {(params) => (
                <Suspense fallback={<Loading />}>
                  <ResultsPage key={params.slug} slug={params.slug} />
                </Suspense>
              )}
            </Route>
            <Route path="/r/:slug/privacy">{(params) => <PrivacyPage key={params.slug} slug={params.slug} />}</Route>
            <Route path="/r/:slug/your-data">{(params) => <YourDataPage key={params.slug} slug={params.slug} />}</Route>
            <Route path="/r/:slug">{(params) => <ReviewPage key={params.slug} slug={params.slug} />}</Route>
            <Route path="/invite/:token">{(params) => <InvitePage token={params.token} />}</Route>
            <Route path="/team-invitation/:token">
              {(params) => <TeamInvitationPage key={params.token} token={params.token} />}
            </Route>
            <Route path="/setup" component={SetupPage} />
            <Route path="/sign-in" component={SignInPage} />
            <Route path="/forgot-password" component={ForgotPasswordPage} />
            <Route path="/reset-password" component={ResetPasswordPage} />
            <Route path="/events" component={EventsPage} />
            <Route path="/events/:eventId/registration/:token">
              {(params) => <EventRegistrationPage key={params.token} token={params.token} />}
            </Route>
            <Route path="/events/:eventId">
              {(params) => <EventPage key={params.eventId} eventId={Number(params.eventId)} />}
            </Route>
            <Route path="/organise/events/new" component={EventNewPage} />
            <Route path="/organise/events/:eventId/run">
              {(params) => <RunSheetPage key={params.eventId} eventId={Number(params.eventId)} />}
            </Route>
            <Route path="/volunteer" component={VolunteerPage} />
            <Route path="/organise/volunteers" component={VolunteersPage} />
            <Route path="/organise/events/:eventId/check-in">
              {(params) => <EventCheckInPage key={params.eventId} eventId={Number(params.eventId)} />}
            </Route>
            <Route path="/organise/events/:eventId">
              {(params) => <EventManagePage key={params.eventId} eventId={Number(params.eventId)} />}
            </Route>
            <Route path="/organise" component={OrganiseListPage} />
            <Route path="/organise/new" component={NewReviewPage} />
            <Route path="/organise/:slug/invitations">
              {(params) => <InvitationsPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/organise/:slug/moderation">
              {(params) => <ModerationPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/organise/:slug/prompts">
              {(params) => <PromptsPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/organise/:slug/voices">
              {(params) => <VoicesPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/organise/:slug/team">{(params) => <TeamPage key={params.slug} slug={params.slug} />}</Route>
            <Route path="/organise/:slug/audit">{(params) => <AuditPage key={params.slug} slug={params.slug} />}</Route>
            <Route path="/organise/:slug">
              {(params) => <ManageReviewPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route component={NotFoundPage} />
          </Switch>
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('site.footer')}</p>
      </footer>
    </>
  );
}
