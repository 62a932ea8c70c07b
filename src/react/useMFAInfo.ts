import { useQuery } from '@tanstack/react-query';
import { useAuthContext } from './AuthContext.ts';
import { mfaInfoQueryOptions } from './fkKeys.ts';

/**
 * `PUT /mfa/info` as a query shared by every caller (guard, chooser, factor screens). `data` is the
 * protocol's answer: check `data.status === 'OK'` before reading `factors`. Session events mark it
 * stale; completing a factor through the kit's hooks refetches it.
 */
export function useMFAInfo(options: { enabled?: boolean } = {}) {
  const { client, queryClient } = useAuthContext('useMFAInfo');
  return useQuery({ ...mfaInfoQueryOptions(client), enabled: options.enabled ?? true }, queryClient);
}
