import { readFile } from 'node:fs/promises';
import type { PlaceList, PlaceListPreset, PlaceListPresetInfo, PlaceOption } from '../../contract/places.js';
import { type ParsedPlace, type PlaceCsvProblem, parsePlaceCsv } from '../../core/places-csv.js';
import type { PlaceRow, ReviewRow, Store } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { type FieldError, type Outcome, ok, refuse } from '../errors.js';
import { presentPlaceList } from '../presenters/places.js';

/** The lists shipped in src/data/places/ (see LICENCE.md there for sources and attribution). */
const presets: Record<PlaceListPreset, { file: string; name: string; attribution: string }> = {
  'uk-westminster-2024': {
    file: 'uk-westminster-2024.csv',
    name: 'UK Westminster constituencies (2024)',
    attribution:
      'Contains Parliamentary information licensed under the Open Parliament Licence v3.0. Welsh names: Office for National Statistics (Open Government Licence v3.0) and mySociety (CC BY 4.0).',
  },
};

const presetFolder = new URL('../../data/places/', import.meta.url);
const presetCache = new Map<PlaceListPreset, Promise<ParsedPlace[]>>();

/** A shipped list, read and checked once per process. It is project data, so a bad line is a bug. */
function presetPlaces(preset: PlaceListPreset): Promise<ParsedPlace[]> {
  let cached = presetCache.get(preset);
  if (cached === undefined) {
    cached = readFile(new URL(presets[preset].file, presetFolder), 'utf8').then((text) => {
      const parsed = parsePlaceCsv(text);
      if (!parsed.ok) throw new Error(`The shipped place list ${preset} has bad lines: ${describe(parsed.problems)}`);
      return parsed.places;
    });
    cached.catch(() => presetCache.delete(preset));
    presetCache.set(preset, cached);
  }
  return cached;
}

export async function listPlaceListPresets(): Promise<PlaceListPresetInfo[]> {
  return Promise.all(
    (Object.keys(presets) as PlaceListPreset[]).map(async (id) => ({
      id,
      name: presets[id].name,
      attribution: presets[id].attribution,
      count: (await presetPlaces(id)).length,
    })),
  );
}

/**
 * Replaces the review's place list with the places of a CSV. All or nothing: any bad line refuses
 * the whole file, listing every bad line (line, column, reason) in the problem's `lines`.
 */
export async function importPlaceList(
  context: AppContext,
  review: ReviewRow,
  csv: string,
): Promise<Outcome<PlaceList>> {
  const parsed = parsePlaceCsv(csv);
  if (!parsed.ok) {
    const count = parsed.problems.length;
    return refuse(
      'place_list_invalid',
      `The place list has ${count} ${count === 1 ? 'problem' : 'problems'}, so nothing was imported. ${describe(parsed.problems)}`,
      parsed.problems.slice(0, maxFieldErrors).map(toFieldError),
      { lines: parsed.problems },
    );
  }
  return replacePlaceList(context, review, parsed.places);
}

export async function loadPlaceListPreset(
  context: AppContext,
  review: ReviewRow,
  preset: PlaceListPreset,
): Promise<Outcome<PlaceList>> {
  return replacePlaceList(context, review, await presetPlaces(preset));
}

export async function readPlaceList(store: Store, review: ReviewRow): Promise<PlaceList> {
  const [places, locked] = await Promise.all([store.listPlaces(review.id), placeListLocked(store, review)]);
  return presentPlaceList(places, locked);
}

/**
 * The choices of a place question for the participant's seat picker, or undefined when the review
 * has no such place question.
 */
export async function placeOptions(
  store: Store,
  review: ReviewRow,
  questionId: number,
): Promise<PlaceOption[] | undefined> {
  const question = (await store.listIdentityQuestions(review.id)).find((candidate) => candidate.id === questionId);
  if (!question?.usesPlaceList) return undefined;
  const placeById = new Map((await store.listPlaces(review.id)).map((place) => [place.id, place]));
  return question.options.flatMap((option) => {
    const place = option.placeId === null ? undefined : placeById.get(option.placeId);
    return place
      ? [{ optionId: option.id, code: place.code, name: place.name, nameCy: place.nameCy, region: place.region }]
      : [];
  });
}

async function replacePlaceList(
  context: AppContext,
  review: ReviewRow,
  places: ParsedPlace[],
): Promise<Outcome<PlaceList>> {
  return context.store.transaction(async (tx) => {
    // Replacing the list replaces the place questions' options; answers to them would go too.
    if (await placeListLocked(tx, review)) {
      return refuse(
        'place_list_in_use',
        'Participants have answered a place question of this review, so its place list can no longer be replaced: their answers would be lost.',
      );
    }
    const stored: PlaceRow[] = await tx.replacePlaces(review.id, places);
    return ok(presentPlaceList(stored, false));
  });
}

async function placeListLocked(store: Store, review: ReviewRow): Promise<boolean> {
  const [questions, answered] = await Promise.all([
    store.listIdentityQuestions(review.id),
    store.answeredIdentityQuestionIds(review.id),
  ]);
  return questions.some((question) => question.usesPlaceList && answered.has(question.id));
}

/** Problem+json `errors` for generic clients; every line is in `lines`, these are the first few. */
const maxFieldErrors = 100;

function toFieldError(problem: PlaceCsvProblem): FieldError {
  return { field: 'csv', message: where(problem) + problem.message };
}

function where(problem: PlaceCsvProblem): string {
  return problem.column === null ? `Line ${problem.line}: ` : `Line ${problem.line}, column "${problem.column}": `;
}

function describe(problems: PlaceCsvProblem[]): string {
  const shown = problems.slice(0, 5).map((problem) => where(problem) + problem.message);
  const more = problems.length - shown.length;
  return shown.join(' ') + (more > 0 ? ` …and ${more} more.` : '');
}
