/** The demo's own calls: the scenario switch and the dev outbox. The kit makes every auth call itself. */

/** The reference backend's origin (set by demo/server.ts). */
export const API_URL: string = import.meta.env.VITE_FK_API_URL ?? 'http://localhost:3001';

/** What `GET /demo/scenario` answers. */
export interface ScenarioInfo {
  id: string;
  /** Where the client checks email verification, when the scenario requires it. */
  emailVerificationOrder: 'beforeMfa' | 'afterMfa' | null;
  tenants: { tenantId: string; label: string }[];
  accounts: { email: string; tenantId: string; note: string }[];
  scenarios: { id: string; title: string; description: string }[];
}

export async function fetchScenario(): Promise<ScenarioInfo> {
  const response = await fetch(`${API_URL}/demo/scenario`);
  if (!response.ok) throw new Error(`GET /demo/scenario answered ${response.status}`);
  return (await response.json()) as ScenarioInfo;
}

export async function switchScenario(id: string): Promise<void> {
  const response = await fetch(`${API_URL}/demo/scenario`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
  if (!response.ok) throw new Error(`POST /demo/scenario answered ${response.status}`);
}

/** One message of the backend's dev outbox (`GET /auth/dev/outbox`, dev mode only). */
export interface OutboxMessage {
  id: number;
  channel: 'email' | 'sms';
  to: string;
  type: 'PASSWORDLESS_LOGIN' | 'EMAIL_VERIFICATION' | 'PASSWORD_RESET' | 'WEBAUTHN_RECOVER_ACCOUNT' | 'SECURITY_NOTICE';
  userInputCode?: string;
  link?: string;
  notice?: 'FACTOR_ADDED' | 'FACTOR_REMOVED' | 'FACTOR_TURNED_OFF' | 'PASSWORD_CHANGED' | 'RECOVERY_CODE_USED' | 'RECOVERY_CODES_RENEWED';
  factorId?: string;
  detail?: string;
  tenantId: string;
  createdAt: number;
}

export async function fetchOutbox(): Promise<OutboxMessage[]> {
  const response = await fetch(`${API_URL}/auth/dev/outbox`);
  if (!response.ok) throw new Error(`GET /auth/dev/outbox answered ${response.status}`);
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}
