import type { AuthClient } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';

/** The client of the surrounding `<AuthProvider>`, for calls the hooks do not cover. */
export function useAuthClient(): AuthClient {
  return useAuthContext('useAuthClient').client;
}
