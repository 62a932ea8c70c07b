import { useMutation, useQuery } from '@tanstack/react-query';
import { useAuthContext } from './AuthContext.ts';
import { fkKeys } from './fkKeys.ts';

/** `GET /fk/sessions` (factorkit's extension): where the user is signed in, this device first. */
export function useSessions(options: { enabled?: boolean } = {}) {
  const { client, queryClient } = useAuthContext('useSessions');
  return useQuery({ queryKey: fkKeys.sessions(), queryFn: () => client.sessions.list(), enabled: options.enabled ?? true, refetchOnWindowFocus: true }, queryClient);
}

/**
 * Ends sessions: `{ sessionHandle }` one other session, `{ others: true }` every other one. (To end
 * this one as well, `client.sessions.revokeAll()`: the session store then signs out.) The list is
 * fetched again afterwards.
 */
export function useRevokeSessions() {
  const { client, queryClient } = useAuthContext('useRevokeSessions');
  return useMutation(
    {
      mutationFn: async (input: { sessionHandle: string } | { others: true }): Promise<{ status: string; revoked?: number; didSessionExist?: boolean }> =>
        'others' in input ? client.sessions.revokeOthers() : client.sessions.revoke({ sessionHandle: input.sessionHandle }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: fkKeys.sessions() }),
    },
    queryClient,
  );
}
