import { useMutation, useQuery } from '@tanstack/react-query';
import { useAuthContext } from './AuthContext.ts';
import { emailVerificationQueryOptions, fkKeys } from './fkKeys.ts';
import { useSession } from './useSession.ts';

/**
 * Email verification: `isVerified` (a query, only with a session), `send` (the email with the
 * link) and `verifyToken` (the token of an opened link; works without a session). After a token
 * is accepted with a session, the `st-ev` claim is refreshed so the "continue" step sees it.
 */
export function useEmailVerification() {
  const { client, queryClient } = useAuthContext('useEmailVerification');
  const session = useSession();
  const isVerified = useQuery({ ...emailVerificationQueryOptions(client), enabled: session.exists }, queryClient);
  const send = useMutation({ mutationFn: () => client.emailVerification.sendEmail() }, queryClient);
  const verifyToken = useMutation(
    {
      mutationFn: async (input: { token: string; tenantId?: string }) => {
        const result = await client.emailVerification.verifyToken(input);
        if (result.status === 'OK' && client.session.getSnapshot().status === 'signedIn') {
          // The token call carries no session, so the claim in ours is still the old value: ask again.
          // A check already on the wire may have read the address before the token was used; it
          // would answer this call too (TanStack joins a fetch in flight) and its older `st-ev`
          // could land after the token's. So it lands first, then a check sent now has the last word.
          const fresh = { ...emailVerificationQueryOptions(client), staleTime: 0 };
          if (queryClient.isFetching({ queryKey: fresh.queryKey }) > 0) await queryClient.fetchQuery(fresh).catch(() => undefined);
          await queryClient.fetchQuery(fresh);
        }
        return result;
      },
      onSuccess: () => queryClient.invalidateQueries({ queryKey: fkKeys.emailVerification(), refetchType: 'none' }),
    },
    queryClient,
  );
  return { isVerified, send, verifyToken };
}
