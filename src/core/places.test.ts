import { describe, expect, it } from 'vitest';
import { createPlaceSearch, foldForSearch, placeName, regionsByOption } from './places.js';

const seats = [
  { code: 'E14001063', name: 'Aldershot', nameCy: null },
  { code: 'E14001064', name: 'Aldridge-Brownhills', nameCy: null },
  { code: 'W07000081', name: 'Ynys Môn', nameCy: 'Ynys Môn' },
  { code: 'W07000102', name: 'Montgomeryshire and Glyndŵr', nameCy: 'Maldwyn a Glyndŵr' },
  { code: 'W07000084', name: 'Merthyr Tydfil and Aberdare', nameCy: 'Merthyr Tudful ac Aberdâr' },
  { code: 'E14001480', name: 'St Ives', nameCy: null },
  { code: 'E14001288', name: 'Hornsey and Friern Barnet', nameCy: null },
  { code: 'S14000027', name: 'Na h-Eileanan an Iar', nameCy: null },
  { code: 'E14001170', name: 'Eastleigh', nameCy: null },
  { code: 'E14001168', name: 'East Ham', nameCy: null },
];
const names = (list: Array<{ name: string }>) => list.map((place) => place.name);

describe('foldForSearch', () => {
  it('drops accents and case and turns punctuation into single spaces', () => {
    expect(foldForSearch('  Ynys Môn ')).toBe('ynys mon');
    expect(foldForSearch('Glyndŵr')).toBe('glyndwr');
    expect(foldForSearch('Aldridge-Brownhills')).toBe('aldridge brownhills');
    expect(foldForSearch('St. Ives')).toBe('st ives');
  });
});

describe('createPlaceSearch', () => {
  const search = createPlaceSearch(seats, 'en');

  it('returns the whole list in its order for an empty query', () => {
    expect(search('')).toEqual(seats);
    expect(search('  -  ')).toEqual(seats);
  });

  it('matches without accents or case, and puts prefix matches first', () => {
    expect(names(search('MON'))).toEqual(['Montgomeryshire and Glyndŵr', 'Ynys Môn']);
    expect(names(search('môn'))).toEqual(['Montgomeryshire and Glyndŵr', 'Ynys Môn']);
    expect(names(search('east'))).toEqual(['Eastleigh', 'East Ham']);
    // The Welsh name "Maldwyn" contains it too, so that seat comes after the prefix matches.
    expect(names(search('ald'))).toEqual(['Aldershot', 'Aldridge-Brownhills', 'Montgomeryshire and Glyndŵr']);
    expect(names(search('aldridge brown'))).toEqual(['Aldridge-Brownhills']);
    expect(names(search('barnet'))).toEqual(['Hornsey and Friern Barnet']);
  });

  it('ranks a name that starts with the query before one with a word that does, before one containing it', () => {
    expect(names(search('ham'))).toEqual(['East Ham']);
    expect(names(search('ive'))).toEqual(['St Ives']);
    expect(names(search('leigh'))).toEqual(['Eastleigh']);
    expect(names(search('a'))[0]).toBe('Aldershot');
    expect(names(search('a')).slice(0, 2)).toEqual(['Aldershot', 'Aldridge-Brownhills']);
  });

  it('matches the code', () => {
    expect(names(search('w07000102'))).toEqual(['Montgomeryshire and Glyndŵr']);
    expect(names(search('S1400'))).toEqual(['Na h-Eileanan an Iar']);
  });

  it('finds a Welsh seat by its English name in Welsh and by its Welsh name in English', () => {
    const welsh = createPlaceSearch(seats, 'cy');
    expect(names(welsh('maldwyn'))).toEqual(['Montgomeryshire and Glyndŵr']);
    expect(names(welsh('montgomery'))).toEqual(['Montgomeryshire and Glyndŵr']);
    expect(names(search('tudful'))).toEqual(['Merthyr Tydfil and Aberdare']);
    expect(names(search('nothing like it'))).toEqual([]);
  });
});

describe('placeName', () => {
  it('shows the Welsh name in Welsh when there is one', () => {
    expect(placeName(seats[3] as (typeof seats)[number], 'cy')).toBe('Maldwyn a Glyndŵr');
    expect(placeName(seats[3] as (typeof seats)[number], 'en')).toBe('Montgomeryshire and Glyndŵr');
    expect(placeName(seats[0] as (typeof seats)[number], 'cy')).toBe('Aldershot');
  });
});

describe('regionsByOption', () => {
  it('maps each place option to its place’s region', () => {
    const regions = regionsByOption(
      [
        { id: 10, placeId: 1 },
        { id: 11, placeId: 2 },
        { id: 12, placeId: null },
        { id: 13, placeId: 99 },
      ],
      [
        { id: 1, region: 'Wales' },
        { id: 2, region: 'South East' },
      ],
    );
    expect([...regions]).toEqual([
      [10, 'Wales'],
      [11, 'South East'],
    ]);
  });
});
