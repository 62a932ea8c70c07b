/**
 * One of the user's sessions, as `GET {apiBasePath}/fk/sessions` lists it (factorkit's extension of
 * the FDI): the wire shape the backend answers and the client reads.
 */
export interface UserSession {
  sessionHandle: string;
  /** The session making the request ("this device"). */
  current: boolean;
  tenantId: string;
  createdAt: number;
  /** Its last request or refresh (to the minute). */
  lastActiveAt: number;
  /** "Firefox", "Safari", … when the backend recognised the user agent. */
  browser?: string;
  /** "Windows", "iOS", … likewise. */
  os?: string;
  /** The network address it was last used from, when the backend knows it (see `clientAddress`). */
  clientAddress?: string;
}
