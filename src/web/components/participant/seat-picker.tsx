import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createPlaceSearch, foldForSearch, placeName } from '../../../core/places.js';
import type { PlaceOption } from '../../api.js';
import './seat-picker.css';

/**
 * Options rendered at once. The whole list is searched on every keystroke (650 seats take well
 * under a millisecond); only the drawing is capped, and a note says to keep typing.
 */
export const maxShownPlaces = 100;

/** How long the result count waits for typing to pause before it is read out. */
const announceDelayMs = 400;

interface SeatPickerProps {
  id: string;
  label: ReactNode;
  labelClassName?: string;
  /** Ids of text describing the field (the question's explanation, an error). */
  describedBy?: string;
  /** Shown between the label and the text box (the question's explanation). */
  description?: ReactNode;
  places: readonly PlaceOption[];
  /** The chosen option id, or null. */
  value: number | null;
  onChange: (optionId: number | null) => void;
  invalid?: boolean;
}

/**
 * A searchable place picker: the WAI-ARIA 1.2 combobox pattern with a listbox popup and list
 * autocomplete with manual selection. Typing filters the preloaded list (name in either language
 * and code, accents and case ignored, prefix matches first); Down/Up move through the options
 * (aria-activedescendant keeps focus in the text box), Enter chooses, Escape closes the list and then
 * clears the text. The number of matches is announced once typing pauses.
 */
export function SeatPicker({
  id,
  label,
  labelClassName,
  describedBy,
  description,
  places,
  value,
  onChange,
  invalid,
}: SeatPickerProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const search = useMemo(() => createPlaceSearch(places, language), [places, language]);
  const selected = useMemo(() => places.find((place) => place.optionId === value), [places, value]);
  const [query, setQuery] = useState(() => (selected ? placeName(selected, language) : ''));
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [announcement, setAnnouncement] = useState('');

  // Show the chosen place in the reader's language, also after switching language.
  useEffect(() => {
    if (selected) setQuery(placeName(selected, language));
  }, [selected, language]);

  // With a place chosen and its name unchanged in the box, opening the list shows every place.
  const showingChoice = selected !== undefined && query === placeName(selected, language);
  const results = useMemo(() => search(showingChoice ? '' : query), [search, query, showingChoice]);
  const shown = results.slice(0, maxShownPlaces);
  const expanded = open && shown.length > 0;
  const listId = `${id}-listbox`;
  const labelId = `${id}-label`;
  const optionId = (place: PlaceOption) => `${id}-option-${place.optionId}`;
  const active = expanded && activeIndex >= 0 ? shown[activeIndex] : undefined;

  useEffect(() => {
    if (!open) {
      setAnnouncement('');
      return;
    }
    const timer = setTimeout(() => {
      setAnnouncement(
        results.length === 0
          ? t('seatPicker.noResults')
          : results.length > shown.length
            ? t('seatPicker.resultsCapped', { count: results.length, shown: shown.length })
            : t('seatPicker.results', { count: results.length }),
      );
    }, announceDelayMs);
    return () => clearTimeout(timer);
  }, [open, results.length, shown.length, t]);

  useEffect(() => {
    if (!active) return;
    document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' });
  });

  function openAt(index: number) {
    setOpen(true);
    setActiveIndex(index);
  }

  function choose(place: PlaceOption) {
    setQuery(placeName(place, language));
    setOpen(false);
    setActiveIndex(-1);
    onChange(place.optionId);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown': {
        event.preventDefault();
        if (!expanded) {
          const chosenIndex = selected ? shown.findIndex((place) => place.optionId === selected.optionId) : -1;
          openAt(event.altKey ? -1 : Math.max(chosenIndex, 0));
        } else {
          setActiveIndex(Math.min(activeIndex + 1, shown.length - 1));
        }
        return;
      }
      case 'ArrowUp': {
        event.preventDefault();
        if (!expanded) openAt(shown.length - 1);
        else setActiveIndex(Math.max(activeIndex - 1, 0));
        return;
      }
      case 'Enter': {
        if (!expanded) return;
        // While the list is open Enter chooses, never submits the form underneath.
        event.preventDefault();
        const pick = active ?? (shown.length === 1 ? shown[0] : undefined);
        if (pick) choose(pick);
        else setOpen(false);
        return;
      }
      case 'Escape': {
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActiveIndex(-1);
        } else if (query !== '') {
          event.preventDefault();
          setQuery('');
          if (value !== null) onChange(null);
        }
        return;
      }
      case 'Tab':
        setOpen(false);
        return;
    }
  }

  function onBlur() {
    setOpen(false);
    setActiveIndex(-1);
    if (selected || query.trim() === '') return;
    // Typed a whole name without choosing it from the list: take it when it names exactly one place.
    const folded = foldForSearch(query);
    const exact = places.filter(
      (place) => foldForSearch(placeName(place, language)) === folded || foldForSearch(place.code) === folded,
    );
    if (exact.length === 1 && exact[0]) choose(exact[0]);
  }

  const noMatch = open && query.trim() !== '' && !showingChoice && results.length === 0;
  return (
    <div className="field seat-picker">
      <label id={labelId} htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {description}
      <p className="hint" id={`${id}-hint`}>
        {t('seatPicker.hint')}
      </p>
      <div className="seat-picker-box">
        <input
          id={id}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={active ? optionId(active) : undefined}
          aria-describedby={[`${id}-hint`, describedBy].filter(Boolean).join(' ')}
          aria-invalid={invalid ? true : undefined}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            openAt(-1);
            if (value !== null) onChange(null);
          }}
          onClick={() => setOpen(true)}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
        />
        <div id={listId} role="listbox" aria-labelledby={labelId} className="seat-picker-list" hidden={!expanded}>
          {expanded
            ? shown.map((place, index) => {
                const name = placeName(place, language);
                return (
                  // The combobox pattern keeps focus in the text box and points at options with
                  // aria-activedescendant, so options are neither focusable nor keyed themselves: the
                  // text box's key handler moves through them and chooses.
                  // biome-ignore lint/a11y/useFocusableInteractive: see above.
                  // biome-ignore lint/a11y/useKeyWithClickEvents: see above.
                  <div
                    key={place.optionId}
                    id={optionId(place)}
                    role="option"
                    aria-selected={index === activeIndex}
                    className={
                      place.optionId === value ? 'seat-picker-option seat-picker-chosen' : 'seat-picker-option'
                    }
                    // Keep focus in the text box, so the click does not blur (and close) it first.
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => choose(place)}
                  >
                    <span className="seat-picker-name">{name}</span>
                    {place.region ? <span className="seat-picker-region">{place.region}</span> : null}
                  </div>
                );
              })
            : null}
        </div>
      </div>
      {expanded && results.length > shown.length ? (
        <p className="hint seat-picker-more">
          {t('seatPicker.keepTyping', { total: results.length, shown: shown.length })}
        </p>
      ) : null}
      {noMatch ? <p className="hint seat-picker-none">{t('seatPicker.noResults')}</p> : null}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
