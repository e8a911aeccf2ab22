import {
  assignVolunteerBody,
  offerIdParams,
  volunteerListQuery,
  volunteerListSchema,
  volunteerOfferBody,
  volunteerOfferSchema,
  volunteerReceivedSchema,
} from '../../../contract/event-outcomes.js';
import { requireAccount } from '../../auth/session.js';
import { assignVolunteer, listVolunteerOffers, submitVolunteerOffer } from '../../commands/volunteers.js';
import type { App, AppContext } from '../../context.js';
import { unwrap } from '../../errors.js';

const tags = ['volunteers'];

/** "Help us run events": the public offer form, and the organisers' list and assignment. */
export function registerVolunteerRoutes(app: App, context: AppContext): void {
  app.post(
    '/volunteers',
    {
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Offer to help run events (name, email, what you can do, area, availability, consent)',
        body: volunteerOfferBody,
        response: { 201: volunteerReceivedSchema },
      },
    },
    async (request, reply) => {
      await submitVolunteerOffer(context, request.body);
      return reply.code(201).send({ received: true as const });
    },
  );

  app.get(
    '/manage/volunteers',
    {
      config: { permission: 'signedIn' },
      schema: {
        tags,
        summary: 'Volunteer offers, filtered by what they can do, area and whether assigned (organisers only)',
        querystring: volunteerListQuery,
        response: { 200: volunteerListSchema },
      },
    },
    async (request, reply) => {
      const list = unwrap(await listVolunteerOffers(context, requireAccount(request), request.query));
      return reply.header('cache-control', 'private, no-store').send(list);
    },
  );

  app.post(
    '/manage/volunteers/:offerId/assignments',
    {
      config: { permission: 'signedIn', audit: 'volunteer.assign' },
      schema: {
        tags,
        summary: 'Assign a volunteer to an event; they are emailed',
        params: offerIdParams,
        body: assignVolunteerBody,
        response: { 200: volunteerOfferSchema },
      },
    },
    async (request) => {
      const { offer, mailFailed } = unwrap(
        await assignVolunteer(context, requireAccount(request), request.params.offerId, request.body.eventId),
      );
      if (mailFailed) request.log.error({ err: mailFailed }, 'volunteer email not sent');
      return offer;
    },
  );
}
