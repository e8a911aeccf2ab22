// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceOption } from '../../api.js';
import { initI18n, setLanguage } from '../../i18n/index.js';
import { maxShownPlaces, SeatPicker } from './seat-picker.js';

const places: PlaceOption[] = [
  { optionId: 1, code: 'E14001063', name: 'Aldershot', nameCy: null, region: 'South East' },
  { optionId: 2, code: 'E14001064', name: 'Aldridge-Brownhills', nameCy: null, region: 'West Midlands' },
  { optionId: 3, code: 'W07000112', name: 'Ynys Môn', nameCy: 'Ynys Môn', region: 'Wales' },
  {
    optionId: 4,
    code: 'W07000102',
    name: 'Montgomeryshire and Glyndŵr',
    nameCy: 'Maldwyn a Glyndŵr',
    region: 'Wales',
  },
  { optionId: 5, code: 'E14001168', name: 'East Ham', nameCy: null, region: 'London' },
  { optionId: 6, code: 'E14001170', name: 'Eastleigh', nameCy: null, region: 'South East' },
];

const changes: Array<number | null> = [];

function Harness({ list = places }: { list?: PlaceOption[] }) {
  const [value, setValue] = useState<number | null>(null);
  return (
    <SeatPicker
      id="seat"
      label="Which seat do you live in?"
      places={list}
      value={value}
      onChange={(next) => {
        changes.push(next);
        setValue(next);
      }}
    />
  );
}

const input = () => screen.getByRole('combobox', { name: 'Which seat do you live in?' });
const optionNames = () =>
  screen.queryAllByRole('option').map((option) => option.querySelector('.seat-picker-name')?.textContent);
const type = (text: string) => fireEvent.change(input(), { target: { value: text } });
const press = (key: string) => fireEvent.keyDown(input(), { key });
const status = () => document.querySelector('.seat-picker [role="status"]')?.textContent ?? '';
const waitForAnnouncement = () => act(() => new Promise((resolve) => setTimeout(resolve, 450)));

describe('SeatPicker', () => {
  beforeAll(async () => {
    await initI18n();
    await setLanguage('en');
  });
  afterEach(async () => {
    cleanup();
    changes.length = 0;
    await setLanguage('en');
  });

  it('is a combobox that controls a listbox, closed until used', () => {
    render(<Harness />);
    expect(input().getAttribute('aria-autocomplete')).toBe('list');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(input().getAttribute('aria-controls')).toBe('seat-listbox');
    expect(screen.queryAllByRole('option')).toHaveLength(0);
  });

  it('filters as you type, ignoring accents and case, prefix matches first, and announces the count', async () => {
    render(<Harness />);
    type('MON');
    expect(input().getAttribute('aria-expanded')).toBe('true');
    expect(optionNames()).toEqual(['Montgomeryshire and Glyndŵr', 'Ynys Môn']);
    await waitForAnnouncement();
    expect(status()).toBe('2 seats match.');

    type('east');
    expect(optionNames()).toEqual(['East Ham', 'Eastleigh']);
    type('e14001063');
    expect(optionNames()).toEqual(['Aldershot']);
    await waitForAnnouncement();
    expect(status()).toBe('1 seat matches.');

    type('zzz');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    await waitForAnnouncement();
    expect(status()).toContain('No seat matches that.');
  });

  it('moves with the arrow keys through aria-activedescendant and chooses with Enter', () => {
    render(<Harness />);
    type('ald');
    expect(input().getAttribute('aria-activedescendant')).toBeNull();
    press('ArrowDown');
    expect(input().getAttribute('aria-activedescendant')).toBe('seat-option-1');
    expect(document.getElementById('seat-option-1')?.getAttribute('aria-selected')).toBe('true');
    press('ArrowDown');
    expect(input().getAttribute('aria-activedescendant')).toBe('seat-option-2');
    press('ArrowDown');
    // The Welsh name "Maldwyn" contains "ald" too; the last option stays put on a further Down.
    expect(input().getAttribute('aria-activedescendant')).toBe('seat-option-4');
    press('ArrowDown');
    expect(input().getAttribute('aria-activedescendant')).toBe('seat-option-4');
    press('ArrowUp');
    press('ArrowUp');
    expect(input().getAttribute('aria-activedescendant')).toBe('seat-option-1');
    press('Enter');
    expect(changes.at(-1)).toBe(1);
    expect((input() as HTMLInputElement).value).toBe('Aldershot');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(input().getAttribute('aria-activedescendant')).toBeNull();
  });

  it('opens on Down with the whole list, the chosen place active; Escape closes, then clears', () => {
    render(<Harness />);
    type('eastl');
    press('Enter');
    expect(changes.at(-1)).toBe(6);
    press('ArrowDown');
    expect(optionNames()).toHaveLength(places.length);
    expect(input().getAttribute('aria-activedescendant')).toBe('seat-option-6');
    press('Escape');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect((input() as HTMLInputElement).value).toBe('Eastleigh');
    press('Escape');
    expect((input() as HTMLInputElement).value).toBe('');
    expect(changes.at(-1)).toBeNull();
  });

  it('chooses a place by click, and editing the text drops the choice', () => {
    render(<Harness />);
    type('ynys');
    const option = screen.getByRole('option', { name: /Ynys Môn/ });
    fireEvent.mouseDown(option);
    fireEvent.click(option);
    expect(changes.at(-1)).toBe(3);
    type('Ynys Mo');
    expect(changes.at(-1)).toBeNull();
  });

  it('shows and finds Welsh names in Welsh', async () => {
    await act(() => setLanguage('cy'));
    render(<Harness />);
    type('maldwyn');
    expect(optionNames()).toEqual(['Maldwyn a Glyndŵr']);
    press('ArrowDown');
    press('Enter');
    expect((input() as HTMLInputElement).value).toBe('Maldwyn a Glyndŵr');
    await act(() => setLanguage('en'));
    expect((input() as HTMLInputElement).value).toBe('Montgomeryshire and Glyndŵr');
  });

  it(`draws at most ${maxShownPlaces} of 650 places and says to keep typing`, async () => {
    const many = Array.from({ length: 650 }, (_, index) => ({
      optionId: index + 1,
      code: `X${String(index).padStart(4, '0')}`,
      name: `Seat number ${index}`,
      nameCy: null,
      region: 'Somewhere',
    }));
    render(<Harness list={many} />);
    type('seat');
    expect(screen.getAllByRole('option')).toHaveLength(maxShownPlaces);
    expect(document.querySelector('.seat-picker-more')?.textContent).toBe(
      `Showing ${maxShownPlaces} of 650. Keep typing to narrow the list.`,
    );
    await waitForAnnouncement();
    expect(status()).toContain('650 seats match');
    type('seat number 64');
    // 64 and 640–649.
    expect(screen.getAllByRole('option')).toHaveLength(11);
  });
});
