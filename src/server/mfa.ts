import { ClaimIds } from '../protocol/claims.ts';
import { FactorIds, RECOVERY_CODE_FACTOR, TRUSTED_DEVICE_FACTOR } from '../protocol/factorIds.ts';
import { getNextSetOfUnsatisfiedFactors, signInProgress, type MFAClaimValue, type MFARequirementList } from '../protocol/requirements.ts';
import type { Db } from './db/Db.ts';
import type { BackendConfig, MFAFunctions, MFAInfoResponse, MFAApis } from './config.ts';
import type { SessionContainer } from './session/SessionContainer.ts';
import { SessionError } from './session/errors.ts';
import type { ClaimValidator } from './session/ClaimValidator.ts';
import { getUser, getUserAndVerifiedTotp, getUserForMfa, isFakeEmail, type User } from './users.ts';
import type { Tenants } from './tenants.ts';

export const MFA_CLAIM = ClaimIds.MFA;

/** Reasons node sends in the 403s of factor setup: plain strings. @see protocol §4.7 */
export const SETUP_REASONS = {
  SET_UP_FACTOR_PENDING: 'Completed factors in the session does not satisfy the MFA requirements for auth',
  NOT_NEXT: 'Not allowed to setup factor that is not in the next set of unsatisfied factors',
} as const;

/** The secondary factors the enabled recipes offer, in recipe order (emailpassword, passwordless, totp). */
export function availableSecondaryFactors(config: BackendConfig): string[] {
  const out: string[] = [];
  if (config.emailPassword !== false) out.push(FactorIds.EMAILPASSWORD);
  out.push(...enabledPasswordlessFactors(config));
  if (config.totp) out.push(FactorIds.TOTP);
  if (config.webauthn && config.webauthn.secondFactor) out.push(FactorIds.WEBAUTHN);
  return out;
}

/**
 * How many days a browser stays trusted (`mfa.trustedDevices`), undefined when the feature is off.
 * Throws on a value that makes no sense.
 */
export function trustedDeviceDays(config: BackendConfig): number | undefined {
  const o = config.mfa?.trustedDevices;
  if (o === undefined || o === false) return undefined;
  const days = o === true ? 30 : (o.days ?? 30);
  if (!Number.isInteger(days) || days < 1 || days > 400) throw new Error('mfa.trustedDevices.days must be a whole number of days from 1 to 400');
  return days;
}

/** Passwordless factors enabled by flowType × contactMethod. */
export function enabledPasswordlessFactors(config: BackendConfig): string[] {
  const p = config.passwordless;
  if (!p) return [];
  const otp = p.flowType !== 'MAGIC_LINK';
  const link = p.flowType !== 'USER_INPUT_CODE';
  const email = p.contactMethod !== 'PHONE';
  const phone = p.contactMethod !== 'EMAIL';
  return [
    ...(otp && email ? [FactorIds.OTP_EMAIL] : []),
    ...(otp && phone ? [FactorIds.OTP_PHONE] : []),
    ...(link && email ? [FactorIds.LINK_EMAIL] : []),
    ...(link && phone ? [FactorIds.LINK_PHONE] : []),
  ];
}

/** The first factors the enabled recipes offer. */
export function availableFirstFactors(config: BackendConfig): string[] {
  return [
    ...availableSecondaryFactors(config).filter((f) => f !== FactorIds.TOTP && f !== FactorIds.WEBAUTHN),
    ...(config.thirdParty ? [FactorIds.THIRDPARTY] : []),
    ...(config.webauthn ? [FactorIds.WEBAUTHN] : []),
  ];
}

type MetadataStore = {
  get(userId: string): Promise<Record<string, unknown>>;
  update(userId: string, update: Record<string, unknown>): Promise<Record<string, unknown>>;
};

