/**
 * The reference backend's public types: its configuration, and the API `createBackend` returns. Types
 * only, so every module can name them without importing the modules that implement them.
 */
import type { ThirdPartyProviderConfig } from './thirdParty/providers.ts';
import type { MFARequirementList } from '../protocol/requirements.ts';
import type { User } from '../protocol/user.ts';
import type { Db } from './db/Db.ts';
import type { DatabaseOption } from './db/openDb.ts';
import type { Delivery, DevOutbox } from './delivery.ts';
import type { ClaimValidator } from './session/ClaimValidator.ts';
import type { LimitsOptions } from './limits.ts';
import type { PasswordHashingOptions } from './password.ts';
import type { SessionContainer } from './session/SessionContainer.ts';

/** Where the app and its API live. Mirrors SuperTokens' `appInfo`. */
export interface AppInfo {
  appName: string;
  /** Origin of the API, e.g. `http://localhost:3001`. */
  apiDomain: string;
  /** Origin of the website, e.g. `http://localhost:3000`. Used for CORS and for links in emails. */
  websiteDomain: string;
  /** @default '/auth' */
  apiBasePath?: string;
  /** @default '/auth' */
  websiteBasePath?: string;
}

export type AntiCsrfMode = 'NONE' | 'VIA_CUSTOM_HEADER' | 'VIA_TOKEN';

export interface SessionOptions {
  /** @default 3600 */
  accessTokenValiditySeconds?: number;
  /** @default 144000 (100 days) */
  refreshTokenValidityMinutes?: number;
  /** @default 'lax' when API and website share a site, else 'none' */
  cookieSameSite?: 'lax' | 'strict' | 'none';
  /** @default true when apiDomain is https */
  cookieSecure?: boolean;
  /** @default 'VIA_CUSTOM_HEADER' when cookieSameSite is 'none', else 'NONE' */
  antiCsrf?: AntiCsrfMode;
}

export type PasswordlessContactMethod = 'EMAIL' | 'PHONE' | 'EMAIL_OR_PHONE';
export type PasswordlessFlowType = 'USER_INPUT_CODE' | 'MAGIC_LINK' | 'USER_INPUT_CODE_AND_MAGIC_LINK';

export interface PasswordlessOptions {
  contactMethod: PasswordlessContactMethod;
  flowType: PasswordlessFlowType;
  /** @default 900000 (15 min) */
  codeLifetimeMs?: number;
  /** @default 5 */
  maxCodeInputAttempts?: number;
  /**
   * While the session's first-factor email is unverified, send second-factor email codes only to it
   * (seed S11: email OTP used as email verification). @default false
   */
  otpEmailMustMatchUnverifiedSessionEmail?: boolean;
}

export interface TotpOptions {
  /** @default appInfo.appName */
  issuer?: string;
  /** @default 30 */
  defaultPeriod?: number;
  /** @default 1 */
  defaultSkew?: number;
  /** @default 5 */
  maxAttempts?: number;
  /** @default 900 */
  rateLimitCooldownSeconds?: number;
  /**
   * A device created and never verified is removed after this long (a set-up abandoned, or a reload
   * that the client did not resume). @default 3600
   */
  unverifiedDeviceLifetimeSeconds?: number;
}

export interface EmailVerificationOptions {
  mode: 'REQUIRED' | 'OPTIONAL';
  /** @default 86400000 (1 day) */
  tokenLifetimeMs?: number;
}

/** Input of `getMFARequirementsForAuth`: the seeds' shape, with lazy promises. */
export interface GetMFARequirementsForAuthInput {
  tenantId: string;
  accessTokenPayload: Record<string, unknown>;
  completedFactors: Record<string, number | undefined>;
  user: Promise<User>;
  factorsSetUpForUser: Promise<string[]>;
  requiredSecondaryFactorsForUser: Promise<string[]>;
  requiredSecondaryFactorsForTenant: Promise<string[]>;
}

