import type {
  VolunteerList,
  VolunteerListQuery,
  VolunteerOfferBody,
  VolunteerOfferView,
} from '../../contract/event-outcomes.js';
import type { AccountRow } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { type Outcome, ok, refuse } from '../errors.js';
import { eventUrl } from '../events/links.js';
import { describeWhen } from '../events/mail.js';
import { presentVolunteerOffer } from '../presenters/event-outcomes.js';

/**
 * "Help us run events": anyone may offer; organisers (an owner or organiser of any review, or the
 * instance owner) see the offers and assign them to events, and the volunteer is emailed.
 */

export async function submitVolunteerOffer(context: AppContext, body: VolunteerOfferBody): Promise<void> {
  const now = context.now().toISOString();
  await context.store.volunteers.createOffer({
    name: body.name,
    email: body.email,
    capabilities: [...new Set(body.capabilities)],
    area: body.area,
    availability: body.availability,
    consentedAt: now,
    createdAt: now,
  });
}

async function isOrganiser(context: AppContext, account: AccountRow): Promise<boolean> {
  if (account.isInstanceOwner) return true;
  const reviews = await context.store.listReviewsForAccount(account.id);
  return reviews.some((review) => review.role === 'owner' || review.role === 'organiser');
}

/** A non-organiser gets the same 404 as for something that is not there: offers hold names and emails. */
async function refuseUnlessOrganiser(context: AppContext, account: AccountRow): Promise<Outcome<void>> {
  if (await isOrganiser(context, account)) return ok(undefined);
  return refuse('not_found', 'Volunteer offers are for organisers.');
}

async function assignableEvents(context: AppContext) {
  return context.store.events.listEvents({
    statuses: ['draft', 'proposed', 'published'],
    endsFrom: context.now().toISOString(),
  });
}

export async function listVolunteerOffers(
  context: AppContext,
  account: AccountRow,
  query: VolunteerListQuery,
): Promise<Outcome<VolunteerList>> {
  const allowed = await refuseUnlessOrganiser(context, account);
  if (!allowed.ok) return allowed;
  const [offers, events] = await Promise.all([
    context.store.volunteers.listOffers({
      ...(query.capability ? { capability: query.capability } : {}),
      ...(query.area ? { area: query.area } : {}),
      unassigned: query.unassigned === 'true',
    }),
    assignableEvents(context),
  ]);
  const titles = new Map(events.map((event) => [event.id, event.title]));
  for (const id of new Set(offers.flatMap((offer) => offer.assignedEventIds))) {
    if (!titles.has(id)) {
      const event = await context.store.events.findEvent(id);
      if (event) titles.set(id, event.title);
    }
  }
  return ok({
    offers: offers.map((offer) => presentVolunteerOffer(offer, titles)),
    events: events.map((event) => ({ id: event.id, title: event.title, startsAt: event.startsAt })),
  });
}

export async function assignVolunteer(
  context: AppContext,
  account: AccountRow,
  offerId: number,
  eventId: number,
): Promise<Outcome<{ offer: VolunteerOfferView; mailFailed: unknown }>> {
  const allowed = await refuseUnlessOrganiser(context, account);
  if (!allowed.ok) return allowed;
  const offer = await context.store.volunteers.findOffer(offerId);
  if (!offer) return refuse('volunteer_not_found', `There is no volunteer offer ${offerId}.`);
  const event = await context.store.events.findEvent(eventId);
  if (!event || event.status === 'cancelled' || event.status === 'finished') {
    return refuse('event_not_found', `There is no upcoming event ${eventId}.`, [
      { field: 'eventId', message: 'Choose an upcoming event.' },
    ]);
  }
  const assigned = await context.store.volunteers.assign({
    offerId,
    eventId,
    accountId: account.id,
    assignedAt: context.now().toISOString(),
  });
  if (!assigned) return refuse('already_assigned', `${offer.name} is already assigned to ${event.title}.`);
  let mailFailed: unknown;
  try {
    await context.mailer.send({
      to: offer.email,
      subject: `You are helping at ${event.title} / Rydych chi’n helpu yn ${event.title}`,
      text: [
        `Hello ${offer.name},`,
        '',
        `Thank you for offering to help us run events. ${account.displayName} has asked you to help at:`,
        '',
        event.title,
        describeWhen(event),
        eventUrl(context.config.publicUrl, event.id),
        '',
        'The hosts will be in touch. Reply to this email if you can no longer help.',
        '',
        '---',
        '',
        `Helo ${offer.name},`,
        '',
        `Diolch am gynnig helpu i gynnal digwyddiadau. Mae ${account.displayName} wedi gofyn i chi helpu yn:`,
        '',
        event.title,
        eventUrl(context.config.publicUrl, event.id),
        '',
        'Bydd y trefnwyr yn cysylltu â chi. Atebwch yr e-bost hwn os na allwch chi helpu mwyach.',
      ].join('\n'),
    });
  } catch (error) {
    // The assignment stands; the organiser can tell the volunteer another way.
    mailFailed = error;
  }
  const updated = await context.store.volunteers.findOffer(offerId);
  const titles = new Map([[event.id, event.title]]);
  for (const id of updated?.assignedEventIds ?? []) {
    if (!titles.has(id)) titles.set(id, (await context.store.events.findEvent(id))?.title ?? `#${id}`);
  }
  return ok({ offer: presentVolunteerOffer(updated ?? offer, titles), mailFailed });
}
