import { useQuery } from '@tanstack/react-query';
import { useAuthContext } from './AuthContext.ts';
import { loginMethodsQueryOptions } from './fkKeys.ts';

/** `GET /loginmethods`: which first factors the tenant offers. */
export function useLoginMethods() {
  const { client, queryClient } = useAuthContext('useLoginMethods');
  return useQuery(loginMethodsQueryOptions(client), queryClient);
}