/** The overridable MFA functions (supertokens-node's MultiFactorAuth RecipeInterface). */
export interface MFAFunctions {
  getMFARequirementsForAuth(input: GetMFARequirementsForAuthInput): Promise<MFARequirementList> | MFARequirementList;
  getFactorsSetupForUser(input: { user: User }): Promise<string[]>;
  getRequiredSecondaryFactorsForUser(input: { userId: string }): Promise<string[]>;
  addToRequiredSecondaryFactorsForUser(input: { userId: string; factorId: string }): Promise<void>;
  removeFromRequiredSecondaryFactorsForUser(input: { userId: string; factorId: string }): Promise<void>;
}

/** The body of a `PUT /mfa/info` answer. */
export interface MFAInfoResponse {
  status: 'OK';
  factors: { next: string[]; alreadySetup: string[]; allowedToSetup: string[] };
  emails: Record<string, string[]>;
  phoneNumbers: Record<string, string[]>;
  /**
   * factorkit's addition, ignored by other SDKs: where sign-in stands (factors needed in all, a "one
   * of" counting once, and how many are done) and whether any one of `next` will do (`oneOf`,
   * `string`) or each is needed (`allOfInAnyOrder`). An override may leave it out.
   */
  fk?: { progress: { total: number; done: number }; nextType: 'string' | 'oneOf' | 'allOfInAnyOrder'; /** The account has an unused recovery code (asked only while a factor is due). */ recoveryCodes?: true; /** "Don't ask again on this device" may be offered, for this many days (while a factor is due). */ trustDeviceDays?: number };
}

/** Overridable MFA APIs. */
export interface MFAApis {
  /** `PUT /mfa/info`. Override it to migrate legacy claims (seed scenario S10). */
  resyncSessionAndFetchMFAInfoPUT(input: { session: SessionContainer }): Promise<MFAInfoResponse>;
}

/**
 * The MFA settings API and its step-up check: OUR EXTENSION of the FDI, not part of SuperTokens.
 * @see README.md "Protocol extensions"
 */
export interface MFASettingsOptions {
  /** Mounts `GET {apiBasePath}/fk/mfa/settings` and `POST …/fk/mfa/settings/required-factors/{add,remove}`. @default true */
  enabled?: boolean;
  /**
   * How long after completing a factor (its time in `st-mfa.c`) the session counts as re-verified
   * for sensitive changes (step-up). Whole seconds, at least 1. @default 300
   */
  stepUpMaxAgeSeconds?: number;
  /**
   * Refuse `POST /totp/device/remove` of a verified TOTP device without step-up (answered 403 with
   * the `fk-step-up` claim). Once only the last device was guarded; now every verified one is, since
   * removing any of them takes a way in away. @default true
   */
  guardLastTotpDeviceRemoval?: boolean;
}

/** Passkey options (`webauthn` in the backend config). */
export interface WebAuthnOptions {
  /** The relying party id. @default the host name of `appInfo.websiteDomain` */
  rpId?: string;
  /** @default appInfo.appName */
  rpName?: string;
  /** Origins the browser may be on. @default [appInfo.websiteDomain] */
  origins?: string[];
  /** How long generated options stay usable, and the browser's timeout. @default 300 000 ms */
  timeoutMs?: number;
  /** Offer a passkey as a secondary factor too (after a password, say). @default false */
  secondFactor?: boolean;
}

export interface MFAOptions {
  /** Factors that may create a session. @default every first factor the enabled recipes offer */
  firstFactors?: string[];
  /** The settings API and step-up (our FDI extension). @default enabled, 300 s, removal of the last TOTP device guarded */
  settings?: MFASettingsOptions;
  /**
   * "Don't ask again on this device": after a second factor, the user may trust the browser for
   * `days`; while trusted, sign-in there counts the secondary factors as done (never step-up).
   * Our FDI extension. @default off; `{ days: 30 }` when `true`
   */
  trustedDevices?: boolean | { days?: number };
  /**
   * Replace MFA functions or APIs. Both receive the backend as a second argument, for the policy
   * API (roles, metadata, account linking); call it from inside the returned functions, not while
   * building them (the backend is still being created then).
   */
  override?: {
    functions?: (original: MFAFunctions, backend: Backend) => MFAFunctions;
    apis?: (original: MFAApis, backend: Backend) => MFAApis;
  };
}

