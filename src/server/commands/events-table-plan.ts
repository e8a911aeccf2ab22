import type { TablePerson, TablePlanBody, TablePlanView } from '../../contract/events.js';
import { adjustPlan, type PlanScore, planTables, type Registrant, scorePlan } from '../../core/table-plan/index.js';
import type { RegistrationRow, TablePlanRow } from '../../store/event-store.js';
import type { IdentityQuestionRow } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { type Outcome, ok, refuse } from '../errors.js';
import type { EventAccess } from './events.js';

/**
 * The table plan in the app: the core planner over the people with a place, mixing traditions
 * first, then opinion groups, then regions (the priority order of `attributes`).
 */
const attributes = ['tradition', 'group', 'region'] as const;

interface Room {
  people: Map<string, TablePerson>;
  registrants: Registrant[];
}

/** Labels of the registrant's answers to the review's tradition and region questions. */
function describe(registration: RegistrationRow, questions: IdentityQuestionRow[]): TablePerson {
  const answerOf = (kind: IdentityQuestionRow['kind']): string | null => {
    for (const answer of registration.answers) {
      const question = questions.find((candidate) => candidate.id === answer.questionId && candidate.kind === kind);
      const option = question?.options.find((candidate) => candidate.id === answer.optionId);
      if (option) return option.label;
    }
    return null;
  };
  return {
    registrationId: registration.id,
    name: registration.name,
    tradition: answerOf('tradition'),
    group: registration.opinionGroup,
    region: answerOf('region'),
    checkedIn: registration.checkedInAt !== null,
  };
}

async function loadRoom(context: AppContext, access: EventAccess, basis: 'confirmed' | 'checked_in'): Promise<Room> {
  const { event } = access;
  const [registrations, questions] = await Promise.all([
    context.store.events.listRegistrations(event.id),
    event.reviewId === null ? Promise.resolve([]) : context.store.listIdentityQuestions(event.reviewId),
  ]);
  const seated = registrations.filter(
    (registration) =>
      registration.status === 'confirmed' && (basis === 'confirmed' || registration.checkedInAt !== null),
  );
  const ids = new Set(seated.map((registration) => String(registration.id)));
  const people = new Map<string, TablePerson>();
  const registrants: Registrant[] = [];
  for (const registration of seated) {
    const person = describe(registration, questions);
    people.set(String(registration.id), person);
    const keep = (others: number[]) => others.map(String).filter((id) => ids.has(id) && id !== String(registration.id));
    registrants.push({
      id: String(registration.id),
      attributes: { tradition: person.tradition ?? '', group: person.group ?? '', region: person.region ?? '' },
      together: keep(registration.togetherWith),
      apart: keep(registration.apartFrom),
    });
  }
  return { people, registrants };
}

function view(room: Room, plan: TablePlanRow, tables: string[][], score: PlanScore): TablePlanView {
  const seated = new Set(tables.flat());
  return {
    seed: plan.seed,
    tableSize: plan.tableSize,
    updatedAt: plan.updatedAt,
    mixing: score.mixing,
    attributes: score.attributes.map((attribute) => ({ ...attribute })),
    problems: score.problems.map((problem) => ({ code: problem.code, message: problem.message })),
    tables: tables.map((ids, index) => {
      const tableScore = score.tables[index];
      return {
        table: index + 1,
        mixing: tableScore?.mixing ?? 0,
        distinct: { ...(tableScore?.distinct ?? {}) },
        people: ids.flatMap((id) => {
          const person = room.people.get(id);
          return person ? [person] : [];
        }),
      };
    }),
    unseated: [...room.people.entries()].filter(([id]) => !seated.has(id)).map(([, person]) => person),
  };
}

/** The stored plan's tables, minus anyone who no longer has a place. */
function currentTables(room: Room, plan: TablePlanRow): string[][] {
  return plan.tables.map((ids) => ids.map(String).filter((id) => room.people.has(id)));
}

function scored(room: Room, plan: TablePlanRow): Outcome<TablePlanView> {
  const tables = currentTables(room, plan);
  const seated = new Set(tables.flat());
  const score = scorePlan(
    room.registrants.filter((registrant) => seated.has(registrant.id)),
    tables,
    { attributes: [...attributes], tableSize: plan.tableSize },
  );
  if (!score.ok) return refuse('table_plan_invalid', score.error.message);
  return ok(view(room, plan, tables, score.value));
}

