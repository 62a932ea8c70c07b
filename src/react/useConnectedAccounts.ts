import { useMutation, useQuery } from '@tanstack/react-query';
import { useAuthContext } from './AuthContext.ts';
import { fkKeys } from './fkKeys.ts';

/** `GET /fk/connected-accounts` (factorkit's extension, when the backend has social sign-in): the account's social sign-ins. */
export function useConnectedAccounts(options: { enabled?: boolean } = {}) {
  const { client, queryClient } = useAuthContext('useConnectedAccounts');
  return useQuery({ queryKey: fkKeys.connectedAccounts(), queryFn: () => client.connectedAccounts.list(), enabled: options.enabled ?? true, refetchOnWindowFocus: true }, queryClient);
}

/** Disconnects a social sign-in (`{ recipeUserId }`); may answer step-up (`INVALID_CLAIM`). The list is fetched again afterwards. */
export function useDisconnectAccount() {
  const { client, queryClient } = useAuthContext('useDisconnectAccount');
  return useMutation(
    {
      mutationFn: (input: { recipeUserId: string }) => client.connectedAccounts.remove(input),
      onSettled: () => queryClient.invalidateQueries({ queryKey: fkKeys.connectedAccounts() }),
    },
    queryClient,
  );
}
