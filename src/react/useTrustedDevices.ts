import { useMutation, useQuery } from '@tanstack/react-query';
import { useAuthContext } from './AuthContext.ts';
import { fkKeys } from './fkKeys.ts';

/** `GET /fk/trusted-devices` (factorkit's extension, when the backend turns it on): browsers that skip the second step. */
export function useTrustedDevices(options: { enabled?: boolean } = {}) {
  const { client, queryClient } = useAuthContext('useTrustedDevices');
  return useQuery({ queryKey: fkKeys.trustedDevices(), queryFn: () => client.trustedDevices.list(), enabled: options.enabled ?? true, refetchOnWindowFocus: true }, queryClient);
}

/** Stops trusting browsers: `{ deviceId }` one, `{ all: true }` every one. The list is fetched again afterwards. */
export function useRevokeTrustedDevices() {
  const { client, queryClient } = useAuthContext('useRevokeTrustedDevices');
  return useMutation(
    {
      mutationFn: async (input: { deviceId: string } | { all: true }): Promise<{ status: string; revoked?: number; didDeviceExist?: boolean }> =>
        'all' in input ? client.trustedDevices.revokeAll() : client.trustedDevices.revoke({ deviceId: input.deviceId }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: fkKeys.trustedDevices() }),
    },
    queryClient,
  );
}