/** Account info of a login method about to be linked (node's `AccountInfoWithRecipeId`). */
export interface NewAccountInfo {
  recipeId: string;
  email?: string;
  phoneNumber?: string;
  recipeUserId?: string;
}

export type ShouldDoAutomaticAccountLinking = (
  newAccountInfo: NewAccountInfo,
  user: User | undefined,
  session: SessionContainer | undefined,
  tenantId: string,
) => Promise<{ shouldAutomaticallyLink: false } | { shouldAutomaticallyLink: true; shouldRequireVerification: boolean }>;

export interface TenantConfig {
  tenantId: string;
  firstFactors?: string[];
  requiredSecondaryFactors?: string[];
  /** The social and enterprise providers this tenant offers (their ids). @default every configured provider */
  thirdPartyProviders?: string[];
}

/** Social and enterprise sign-in (the thirdparty recipe). */
export interface ThirdPartyOptions {
  providers: ThirdPartyProviderConfig[];
  /** How the backend reaches the providers (a proxy, a test double). @default the global fetch */
  fetch?: typeof fetch;
}

/** Email + password: the password reset and the signed-in change of password. */
export interface EmailPasswordOptions {
  /** How long a reset link works. @default 3 600 000 (one hour) */
  passwordResetTokenLifetimeMs?: number;
  /** A reset ends every session of the user (someone else may have the old password). @default true */
  endSessionsOnPasswordReset?: boolean;
  /** A change from the settings ends the user's other sessions. @default true */
  endOtherSessionsOnPasswordChange?: boolean;
}

/** Configuration of the reference backend. */
export interface BackendConfig {
  appInfo: AppInfo;
  /** @default in-memory PGlite */
  database?: DatabaseOption;
  session?: SessionOptions;
  /** Email + password; on unless `false`. */
  emailPassword?: EmailPasswordOptions | false;
  passwordless?: PasswordlessOptions | false;
  totp?: TotpOptions | false;
  /** Passkeys (the WebAuthn recipe, factor `webauthn`). @default off */
  webauthn?: WebAuthnOptions | false;
  emailVerification?: EmailVerificationOptions | false;
  /** Social and enterprise sign-in. @default off */
  thirdParty?: ThirdPartyOptions | false;
  mfa?: MFAOptions;
  accountLinking?: { shouldDoAutomaticAccountLinking?: ShouldDoAutomaticAccountLinking };
  /** Tenants to create or update at start-up (`public` always exists). */
  tenants?: TenantConfig[];
  /** @default the dev outbox, stored in the database */
  delivery?: Partial<Delivery>;
  /** Exposes `GET {apiBasePath}/dev/outbox`. Never turn on in production. @default false */
  devMode?: boolean;
  passwordHashing?: PasswordHashingOptions;
  /**
   * Limits on code sends, wrong codes and passwords, kept in the database (so every process on one
   * PostgreSQL shares them). Each can be changed or turned off (`false`). @see SECURITY.md "Limits"
   */
  limits?: LimitsOptions;
  /**
   * The client's address, the key of the per-client limits. Receives the request and the socket's
   * peer address (from `serve()`, or the `remoteAddress` given to `backend.fetch`). Behind a proxy
   * you trust, read its header here (`X-Forwarded-For`'s last hop); never trust it otherwise.
   * Return undefined when unknown: the per-client limits then do not apply. @default the peer address
   */
  clientAddress?: (request: Request, remoteAddress: string | undefined) => string | undefined;
  /**
   * Origins besides `websiteDomain` and `apiDomain` whose pages may send state-changing requests
   * (`Origin` header). Any other origin is refused with 403 before the request does anything.
   */
  allowedOrigins?: string[];
  /** The clock, in epoch ms. Tests move it to check expiry and lockouts. @default Date.now */
  now?: () => number;
}

