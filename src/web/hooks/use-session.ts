import { useQuery } from '@tanstack/react-query';
import { api, queryKeys, type Session } from '../api.js';

/** The signed-in account (or null) and the CSRF token; shared by the header and organiser pages. */
export function useSession() {
  return useQuery<Session>({ queryKey: queryKeys.session, queryFn: api.getSession, staleTime: 60_000 });
}
