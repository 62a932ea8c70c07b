import { AuthError } from './errors.ts';
import type { KeyValueStorage } from './storage.ts';
import type { LoginMethods } from './api/types.ts';

/** How the session tokens travel. */
export type TokenTransferMethod = 'cookie' | 'header';

/** The subset of the Web Locks API the client uses, so tests and old browsers can supply one. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The subset of BroadcastChannel the client uses. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** Configuration of {@link createAuthClient}. */
export interface AuthClientConfig {
  /** Origin of the API, e.g. `https://api.example.com`. */
  apiDomain: string;
  /** @default '/auth' */
  apiBasePath?: string;
  /** Where the kit's screens live on the website. @default '/auth' */
  websiteBasePath?: string;
  /**
   * `cookie`: httpOnly cookies the browser keeps (the tokens never reach scripts). `header`: the
   * tokens in `storage`, sent as `Authorization`. @default 'cookie' in a browser; 'header' where there
   * is no `document` (Node, workers, React Native), since nothing there keeps cookies between requests
   */
  tokenTransferMethod?: TokenTransferMethod;
  /** Tenant for first-factor calls; `public` is the default tenant and is not put in paths. @default 'public' */
  tenantId?: string;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Token storage. @default localStorage, or memory when unavailable */
  storage?: KeyValueStorage;
  /** Prefix of storage keys, so several apps on one origin do not share tokens. @default 'fk' */
  storageKeyPrefix?: string;
  /**
   * Cross-tab session events. Pass `null` to turn off, or a channel to share with other clients.
   * @default in a browser, a BroadcastChannel named after the API and the storage prefix; elsewhere
   * none (in Node an open channel would keep the process from exiting)
   */
  channel?: ChannelLike | null;
  /** Cross-tab lock for refresh. @default navigator.locks when available, else in-tab only */
  locks?: LockManagerLike | null;
  /** Times a request is retried after refreshing the session, before giving up. @default 3 */
  maxRefreshAttempts?: number;
  /** Clock, epoch ms. Tests move it. @default Date.now */
  now?: () => number;
  /**
   * The tenant's first factors as your backend is set up (`['emailpassword', 'thirdparty',
   * 'webauthn']`), so the sign-in form renders at once, with no request before it; `GET
   * /loginmethods` still runs after it and refines the form if the backend says otherwise.
   * @default none: the sign-in screen waits for `/loginmethods`
   */
  firstFactors?: readonly string[];
  /** With `firstFactors` including `thirdparty`: the providers' buttons, until `/loginmethods` answers. */
  thirdPartyProviders?: readonly { id: string; name?: string }[];
}

/** The config with defaults filled in. */
export interface NormalisedConfig {
  apiDomain: string;
  apiBasePath: string;
  websiteBasePath: string;
  tokenTransferMethod: TokenTransferMethod;
  tenantId: string;
  maxRefreshAttempts: number;
  storageKeyPrefix: string;
  /** `firstFactors` and `thirdPartyProviders` as the answer `/loginmethods` is expected to give, when set. */
  expectedLoginMethods?: LoginMethods;
}

const PATH = /^(\/[a-zA-Z0-9._~-]+)*$/;

/** Checks and fills in {@link AuthClientConfig}; a mistake throws `AuthError('config')` naming the field. */
export function normaliseConfig(config: AuthClientConfig): NormalisedConfig {
  let apiDomain: string;
  try {
    apiDomain = new URL(config.apiDomain).origin;
  } catch {
    throw new AuthError('config', `apiDomain must be an origin like https://api.example.com, got ${JSON.stringify(config.apiDomain)}`);
  }
  const apiBasePath = (config.apiBasePath ?? '/auth').replace(/\/$/, '');
  const websiteBasePath = (config.websiteBasePath ?? '/auth').replace(/\/$/, '');
  if (!PATH.test(apiBasePath)) throw new AuthError('config', `apiBasePath must be a path like /auth, got ${JSON.stringify(config.apiBasePath)}`);
  if (!PATH.test(websiteBasePath)) throw new AuthError('config', `websiteBasePath must be a path like /auth, got ${JSON.stringify(config.websiteBasePath)}`);
  const tokenTransferMethod = config.tokenTransferMethod ?? (typeof (globalThis as { document?: unknown }).document === 'undefined' ? 'header' : 'cookie');
  if (tokenTransferMethod !== 'cookie' && tokenTransferMethod !== 'header') throw new AuthError('config', `tokenTransferMethod must be 'cookie' or 'header'`);
  const tenantId = config.tenantId ?? 'public';
  if (!/^[a-zA-Z0-9-]{1,64}$/.test(tenantId)) throw new AuthError('config', `tenantId may hold only letters, digits and '-'`);
  const maxRefreshAttempts = config.maxRefreshAttempts ?? 3;
  if (!Number.isInteger(maxRefreshAttempts) || maxRefreshAttempts < 1) throw new AuthError('config', 'maxRefreshAttempts must be a positive integer');
  const strings = (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '');
  if (config.firstFactors !== undefined && !strings(config.firstFactors)) throw new AuthError('config', 'firstFactors must be a list of factor ids like emailpassword');
  const providers = config.thirdPartyProviders ?? [];
  if (!Array.isArray(providers) || !providers.every((p) => typeof p?.id === 'string' && p.id !== '')) throw new AuthError('config', 'thirdPartyProviders must be a list of { id, name? }');
  const first = config.firstFactors;
  const expectedLoginMethods: LoginMethods | undefined = first && {
    status: 'OK',
    emailPassword: { enabled: first.includes('emailpassword') },
    passwordless: { enabled: first.some((f) => /^(otp|link)-(email|phone)$/.test(f)) },
    thirdParty: { enabled: first.includes('thirdparty'), providers: providers.map((p) => ({ ...p })) },
    firstFactors: [...first],
  };
  return { apiDomain, apiBasePath, websiteBasePath, tokenTransferMethod, tenantId, maxRefreshAttempts, storageKeyPrefix: config.storageKeyPrefix ?? 'fk', ...(expectedLoginMethods && { expectedLoginMethods }) };
}
