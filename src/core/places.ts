/**
 * Place lists in use: finding a place as someone types (the participant's seat picker), the name to
 * show in each language, and the region of each place option (the report's region breakdown). Pure,
 * so the browser and the server share it.
 */

export interface NamedPlace {
  code: string;
  name: string;
  /** Welsh name, when the list has one. */
  nameCy: string | null;
}

/** The name to show: the Welsh one in Welsh when the list has it, otherwise the list's name. */
export function placeName(place: NamedPlace, language: string): string {
  return language.startsWith('cy') && place.nameCy ? place.nameCy : place.name;
}

/**
 * Text as a search compares it: accents dropped ("Môn" → "mon", "Glyndŵr" → "glyndwr"), lower case,
 * and every run of punctuation or spaces made one space, so "aldridge brown" finds
 * "Aldridge-Brownhills" and "st ives" finds "St. Ives".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Entry<T> {
  place: T;
  /** The shown name, folded. */
  shown: string;
  /** The other language's name, folded ('' when none). */
  other: string;
  code: string;
}

/** How well a place matches; lower is better. */
const rank = {
  shownStarts: 0,
  codeStarts: 1,
  shownWordStarts: 2,
  otherStarts: 3,
  otherWordStarts: 4,
  shownContains: 5,
  otherContains: 6,
  codeContains: 7,
} as const;

function matchRank(entry: Entry<unknown>, query: string): number | undefined {
  if (entry.shown.startsWith(query)) return rank.shownStarts;
  if (entry.code.startsWith(query)) return rank.codeStarts;
  if (entry.shown.includes(` ${query}`)) return rank.shownWordStarts;
  if (entry.other.startsWith(query)) return rank.otherStarts;
  if (entry.other.includes(` ${query}`)) return rank.otherWordStarts;
  if (entry.shown.includes(query)) return rank.shownContains;
  if (entry.other.includes(query)) return rank.otherContains;
  if (entry.code.includes(query)) return rank.codeContains;
  return undefined;
}

/**
 * Prepares a list for searching once (folding every name up front), and returns the search: the
 * places matching `query` on either name or the code, best matches first (the shown name starting
 * with it, then the code, then a word of the name…), the list's own order within each rank. An empty
 * query returns the whole list in its order. 650 seats take well under a millisecond per keystroke.
 */
export function createPlaceSearch<T extends NamedPlace>(
  places: readonly T[],
  language: string,
): (query: string) => T[] {
  const welsh = language.startsWith('cy');
  const entries: Entry<T>[] = places.map((place) => {
    const shown = placeName(place, language);
    const other = welsh ? place.name : (place.nameCy ?? '');
    return {
      place,
      shown: foldForSearch(shown),
      other: other === shown ? '' : foldForSearch(other),
      code: foldForSearch(place.code),
    };
  });
  return (query) => {
    const folded = foldForSearch(query);
    if (folded === '') return entries.map((entry) => entry.place);
    const buckets: T[][] = Object.values(rank).map(() => []);
    for (const entry of entries) {
      const found = matchRank(entry, folded);
      if (found !== undefined) buckets[found]?.push(entry.place);
    }
    return buckets.flat();
  };
}

/**
 * The region of each option of a place question (option id → region), for breaking answers down
 * by region. Options without a place, or whose place is not in the list, are left out.
 */
export function regionsByOption(
  options: ReadonlyArray<{ id: number; placeId: number | null }>,
  places: ReadonlyArray<{ id: number; region: string }>,
): Map<number, string> {
  const regionOfPlace = new Map(places.map((place) => [place.id, place.region]));
  const regions = new Map<number, string>();
  for (const option of options) {
    const region = option.placeId === null ? undefined : regionOfPlace.get(option.placeId);
    if (region !== undefined) regions.set(option.id, region);
  }
  return regions;
}
