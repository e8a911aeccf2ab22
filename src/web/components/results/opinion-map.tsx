import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Results } from '../../../contract/results.js';
import { count, groupColour, groupLetter } from './format.js';

const extent = 1.15;

/** Where on the map a point is, in words (for the text alternative). */
function placeWords(x: number, y: number, t: (key: string) => string): string {
  const vertical = y < -0.33 ? 'bottom' : y > 0.33 ? 'top' : '';
  const horizontal = x < -0.33 ? 'Left' : x > 0.33 ? 'Right' : '';
  const key = vertical ? `${vertical}${horizontal}` : horizontal ? horizontal.toLowerCase() : 'middle';
  return t(`results.map.place.${key}`);
}

/**
 * The opinion map: people who vote alike sit close together. Drawn from the density grid (circle
 * area ∝ people in the square), each group outlined and named; the table after it says the same in
 * words and numbers.
 */
export function OpinionMap({ map, groups }: { map: Results['map']; groups: Results['groups'] }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const descriptionId = useId();
  const largest = Math.max(1, ...map.cells.map((cell) => cell.count));
  const cellRadius = (people: number) => (0.9 / map.gridSize) * Math.sqrt(people / largest) + 0.012;
  // SVG's y axis points down; the map's points up.
  const flip = (y: number) => -y;
  const sizes = new Map(groups.map((group) => [group.label, group.size]));
  const description = [
    t('results.map.summary', { groups: map.groups.length }),
    ...map.groups.map((group) =>
      t('results.map.groupAt', {
        group: groupLetter(group.label),
        people: count(sizes.get(group.label) ?? 0, i18n.language),
        place: placeWords(group.centre.x, group.centre.y, t),
      }),
    ),
    map.viewer
      ? map.viewer.nearestGroup === null
        ? t('results.map.youAlone')
        : t('results.map.you', { group: groupLetter(map.viewer.nearestGroup) })
      : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <figure className="opinion-map">
      <svg
        viewBox={`${-extent} ${-extent} ${2 * extent} ${2 * extent}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        className="opinion-map-svg"
      >
        <title id={titleId}>{t('results.map.title')}</title>
        <desc id={descriptionId}>{description}</desc>
        <rect x={-extent} y={-extent} width={2 * extent} height={2 * extent} className="opinion-map-ground" />
        <line x1={-1} y1={0} x2={1} y2={0} className="opinion-map-axis" />
        <line x1={0} y1={-1} x2={0} y2={1} className="opinion-map-axis" />
        {map.groups.map((group) =>
          group.outline.length >= 3 ? (
            <polygon
              key={`outline-${group.label}`}
              points={group.outline.map((point) => `${point.x},${flip(point.y)}`).join(' ')}
              className="opinion-map-outline"
              stroke={groupColour(group.label)}
            />
          ) : null,
        )}
        {map.cells.map((cell) => (
          <circle
            key={`${cell.x}:${cell.y}:${cell.group}`}
            cx={cell.x}
            cy={flip(cell.y)}
            r={cellRadius(cell.count)}
            fill={groupColour(cell.group)}
            fillOpacity={0.75}
          />
        ))}
        {map.groups.map((group) => (
          <text
            key={`label-${group.label}`}
            x={group.centre.x}
            y={flip(group.centre.y)}
            className="opinion-map-label"
            textAnchor="middle"
            dominantBaseline="middle"
          >
            {groupLetter(group.label)}
          </text>
        ))}
        {map.viewer ? (
          <g className="opinion-map-viewer">
            <circle cx={map.viewer.x} cy={flip(map.viewer.y)} r={0.045} />
            <text x={map.viewer.x} y={flip(map.viewer.y) - 0.08} textAnchor="middle">
              {t('results.map.youLabel')}
            </text>
          </g>
        ) : null}
      </svg>
      <figcaption>{t('results.map.caption')}</figcaption>
      <table className="data-table">
        <caption>{t('results.map.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.group')}</th>
            <th scope="col">{t('results.people')}</th>
            <th scope="col">{t('results.map.where')}</th>
          </tr>
        </thead>
        <tbody>
          {map.groups.map((group) => (
            <tr key={group.label}>
              <th scope="row">
                <span className="swatch" style={{ background: groupColour(group.label) }} aria-hidden="true" />
                {t('results.groupName', { group: groupLetter(group.label) })}
              </th>
              <td>{count(sizes.get(group.label) ?? 0, i18n.language)}</td>
              <td>{placeWords(group.centre.x, group.centre.y, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {map.viewer ? (
        <p>
          {map.viewer.nearestGroup === null
            ? t('results.map.youAlone')
            : t('results.map.you', { group: groupLetter(map.viewer.nearestGroup) })}
        </p>
      ) : null}
    </figure>
  );
}
