import type { Transport } from '../session/transport.ts';
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
  return {
    /** Creation options for an address, or (`recoverAccountToken`) for the account an emailed recovery link names. */
    registerOptions: (input: { email: string; displayName?: string } | { recoverAccountToken: string }) =>
      callApi<PasskeyRegisterOptions | { status: 'INVALID_EMAIL_ERROR'; err: string } | { status: 'INVALID_OPTIONS_ERROR' } | GeneralError>(transport, { method: 'POST', path: '/webauthn/options/register', rid: 'webauthn', body: input, tenantScoped: true, session: 'none' }),
    signInOptions: () => callApi<PasskeySignInOptions | GeneralError>(transport, { method: 'POST', path: '/webauthn/options/signin', rid: 'webauthn', body: {}, tenantScoped: true, session: 'none' }),
    /** A new account with a passkey; `asSecondFactor`: a passkey login for the signed-in user instead. */
    signUp: (input: PasskeyCeremonyInput) => ceremony('/webauthn/signup', input),
    /** Signs in with a passkey; `asSecondFactor`: completes `webauthn` in the current session. */
    signIn: (input: PasskeyCeremonyInput) => ceremony('/webauthn/signin', input),
    /** Emails a link to make a new passkey (a passkey account whose passkeys are lost). `OK` whether or not the address has one. */
    sendRecoveryEmail: (input: { email: string }) =>
      callApi<{ status: 'OK' } | { status: 'INVALID_EMAIL_ERROR'; err: string } | NotAllowed<'RECOVER_ACCOUNT_NOT_ALLOWED'> | GeneralError>(transport, { method: 'POST', path: '/user/webauthn/reset/token', rid: 'webauthn', body: input, tenantScoped: true, session: 'none' }),
    /** Makes the new passkey with the link's token. */
    recoverAccount: (input: { token: string; webauthnGeneratedOptionsId: string; credential: Credential; tenantId?: string }) =>
      callApi<{ status: 'OK' } | { status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' | 'OPTIONS_NOT_FOUND_ERROR' | 'INVALID_CREDENTIALS_ERROR' } | GeneralError>(transport, {
        method: 'POST',
        path: '/user/webauthn/reset',
        rid: 'webauthn',
        body: { token: input.token, webauthnGeneratedOptionsId: input.webauthnGeneratedOptionsId, credential: input.credential },
        tenantScoped: true,
        tenantId: input.tenantId,
        session: 'none',
      }),
    listCredentials: () => callApi<{ status: 'OK'; credentials: Passkey[] } | GeneralError>(transport, { method: 'GET', path: '/webauthn/credential/list', rid: 'webauthn', session: 'required' }),
    /** Another passkey for a passkey login the user has. */
    addCredential: (input: { webauthnGeneratedOptionsId: string; credential: Credential; recipeUserId: string }) =>
      callApi<{ status: 'OK' } | { status: 'OPTIONS_NOT_FOUND_ERROR' | 'INVALID_CREDENTIALS_ERROR' } | GeneralError>(transport, { method: 'POST', path: '/webauthn/credential', rid: 'webauthn', body: input, session: 'required' }),
    /** Names a passkey (factorkit's extension, `POST /fk/webauthn/credential/rename`). */
    renameCredential: (input: { webauthnCredentialId: string; name: string }) =>
      callApi<{ status: 'OK' } | { status: 'CREDENTIAL_NOT_FOUND_ERROR' } | GeneralError>(transport, { method: 'POST', path: '/fk/webauthn/credential/rename', rid: 'fk', body: input, session: 'required' }),
    removeCredential: (input: { webauthnCredentialId: string }) =>
      callApi<{ status: 'OK' } | { status: 'CREDENTIAL_NOT_FOUND_ERROR' } | GeneralError>(transport, { method: 'POST', path: '/webauthn/credential/remove', rid: 'webauthn', body: input, session: 'required' }),
  };
}
