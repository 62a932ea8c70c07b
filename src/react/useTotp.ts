import { useMutation, useQuery, type QueryClient } from '@tanstack/react-query';
import type { InvalidClaim, InvalidTotp, VerifyCodeResult, VerifyDeviceResult } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { fkKeys, totpDevicesQueryOptions } from './fkKeys.ts';

/** A TOTP verification answer; a wrong code also says how many tries are left before the lockout. */
export type WithAttemptsRemaining<R> = R extends InvalidTotp ? R & { attemptsRemaining: number } : R;

function withAttempts<R extends { status: string }>(result: R): WithAttemptsRemaining<R> {
  if (result.status !== 'INVALID_TOTP_ERROR') return result as WithAttemptsRemaining<R>;
  const r = result as unknown as InvalidTotp;
  return { ...r, attemptsRemaining: Math.max(0, r.maxNumberOfFailedAttempts - r.currentNumberOfFailedAttempts) } as WithAttemptsRemaining<R>;
}

/**
 * The wrong code that uses up the last try is answered `INVALID_TOTP_ERROR` (0 left); only later
 * attempts get `LIMIT_REACHED_ERROR` with the wait. Ask once more at once — the backend does not
 * record refused attempts (protocol §5) — so the user sees the lockout and its countdown now,
 * instead of "0 attempts left" and a code field that can only fail.
 */
async function verifyUntilSettled<R extends { status: string }>(call: () => Promise<R>): Promise<R> {
  const first = await call();
  if (first.status !== 'INVALID_TOTP_ERROR') return first;
  const r = first as unknown as InvalidTotp;
  return r.currentNumberOfFailedAttempts >= r.maxNumberOfFailedAttempts ? call() : first;
}

/** `GET /totp/device/list`: the user's TOTP devices. */
export function useTotpDevices(options: { enabled?: boolean } = {}) {
  const { client, queryClient } = useAuthContext('useTotpDevices');
  return useQuery({ ...totpDevicesQueryOptions(client), enabled: options.enabled ?? true }, queryClient);
}

/** `POST /totp/device`: a new unverified device; `data` holds its secret and otpauth URI. */
export function useCreateTotpDevice() {
  const { client, queryClient } = useAuthContext('useCreateTotpDevice');
  return useMutation(
    {
      mutationFn: (input: { deviceName?: string } = {}) => client.totp.createDevice(input),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: fkKeys.totpDevices() }),
    },
    queryClient,
  );
}

/** `POST /totp/device/verify`: finishes setting up a device and completes the `totp` factor. */
export function useVerifyTotpDevice() {
  const { client, queryClient } = useAuthContext('useVerifyTotpDevice');
  return useMutation(
    {
      mutationFn: async (input: { deviceName: string; totp: string }): Promise<WithAttemptsRemaining<VerifyDeviceResult | InvalidClaim>> => withAttempts(await verifyUntilSettled(() => client.totp.verifyDevice(input))),
      onSuccess: (result) => {
        if (result.status === 'OK') return invalidateFactorQueries(queryClient);
      },
    },
    queryClient,
  );
}

/** `POST /totp/verify`: completes the `totp` factor with a code from any verified device. */
export function useVerifyTotpCode() {
  const { client, queryClient } = useAuthContext('useVerifyTotpCode');
  return useMutation(
    {
      mutationFn: async (input: { totp: string }): Promise<WithAttemptsRemaining<VerifyCodeResult | InvalidClaim>> => withAttempts(await verifyUntilSettled(() => client.totp.verifyCode(input))),
      onSuccess: (result) => {
        if (result.status === 'OK') return invalidateFactorQueries(queryClient);
      },
    },
    queryClient,
  );
}

/**
 * `POST /totp/device/remove`. Removing the last verified device may answer `INVALID_CLAIM` with
 * the `fk-step-up` claim: re-verify first (see `SessionAuth requireFactors`).
 */
export function useRemoveTotpDevice() {
  const { client, queryClient } = useAuthContext('useRemoveTotpDevice');
  return useMutation(
    {
      mutationFn: (input: { deviceName: string }) => client.totp.removeDevice(input),
      onSuccess: () => invalidateFactorQueries(queryClient),
    },
    queryClient,
  );
}

/**
 * After a factor is completed or set up, what the user has set up and what is next changed. MFA
 * info is only marked stale: the screen that showed it is about to continue elsewhere, and a
 * refetch now would cost a request nobody reads.
 */
export function invalidateFactorQueries(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: fkKeys.mfaInfo(), refetchType: 'none' }),
    queryClient.invalidateQueries({ queryKey: fkKeys.totpDevices() }),
    queryClient.invalidateQueries({ queryKey: fkKeys.mfaSettings() }),
  ]);
}
