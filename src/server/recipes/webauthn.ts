/**
 * Passkeys: supertokens-node's WebAuthn recipe (factor id `webauthn`), wire-compatible, verified with
 * `@simplewebauthn/server`: attestation `none`, ES256 / RS256 / EdDSA, resident keys, user
 * verification preferred. Options are stored with an expiry and consumed once; the signature counter
 * and the backup flags are checked and kept. A passkey is a first factor, and with
 * `webauthn.secondFactor` a secondary one too.
 * @see ../shared/reference/first-factors-and-passkeys.md; README.md "Passkeys"
 */
import { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import type { AuthenticationResponseJSON, AuthenticatorTransportFuture, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { FactorIds } from '../../protocol/factorIds.ts';
import { linkToSessionUser, loadSessionForAuth, postAuth, preAuthChecks, type AuthPlan } from '../authFlow.ts';
import type { BackendConfig } from '../config.ts';
export type { WebAuthnOptions } from '../config.ts';
import type { RequestContext } from '../context.ts';
import type { Queryable } from '../db/Db.ts';
import { fromBase64Url, hashToken, randomBytes, toBase64Url } from '../crypto.ts';
import { notifyAccount } from '../notices.ts';
import { enrolmentRefused, rateLimited } from '../refusals.ts';
import { parseBody, queryParam, type Route } from '../router.ts';
import type { Services } from '../services.ts';
import { BadInputError } from '../session/errors.ts';
import { createRecipeUser, findLoginMethod, getUser } from '../users.ts';
import { assertMayAddWayIn, assertMfaComplete, countWaysIn, loadWays, lockLoginMethods, requireStepUp } from '../waysIn.ts';
import { isValidEmail, normaliseEmail } from './validators.ts';

/** The options with their defaults. */
export function webauthnOptions(config: BackendConfig & { appInfo: { appName: string; websiteDomain: string } }) {
  const o = config.webauthn || {};
  const website = new URL(config.appInfo.websiteDomain);
  return {
    rpId: o.rpId ?? website.hostname,
    rpName: o.rpName ?? config.appInfo.appName,
    origins: o.origins ?? [website.origin],
    timeoutMs: o.timeoutMs ?? 300_000,
    secondFactor: o.secondFactor ?? false,
  };
}

// The credential JSON is the browser's; its fields are checked by the verifier, only the outline here.
const credential = z.object({ id: z.string().min(1).max(1024), rawId: z.string().min(1).max(1024), type: z.literal('public-key'), response: z.record(z.string(), z.unknown()) }).passthrough();
const registerOptionsBody = z.object({ email: z.string().max(256).optional(), displayName: z.string().max(256).optional(), recoverAccountToken: z.string().max(256).optional() });
const ceremonyBody = z.object({ webauthnGeneratedOptionsId: z.string().min(1).max(128), credential, shouldTryLinkingWithSessionUser: z.boolean().optional() });
const addCredentialBody = z.object({ webauthnGeneratedOptionsId: z.string().min(1).max(128), credential, recipeUserId: z.string().min(1).max(128) });
const removeBody = z.object({ webauthnCredentialId: z.string().min(1).max(1024) });
const renameBody = z.strictObject({ webauthnCredentialId: z.string().min(1).max(1024), name: z.string().min(1).max(64).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters') });

interface OptionsRow {
  options_id: string;
  tenant_id: string;
  kind: 'register' | 'signin';
  challenge: string;
  email: string | null;
  user_handle: string | null;
  rp_id: string;
  origins: string[];
  expires_at: number;
}

interface CredentialRow {
  credential_id: string;
  recipe_user_id: string;
  public_key: string;
  counter: number;
  transports: string[] | null;
  /** The session that added the passkey to an existing login, if any: it never vouches there. */
  enrolled_session: string | null;
}

/** Takes generated options out of the store: each is used once, before it expires. */
async function consumeOptions(s: Services, ctx: RequestContext, id: string, kind: OptionsRow['kind']): Promise<OptionsRow | undefined> {
  const [row] = await s.db.query<OptionsRow>('DELETE FROM fk_webauthn_options WHERE options_id = $1 AND tenant_id = $2 RETURNING *', [id, ctx.tenantId]);
  if (!row || row.kind !== kind || Number(row.expires_at) <= ctx.now) return undefined;
  return row;
}

async function storeOptions(s: Services, ctx: RequestContext, row: Omit<OptionsRow, 'options_id' | 'tenant_id' | 'expires_at'>, timeoutMs: number) {
  const id = toBase64Url(randomBytes(24));
  // Old options nobody used are dropped as new ones are made.
  await s.db.query('DELETE FROM fk_webauthn_options WHERE expires_at < $1', [ctx.now]);
  await s.db.query('INSERT INTO fk_webauthn_options (options_id, tenant_id, kind, challenge, email, user_handle, rp_id, origins, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
    id, ctx.tenantId, row.kind, row.challenge, row.email, row.user_handle, row.rp_id, JSON.stringify(row.origins), ctx.now, ctx.now + timeoutMs,
  ]);
  return { id, createdAt: ctx.now, expiresAt: ctx.now + timeoutMs };
}

/** Verifies a new credential against its options; undefined when it does not hold. */
async function verifyNewCredential(options: OptionsRow, response: unknown) {
  try {
    const result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: options.challenge,
      expectedOrigin: options.origins,
      expectedRPID: options.rp_id,
      requireUserVerification: false,
    });
    return result.verified ? result.registrationInfo : undefined;
  } catch {
    // A malformed or forged response: the protocol's invalid-credentials answer, never a 500.
    return undefined;
  }
}

/** Stores a verified new passkey. `enrolledSession`: the session that added it to an existing login (it never vouches there). */
async function storeCredential(
  db: Queryable,
  input: { recipeUserId: string; userHandle: string; rpId: string; info: NonNullable<Awaited<ReturnType<typeof verifyNewCredential>>>; now: number; enrolledSession?: string },
) {
  const { info } = input;
  await db.query(
    'INSERT INTO fk_webauthn_credentials (credential_id, recipe_user_id, user_handle, public_key, counter, transports, backed_up, device_type, rp_id, created_at, enrolled_session) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
    [info.credential.id, input.recipeUserId, input.userHandle, toBase64Url(info.credential.publicKey), info.credential.counter, JSON.stringify(info.credential.transports ?? []), info.credentialBackedUp, info.credentialDeviceType, input.rpId, input.now, input.enrolledSession ?? null],
  );
}


export function webauthnRoutes(config: BackendConfig): Route[] {
  if (!config.webauthn) return [];
  return [
    {
      method: 'POST',
      path: '/webauthn/options/register',
      async handler(ctx, s) {
        const o = webauthnOptions(s.config);
        const body = parseBody(ctx, registerOptionsBody);
        // A recovery link names the address (the token stays until the new passkey is made).
        let recovering: string | undefined;
        if (body.recoverAccountToken !== undefined) {
          const [row] = await s.db.query<{ email: string }>("SELECT email FROM fk_password_reset_tokens WHERE token_hash = $1 AND tenant_id = $2 AND purpose = 'webauthn' AND expires_at > $3", [
            await hashToken(body.recoverAccountToken), ctx.tenantId, ctx.now,
          ]);
          if (!row) return { status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' };
          recovering = row.email;
        }
        const email = recovering ?? normaliseEmail(body.email ?? '');
        if (!isValidEmail(email)) return { status: 'INVALID_EMAIL_ERROR', err: 'Email is invalid' };
        // The passkeys this address has already: the browser will not make a second one on the same device.
        const existing = await findLoginMethod(s.db, { tenantId: ctx.tenantId, recipeId: 'webauthn', email });
        const known = existing
          ? await s.db.query<{ credential_id: string; transports: string[] | null; user_handle: string }>('SELECT credential_id, transports, user_handle FROM fk_webauthn_credentials WHERE recipe_user_id = $1', [existing.recipeUserId])
          : [];
        const userHandle = known[0]?.user_handle ?? toBase64Url(randomBytes(32));
        const generated = await generateRegistrationOptions({
          rpName: o.rpName,
          rpID: o.rpId,
          userName: email,
          userID: fromBase64Url(userHandle)!,
          userDisplayName: body.displayName ?? email,
          timeout: o.timeoutMs,
          attestationType: 'none',
          excludeCredentials: known.map((k) => ({ id: k.credential_id, transports: (k.transports ?? []) as AuthenticatorTransportFuture[] })),
          authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' },
          supportedAlgorithmIDs: [-8, -7, -257],
        });
        const stored = await storeOptions(s, ctx, { kind: 'register', challenge: generated.challenge, email, user_handle: userHandle, rp_id: o.rpId, origins: o.origins }, o.timeoutMs);
        return {
          status: 'OK',
          webauthnGeneratedOptionsId: stored.id,
          createdAt: stored.createdAt,
          expiresAt: stored.expiresAt,
          rp: generated.rp,
          user: generated.user,
          challenge: generated.challenge,
          timeout: o.timeoutMs,
          excludeCredentials: generated.excludeCredentials,
          attestation: 'none',
          pubKeyCredParams: generated.pubKeyCredParams,
          authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' },
        };
      },
    },
    {
      method: 'POST',
      path: '/webauthn/options/signin',
      async handler(ctx, s) {
        const o = webauthnOptions(s.config);
        parseBody(ctx, z.object({}).passthrough());
        const generated = await generateAuthenticationOptions({ rpID: o.rpId, userVerification: 'preferred', timeout: o.timeoutMs });
        const stored = await storeOptions(s, ctx, { kind: 'signin', challenge: generated.challenge, email: null, user_handle: null, rp_id: o.rpId, origins: o.origins }, o.timeoutMs);
        return { status: 'OK', webauthnGeneratedOptionsId: stored.id, rpId: o.rpId, challenge: generated.challenge, timeout: o.timeoutMs, userVerification: 'preferred', createdAt: stored.createdAt, expiresAt: stored.expiresAt };
      },
    },
    {
      method: 'POST',
      path: '/webauthn/signup',
      async handler(ctx, s) {
        const body = parseBody(ctx, ceremonyBody);
        const session = await loadSessionForAuth(ctx, s, body.shouldTryLinkingWithSessionUser);
        const options = await consumeOptions(s, ctx, body.webauthnGeneratedOptionsId, 'register');
        if (!options || options.email === null || options.user_handle === null) return { status: 'OPTIONS_NOT_FOUND_ERROR' };
        const info = await verifyNewCredential(options, body.credential);
        if (!info) return { status: 'INVALID_CREDENTIALS_ERROR' };
        const email = options.email;
        if (await findLoginMethod(s.db, { tenantId: ctx.tenantId, recipeId: 'webauthn', email })) return { status: 'EMAIL_ALREADY_EXISTS_ERROR' };
        let plan: AuthPlan;
        try {
          plan = await preAuthChecks(ctx, s, { session, factorIds: [FactorIds.WEBAUTHN], authenticatingUserId: undefined, newAccount: { recipeId: 'webauthn', email } });
        } catch (error) {
          return enrolmentRefused(error, 'SIGN_UP_NOT_ALLOWED');
        }
        let recipeUserId: string;
        try {
          recipeUserId = await s.db.transaction(async (tx) => {
            const id = await createRecipeUser(tx, { recipeId: 'webauthn', tenantId: ctx.tenantId, email, now: ctx.now });
            await storeCredential(tx, { recipeUserId: id, userHandle: options.user_handle!, rpId: options.rp_id, info, now: ctx.now });
            if (plan.kind === 'link') await linkToSessionUser(tx, plan, id);
            return id;
          });
        } catch (error) {
          // Two sign-ups racing for one address, or the same passkey twice: the unique indexes let one through.
          if (/fk_login_methods_email|fk_webauthn_credentials_pkey/.test(String(error))) return { status: 'EMAIL_ALREADY_EXISTS_ERROR' };
          throw error;
        }
        const user = await postAuth(ctx, s, plan, { recipeUserId, factorId: FactorIds.WEBAUTHN, contact: email });
        return { status: 'OK', user };
      },
    },
    {
      method: 'POST',
      path: '/webauthn/signin',
      async handler(ctx, s) {
        const body = parseBody(ctx, ceremonyBody);
        const session = await loadSessionForAuth(ctx, s, body.shouldTryLinkingWithSessionUser);
        const options = await consumeOptions(s, ctx, body.webauthnGeneratedOptionsId, 'signin');
        if (!options) return { status: 'OPTIONS_NOT_FOUND_ERROR' };
        const [stored] = await s.db.query<CredentialRow>(
          `SELECT c.credential_id, c.recipe_user_id, c.public_key, c.counter, c.transports, c.enrolled_session FROM fk_webauthn_credentials c
           JOIN fk_login_methods lm ON lm.recipe_user_id = c.recipe_user_id WHERE c.credential_id = $1 AND lm.tenant_id = $2`,
          [body.credential.id, ctx.tenantId],
        );
        if (!stored) return { status: 'INVALID_CREDENTIALS_ERROR' };
        let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
        try {
          verified = await verifyAuthenticationResponse({
            response: body.credential as unknown as AuthenticationResponseJSON,
            expectedChallenge: options.challenge,
            expectedOrigin: options.origins,
            expectedRPID: options.rp_id,
            credential: { id: stored.credential_id, publicKey: fromBase64Url(stored.public_key)!, counter: Number(stored.counter), transports: (stored.transports ?? []) as AuthenticatorTransportFuture[] },
            requireUserVerification: false,
          });
        } catch {
          // A forged signature, another origin or RP id, a counter that went back (a cloned key).
          return { status: 'INVALID_CREDENTIALS_ERROR' };
        }
        if (!verified.verified) return { status: 'INVALID_CREDENTIALS_ERROR' };
        const { newCounter, credentialBackedUp, credentialDeviceType } = verified.authenticationInfo;
        // Compare-and-set: two sign-ins racing with one assertion cannot both move the counter.
        const moved = await s.db.query('UPDATE fk_webauthn_credentials SET counter = $2, backed_up = $3, device_type = $4, last_used_at = $5 WHERE credential_id = $1 AND counter = $6 RETURNING 1', [
          stored.credential_id, newCounter, credentialBackedUp, credentialDeviceType, ctx.now, stored.counter,
        ]);
        if (moved.length === 0) return { status: 'INVALID_CREDENTIALS_ERROR' };
        const user = await getUser(s.db, stored.recipe_user_id);
        const lm = user?.loginMethods.find((m) => m.recipeUserId === stored.recipe_user_id);
        if (!user || !lm) return { status: 'INVALID_CREDENTIALS_ERROR' };
        let plan: AuthPlan;
        try {
          plan = await preAuthChecks(ctx, s, { session, factorIds: [FactorIds.WEBAUTHN], authenticatingUserId: user.id, newAccount: { recipeId: 'webauthn', email: lm.email, recipeUserId: lm.recipeUserId } });
        } catch (error) {
          return enrolmentRefused(error, 'SIGN_IN_NOT_ALLOWED');
        }
        if (plan.kind === 'link') return { status: 'SIGN_IN_NOT_ALLOWED', reason: 'This passkey belongs to another account' };
        // A passkey added in this session never vouches for step-up in it.
        const vouches = plan.kind === 'complete-linked' && plan.ways.addedBy.get(stored.recipe_user_id) !== plan.session.getHandle() && stored.enrolled_session !== plan.session.getHandle();
        const signedIn = await postAuth(ctx, s, plan, { recipeUserId: stored.recipe_user_id, factorId: FactorIds.WEBAUTHN, vouches });
        return { status: 'OK', user: signedIn };
      },
    },
    {
      method: 'POST',
      path: '/user/webauthn/reset/token',
      async handler(ctx, s) {
        const body = parseBody(ctx, z.object({ email: z.string().max(256) }));
        const email = normaliseEmail(body.email);
        if (!isValidEmail(email)) return { status: 'INVALID_EMAIL_ERROR', err: 'Email is invalid' };
        // As a password reset: the same limits whether or not the address has an account, and the same answer.
        const client = await s.limits.hit(s.db, 'codeSendsPerClient', ctx.clientAddress, ctx.now);
        if (!client.allowed) return rateLimited(ctx, 'RECOVER_ACCOUNT_NOT_ALLOWED', 'Too many emails were sent from this network.', client.retryAfterMs);
        const sends = await s.limits.hit(s.db, 'codeSendsPerContact', `email:${email}`, ctx.now);
        if (!sends.allowed) {
          await s.limits.refund(s.db, 'codeSendsPerClient', ctx.clientAddress);
          return rateLimited(ctx, 'RECOVER_ACCOUNT_NOT_ALLOWED', 'Too many emails were sent to this address.', sends.retryAfterMs);
        }
        const found = await findLoginMethod(s.db, { tenantId: ctx.tenantId, recipeId: 'webauthn', email });
        if (!found) return { status: 'OK' };
        const token = toBase64Url(randomBytes(32));
        await s.db.query("INSERT INTO fk_password_reset_tokens (token_hash, recipe_user_id, tenant_id, email, created_at, expires_at, purpose) VALUES ($1, $2, $3, $4, $5, $6, 'webauthn')", [
          await hashToken(token), found.recipeUserId, ctx.tenantId, email, ctx.now, ctx.now + 3_600_000,
        ]);
        const { websiteDomain, websiteBasePath } = s.config.appInfo;
        const recoverAccountLink = `${websiteDomain}${websiteBasePath}/webauthn/recover?token=${encodeURIComponent(token)}&tenantId=${encodeURIComponent(ctx.tenantId)}`;
        // After the answer: an address with an account must not answer more slowly than one without.
        s.defer(
          s.delivery.sendEmail({ type: 'WEBAUTHN_RECOVER_ACCOUNT', email, recoverAccountLink, user: { id: found.userId, recipeUserId: found.recipeUserId }, tenantId: ctx.tenantId })
            .catch((error: unknown) => console.error('factorkit backend: a passkey recovery email could not be delivered:', error instanceof Error ? error.message : 'unknown error')),
        );
        return { status: 'OK' };
      },
    },
    {
      method: 'POST',
      path: '/user/webauthn/reset',
      async handler(ctx, s) {
        const body = parseBody(ctx, z.object({ token: z.string().min(1).max(256), webauthnGeneratedOptionsId: z.string().min(1).max(128), credential }));
        // Single use: the link is gone once tried with a passkey, whatever happens next.
        const [row] = await s.db.query<{ recipe_user_id: string; email: string; expires_at: number }>(
          "DELETE FROM fk_password_reset_tokens WHERE token_hash = $1 AND tenant_id = $2 AND purpose = 'webauthn' RETURNING recipe_user_id, email, expires_at",
          [await hashToken(body.token), ctx.tenantId],
        );
        if (!row || Number(row.expires_at) <= ctx.now) return { status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' };
        const options = await consumeOptions(s, ctx, body.webauthnGeneratedOptionsId, 'register');
        if (!options || options.email !== row.email || options.user_handle === null) return { status: 'OPTIONS_NOT_FOUND_ERROR' };
        const info = await verifyNewCredential(options, body.credential);
        if (!info) return { status: 'INVALID_CREDENTIALS_ERROR' };
        await storeCredential(s.db, { recipeUserId: row.recipe_user_id, userHandle: options.user_handle, rpId: options.rp_id, info, now: ctx.now });
        // The link went to the address: it is verified.
        await s.db.query('INSERT INTO fk_verified_emails (recipe_user_id, email) VALUES ($1, $2) ON CONFLICT DO NOTHING', [row.recipe_user_id, row.email]);
        const user = await getUser(s.db, row.recipe_user_id);
        if (user) await notifyAccount(s, user, { notice: 'FACTOR_ADDED', factorId: FactorIds.WEBAUTHN, tenantId: ctx.tenantId });
        return { status: 'OK' };
      },
    },
    {
      method: 'GET',
      path: '/webauthn/email/exists',
      async handler(ctx, s) {
        const email = normaliseEmail(queryParam(ctx, 'email'));
        return { status: 'OK', exists: (await findLoginMethod(s.db, { tenantId: ctx.tenantId, recipeId: 'webauthn', email })) !== undefined };
      },
    },
    {
      method: 'GET',
      path: '/webauthn/credential/list',
      async handler(ctx, s) {
        const session = (await s.sessions.getSession(ctx, { sessionRequired: true }))!;
        const rows = await s.db.query<{ credential_id: string; rp_id: string; recipe_user_id: string; created_at: number; last_used_at: number | null; backed_up: boolean | null; device_type: string | null; name: string | null }>(
          `SELECT c.credential_id, c.rp_id, c.recipe_user_id, c.created_at, c.last_used_at, c.backed_up, c.device_type, c.name FROM fk_webauthn_credentials c
           JOIN fk_login_methods lm ON lm.recipe_user_id = c.recipe_user_id WHERE lm.user_id = $1 ORDER BY c.created_at, c.credential_id`,
          [session.getUserId()],
        );
        return {
          status: 'OK',
          credentials: rows.map((r) => ({
            webauthnCredentialId: r.credential_id,
            relyingPartyId: r.rp_id,
            recipeUserId: r.recipe_user_id,
            createdAt: Number(r.created_at),
            // Our additions: what the settings show.
            lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
            synced: r.backed_up === true || r.device_type === 'multiDevice',
            ...(r.name !== null && { name: r.name }),
          })),
        };
      },
    },
    {
      method: 'POST',
      path: '/webauthn/credential',
      async handler(ctx, s) {
        const body = parseBody(ctx, addCredentialBody);
        const session = (await s.sessions.getSession(ctx, { sessionRequired: true }))!;
        const ways = await loadWays(s, session.getUserId());
        const lm = ways.user.loginMethods.find((m) => m.recipeUserId === body.recipeUserId && m.recipeId === 'webauthn');
        if (!lm) throw new BadInputError('recipeUserId is not a passkey login of this user');
        // Another passkey is another way in: step-up (waysIn.ts).
        await assertMayAddWayIn(s, session, ctx.now, ways);
        const options = await consumeOptions(s, ctx, body.webauthnGeneratedOptionsId, 'register');
        if (!options || options.user_handle === null) return { status: 'OPTIONS_NOT_FOUND_ERROR' };
        const info = await verifyNewCredential(options, body.credential);
        if (!info) return { status: 'INVALID_CREDENTIALS_ERROR' };
        try {
          await storeCredential(s.db, { recipeUserId: lm.recipeUserId, userHandle: options.user_handle, rpId: options.rp_id, info, now: ctx.now, enrolledSession: session.getHandle() });
        } catch (error) {
          if (String(error).includes('fk_webauthn_credentials_pkey')) return { status: 'INVALID_CREDENTIALS_ERROR' };
          throw error;
        }
        await notifyAccount(s, ways.user, { notice: 'FACTOR_ADDED', factorId: FactorIds.WEBAUTHN, tenantId: session.getTenantId() });
        return { status: 'OK' };
      },
    },
    {
      method: 'POST',
      path: '/webauthn/credential/remove',
      async handler(ctx, s) {
        const body = parseBody(ctx, removeBody);
        const session = (await s.sessions.getSession(ctx, { sessionRequired: true }))!;
        assertMfaComplete(session);
        const ways = await loadWays(s, session.getUserId());
        const mine = await s.db.query<{ recipe_user_id: string; n: number }>(
          `SELECT c.recipe_user_id, (SELECT count(*)::int FROM fk_webauthn_credentials o WHERE o.recipe_user_id = c.recipe_user_id) AS n
           FROM fk_webauthn_credentials c JOIN fk_login_methods lm ON lm.recipe_user_id = c.recipe_user_id WHERE c.credential_id = $1 AND lm.user_id = $2`,
          [body.webauthnCredentialId, session.getUserId()],
        );
        // Another user's passkey is answered as an unknown one.
        if (mine.length === 0) return { status: 'CREDENTIAL_NOT_FOUND_ERROR' };
        // The last way to sign in is not removed.
        const last = { status: 'GENERAL_ERROR', message: 'This passkey is the only way to sign in to this account: add another first' } as const;
        if (mine[0]!.n === 1 && ways.user.loginMethods.length === 1) return last;
        await requireStepUp(s, session, ctx.now, ways);
        const gone = await s.db.transaction(async (tx) => {
          // Checked again under the lock every removal takes: two at once cannot leave the account with no way in.
          const methods = await lockLoginMethods(tx, session.getUserId());
          const id = body.webauthnCredentialId;
          if (!methods.some((m) => m.passkeys.includes(id))) return 'GONE' as const;
          if (countWaysIn(methods.map((m) => ({ ...m, passkeys: m.passkeys.filter((p) => p !== id) }))) === 0) return 'LAST' as const;
          await tx.query('DELETE FROM fk_webauthn_credentials WHERE credential_id = $1', [id]);
          return 'OK' as const;
        });
        if (gone === 'LAST') return last;
        if (gone === 'GONE') return { status: 'CREDENTIAL_NOT_FOUND_ERROR' };
        await notifyAccount(s, ways.user, { notice: 'FACTOR_REMOVED', factorId: FactorIds.WEBAUTHN, tenantId: session.getTenantId() });
        return { status: 'OK' };
      },
    },
    {
      method: 'POST',
      path: '/fk/webauthn/credential/rename',
      async handler(ctx, s) {
        const body = parseBody(ctx, renameBody);
        const session = (await s.sessions.getSession(ctx, { sessionRequired: true }))!;
        const renamed = await s.db.query(
          'UPDATE fk_webauthn_credentials c SET name = $3 FROM fk_login_methods lm WHERE lm.recipe_user_id = c.recipe_user_id AND c.credential_id = $1 AND lm.user_id = $2 RETURNING 1',
          [body.webauthnCredentialId, session.getUserId(), body.name.trim()],
        );
        return renamed.length > 0 ? { status: 'OK' } : { status: 'CREDENTIAL_NOT_FOUND_ERROR' };
      },
    },
  ];
}
