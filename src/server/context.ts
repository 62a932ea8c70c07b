import type { SessionContainer, TokenTransferMethod } from './session/SessionContainer.ts';

/** What one request carries through the handlers. */
export interface RequestContext {
  request: Request;
  url: URL;
  /** From the `/<tenantId>/` path prefix; `public` when absent, or the session's tenant once a session is loaded. */
  tenantId: string;
  /** Whether the path named the tenant: a session may act only on its own tenant's paths. */
  tenantInPath: boolean;
  /** The client's network address (from `clientAddress`), when known: the key of per-client limits. */
  clientAddress?: string;
  /** The backend clock at the start of the request (epoch ms). */
  now: number;
  /** Headers added to whatever response the request ends with. */
  responseHeaders: Headers;
  /** The session whose new tokens the response must carry, if any. */
  session?: SessionContainer;
  /** Token transfer methods whose tokens the response must clear. */
  clearTokens?: TokenTransferMethod[];
  /** The request body, parsed once. */
  body?: unknown;
}
