import { z } from 'zod';

/**
 * Place lists: the seats (or wards, branches…) a review's place questions offer. Organisers import
 * them from CSV (code, name, region, then any columns kept as attributes) or load a ready-made list.
 */

/** Ready-made lists shipped with the project (src/data/places/). */
export const placeListPresets = ['uk-westminster-2024'] as const;
export type PlaceListPreset = (typeof placeListPresets)[number];

/** Roomy enough for 5,000 places with a few attribute columns. */
export const placeListMaxCharacters = 2_000_000;

export const importPlacesBody = z.strictObject({
  csv: z
    .string()
    .min(1, 'Choose a file or paste the list.')
    .max(placeListMaxCharacters, `A place list has at most ${placeListMaxCharacters} characters.`),
});
export type ImportPlacesBody = z.infer<typeof importPlacesBody>;

export const loadPlacePresetBody = z.strictObject({
  preset: z.enum(placeListPresets, { error: `A ready-made list is one of: ${placeListPresets.join(', ')}.` }),
});
export type LoadPlacePresetBody = z.infer<typeof loadPlacePresetBody>;

export const placeSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameCy: z.string().nullable(),
  region: z.string(),
  attributes: z.record(z.string(), z.string()),
});
export type Place = z.infer<typeof placeSchema>;

/** The organiser's view of a review's place list. */
export const placeListSchema = z.object({
  count: z.number().int(),
  /** Distinct regions, in order of first appearance. */
  regions: z.array(z.string()),
  /** The extra columns the places carry, in the CSV's order. */
  attributeColumns: z.array(z.string()),
  /** A place question has answers, so the list can no longer be replaced. */
  locked: z.boolean(),
  places: z.array(placeSchema),
});
export type PlaceList = z.infer<typeof placeListSchema>;

export const placeListPresetSchema = z.object({
  id: z.enum(placeListPresets),
  name: z.string(),
  count: z.number().int(),
  /** Credit to show wherever the list is used. */
  attribution: z.string(),
});
export type PlaceListPresetInfo = z.infer<typeof placeListPresetSchema>;

/**
 * One choice of a place question as a participant's seat picker needs it: the option to answer with
 * and what to show and search. The list's attributes ("held"…) are the organisers' and stay with them.
 */
export const placeOptionSchema = z.object({
  optionId: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameCy: z.string().nullable(),
  region: z.string(),
});
export type PlaceOption = z.infer<typeof placeOptionSchema>;
