import type { FactorScreenInfo } from '../../react/index.ts';
import type { MessageKey, Messages } from '../messages/types.ts';

const builtIn = new Set(['emailpassword', 'otp-email', 'otp-phone', 'totp', 'webauthn']);

/** A factor's name and description: the app's (`<AuthProvider factors>`), else the catalogue's. */
export function factorText(m: Messages, factor: Pick<FactorScreenInfo, 'id' | 'label' | 'description'>): { name: string; description: string } {
  const known = builtIn.has(factor.id);
  return {
    name: factor.label ?? m.format((known ? `factor.${factor.id}.name` : 'factor.custom.name') as MessageKey & `factor.${string}.name`),
    description: factor.description ?? m.format((known ? `factor.${factor.id}.description` : 'factor.custom.description') as MessageKey & `factor.${string}.description`),
  };
}
