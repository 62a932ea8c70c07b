import { useMutation, useQuery } from '@tanstack/react-query';
import { useAuthContext } from './AuthContext.ts';
import { fkKeys, mfaSettingsQueryOptions } from './fkKeys.ts';

/** `GET /fk/mfa/settings` (factorkit's extension): factors, requirements, devices, step-up window. */
export function useMFASettings(options: { enabled?: boolean } = {}) {
  const { client, queryClient } = useAuthContext('useMFASettings');
  return useQuery({ ...mfaSettingsQueryOptions(client), enabled: options.enabled ?? true }, queryClient);
}

/**
 * Turns a factor on (`add`) or off (`remove`) for the user's every sign-in. Turning one off may
 * answer `INVALID_CLAIM` with the `fk-step-up` claim: re-verify (step-up) and try again.
 */
export function useRequiredFactorChange() {
  const { client, queryClient } = useAuthContext('useRequiredFactorChange');
  return useMutation(
    {
      mutationFn: (input: { factorId: string; required: boolean }) =>
        input.required ? client.mfaSettings.addRequiredFactor({ factorId: input.factorId }) : client.mfaSettings.removeRequiredFactor({ factorId: input.factorId }),
      onSuccess: () =>
        Promise.all([queryClient.invalidateQueries({ queryKey: fkKeys.mfaSettings() }), queryClient.invalidateQueries({ queryKey: fkKeys.mfaInfo(), refetchType: 'none' })]),
    },
    queryClient,
  );
}
