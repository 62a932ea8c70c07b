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
          // The token call carries no session, so the claim in ours is still the old value.
          await queryClient.fetchQuery({ ...emailVerificationQueryOptions(client), staleTime: 0 });
        }
        return result;
      },
      onSuccess: () => queryClient.invalidateQueries({ queryKey: fkKeys.emailVerification(), refetchType: 'none' }),
    },
    queryClient,
  );
  return { isVerified, send, verifyToken };
}
