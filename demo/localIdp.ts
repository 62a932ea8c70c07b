/**
 * A real OpenID provider on loopback for the demo, the e2e suite and the backend tests: `oidc-provider`
 * (OpenID Certified) with a sign-in page of its own, where a person types any email address and signs
 * in as it, or cancels (the app then gets `access_denied`). Two apps are registered: "Demo ID" (gives
 * the email address) and "Demo ID (no email)" (asks only for `openid`, so the backend gets no address
 * and says so). Development only: nobody is checked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';
import type { ThirdPartyProviderConfig } from '../src/server/index.ts';

export interface LocalIdp {
  /** `http://localhost:<port>`: the issuer, for discovery. */
  issuer: string;
  /** The providers to give `createBackend({ thirdParty: { providers } })`. */
  providers: ThirdPartyProviderConfig[];
  close(): Promise<void>;
}

/** The thirdPartyIds of the local provider's two apps. */
export const LOCAL_IDP = { withEmail: 'demo-id', withoutEmail: 'demo-id-no-email' } as const;

/** Starts the provider. `websiteDomains` are where the apps' callbacks (`{site}/auth/callback/{id}`) live. */
export async function startLocalIdp(options: { port?: number; websiteDomains: string[]; websiteBasePath?: string }): Promise<LocalIdp> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://localhost:${port}`;
  const base = options.websiteBasePath ?? '/auth';
  const callbacks = (id: string) => options.websiteDomains.map((site) => `${site}${base}/callback/${id}`);
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'local-idp', alg: 'RS256', use: 'sig' };

  const provider = new Provider(issuer, {
    clients: [
      { client_id: LOCAL_IDP.withEmail, client_secret: 'demo-id-secret', redirect_uris: callbacks(LOCAL_IDP.withEmail), token_endpoint_auth_method: 'client_secret_post' },
      { client_id: LOCAL_IDP.withoutEmail, client_secret: 'demo-id-secret', redirect_uris: callbacks(LOCAL_IDP.withoutEmail), token_endpoint_auth_method: 'client_secret_post' },
    ],
    jwks: { keys: [signingKey] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // Whatever the person typed on the sign-in page is who they are; an address counts as verified.
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, ...(id.includes('@') && { email: id.toLowerCase(), email_verified: true }) }),
    }),
    // First-party apps: no consent page after signing in.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email');
      grant.addOIDCClaims(['email', 'email_verified']);
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    cookies: { keys: [crypto.randomUUID()] },
    // Its state lives as long as the process: a development provider needs no more.
    adapter: MemoryAdapter,
  });
  // Development: plain HTTP on loopback; no proxy in front.
  provider.proxy = false;
  provider.on('server_error', (_ctx, error) => console.error('local identity provider:', error.message));
  const oidc = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(req.url?.split('?')[0] ?? '');
    if (!match) return void oidc(req, res);
    void interaction(provider, req, res, match[1]!, match[2]).catch((error: unknown) => {
      res.statusCode = 400;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(`This sign-in expired. Go back to the app and start again. (${error instanceof Error ? error.message : 'error'})`);
    });
  });

  return {
    issuer,
    providers: [
      { id: LOCAL_IDP.withEmail, name: 'Demo ID', issuer, clients: [{ clientId: LOCAL_IDP.withEmail, clientSecret: 'demo-id-secret', scope: ['openid', 'email'] }] },
      { id: LOCAL_IDP.withoutEmail, name: 'Demo ID (no email)', issuer, clients: [{ clientId: LOCAL_IDP.withoutEmail, clientSecret: 'demo-id-secret', scope: ['openid'] }] },
    ],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) break;
  }
  return new URLSearchParams(text);
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The provider's own sign-in page: any address signs in as itself; Cancel tells the app the person said no. */
async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('not this sign-in');
  if (req.method === 'POST' && action === '/login') {
    const login = (await readForm(req)).get('email')?.trim() ?? '';
    if (login === '') return page(res, uid, details.params.client_id as string, 'Type an email address.');
    return void (await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false }));
  }
  if (req.method === 'POST' && action === '/abort') {
    return void (await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The person cancelled the sign-in' }, { mergeWithLastSubmission: false }));
  }
  page(res, uid, details.params.client_id as string);
}

function page(res: ServerResponse, uid: string, clientId: string, error?: string): void {
  const app = clientId === LOCAL_IDP.withoutEmail ? 'Demo ID (no email)' : 'Demo ID';
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to ${escape(app)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f1f5f9;color:#0f172a}main{max-width:22rem;margin:3rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002}
label{display:block;font-weight:600;margin-block:1rem .25rem}input{box-sizing:border-box;width:100%;font:inherit;padding:.6rem;border:1px solid #64748b;border-radius:8px}
button{font:inherit;padding:.6rem 1rem;border-radius:8px;border:1px solid #4338ca;background:#4338ca;color:#fff;margin-top:1rem;width:100%}.secondary{background:#fff;color:#4338ca}
p.note{color:#475569;font-size:.875rem}p.error{color:#b91c1c}</style></head>
<body><main><h1>${escape(app)}</h1><p class="note">A local identity provider for development: any email address signs in as itself. Nothing is checked.</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login"><label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="email" autofocus required><button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${escape(uid)}/abort"><button class="secondary" type="submit">Cancel</button></form></main></body></html>`);
}

/** oidc-provider's storage, in memory for the life of the process (what its quick start does, said out loud). */
class MemoryAdapter {
  private static stores = new Map<string, Map<string, { payload: Record<string, unknown>; expiresAt: number }>>();
  private readonly store: Map<string, { payload: Record<string, unknown>; expiresAt: number }>;
  constructor(name: string) {
    this.store = MemoryAdapter.stores.get(name) ?? new Map();
    MemoryAdapter.stores.set(name, this.store);
  }
  async upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
    this.store.set(id, { payload, expiresAt: Date.now() + expiresIn * 1000 });
  }
  async find(id: string) {
    const entry = this.store.get(id);
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    return entry.payload;
  }
  async findByUserCode(userCode: string) {
    return [...this.store.values()].find((e) => e.payload.userCode === userCode)?.payload;
  }
  async findByUid(uid: string) {
    return [...this.store.values()].find((e) => e.payload.uid === uid)?.payload;
  }
  async consume(id: string) {
    const entry = this.store.get(id);
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    this.store.delete(id);
  }
  async revokeByGrantId(grantId: string) {
    for (const [id, entry] of this.store) if (entry.payload.grantId === grantId) this.store.delete(id);
  }
}

/**
 * The provider in a process of its own, for test files that run in jsdom (whose typed arrays its
 * signing library does not accept). Same providers, same behaviour.
 */
export async function startLocalIdpProcess(options: { websiteDomains: string[]; websiteBasePath?: string }): Promise<LocalIdp> {
  const { spawn } = await import('node:child_process');
  const script = `${import.meta.dirname}/localIdpProcess.ts`;
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`The local identity provider exited (${code})`)));
  });
  const { issuer, providers } = JSON.parse(line) as Omit<LocalIdp, 'close'>;
  return {
    issuer,
    providers,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
