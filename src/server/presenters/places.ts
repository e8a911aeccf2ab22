import type { Place, PlaceList } from '../../contract/places.js';
import type { PlaceRow } from '../../store/store.js';

export function presentPlace(place: PlaceRow): Place {
  return {
    id: place.id,
    code: place.code,
    name: place.name,
    nameCy: place.nameCy,
    region: place.region,
    attributes: place.attributes,
  };
}

export function presentPlaceList(places: PlaceRow[], locked: boolean): PlaceList {
  const regions = new Set<string>();
  const attributeColumns = new Set<string>();
  for (const place of places) {
    if (place.region !== '') regions.add(place.region);
    for (const column of Object.keys(place.attributes)) attributeColumns.add(column);
  }
  return {
    count: places.length,
    regions: [...regions],
    attributeColumns: [...attributeColumns],
    locked,
    places: places.map(presentPlace),
  };
}
