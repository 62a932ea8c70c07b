import { useMutation, useQuery } from '@tanstack/react-query';
import { useAuthContext } from './AuthContext.ts';
import { fkKeys } from './fkKeys.ts';

/** `GET /webauthn/credential/list`: the signed-in user's passkeys. */
export function usePasskeys(options: { enabled?: boolean } = {}) {
  const { client, queryClient } = useAuthContext('usePasskeys');
  return useQuery({ queryKey: fkKeys.passkeys(), queryFn: () => client.webauthn.listCredentials(), enabled: options.enabled ?? true, refetchOnWindowFocus: false }, queryClient);
}

/** Names a passkey (factorkit's backend). The list is fetched again. */
export function useRenamePasskey() {
  const { client, queryClient } = useAuthContext('useRenamePasskey');
  return useMutation(
    {
      mutationFn: (input: { webauthnCredentialId: string; name: string }) => client.webauthn.renameCredential(input),
      onSettled: () => queryClient.invalidateQueries({ queryKey: fkKeys.passkeys() }),
    },
    queryClient,
  );
}

/** Removes a passkey (needs step-up: `INVALID_CLAIM` with `fk-step-up` otherwise). The list is fetched again. */
export function useRemovePasskey() {
  const { client, queryClient } = useAuthContext('useRemovePasskey');
  return useMutation(
    {
      mutationFn: (input: { webauthnCredentialId: string }) => client.webauthn.removeCredential(input),
      onSettled: () => queryClient.invalidateQueries({ queryKey: fkKeys.passkeys() }),
    },
    queryClient,
  );
}