// ------------------------------------------------------------------ the API createBackend returns

/** Roles per tenant (the seeds' `UserRoles` recipe, reduced to what the policies need). */
export interface RolesApi {
  addRoleToUser(tenantId: string, userId: string, role: string): Promise<void>;
  removeUserRole(tenantId: string, userId: string, role: string): Promise<void>;
  getRolesForUser(tenantId: string, userId: string): Promise<{ status: 'OK'; roles: string[] }>;
}

/** The `reason` of a `fk-step-up` claim validation error. */
export interface StepUpRefusalReason {
  message: string;
  /** Factors whose completion (within `maxAgeSeconds`) would satisfy step-up. */
  factors: string[];
  maxAgeSeconds: number;
}

/** Whether the session has re-verified recently, and with what it could. */
export interface StepUpStatus {
  satisfied: boolean;
  maxAgeSeconds: number;
  /** When the current step-up ends (epoch ms), or null when it is not satisfied. */
  satisfiedUntil: number | null;
  /** The factors that count for step-up now. */
  factors: string[];
}

/** One factor as the settings page shows it. */
export interface MFASettingsFactor {
  id: string;
  /** `getFactorsSetupForUser` lists it: the user has completed it at least once. */
  setUp: boolean;
  /** It may be turned on now: set up, or it needs no setup (an email or phone number the user has). */
  canBeRequired: boolean;
  /** In the user's `requiredSecondaryFactors` (user metadata). */
  requiredForUser: boolean;
  /** In the session tenant's required secondary factors (not changeable here). */
  requiredForTenant: boolean;
  /** As `allowedToSetup` of `PUT /mfa/info`. */
  allowedToSetup: boolean;
  /**
   * What sign-in asks of it, by the real requirement for this user (`getMFARequirementsForAuth`, an
   * app's override included): `always`, `oneOf` (any one of several will do), or `no`.
   */
  askedAtSignIn: 'always' | 'oneOf' | 'no';
  /** Why it is asked: the user turned it on, the tenant requires it, or the app's policy does. */
  askedBecause?: 'user' | 'tenant' | 'policy';
  /** When the factor was last completed (epoch ms): codes by email or text message, an authenticator app (any). Absent for others, null when never. */
  lastUsedAt?: number | null;
}

/** The body of `GET {apiBasePath}/fk/mfa/settings`. */
export interface MFASettingsResponse {
  status: 'OK';
  factors: MFASettingsFactor[];
  /** The stored list, as is (may hold ids of factors no recipe offers now; they can still be removed). */
  requiredSecondaryFactorsForUser: string[];
  requiredSecondaryFactorsForTenant: string[];
  /** The user's TOTP devices, oldest first; unverified ones are setups not finished. */
  /** `lastUsedAt`: when the app last gave a right code (epoch ms), `null` if never since it was added. */
  totpDevices: { name: string; verified: boolean; createdAt: number; lastUsedAt: number | null }[];
  emails: MFAInfoResponse['emails'];
  phoneNumbers: MFAInfoResponse['phoneNumbers'];
  /** `recoveredUntil`: a recovery code used in this session lets it replace a lost factor until then (epoch ms). */
  stepUp: { maxAgeSeconds: number; satisfiedUntil: number | null; factors: string[]; recoveredUntil: number | null };
  /** The user's recovery codes: how many are unused, of how many, made when (epoch ms; null: none yet). */
  recoveryCodes: { remaining: number; total: number; createdAt: number | null };
}

