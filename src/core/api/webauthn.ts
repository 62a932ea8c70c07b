import type { RecipeId, Transport } from '../session/transport.ts';
import { callApi } from './callApi.ts';
import type { GeneralError, InvalidClaim, NotAllowed, User } from './types.ts';

/** What `POST /webauthn/options/register` answers: the browser's creation options, and their id. */
export interface PasskeyRegisterOptions {
  status: 'OK';
  webauthnGeneratedOptionsId: string;
  createdAt: number;
  expiresAt: number;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  challenge: string;
  timeout: number;
  excludeCredentials: { id: string; type: 'public-key'; transports?: string[] }[];
  attestation: 'none';
  pubKeyCredParams: { alg: number; type: 'public-key' }[];
  authenticatorSelection: { residentKey: 'required'; requireResidentKey: true; userVerification: 'preferred' };
}

/** What `POST /webauthn/options/signin` answers. */
export interface PasskeySignInOptions {
  status: 'OK';
  webauthnGeneratedOptionsId: string;
  rpId: string;
  challenge: string;
  timeout: number;
  userVerification: 'preferred' | 'required' | 'discouraged';
  createdAt: number;
  expiresAt: number;
}

/** One of the user's passkeys (`GET /webauthn/credential/list`; `name`, `lastUsedAt`, `synced` are factorkit's). */
export interface Passkey {
  webauthnCredentialId: string;
  relyingPartyId: string;
  recipeUserId: string;
  createdAt: number;
  lastUsedAt?: number | null;
  synced?: boolean;
  name?: string;
}

export type PasskeyCeremonyResult =
  | { status: 'OK'; user: User }
  | { status: 'OPTIONS_NOT_FOUND_ERROR' | 'INVALID_CREDENTIALS_ERROR' | 'EMAIL_ALREADY_EXISTS_ERROR' | 'INVALID_OPTIONS_ERROR' }
  | { status: 'INVALID_AUTHENTICATOR_ERROR'; reason: string }
  | NotAllowed<'SIGN_IN_NOT_ALLOWED' | 'SIGN_UP_NOT_ALLOWED'>
  | GeneralError
  | InvalidClaim;

type Credential = Record<string, unknown>;

/** A browser's passkey response for generated options; `asSecondFactor`: for the signed-in user. */
export interface PasskeyCeremonyInput {
  webauthnGeneratedOptionsId: string;
  credential: Credential;
  asSecondFactor?: boolean;
}

/** The WebAuthn recipe's calls (supertokens-node's `webauthn`, FDI 4.1/4.2). The browser part is in `createPasskeyFlow`. */
export function createWebauthnApi(transport: Transport) {
  // Signed out, calls are the tenant's; signed in, the session's user's.
  const open = <T extends { status: string }>(path: string, body: unknown, tenantId?: string) => callApi<T | GeneralError>(transport, { method: 'POST', path, rid: 'webauthn', body, tenantScoped: true, tenantId, session: 'none' });
  const signedIn = <T extends { status: string }>(path: string, body?: unknown, rid: RecipeId = 'webauthn') => callApi<T | GeneralError>(transport, { method: body === undefined ? 'GET' : 'POST', path, rid, body, session: 'required' });
  // Sign-up and sign-in send the same body; as a second factor they need the session.
  const ceremony = (path: string, input: PasskeyCeremonyInput) =>
    callApi<PasskeyCeremonyResult>(transport, {
      method: 'POST',
      path,
      rid: 'webauthn',
      body: { webauthnGeneratedOptionsId: input.webauthnGeneratedOptionsId, credential: input.credential, shouldTryLinkingWithSessionUser: input.asSecondFactor ?? false },
      tenantScoped: true,
      session: input.asSecondFactor ? 'required' : 'none',
    });
  type Found = { status: 'OK' } | { status: 'CREDENTIAL_NOT_FOUND_ERROR' };
  return {
    /** Creation options for an address, or (`recoverAccountToken`) for the account an emailed recovery link names. */
    registerOptions: (input: { email: string; displayName?: string } | { recoverAccountToken: string }) =>
      open<PasskeyRegisterOptions | { status: 'INVALID_EMAIL_ERROR'; err: string } | { status: 'INVALID_OPTIONS_ERROR' }>('/webauthn/options/register', input),
    signInOptions: () => open<PasskeySignInOptions>('/webauthn/options/signin', {}),
    /** A new account with a passkey; `asSecondFactor`: a passkey login for the signed-in user instead. */
    signUp: (input: PasskeyCeremonyInput) => ceremony('/webauthn/signup', input),
    /** Signs in with a passkey; `asSecondFactor`: completes `webauthn` in the current session. */
    signIn: (input: PasskeyCeremonyInput) => ceremony('/webauthn/signin', input),
    /** Emails a link to make a new passkey (a passkey account whose passkeys are lost). `OK` whether or not the address has one. */
    sendRecoveryEmail: (input: { email: string }) => open<{ status: 'OK' } | { status: 'INVALID_EMAIL_ERROR'; err: string } | NotAllowed<'RECOVER_ACCOUNT_NOT_ALLOWED'>>('/user/webauthn/reset/token', input),
    /** Makes the new passkey with the link's token. */
    recoverAccount: (input: { token: string; webauthnGeneratedOptionsId: string; credential: Credential; tenantId?: string }) =>
      open<{ status: 'OK' } | { status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' | 'OPTIONS_NOT_FOUND_ERROR' | 'INVALID_CREDENTIALS_ERROR' }>(
        '/user/webauthn/reset',
        { token: input.token, webauthnGeneratedOptionsId: input.webauthnGeneratedOptionsId, credential: input.credential },
        input.tenantId,
      ),
    listCredentials: () => signedIn<{ status: 'OK'; credentials: Passkey[] }>('/webauthn/credential/list'),
    /** Another passkey for a passkey login the user has. */
    addCredential: (input: { webauthnGeneratedOptionsId: string; credential: Credential; recipeUserId: string }) =>
      signedIn<{ status: 'OK' } | { status: 'OPTIONS_NOT_FOUND_ERROR' | 'INVALID_CREDENTIALS_ERROR' }>('/webauthn/credential', input),
    /** Names a passkey (factorkit's extension, `POST /fk/webauthn/credential/rename`). */
    renameCredential: (input: { webauthnCredentialId: string; name: string }) => signedIn<Found>('/fk/webauthn/credential/rename', input, 'fk'),
    removeCredential: (input: { webauthnCredentialId: string }) => signedIn<Found>('/webauthn/credential/remove', input),
  };
}
