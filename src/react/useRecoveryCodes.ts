import { useMutation, useQuery } from '@tanstack/react-query';
import { useAuthContext } from './AuthContext.ts';
import { fkKeys } from './fkKeys.ts';

/** `GET /fk/recovery-codes` (factorkit's extension): how many of the user's recovery codes are left. */
export function useRecoveryCodes(options: { enabled?: boolean } = {}) {
  const { client, queryClient } = useAuthContext('useRecoveryCodes');
  return useQuery({ queryKey: fkKeys.recoveryCodes(), queryFn: () => client.recoveryCodes.status(), enabled: options.enabled ?? true, refetchOnWindowFocus: false }, queryClient);
}

/**
 * Makes a new set of recovery codes (`data.codes`, shown once). Without step-up only for the first set
 * right after the first factor; otherwise the answer is `INVALID_CLAIM` with `fk-step-up` (the settings
 * flow's `newRecoveryCodes` handles that). The count and the settings are fetched again afterwards.
 */
export function useGenerateRecoveryCodes() {
  const { client, queryClient } = useAuthContext('useGenerateRecoveryCodes');
  return useMutation(
    {
      mutationFn: () => client.recoveryCodes.generate(),
      onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: fkKeys.recoveryCodes() }), queryClient.invalidateQueries({ queryKey: fkKeys.mfaSettings() })]),
    },
    queryClient,
  );
}
