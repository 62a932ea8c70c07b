import type { Db } from './db/Db.ts';
import type { BackendConfig, ShouldDoAutomaticAccountLinking } from './config.ts';
import type { Delivery } from './delivery.ts';
import type { Limits } from './limits.ts';
import type { Mfa } from './mfa.ts';
import type { PasswordHasher } from './password.ts';
import type { SessionService } from './session/sessionService.ts';
import type { Tenants, createUserData } from './tenants.ts';
import type { EmailVerification } from './emailVerification.ts';

/** What every route handler can use. */
export interface Services {
  config: BackendConfig & { appInfo: Required<BackendConfig['appInfo']> };
  db: Db;
  sessions: SessionService;
  mfa: Mfa;
  tenants: Tenants;
  userData: ReturnType<typeof createUserData>;
  delivery: Delivery;
  hasher: PasswordHasher;
  emailVerification: EmailVerification;
  limits: Limits;
  shouldDoAutomaticAccountLinking: ShouldDoAutomaticAccountLinking;
  now: () => number;
  /**
   * Runs work after the answer (an email whose sending must not show in the response time). The
   * backend's `idle()` and `close()` wait for it, so nothing writes after a test or a shutdown.
   */
  defer: (task: Promise<unknown>) => void;
}
