import { createRandom, type Random } from '../core/analysis/random.js';
import { statementTextKey } from '../core/statements.js';
import type { Store } from '../store/store.js';
import { demoQuestions, demoReview, demoStatements } from './demo-content.js';

export interface DemoOptions {
  /** Seed for the synthetic participants and votes; the same seed gives the same demo. */
  seed?: number;
  now?: Date;
  /** Number of synthetic participants (default 120). */
  participants?: number;
  /** The account that owns the demo; one is created (without a usable password) when absent. */
  ownerAccountId?: number;
}

/**
 * Creates the demo review: our statements about a movement reviewing an election defeat, four
 * identity questions, and synthetic participants in three planted opinion groups who answer some
 * questions and vote on most statements. The instance owner (if set up) owns it. If the demo review
 * exists already it is left as it is.
 */
export async function seedDemoReview(
  store: Store,
  options: DemoOptions = {},
): Promise<{ slug: string; created: boolean }> {
  const existing = await store.findReviewBySlug(demoReview.slug);
  if (existing) return { slug: existing.slug, created: false };
  const random = createRandom(options.seed ?? 2024);
  const now = options.now ?? new Date();
  const participantCount = options.participants ?? 120;
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();

  await store.transaction(async (tx) => {
    const ownerAccountId =
      options.ownerAccountId ?? (await tx.findInstanceOwner())?.id ?? (await demoOwner(tx, at(10_000)));
    const review = await tx.createReview({
      ...demoReview,
      status: 'open',
      visibility: 'public',
      moderationMode: 'permissive',
      participantsCanAddStatements: true,
      createdByAccountId: ownerAccountId,
      createdAt: at(10_000),
      updatedAt: at(10_000),
    });
    await tx.setReviewRole({ reviewId: review.id, accountId: ownerAccountId, role: 'owner', createdAt: at(10_000) });

    const questions = [];
    for (const question of demoQuestions) {
      questions.push({
        plan: question,
        row: await tx.createIdentityQuestion({
          reviewId: review.id,
          prompt: question.prompt,
          kind: question.kind,
          options: question.options,
          createdAt: at(9_990),
        }),
      });
    }
    const statements = [];
    for (const statement of demoStatements) {
      statements.push({
        plan: statement,
        row: await tx.createStatement({
          reviewId: review.id,
          text: statement.text,
          textKey: statementTextKey(statement.text),
          origin: 'seed',
          moderation: 'accepted',
          isMeta: false,
          authorParticipantId: null,
          authorAccountId: ownerAccountId,
          createdAt: at(9_980),
        }),
      });
    }

    for (let index = 0; index < participantCount; index++) {
      const group = index % 3;
      const joinedMinutesAgo = 9_000 - Math.floor((index / participantCount) * 9_000);
      const participant = await tx.createParticipant({
        reviewId: review.id,
        tokenHash: `demo-participant-${index}`,
        seed: Math.floor(random() * 2 ** 31),
        createdAt: at(joinedMinutesAgo),
      });
      for (const { plan, row } of questions) {
        if (random() < 0.25) continue; // Some people skip each question, as real participants do.
        const optionIndex = weightedPick(plan.weights[group] ?? [], random);
        const option = row.options[optionIndex];
        if (option)
          await tx.setIdentityAnswer({
            participantId: participant.id,
            questionId: row.id,
            optionId: option.id,
            answeredAt: at(joinedMinutesAgo),
          });
      }
      const votesToCast = Math.max(7, Math.floor(statements.length * (0.45 + random() * 0.55)));
      for (const { plan, row } of shuffled(statements, random).slice(0, votesToCast)) {
        const agreeChance = plan.agree[group] ?? 0.5;
        const roll = random();
        const value = roll < 0.12 ? 0 : random() < agreeChance ? 1 : -1;
        await tx.recordVote({
          reviewId: review.id,
          participantId: participant.id,
          statementId: row.id,
          value,
          votedAt: at(joinedMinutesAgo - 1),
        });
      }
    }
  });
  return { slug: demoReview.slug, created: true };
}

/**
 * The demo's owner when the instance has no owner yet: an account nobody can sign in to (its password
 * hash matches no password). It does not count as the instance owner, so the set-up link still works.
 */
async function demoOwner(store: Store, createdAt: string): Promise<number> {
  const email = 'demo-owner@common-ground.invalid';
  const existing = await store.findAccountByEmail(email);
  if (existing) return existing.id;
  const account = await store.createAccount({
    email,
    displayName: 'Demo organiser',
    passwordHash: '!',
    isInstanceOwner: false,
    createdAt,
  });
  return account.id;
}

function weightedPick(weights: readonly number[], random: Random): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let roll = random() * total;
  for (const [index, weight] of weights.entries()) {
    roll -= weight;
    if (roll < 0) return index;
  }
  return weights.length - 1;
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