/** The MFA recipe: requirements, the `st-mfa` claim, setup permissions and `/mfa/info`. */
export function createMfa(deps: { db: Db; config: BackendConfig; tenants: Tenants; metadata: MetadataStore; now: () => number; api: unknown }) {
  const { db, config, tenants, metadata } = deps;

  const requiredIn = (md: Record<string, unknown>) => {
    const st = md._supertokens as { requiredSecondaryFactors?: unknown } | undefined;
    return Array.isArray(st?.requiredSecondaryFactors) ? (st.requiredSecondaryFactors as string[]) : [];
  };
  const readRequired = async (userId: string) => requiredIn(await metadata.get(userId));

  /** Verified-TOTP answers read together with a user by `loadUser`, so the default setup check needs no query of its own. */
  const verifiedTotpOf = new WeakMap<User, boolean>();

  const defaults: MFAFunctions = {
    async getMFARequirementsForAuth(input) {
      const all = [...(await input.requiredSecondaryFactorsForUser), ...(await input.requiredSecondaryFactorsForTenant)];
      return [{ oneOf: [...new Set(all)] }];
    },
    async getFactorsSetupForUser({ user }) {
      const out: string[] = [];
      const pwless = enabledPasswordlessFactors(config);
      const lms = user.loginMethods;
      if (config.emailPassword !== false && lms.some((m) => m.recipeId === 'emailpassword')) out.push(FactorIds.EMAILPASSWORD);
      const hasPwlessEmail = lms.some((m) => m.recipeId === 'passwordless' && m.email !== undefined && !isFakeEmail(m.email));
      const hasPwlessPhone = lms.some((m) => m.recipeId === 'passwordless' && m.phoneNumber !== undefined);
      for (const f of pwless) {
        if ((f === FactorIds.OTP_EMAIL || f === FactorIds.LINK_EMAIL) && hasPwlessEmail) out.push(f);
        if ((f === FactorIds.OTP_PHONE || f === FactorIds.LINK_PHONE) && hasPwlessPhone) out.push(f);
      }
      if (config.webauthn && lms.some((m) => m.recipeId === 'webauthn')) out.push(FactorIds.WEBAUTHN);
      if (config.totp) {
        const known = verifiedTotpOf.get(user);
        const has = known ?? (await db.query('SELECT 1 FROM fk_totp_devices WHERE user_id = $1 AND verified LIMIT 1', [user.id])).length > 0;
        if (has) out.push(FactorIds.TOTP);
      }
      return out;
    },
    getRequiredSecondaryFactorsForUser: ({ userId }) => readRequired(userId),
    async addToRequiredSecondaryFactorsForUser({ userId, factorId }) {
      const current = await readRequired(userId);
      if (current.includes(factorId)) return;
      const md = await metadata.get(userId);
      await metadata.update(userId, { _supertokens: { ...(md._supertokens as object | undefined), requiredSecondaryFactors: [...current, factorId] } });
    },
    async removeFromRequiredSecondaryFactorsForUser({ userId, factorId }) {
      const md = await metadata.get(userId);
      const st = md._supertokens as { requiredSecondaryFactors?: unknown } | undefined;
      if (!Array.isArray(st?.requiredSecondaryFactors) || !st.requiredSecondaryFactors.includes(factorId)) return;
      await metadata.update(userId, { _supertokens: { ...st, requiredSecondaryFactors: st.requiredSecondaryFactors.filter((f) => f !== factorId) } });
    },
  };
  const overrideFns = config.mfa?.override?.functions as ((o: MFAFunctions, api: unknown) => MFAFunctions) | undefined;
  const functions: MFAFunctions = overrideFns ? overrideFns(defaults, deps.api) : defaults;

  async function loadUser(userId: string): Promise<User> {
    if (!config.totp) {
      const user = await getUser(db, userId);
      if (!user) throw SessionError.unauthorised();
      return user;
    }
    const found = await getUserAndVerifiedTotp(db, userId);
    if (!found) throw SessionError.unauthorised();
    verifiedTotpOf.set(found.user, found.hasVerifiedTotp);
    return found.user;
  }

  /** Everything `getMFARequirementsForAuth` and the setup check need, fetched lazily and once. */
  function evaluationInput(session: { userId: string; tenantId: string; payload: Record<string, unknown> }, completed: Record<string, number | undefined>) {
    let user: Promise<User> | undefined;
    let setUp: Promise<string[]> | undefined;
    // With the default reader of the user's list, the user (and whether they have an app), their
    // list and the tenant's come in one statement.
    const defaultLists = functions.getRequiredSecondaryFactorsForUser === defaults.getRequiredSecondaryFactorsForUser;
    let all: ReturnType<typeof loadAll> | undefined;
    const loadAll = async () => {
      const found = await getUserForMfa(db, session.userId, session.tenantId);
      if (!found) throw SessionError.unauthorised();
      verifiedTotpOf.set(found.user, found.hasVerifiedTotp);
      return { user: found.user, lists: { user: requiredIn(found.metadata ?? {}), tenant: found.tenantRequired ?? [] } };
    };
    const getUserOnce = () => (user ??= defaultLists ? (all ??= loadAll()).then((a) => a.user) : loadUser(session.userId));
    const getSetUpOnce = () => (setUp ??= getUserOnce().then((u) => functions.getFactorsSetupForUser({ user: u })));
    const bothLists = defaultLists ? () => (all ??= loadAll()).then((a) => a.lists) : undefined;
    const lazy = <T>(fn: () => Promise<T>): Promise<T> => {
      // A promise that starts work only when awaited, like node's lazy getters.
      let p: Promise<T> | undefined;
      return { then: (a, b) => (p ??= fn()).then(a, b), catch: (b) => (p ??= fn()).catch(b), finally: (f) => (p ??= fn()).finally(f), [Symbol.toStringTag]: 'Promise' } as Promise<T>;
    };
    return {
      input: {
        tenantId: session.tenantId,
        accessTokenPayload: session.payload,
        completedFactors: completed,
        user: lazy(getUserOnce),
        factorsSetUpForUser: lazy(getSetUpOnce),
        requiredSecondaryFactorsForUser: lazy(async () => (bothLists ? (await bothLists()).user : functions.getRequiredSecondaryFactorsForUser({ userId: session.userId }))),
        requiredSecondaryFactorsForTenant: lazy(async () => (bothLists ? (await bothLists()).tenant : ((await tenants.get(session.tenantId))?.requiredSecondaryFactors ?? []))),
      },
      factorsSetUp: getSetUpOnce,
      user: getUserOnce,
    };
  }

  /**
   * Recomputes `st-mfa` for a session, optionally marking one factor complete, and stores it when it
   * changed. A session without the claim (made before MFA was on) gets its first factor back-filled.
   */
  async function updateAndGetMFAInfoInSession(session: SessionContainer, updatedFactorId?: string) {
    const now = Math.floor(deps.now() / 1000);
    const existing = session.getClaimValue<MFAClaimValue>(MFA_CLAIM);
    const completed: Record<string, number | undefined> = { ...(existing?.c ?? {}) };
    if (updatedFactorId !== undefined) completed[updatedFactorId] = now;
    if (existing === undefined && updatedFactorId === undefined) {
      const user = await loadUser(session.userId);
      const lm = user.loginMethods.find((m) => m.recipeUserId === session.recipeUserId);
      const candidates =
        lm?.recipeId === 'emailpassword' ? [FactorIds.EMAILPASSWORD]
        : lm?.recipeId === 'thirdparty' ? [FactorIds.THIRDPARTY]
        : lm?.recipeId === 'webauthn' ? [FactorIds.WEBAUTHN]
        : lm?.email !== undefined ? [FactorIds.LINK_EMAIL, FactorIds.OTP_EMAIL]
        : [FactorIds.LINK_PHONE, FactorIds.OTP_PHONE];
      const first = await firstFactorsFor(session.tenantId);
      const factor = candidates.find((f) => first.includes(f));
      if (factor === undefined) throw SessionError.unauthorised();
      completed[factor] = now;
    }
    const evaluation = evaluationInput({ userId: session.userId, tenantId: session.tenantId, payload: session.getAccessTokenPayload() }, completed);
    const requirements = await functions.getMFARequirementsForAuth(evaluation.input);
    // A recovery code, or a sign-in on a trusted device, stands in for every secondary factor
    // (recipes/recoveryCodes.ts, recipes/trustedDevices.ts).
    const v = completed[RECOVERY_CODE_FACTOR] !== undefined || completed[TRUSTED_DEVICE_FACTOR] !== undefined || getNextSetOfUnsatisfiedFactors(completed, requirements).factorIds.length === 0;
    const value: MFAClaimValue = { c: completed, v };
    if (JSON.stringify(existing) !== JSON.stringify(value)) await session.setClaimValue(MFA_CLAIM, value);
    return { completed, requirements, v, factorsSetUp: evaluation.factorsSetUp, user: evaluation.user };
  }

  /** Why setting up `factorId` is refused now, or undefined when it is allowed. @see protocol §4.7 */
  function setupRefusal(claim: MFAClaimValue, requirements: MFARequirementList, factorsSetUp: string[], factorId: string): string | undefined {
    if (claim.v) return undefined;
    const next = getNextSetOfUnsatisfiedFactors(claim.c, requirements).factorIds;
    if (next.some((f) => factorsSetUp.includes(f))) return SETUP_REASONS.SET_UP_FACTOR_PENDING;
    if (next.length > 0 && !next.includes(factorId)) return SETUP_REASONS.NOT_NEXT;
    return undefined;
  }

  async function firstFactorsFor(tenantId: string): Promise<string[]> {
    const tenant = await tenants.get(tenantId);
    const configured = tenant?.firstFactors ?? config.mfa?.firstFactors ?? availableFirstFactors(config);
    const available = availableFirstFactors(config);
    const builtIn = Object.values(FactorIds) as string[];
    return configured.filter((f) => available.includes(f) || !builtIn.includes(f));
  }

  const defaultApis: MFAApis = {
    async resyncSessionAndFetchMFAInfoPUT({ session }) {
      return mfaInfo(session);
    },
  };
  const overrideApis = config.mfa?.override?.apis as ((o: MFAApis, api: unknown) => MFAApis) | undefined;
  const apis: MFAApis = overrideApis ? overrideApis(defaultApis, deps.api) : defaultApis;

  const trustDays = trustedDeviceDays(config);

  async function mfaInfo(session: SessionContainer): Promise<MFAInfoResponse> {
    const info = await updateAndGetMFAInfoInSession(session);
    const user = await info.user();
    const factorsSetUp = await info.factorsSetUp();
    const claim = { c: info.completed, v: info.v };
    const allowedToSetup = availableSecondaryFactors(config).filter((f) => setupRefusal(claim, info.requirements, factorsSetUp, f) === undefined);
    const unsatisfied = info.v ? [] : getNextSetOfUnsatisfiedFactors(info.completed, info.requirements).factorIds;
    const next = unsatisfied.filter((f) => allowedToSetup.includes(f) || factorsSetUp.includes(f));
    if (next.length === 0 && unsatisfied.length > 0) {
      throw new Error(`The user is required to complete secondary factors they are not allowed to (${unsatisfied.join(', ')}); check getMFARequirementsForAuth and the enabled recipes`);
    }
    // Our addition (other SDKs ignore it): where sign-in stands, for "Step 1 of 2" and the chooser's
    // "one of these" versus "each of these".
    const progress = signInProgress(info.completed, info.requirements);
    // Whether "Use a recovery code" can help: asked only while a factor is still due.
    const recoveryCodes = next.length > 0 && (await db.query('SELECT 1 FROM fk_recovery_codes WHERE user_id = $1 AND used_at IS NULL LIMIT 1', [session.userId])).length > 0;
    return {
      status: 'OK',
      factors: { next, alreadySetup: factorsSetUp, allowedToSetup },
      ...contactLists(user, session.recipeUserId),
      fk: {
        progress: { total: progress.total, done: progress.done },
        nextType: progress.next.type,
        ...(recoveryCodes && { recoveryCodes: true }),
        // "Don't ask again on this device for N days" may be offered (mfa.trustedDevices).
        ...(trustDays !== undefined && next.length > 0 && { trustDeviceDays: trustDays }),
      },
    };
  }

  /** `emails` and `phoneNumbers` of `/mfa/info`. @see protocol §4.11 */
  function contactLists(user: User, sessionRecipeUserId: string) {
    const sessionLm = user.loginMethods.find((m) => m.recipeUserId === sessionRecipeUserId);
    const frontOf = (list: string[], first: string | undefined) => (first !== undefined && list.includes(first) ? [first, ...list.filter((x) => x !== first)] : list);
    const uniq = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => x !== undefined))];
    const allReal = uniq(user.loginMethods.map((m) => m.email)).filter((e) => !isFakeEmail(e));
    const emails: Record<string, string[]> = {};
    const phoneNumbers: Record<string, string[]> = {};
    if (config.emailPassword !== false) {
      const ep = user.loginMethods.filter((m) => m.recipeId === 'emailpassword' && m.email !== undefined);
      let list: string[];
      if (ep.length > 0) {
        const rank = (m: (typeof ep)[number]) => (isFakeEmail(m.email!) ? 2 : m.verified ? 0 : 1);
        list = uniq([...ep].sort((a, b) => rank(a) - rank(b) || a.timeJoined - b.timeJoined).map((m) => m.email));
      } else {
        list = allReal.length > 0 ? allReal : uniq(user.loginMethods.map((m) => m.email));
      }
      list = frontOf(list, sessionLm?.email);
      emails[FactorIds.EMAILPASSWORD] = list.length > 0 ? list : [`${sessionRecipeUserId}@stfakeemail.supertokens.com`];
    }
    const pwlessList = (key: 'email' | 'phoneNumber') => {
      const own = uniq(user.loginMethods.filter((m) => m.recipeId === 'passwordless').map((m) => m[key])).filter((x) => key !== 'email' || !isFakeEmail(x));
      if (own.length === 1) return own;
      if (own.length > 1) return frontOf(own, sessionLm?.[key]);
      const all = key === 'email' ? allReal : uniq(user.loginMethods.map((m) => m.phoneNumber));
      return frontOf(all, sessionLm?.[key]);
    };
    for (const f of enabledPasswordlessFactors(config)) {
      if (f === FactorIds.OTP_EMAIL || f === FactorIds.LINK_EMAIL) emails[f] = pwlessList('email');
      else phoneNumbers[f] = pwlessList('phoneNumber');
    }
    return { emails, phoneNumbers };
  }

  return {
    functions,
    apis,
    firstFactorsFor,
    updateAndGetMFAInfoInSession,

    /**
     * Marks a factor complete in the session and re-evaluates `v`. `vouches`: the authenticator used
     * existed before this session added any, so the completion may also vouch for step-up
     * (recorded server-side, see `waysIn.ts`). @default false
     */
    async markFactorAsCompleteInSession(session: SessionContainer, factorId: string, options: { vouches?: boolean } = {}): Promise<void> {
      await updateAndGetMFAInfoInSession(session, factorId);
      if (options.vouches) await session.recordStepUpProof(factorId, Math.floor(deps.now() / 1000));
    },

    /** Throws the protocol's 403 `st-mfa` (string reason) when the session may not set up `factorId` now. */
    async assertAllowedToSetupFactor(session: SessionContainer, factorId: string): Promise<void> {
      const info = await updateAndGetMFAInfoInSession(session);
      const reason = setupRefusal({ c: info.completed, v: info.v }, info.requirements, await info.factorsSetUp(), factorId);
      if (reason !== undefined) throw SessionError.invalidClaims([{ id: MFA_CLAIM, reason }]);
    },

    /** The requirement list for a session, as `getMFARequirementsForAuth` returns it. */
    async getMFARequirementsForAuth(session: SessionContainer): Promise<MFARequirementList> {
      return (await updateAndGetMFAInfoInSession(session)).requirements;
    },

    /**
     * The requirement list the app's rule would give this session if the user had turned nothing on
     * (their own list empty): what the tenant or the app's policy asks regardless, which the user
     * cannot switch off. Nothing is stored.
     */
    async requirementsWithoutUsersChoice(session: SessionContainer): Promise<MFARequirementList> {
      const completed = { ...(session.getClaimValue<MFAClaimValue>(MFA_CLAIM)?.c ?? {}) };
      const { input } = evaluationInput({ userId: session.userId, tenantId: session.tenantId, payload: session.getAccessTokenPayload() }, completed);
      return functions.getMFARequirementsForAuth({ ...input, requiredSecondaryFactorsForUser: Promise.resolve([]) });
    },

    /** The global validator: `st-mfa.v` must be true; a missing claim is computed first. */
    validator(): ClaimValidator {
      return {
        id: MFA_CLAIM,
        shouldRefetch: (payload) => payload[MFA_CLAIM] === undefined,
        refetch: (session) => updateAndGetMFAInfoInSession(session).then(() => undefined),
        validate: (payload) =>
          (payload[MFA_CLAIM] as MFAClaimValue | undefined)?.v === true
            ? undefined
            : { id: MFA_CLAIM, reason: { message: 'MFA requirement for auth is not satisfied' } },
      };
    },
  };
}

export type Mfa = ReturnType<typeof createMfa>;