export async function getTablePlan(context: AppContext, access: EventAccess): Promise<Outcome<TablePlanView>> {
  const plan = await context.store.events.findTablePlan(access.event.id);
  if (!plan) return refuse('table_plan_missing', 'No table plan has been made for this event yet.');
  return scored(await loadRoom(context, access, 'confirmed'), plan);
}

export async function makeTablePlan(
  context: AppContext,
  access: EventAccess,
  body: Required<TablePlanBody>,
): Promise<Outcome<TablePlanView>> {
  const room = await loadRoom(context, access, body.basis);
  if (room.registrants.length === 0) {
    return refuse(
      'table_plan_invalid',
      body.basis === 'checked_in' ? 'Nobody has checked in yet.' : 'Nobody has a confirmed place yet.',
    );
  }
  const planned = planTables(room.registrants, {
    tableSize: body.tableSize,
    attributes: [...attributes],
    seed: body.seed,
  });
  if (!planned.ok) {
    return refuse('table_plan_invalid', planned.error.message, [
      { field: 'tableSize', message: planned.error.message },
    ]);
  }
  const plan: TablePlanRow = {
    eventId: access.event.id,
    seed: body.seed,
    tableSize: body.tableSize,
    tables: planned.value.tables.map((table) => table.ids.map(Number)),
    updatedByAccountId: access.account.id,
    updatedAt: context.now().toISOString(),
  };
  await context.store.events.saveTablePlan(plan);
  const tables = planned.value.tables.map((table) => [...table.ids]);
  return ok(view(await loadRoom(context, access, 'confirmed'), plan, tables, planned.value.score));
}

/** Swaps two people's seats; the measure is scored again as it now stands. */
export async function swapSeats(
  context: AppContext,
  access: EventAccess,
  first: number,
  second: number,
): Promise<Outcome<TablePlanView>> {
  const plan = await context.store.events.findTablePlan(access.event.id);
  if (!plan) return refuse('table_plan_missing', 'Make a table plan first.');
  const locate = (id: number) => {
    for (const [table, ids] of plan.tables.entries()) {
      const seat = ids.indexOf(id);
      if (seat >= 0) return { table, seat };
    }
    return undefined;
  };
  const a = locate(first);
  const b = locate(second);
  if (!a || !b) {
    return refuse('registration_not_found', `${a ? second : first} is not seated in this plan.`, [
      { field: a ? 'second' : 'first', message: 'Not seated in this plan.' },
    ]);
  }
  const tables = plan.tables.map((ids) => [...ids]);
  (tables[a.table] as number[])[a.seat] = second;
  (tables[b.table] as number[])[b.seat] = first;
  const next: TablePlanRow = {
    ...plan,
    tables,
    updatedByAccountId: access.account.id,
    updatedAt: context.now().toISOString(),
  };
  await context.store.events.saveTablePlan(next);
  return scored(await loadRoom(context, access, 'confirmed'), next);
}

/**
 * At the door: takes people who have not checked in off their tables and seats those who checked
 * in without a seat, without moving anyone already seated (the core's re-plan).
 */
export async function adjustForCheckIn(context: AppContext, access: EventAccess): Promise<Outcome<TablePlanView>> {
  const plan = await context.store.events.findTablePlan(access.event.id);
  if (!plan) return refuse('table_plan_missing', 'Make a table plan first.');
  const room = await loadRoom(context, access, 'confirmed');
  const tables = currentTables(room, plan);
  const seated = new Set(tables.flat());
  const noShows = tables.flat().filter((id) => !room.people.get(id)?.checkedIn);
  const lateArrivals = [...room.people.values()]
    .filter((person) => person.checkedIn && !seated.has(String(person.registrationId)))
    .map((person) => String(person.registrationId));
  const adjusted = adjustPlan(
    { registrants: room.registrants, tables, noShows, lateArrivals },
    { tableSize: plan.tableSize, attributes: [...attributes], seed: plan.seed },
  );
  if (!adjusted.ok) return refuse('table_plan_invalid', adjusted.error.message);
  const next: TablePlanRow = {
    ...plan,
    tables: adjusted.value.tables.map((table) => table.ids.map(Number)),
    updatedByAccountId: access.account.id,
    updatedAt: context.now().toISOString(),
  };
  await context.store.events.saveTablePlan(next);
  return scored(room, next);
}
