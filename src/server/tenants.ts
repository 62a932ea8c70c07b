import type { Db } from './db/Db.ts';
import type { RolesApi, TenantConfig } from './config.ts';

/** Tenants and their first and required secondary factors (node's core tenant config). */
export function createTenants(db: Db) {
  return {
    async get(tenantId: string): Promise<TenantConfig | undefined> {
      const [row] = await db.query<{ tenant_id: string; first_factors: string[] | null; required_secondary_factors: string[] | null; third_party_providers: string[] | null }>(
        'SELECT tenant_id, first_factors, required_secondary_factors, third_party_providers FROM fk_tenants WHERE tenant_id = $1',
        [tenantId],
      );
      if (!row) return undefined;
      return {
        tenantId: row.tenant_id,
        ...(row.first_factors !== null && { firstFactors: row.first_factors }),
        ...(row.required_secondary_factors !== null && { requiredSecondaryFactors: row.required_secondary_factors }),
        ...(row.third_party_providers !== null && { thirdPartyProviders: row.third_party_providers }),
      };
    },
    /** Creates the tenant or replaces its factor and provider lists (an omitted list means "not set"). */
    async createOrUpdate(tenant: TenantConfig): Promise<void> {
      if (!/^[a-zA-Z0-9-]{1,64}$/.test(tenant.tenantId)) throw new Error(`Invalid tenant id ${JSON.stringify(tenant.tenantId)}`);
      await db.query(
        `INSERT INTO fk_tenants (tenant_id, first_factors, required_secondary_factors, third_party_providers, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id) DO UPDATE SET first_factors = EXCLUDED.first_factors, required_secondary_factors = EXCLUDED.required_secondary_factors, third_party_providers = EXCLUDED.third_party_providers`,
        [
          tenant.tenantId,
          tenant.firstFactors ? JSON.stringify(tenant.firstFactors) : null,
          tenant.requiredSecondaryFactors ? JSON.stringify(tenant.requiredSecondaryFactors) : null,
          tenant.thirdPartyProviders ? JSON.stringify(tenant.thirdPartyProviders) : null,
          Date.now(),
        ],
      );
    },
  };
}

export type Tenants = ReturnType<typeof createTenants>;

/** User metadata (JSON per user; a top-level `null` removes a key) and roles per tenant. */
export function createUserData(db: Db) {
  const metadata = {
    async get(userId: string): Promise<Record<string, unknown>> {
      const [row] = await db.query<{ metadata: Record<string, unknown> }>('SELECT metadata FROM fk_user_metadata WHERE user_id = $1', [userId]);
      return row?.metadata ?? {};
    },
    async update(userId: string, update: Record<string, unknown>): Promise<Record<string, unknown>> {
      return db.transaction(async (tx) => {
        await tx.query("INSERT INTO fk_user_metadata (user_id, metadata) VALUES ($1, '{}'::jsonb) ON CONFLICT DO NOTHING", [userId]);
        const [row] = await tx.query<{ metadata: Record<string, unknown> }>('SELECT metadata FROM fk_user_metadata WHERE user_id = $1 FOR UPDATE', [userId]);
        const next = { ...row!.metadata };
        for (const [k, v] of Object.entries(update)) {
          if (v === null) delete next[k];
          else next[k] = v;
        }
        await tx.query('UPDATE fk_user_metadata SET metadata = $1 WHERE user_id = $2', [JSON.stringify(next), userId]);
        return next;
      });
    },
  };
  const roles: RolesApi = {
    async addRoleToUser(tenantId: string, userId: string, role: string): Promise<void> {
      await db.query('INSERT INTO fk_user_roles (tenant_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [tenantId, userId, role]);
    },
    async removeUserRole(tenantId: string, userId: string, role: string): Promise<void> {
      await db.query('DELETE FROM fk_user_roles WHERE tenant_id = $1 AND user_id = $2 AND role = $3', [tenantId, userId, role]);
    },
    async getRolesForUser(tenantId: string, userId: string): Promise<{ status: 'OK'; roles: string[] }> {
      const rows = await db.query<{ role: string }>('SELECT role FROM fk_user_roles WHERE tenant_id = $1 AND user_id = $2 ORDER BY role', [tenantId, userId]);
      return { status: 'OK', roles: rows.map((r) => r.role) };
    },
  };
  return { metadata, roles };
}
