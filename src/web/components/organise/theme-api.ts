/** Calls for themes (src/server/routes/themes), beside the component that uses them. */
import type { SuppressedCell, ThemeBreakdown, ThemesView, ThemeViewItem } from '../../../contract/themes.js';
import { request } from '../../api.js';

export type { SuppressedCell, ThemeBreakdown, ThemesView, ThemeViewItem };

const themesPath = (slug: string) => `/api/manage/reviews/${encodeURIComponent(slug)}/themes`;
const themePath = (slug: string, themeId: string) => `${themesPath(slug)}/${encodeURIComponent(themeId)}`;

export const themeApi = {
  view: (slug: string) => request<ThemesView>('GET', themesPath(slug)),
  run: (slug: string) => request<ThemesView>('POST', `${themesPath(slug)}/run`),
  rename: (slug: string, themeId: string, label: string) =>
    request<ThemesView>('POST', `${themePath(slug, themeId)}/rename`, { label }),
  merge: (slug: string, themeIds: string[]) => request<ThemesView>('POST', `${themesPath(slug)}/merge`, { themeIds }),
  split: (slug: string, themeId: string) => request<ThemesView>('POST', `${themePath(slug, themeId)}/split`),
  draftSummary: (slug: string, themeId: string) => request<ThemesView>('POST', `${themePath(slug, themeId)}/summary`),
};

export const themeKeys = {
  view: (slug: string) => ['manage', 'themes', slug] as const,
};
