import { useTranslation } from 'react-i18next';
import type { ThemeBreakdown, ThemeViewItem } from './theme-api.js';
import { ThemeCell } from './theme-cell.js';

/** Theme × seat and theme × identity group tables, every row small-cell suppressed by the server. */
export function ThemeBreakdowns(props: {
  breakdowns: readonly ThemeBreakdown[];
  themes: readonly ThemeViewItem[];
  threshold: number;
}) {
  const { t } = useTranslation();
  if (props.breakdowns.length === 0) return null;
  const labelOf = new Map(props.themes.map((theme) => [theme.id, theme.label]));
  return (
    <>
      <h3>{t('listening.themes.breakdownsTitle')}</h3>
      <p className="hint">{t('listening.themes.breakdownsHint', { threshold: props.threshold })}</p>
      {props.breakdowns.map((breakdown) => (
        <div className="table-scroll" key={`${breakdown.kind}-${breakdown.title}`}>
          <table className="invitation-table">
            <caption>
              {breakdown.kind === 'seat'
                ? t('listening.themes.bySeat', { title: breakdown.title })
                : t('listening.themes.byGroup', { title: breakdown.title })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('listening.themes.themeColumn')}</th>
                {breakdown.groups.map((group) => (
                  <th scope="col" key={group ?? '(unknown)'}>
                    {group ?? t('listening.themes.unknownGroup')}
                  </th>
                ))}
                <th scope="col">{t('listening.themes.totalColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {breakdown.rows.map((row) => (
                <tr key={row.themeId}>
                  <th scope="row">{labelOf.get(row.themeId) ?? row.themeId}</th>
                  {row.cells.map((cell, index) => (
                    <td key={breakdown.groups[index] ?? '(unknown)'}>
                      <ThemeCell cell={cell} threshold={props.threshold} />
                    </td>
                  ))}
                  <td>{row.total ?? t('listening.themes.hiddenCount')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
