/**
 * The seed scenarios S1–S11 (ARCHITECTURE.md "Seed scenarios") as data: the backend policy of each,
 * what to set up in a fresh backend, and what the client must know (the email-verification order).
 * The demo app, the e2e tests, Storybook and the backend tests all start from these.
 *
 * Pure module: nothing runs at import time; `config()` builds a new object on every call.
 * @see docs/architecture.md "Seed scenarios" (from the SuperTokens MFA documentation)
 */
import type { Backend, BackendConfig, MFARequirementList, ThirdPartyProviderConfig, User } from '@factorkit/server';

/** The ids of the seed scenarios. */
export const SeedScenarios = {
  S1: 'S1',
  S2: 'S2',
  S3: 'S3',
  S4: 'S4',
  S5: 'S5',
  S6: 'S6',
  S7: 'S7',
  S8: 'S8',
  S9: 'S9',
  S10: 'S10',
  S11: 'S11',
} as const;

/** One of the seed scenario ids. */
export type SeedScenarioId = (typeof SeedScenarios)[keyof typeof SeedScenarios];

/**
 * Where the client puts the email-verification validator among its global claim validators
 * (the `order` of `createAuthClient({ emailVerification })`). @see seeds/004 (MFA with email verification)
 */
export type EmailVerificationOrder = 'beforeMfa' | 'afterMfa';

/** An account `setup` creates, so a person trying the demo can sign in with it. */
export interface SeedAccount {
  email: string;
  password: string;
  tenantId: string;
  /** What is special about this account, for the demo's scenario picker. */
  note: string;
}

/** Options of `SeedScenario.setup`. */
export interface SeedSetupOptions {
  /** The backend's `appInfo.apiBasePath`. @default '/auth' */
  apiBasePath?: string;
}

/** One seed scenario. */
export interface SeedScenario {
  id: SeedScenarioId;
  /** A short name for pickers and test titles. */
  title: string;
  /** One paragraph for a person choosing the scenario in the demo: what they will see and why. */
  description: string;
  /**
   * The backend policy: recipes, first factors, `getMFARequirementsForAuth`, email verification,
   * tenants, overrides. Spread it into `createBackend` next to `appInfo` and `database`.
   */
  config(): Partial<BackendConfig>;
  /** Creates what the scenario needs in a fresh backend (accounts, roles, legacy data). Safe to run again. */
  setup?(backend: Backend, options?: SeedSetupOptions): Promise<void>;
  /** Set when email verification is REQUIRED: where the client checks it relative to MFA. */
  emailVerificationOrder?: EmailVerificationOrder;
  /** Accounts `setup` creates. */
  accounts?: readonly SeedAccount[];
  /** Tenants besides `public` the scenario configures (S7). */
  tenants?: readonly { tenantId: string; label: string }[];
  /**
   * The seed's example app signs in with email and password or a social provider first: give it
   * providers with {@link withSocialSignIn} (the demo runs a local OpenID provider).
   */
  socialSignIn?: boolean;
}

/** The tenants of S7. */
export const SeedTenants = {
  /** Tenant A: email + password first; email OTP required as a second factor. */
  A: 'tenant-a',
  /** Tenant B: email + password or email OTP first; no second factor. */
  B: 'tenant-b',
  /** Tenant C: email + password or a magic link by email first; no second factor. */
  C: 'tenant-c',
} as const;

/** The role S6 asks email OTP of. */
export const SEED_ADMIN_ROLE = 'admin';

/** The password of every account the scenarios' `setup` creates (demo only). */
export const SEED_PASSWORD = 'password123';

/**
 * S10: the key of the legacy second-factor claim in access tokens issued before the migration
 * (the legacy guide's `SecondFactorClaim`, a boolean: the user did the second factor in this session).
 */
export const LEGACY_SECOND_FACTOR_CLAIM = '2fa-completed';

/** S10: the user-metadata key where the legacy setup kept the id of the user's passwordless login. */
export const LEGACY_PASSWORDLESS_USER_ID_KEY = 'passwordlessUserId';

const OTP_EMAIL = 'otp-email';
const TOTP = 'totp';

/** Recipes every scenario turns on: email + password first, email OTP and TOTP as second factors. */
function base(): Partial<BackendConfig> {
  return {
    emailPassword: {},
    passwordless: { contactMethod: 'EMAIL', flowType: 'USER_INPUT_CODE' },
    totp: {},
    emailVerification: false,
  };
}

