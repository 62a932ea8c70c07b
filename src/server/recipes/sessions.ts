import { z } from 'zod';
import type { UserSession } from '../../protocol/sessions.ts';
import { assertMfaComplete } from './mfaSettings.ts';
import { parseBody, type Route } from '../router.ts';
import type { Services } from '../services.ts';
import { BadInputError } from '../session/errors.ts';
import type { SessionContainer } from '../session/SessionContainer.ts';
import { describeUserAgent } from '../userAgent.ts';
import { forgetTrustedDevices } from './trustedDevices.ts';

/**
 * The user's sessions (our FDI extension under `{apiBasePath}/fk/sessions`): where they are signed
 * in, and a way to end any of them. Only the session user's own sessions, only from a session whose
 * MFA is complete. A revoked session fails at its next request (every request reads its row).
 */

export const SESSIONS_PATH = '/fk/sessions';

const revokeBody = z.object({ sessionHandle: z.string().min(1).max(128) }).strict();
const emptyBody = z.object({}).strict();

async function sessionUser(ctx: Parameters<Route['handler']>[0], s: Services): Promise<SessionContainer> {
  const session = (await s.sessions.getSession(ctx, { sessionRequired: true }))!;
  assertMfaComplete(session);
  return session;
}

export function sessionsRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: SESSIONS_PATH,
      async handler(ctx, s) {
        const session = await sessionUser(ctx, s);
        const rows = await s.db.query<{ session_handle: string; tenant_id: string; created_at: number; last_active_at: number | null; user_agent: string | null; client_address: string | null }>(
          // This session first (the list reads "this device", then the others), then by last activity.
          'SELECT session_handle, tenant_id, created_at, last_active_at, user_agent, client_address FROM fk_sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY session_handle = $3 DESC, COALESCE(last_active_at, created_at) DESC, session_handle',
          [session.getUserId(), ctx.now, session.getHandle()],
        );
        const sessions: UserSession[] = rows.map((r) => ({
          sessionHandle: r.session_handle,
          current: r.session_handle === session.getHandle(),
          tenantId: r.tenant_id,
          createdAt: Number(r.created_at),
          lastActiveAt: Number(r.last_active_at ?? r.created_at),
          ...describeUserAgent(r.user_agent),
          ...(r.client_address !== null && { clientAddress: r.client_address }),
        }));
        return { status: 'OK', sessions };
      },
    },
    {
      method: 'POST',
      path: `${SESSIONS_PATH}/revoke`,
      async handler(ctx, s) {
        const body = parseBody(ctx, revokeBody);
        const session = await sessionUser(ctx, s);
        if (body.sessionHandle === session.getHandle()) throw new BadInputError('This is the current session: sign out instead (POST /signout)');
        // Another user's handle matches no row of this user: answered like an unknown one.
        const gone = await s.db.query('DELETE FROM fk_sessions WHERE session_handle = $1 AND user_id = $2 RETURNING 1', [body.sessionHandle, session.getUserId()]);
        return { status: 'OK', didSessionExist: gone.length > 0 };
      },
    },
    {
      method: 'POST',
      path: `${SESSIONS_PATH}/revoke-others`,
      async handler(ctx, s) {
        parseBody(ctx, emptyBody);
        const session = await sessionUser(ctx, s);
        const gone = await s.db.query('DELETE FROM fk_sessions WHERE user_id = $1 AND session_handle <> $2 RETURNING 1', [session.getUserId(), session.getHandle()]);
        return { status: 'OK', revoked: gone.length };
      },
    },
    {
      method: 'POST',
      path: `${SESSIONS_PATH}/revoke-all`,
      async handler(ctx, s) {
        parseBody(ctx, emptyBody);
        const session = await sessionUser(ctx, s);
        const gone = await s.db.query('DELETE FROM fk_sessions WHERE user_id = $1 RETURNING 1', [session.getUserId()]);
        // Everywhere means every browser trusted to skip the second factor as well.
        await forgetTrustedDevices(s, session.getUserId());
        // "Sign out everywhere": this one too, so its tokens go as at sign-out.
        session.revoked = true;
        ctx.clearTokens = [session.transferMethod];
        return { status: 'OK', revoked: gone.length };
      },
    },
  ];
}