/** Answer of turning a factor on or off. */
export type RequiredFactorChangeResult =
  | { status: 'OK'; requiredSecondaryFactorsForUser: string[] }
  | { status: 'FACTOR_SETUP_REQUIRED'; factorId: string };

/** Operations of the settings API for server code (`backend.mfaSettings`). Failures throw like the routes. */
export interface MFASettingsApi {
  /** What `GET …/fk/mfa/settings` answers for this session. */
  getSettings(session: SessionContainer): Promise<MFASettingsResponse>;
  /** Turns a factor on for the session user. */
  addRequiredFactor(session: SessionContainer, factorId: string): Promise<RequiredFactorChangeResult>;
  /** Turns a factor off for the session user; throws the `fk-step-up` 403 without a recent factor. */
  removeRequiredFactor(session: SessionContainer, factorId: string): Promise<RequiredFactorChangeResult>;
  /** Whether the session has re-verified within `stepUpMaxAgeSeconds`. */
  getStepUpStatus(session: SessionContainer): Promise<StepUpStatus>;
  /** Throws the `fk-step-up` 403 unless step-up is satisfied: guard your own sensitive APIs with it. */
  requireStepUp(session: SessionContainer): Promise<void>;
}

/** The reference backend: a web-standard fetch handler plus the server-side policy API of the seeds. */
export interface Backend {
  /**
   * Answers one request (`Request -> Response`): run it in Node, a worker, or msw. `remoteAddress` is
   * the peer's network address, for the per-client limits (`serve()` passes it; see `clientAddress`).
   */
  fetch(request: Request, info?: { remoteAddress?: string }): Promise<Response>;
  /**
   * Runs an app handler behind session verification with the global claim validators (or your own);
   * answers 401/403 like the auth APIs, and carries refreshed claims back to the client.
   */
  withSession(
    request: Request,
    handler: (session: SessionContainer) => Promise<unknown>,
    options?: { sessionRequired?: boolean; overrideGlobalClaimValidators?: (globals: ClaimValidator[]) => ClaimValidator[] },
  ): Promise<Response>;
  mfa: {
    getMFARequirementsForAuth(session: SessionContainer): Promise<unknown>;
    markFactorAsCompleteInSession(session: SessionContainer, factorId: string): Promise<void>;
    getFactorsSetupForUser(userId: string): Promise<string[]>;
    getRequiredSecondaryFactorsForUser(userId: string): Promise<string[]>;
    addToRequiredSecondaryFactorsForUser(userId: string, factorId: string): Promise<void>;
    removeFromRequiredSecondaryFactorsForUser(userId: string, factorId: string): Promise<void>;
  };
  /** The settings API and step-up for server code (our FDI extension; see README "Protocol extensions"). */
  mfaSettings: MFASettingsApi;
  users: {
    getUser(userId: string): Promise<User | undefined>;
    createPrimaryUser(recipeUserId: string): Promise<void>;
    linkAccounts(recipeUserId: string, primaryUserId: string): Promise<void>;
  };
  /** Creates a passwordless login method directly, as a migration from another system would. */
  passwordless: { signInUp(input: { tenantId?: string; email?: string; phoneNumber?: string }): Promise<{ recipeUserId: string; user: User }> };
  metadata: {
    getUserMetadata(userId: string): Promise<{ status: 'OK'; metadata: Record<string, unknown> }>;
    updateUserMetadata(userId: string, update: Record<string, unknown>): Promise<{ status: 'OK'; metadata: Record<string, unknown> }>;
  };
  roles: RolesApi;
  tenants: { createOrUpdateTenant(tenantId: string, config: Omit<TenantConfig, 'tenantId'>): Promise<void>; getTenant(tenantId: string): Promise<TenantConfig | undefined> };
  /** The messages the dev outbox holds (only filled when no delivery is configured). */
  outbox: Pick<DevOutbox, 'list'>;
  db: Db;
  /** Resolves once the work the backend does after its answers (emails sent unawaited) is done. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

