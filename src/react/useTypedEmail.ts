import { useState } from 'react';
import { useAuthContext } from './AuthContext.ts';

/**
 * The address typed into the kit's last email field, so the next form of the same errand starts with
 * it instead of asking again: sign-in and sign-up, a code by email, "Forgot your password?", "Lost
 * your passkey?" (WCAG 2.2, 3.3.7 Redundant Entry). `<AuthProvider>` keeps it in memory, never in
 * storage, and forgets it at a sign-out. Give `initial` as the field's `defaultValue` and call
 * `remember` with each value typed.
 */
export function useTypedEmail(): { initial: string; remember: (value: string) => void } {
  const { typedEmail } = useAuthContext('useTypedEmail');
  const [initial] = useState(() => typedEmail.current);
  return {
    initial,
    remember: (value: string) => {
      typedEmail.current = value.trim();
    },
  };
}