/**
 * A scenario's backend config with social sign-in added as a first factor, through `providers` (the
 * scenarios whose seed app signs in that way: `socialSignIn`).
 */
export function withSocialSignIn(config: Partial<BackendConfig>, providers: ThirdPartyProviderConfig[]): Partial<BackendConfig> {
  const firstFactors = config.mfa?.firstFactors ?? ['emailpassword'];
  return { ...config, thirdParty: { providers }, mfa: { ...config.mfa, firstFactors: [...firstFactors.filter((f) => f !== 'thirdparty'), 'thirdparty'] } };
}

/** `getMFARequirementsForAuth` returning a fixed list. */
function requires(list: MFARequirementList): Partial<BackendConfig> {
  return {
    mfa: {
      firstFactors: ['emailpassword'],
      override: { functions: (original) => ({ ...original, getMFARequirementsForAuth: () => structuredClone(list) }) },
    },
  };
}

async function postJson(backend: Backend, apiBasePath: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  // Only the path matters to the router; the host is never contacted.
  const response = await backend.fetch(
    new Request(`http://seed.invalid${apiBasePath}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', rid: 'emailpassword', 'fdi-version': '3.1' },
      body: JSON.stringify(body),
    }),
  );
  if (response.status !== 200) throw new Error(`Seed setup: POST ${path} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * Makes sure an email + password account exists (signs up, or signs in when it already does) and
 * returns its user. Goes through the API, as the backend has no server-side sign-up.
 */
export async function ensureEmailPasswordUser(
  backend: Backend,
  input: { email: string; password?: string; tenantId?: string; apiBasePath?: string },
): Promise<User> {
  const apiBasePath = input.apiBasePath ?? '/auth';
  const tenant = input.tenantId === undefined || input.tenantId === 'public' ? '' : `/${input.tenantId}`;
  const formFields = [{ id: 'email', value: input.email }, { id: 'password', value: input.password ?? SEED_PASSWORD }];
  let result = await postJson(backend, apiBasePath, `${tenant}/signup`, { formFields, shouldTryLinkingWithSessionUser: false });
  if (result.status === 'FIELD_ERROR') result = await postJson(backend, apiBasePath, `${tenant}/signin`, { formFields, shouldTryLinkingWithSessionUser: false });
  if (result.status !== 'OK') throw new Error(`Seed setup: could not create ${input.email} (${String(result.status)})`);
  return result.user as User;
}

/**
 * S10: creates a user as the legacy MFA setup left it: an email + password account, plus a separate,
 * unlinked passwordless login (email OTP) whose id is kept in the user's metadata under
 * `passwordlessUserId`. The scenario's resync override links the two at the next `PUT /mfa/info`.
 */
export async function createLegacyMfaUser(
  backend: Backend,
  input: { email: string; password?: string; otpEmail?: string; apiBasePath?: string },
): Promise<{ userId: string; passwordlessUserId: string }> {
  const user = await ensureEmailPasswordUser(backend, input);
  const { metadata } = await backend.metadata.getUserMetadata(user.id);
  const known = metadata[LEGACY_PASSWORDLESS_USER_ID_KEY];
  if (typeof known === 'string') return { userId: user.id, passwordlessUserId: known };
  const { recipeUserId } = await backend.passwordless.signInUp({ email: input.otpEmail ?? input.email });
  await backend.metadata.updateUserMetadata(user.id, { [LEGACY_PASSWORDLESS_USER_ID_KEY]: recipeUserId });
  return { userId: user.id, passwordlessUserId: recipeUserId };
}

const S6_ADMIN: SeedAccount = { email: 'admin@example.com', password: SEED_PASSWORD, tenantId: 'public', note: 'has the admin role: asked for an email code' };
const S10_LEGACY: SeedAccount = { email: 'legacy@example.com', password: SEED_PASSWORD, tenantId: 'public', note: 'set up email OTP under the legacy MFA' };

/** The seed scenarios by id. */
export const seedScenarios: { readonly [K in SeedScenarioId]: SeedScenario & { id: K } } = {
  S1: {
    id: 'S1',
    socialSignIn: true,
    title: 'TOTP for everyone',
    description:
      'Every user needs an authenticator app. After email and password, a new user scans a QR code and types a code to set up TOTP; a returning user just types the current code. The app stays locked until that is done.',
    config: () => ({ ...base(), ...requires([TOTP]) }),
  },
  S2: {
    id: 'S2',
    socialSignIn: true,
    title: 'TOTP or email code',
    description:
      'Every user needs one second factor, and either will do: an authenticator app (TOTP) or a code sent by email. After signing in, the user chooses one; doing that one unlocks the app and the other is not asked for.',
    config: () => ({ ...base(), ...requires([{ oneOf: [TOTP, OTP_EMAIL] }]) }),
  },
  S3: {
    id: 'S3',
    socialSignIn: true,
    title: 'TOTP and email code, any order',
    description:
      'Every user needs both an authenticator app (TOTP) and a code sent by email, in whichever order they like. After the first one, only the other is left to do; the app unlocks when both are done.',
    config: () => ({ ...base(), ...requires([{ allOfInAnyOrder: [TOTP, OTP_EMAIL] }]) }),
  },
  S4: {
    id: 'S4',
    socialSignIn: true,
    title: 'TOTP, then email code',
    description:
      'Every user does two extra steps in a fixed order: first the authenticator app (TOTP), then a code sent by email. The email code is not offered until the TOTP step is done.',
    config: () => ({ ...base(), ...requires([TOTP, OTP_EMAIL]) }),
  },
  S5: {
    id: 'S5',
    socialSignIn: true,
    title: 'Opt-in per user',
    description:
      'Nobody needs a second factor until they ask for one. A new user gets straight in; on the settings page they can set up an authenticator app, email codes, text-message codes (to a phone number they add there) or a passkey and turn them on for their account. From the next sign-in on, they are asked for what they turned on.',
    // The default requirement: one of the user's required factors (metadata) or the tenant's. Codes
    // go by email or text message (the dev outbox shows both).
    // A passkey is one of the factors a user may turn on (`webauthn.secondFactor`).
    config: () => ({ ...base(), passwordless: { contactMethod: 'EMAIL_OR_PHONE', flowType: 'USER_INPUT_CODE' }, mfa: { firstFactors: ['emailpassword'] }, webauthn: { secondFactor: true } }),
  },
  S6: {
    id: 'S6',
    socialSignIn: true,
    title: 'Email code for admins only',
    description:
      'Only users with the admin role must enter a code sent by email after their password; everyone else gets straight in. Sign in as admin@example.com (password "password123") to see the extra step, or sign up a new account to see it skipped.',
    config: () => ({
      ...base(),
      mfa: {
        firstFactors: ['emailpassword'],
        override: {
          functions: (original, backend) => ({
            ...original,
            async getMFARequirementsForAuth(input) {
              const { roles } = await backend.roles.getRolesForUser(input.tenantId, (await input.user).id);
              return roles.includes(SEED_ADMIN_ROLE) ? [OTP_EMAIL] : [];
            },
          }),
        },
      },
    }),
    async setup(backend, options) {
      const admin = await ensureEmailPasswordUser(backend, { email: S6_ADMIN.email, password: S6_ADMIN.password, apiBasePath: options?.apiBasePath });
      await backend.roles.addRoleToUser('public', admin.id, SEED_ADMIN_ROLE);
    },
    accounts: [S6_ADMIN],
  },
  S7: {
    id: 'S7',
    title: 'Per tenant',
    description:
      'Three organisations on one app. Tenant A signs in with email and password and must then enter a code sent by email. Tenant B signs in with email and password or with an email code alone, and needs nothing more. Tenant C signs in with email and password or with a link sent by email. Pick the tenant first; the sign-in screen shows only that tenant\'s methods.',
    config: () => ({
      ...base(),
      // Codes and links: what a message carries follows each tenant's first factors (a second factor
      // is always a code).
      passwordless: { contactMethod: 'EMAIL', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' },
      // Multi-tenant setup: no app-wide first factors; each tenant lists its own.
      mfa: {},
      tenants: [
        { tenantId: SeedTenants.A, firstFactors: ['emailpassword'], requiredSecondaryFactors: [OTP_EMAIL] },
        { tenantId: SeedTenants.B, firstFactors: ['emailpassword', OTP_EMAIL] },
        { tenantId: SeedTenants.C, firstFactors: ['emailpassword', 'link-email'] },
      ],
    }),
    tenants: [
      { tenantId: SeedTenants.A, label: 'Tenant A (email code required)' },
      { tenantId: SeedTenants.B, label: 'Tenant B (no second factor)' },
      { tenantId: SeedTenants.C, label: 'Tenant C (magic link)' },
    ],
  },
  S8: {
    id: 'S8',
    socialSignIn: true,
    title: 'Verify email, then email code',
    description:
      'New users must verify their email address before anything else: after signing up they are asked to open the link sent to them, and only then to enter a one-time code sent by email. The server enforces the order too: it will not set up the email code for an unverified account.',
    config: () => ({
      ...base(),
      ...requires([OTP_EMAIL]),
      emailVerification: { mode: 'REQUIRED' },
      // The seeds' way to demand a verified first factor before a second factor is linked.
      accountLinking: {
        shouldDoAutomaticAccountLinking: async (_info, user, session) => {
          if (session === undefined) return { shouldAutomaticallyLink: false };
          if (user === undefined || session.getUserId() === user.id) return { shouldAutomaticallyLink: true, shouldRequireVerification: true };
          return { shouldAutomaticallyLink: false };
        },
      },
    }),
    emailVerificationOrder: 'beforeMfa',
  },
  S9: {
    id: 'S9',
    socialSignIn: true,
    title: 'TOTP, then verify email',
    description:
      'New users set up an authenticator app (TOTP) right after signing up, and verify their email address last: the verification link is asked for only once the TOTP step is done. The app stays locked until both are.',
    config: () => ({ ...base(), ...requires([TOTP]), emailVerification: { mode: 'REQUIRED' } }),
    emailVerificationOrder: 'afterMfa',
  },
  S10: {
    id: 'S10',
    title: 'Migration from legacy MFA',
    description:
      'Users who set up email codes under an older, hand-made MFA keep them. When such a user signs in, the server links their old email-code login to their account, so they are asked for a code at their old address instead of setting up a new factor; a session that had already passed the old second-factor check is not asked again. Sign in as legacy@example.com (password "password123").',
    config: () => ({
      ...base(),
      mfa: {
        firstFactors: ['emailpassword'],
        override: {
          functions: (original) => ({ ...original, getMFARequirementsForAuth: () => [OTP_EMAIL] }),
          apis: (original, backend) => ({
            ...original,
            // The seed's override of the resync endpoint (seeds/000).
            async resyncSessionAndFetchMFAInfoPUT(input) {
              const { session } = input;
              const user = await backend.users.getUser(session.getUserId());
              const { metadata } = await backend.metadata.getUserMetadata(session.getUserId());
              const legacyId = metadata[LEGACY_PASSWORDLESS_USER_ID_KEY];
              if (user && typeof legacyId === 'string' && !user.loginMethods.some((m) => m.recipeId === 'passwordless')) {
                if (!user.isPrimaryUser) await backend.users.createPrimaryUser(session.getRecipeUserId());
                await backend.users.linkAccounts(legacyId, user.id);
              }
              if (session.getClaimValue(LEGACY_SECOND_FACTOR_CLAIM) === true) {
                await backend.mfa.markFactorAsCompleteInSession(session, OTP_EMAIL);
                // Migrated once: otherwise every resync would re-date the factor, and step-up reads that date.
                await session.mergeIntoAccessTokenPayload({ [LEGACY_SECOND_FACTOR_CLAIM]: null });
              }
              return original.resyncSessionAndFetchMFAInfoPUT(input);
            },
          }),
        },
      },
    }),
    async setup(backend, options) {
      await createLegacyMfaUser(backend, { email: S10_LEGACY.email, password: S10_LEGACY.password, apiBasePath: options?.apiBasePath });
    },
    accounts: [S10_LEGACY],
  },
  S11: {
    id: 'S11',
    title: 'Email code as email verification',
    description:
      'Email verification is required, and the email code is how it happens: right after signing up, a code goes to the address used to sign up, and entering it both completes the second factor and verifies the address. While the address is unverified, the server refuses to send the code anywhere else.',
    config: () => ({
      ...base(),
      ...requires([OTP_EMAIL]),
      passwordless: { contactMethod: 'EMAIL', flowType: 'USER_INPUT_CODE', otpEmailMustMatchUnverifiedSessionEmail: true },
      emailVerification: { mode: 'REQUIRED' },
    }),
    // The code verifies the email, so the separate verification screen is never reached in practice.
    emailVerificationOrder: 'afterMfa',
  },
};

/** The scenarios in order S1…S11. */
export const seedScenarioList: readonly SeedScenario[] = Object.values(seedScenarios);
