import { expect, it } from 'vitest';
import { AuthProvider } from '../../src/index.ts';
import { createMemoryStorage } from '../../src/core/index.ts';

/**
 * `<AuthProvider>`'s `theme`, `locale` and `messages` are typed by the UI layer: a misspelt theme or
 * message key fails `npm run typecheck` (this file is part of it). The elements are only built, never
 * rendered.
 */
const config = { apiDomain: 'http://api.test', storage: createMemoryStorage(), channel: null };

it('takes the kit’s themes and message keys, and refuses others at compile time', () => {
  const good = <AuthProvider config={config} theme="system" locale="fr-CA" messages={{ fr: { 'totp.setup.title': 'Application d’authentification' } }} />;
  // @ts-expect-error -- "sytem" is not one of the themes
  const badTheme = <AuthProvider config={config} theme="sytem" />;
  // @ts-expect-error -- no such message key
  const badKey = <AuthProvider config={config} messages={{ en: { 'totp.setup.titel': 'Set up' } }} />;
  expect([good, badTheme, badKey].every((element) => element.type === AuthProvider)).toBe(true);
});
