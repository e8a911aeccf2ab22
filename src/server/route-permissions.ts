import type { FastifyRequest, preValidationHookHandler, RouteOptions } from 'fastify';
import type { ReviewPermission } from '../core/review-rules.js';
import { requireAccount } from './auth/session.js';
import type { App, AppContext } from './context.js';
import { authoriseReview } from './routes/authorise.js';

/**
 * Who may call a route: a permission of the review named by its `:slug` (see rolePermissions in
 * core/review-rules.ts), `view` for any role on that review, or `signedIn` for any account (routes
 * not about one review, such as creating a review).
 */
export type RoutePermission = ReviewPermission | 'view' | 'signedIn';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Required on every /api/manage route (the role matrix test fails for a route without it). It is
     * enforced before the body is validated, so a role without the permission learns nothing about
     * what the route accepts, and the test can check every route without knowing its body.
     */
    permission?: RoutePermission;
  }
}

export interface CatalogueEntry {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
  audit: string | undefined;
}

const catalogues = new WeakMap<object, CatalogueEntry[]>();

/** Every route the app registered (HEAD twins of GET routes left out), with what it declares. */
export function routeCatalogue(app: App): readonly CatalogueEntry[] {
  return catalogues.get(app) ?? [];
}

/**
 * Register before any route: notes each route in the catalogue and puts the guard for its declared
 * permission in front of its validation. Handlers still call `authoriseReview` for the review and
 * role they act on; the guard makes the declaration the rule, not a comment.
 */
export function registerRoutePermissions(app: App, context: AppContext): void {
  const catalogue: CatalogueEntry[] = [];
  catalogues.set(app, catalogue);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((method) => method !== 'HEAD');
    const permission = route.config?.permission;
    for (const method of methods) {
      catalogue.push({ method, url: route.url, permission, audit: route.config?.audit });
    }
    if (permission === undefined) return;
    if (permission !== 'signedIn' && !route.url.includes(':slug')) {
      throw new Error(`${route.url} declares the review permission "${permission}" but has no :slug parameter.`);
    }
    const guard: preValidationHookHandler = async (request: FastifyRequest) => {
      if (permission === 'signedIn') {
        requireAccount(request);
        return;
      }
      const slug = (request.params as { slug?: unknown }).slug;
      await authoriseReview(context, request, typeof slug === 'string' ? slug : '', permission);
    };
    const existing = route.preValidation;
    route.preValidation = [guard, ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing])];
  });
}
