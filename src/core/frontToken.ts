/** The decoded `front-token` header: who is signed in, when the access token expires, and its payload. */
export interface FrontToken {
  /** The session's user id (JWT `sub`). */
  uid: string;
  /** Access-token expiry, epoch milliseconds. */
  ate: number;
  /** The whole access-token payload, claims included. */
  up: Record<string, unknown>;
}

export type DecodeFrontTokenResult =
  | { status: 'OK'; token: FrontToken; expired: boolean }
  | { status: 'MALFORMED'; reason: string };

function base64ToUtf8(value: string): string {
  const binary = atob(value);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * Decodes and checks a `front-token` (standard base64 of UTF-8 JSON `{uid, ate, up}`).
 * @param now epoch ms used to judge expiry (pass the skew-corrected clock)
 * @see docs/protocol.md §3.1
 */
export function decodeFrontToken(value: string, now: number): DecodeFrontTokenResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(base64ToUtf8(value.trim()));
  } catch {
    return { status: 'MALFORMED', reason: 'not base64-encoded JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { status: 'MALFORMED', reason: 'not an object' };
  const { uid, ate, up } = parsed as Record<string, unknown>;
  if (typeof uid !== 'string' || uid.length === 0) return { status: 'MALFORMED', reason: 'uid missing' };
  if (typeof ate !== 'number' || !Number.isFinite(ate)) return { status: 'MALFORMED', reason: 'ate missing' };
  if (typeof up !== 'object' || up === null || Array.isArray(up)) return { status: 'MALFORMED', reason: 'up missing' };
  return { status: 'OK', token: { uid, ate, up: up as Record<string, unknown> }, expired: ate <= now };
}
