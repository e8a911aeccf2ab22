import { Route, Switch } from 'wouter';
import { EmbedResultsPage } from '../pages/embed-results-page.js';
import { EmbedVotePage } from '../pages/embed-vote-page.js';

/** The framable pages under /embed (the server lets any site frame these paths and no others). */
export default function EmbedRoutes() {
  return (
    <Switch>
      <Route path="/embed/:slug/vote">{(params) => <EmbedVotePage key={params.slug} slug={params.slug} />}</Route>
      <Route path="/embed/:slug/results">{(params) => <EmbedResultsPage key={params.slug} slug={params.slug} />}</Route>
    </Switch>
  );
}
