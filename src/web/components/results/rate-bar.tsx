import { useTranslation } from 'react-i18next';
import { percent } from './format.js';

/**
 * One horizontal bar of agree / disagree / pass shares, for a reader who sees colour; the same
 * figures are in the visible text beside it, so the bar itself is hidden from screen readers.
 */
export function RateBar({ agree, disagree, pass }: { agree: number; disagree: number; pass: number }) {
  const { i18n } = useTranslation();
  return (
    <div className="rate-bar" aria-hidden="true">
      <span className="rate-bar-agree" style={{ width: `${agree * 100}%` }}>
        {agree >= 0.12 ? percent(agree, i18n.language) : ''}
      </span>
      <span className="rate-bar-disagree" style={{ width: `${disagree * 100}%` }}>
        {disagree >= 0.12 ? percent(disagree, i18n.language) : ''}
      </span>
      <span className="rate-bar-pass" style={{ width: `${pass * 100}%` }} />
    </div>
  );
}
