/**
 * The passkey ceremonies of `createPasskeyFlow`, loaded with `@simplewebauthn/browser` when the first
 * one starts (the sign-in page's first load carries only the flow's state and the button).
 */
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { AuthClient } from '../createAuthClient.ts';
import { refusalOf } from '../../protocol/refusal.ts';
import { stepUpFactorsOf } from './codeOutcome.ts';
import type { PasskeyBrowser, PasskeyIssue } from './passkeyTypes.ts';

type Client = Pick<AuthClient, 'webauthn'>;

export const browser = { browserSupportsWebAuthn, startRegistration, startAuthentication } as unknown as PasskeyBrowser;

/** The backend's answer to a ceremony, as an issue (`undefined`: it worked). */
function answer(result: { status: string; claimValidationErrors?: unknown }): PasskeyIssue | undefined {
  switch (result.status) {
    case 'OK':
      return undefined;
    case 'INVALID_CREDENTIALS_ERROR':
    case 'INVALID_AUTHENTICATOR_ERROR':
    case 'OPTIONS_NOT_FOUND_ERROR':
    case 'CREDENTIAL_NOT_FOUND_ERROR':
      return { kind: 'wrong' };
    case 'EMAIL_ALREADY_EXISTS_ERROR':
      return { kind: 'emailTaken' };
    case 'INVALID_EMAIL_ERROR':
      return { kind: 'emailInvalid' };
    case 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR':
      return { kind: 'linkInvalid' };
    default: {
      const factors = stepUpFactorsOf(result);
      return factors ? { kind: 'stepUp', factors } : { kind: 'refused', refusal: refusalOf(result as { status: string }) };
    }
  }
}

/** Options from the backend, then the browser's new credential. */
async function register(client: Client, b: PasskeyBrowser, who: { email: string } | { recoverAccountToken: string }) {
  const opts = await client.webauthn.registerOptions(who);
  if (opts.status !== 'OK') return { issue: answer(opts) ?? ({ kind: 'wrong' } as PasskeyIssue) };
  const credential = await b.startRegistration({ optionsJSON: opts as never });
  return { id: opts.webauthnGeneratedOptionsId, credential };
}

export async function signIn(client: Client, b: PasskeyBrowser, input: { asSecondFactor?: boolean; autofill?: boolean }): Promise<PasskeyIssue | undefined> {
  const opts = await client.webauthn.signInOptions();
  if (opts.status !== 'OK') return answer(opts);
  const credential = await b.startAuthentication({ optionsJSON: opts as never, ...(input.autofill && { useBrowserAutofill: true }) });
  return answer(await client.webauthn.signIn({ webauthnGeneratedOptionsId: opts.webauthnGeneratedOptionsId, credential, asSecondFactor: input.asSecondFactor ?? false }));
}

export async function signUp(client: Client, b: PasskeyBrowser, email: string): Promise<PasskeyIssue | undefined> {
  const made = await register(client, b, { email });
  if ('issue' in made) return made.issue;
  return answer(await client.webauthn.signUp({ webauthnGeneratedOptionsId: made.id, credential: made.credential }));
}

export async function add(client: Client, b: PasskeyBrowser, input: { email: string; recipeUserId?: string }): Promise<PasskeyIssue | undefined> {
  const made = await register(client, b, { email: input.email });
  if ('issue' in made) return made.issue;
  const result =
    input.recipeUserId !== undefined
      ? await client.webauthn.addCredential({ webauthnGeneratedOptionsId: made.id, credential: made.credential, recipeUserId: input.recipeUserId })
      : await client.webauthn.signUp({ webauthnGeneratedOptionsId: made.id, credential: made.credential, asSecondFactor: true });
  return answer(result);
}

export async function recover(client: Client, b: PasskeyBrowser, input: { token: string; tenantId?: string }): Promise<PasskeyIssue | undefined> {
  const made = await register(client, b, { recoverAccountToken: input.token });
  if ('issue' in made) return made.issue;
  return answer(await client.webauthn.recoverAccount({ token: input.token, webauthnGeneratedOptionsId: made.id, credential: made.credential, ...(input.tenantId !== undefined && { tenantId: input.tenantId }) }));
}
