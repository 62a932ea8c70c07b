/**
 * The demo's server: the reference backend for the chosen seed scenario, the demo app (Vite), and a
 * small API to switch scenarios. Each scenario keeps its own database under `.data/`, so its users
 * stay with the policy they signed up under.
 */
import { mkdirSync } from 'node:fs';
import { createBackend, isLoopbackHostOf, serve, type Backend, type RunningServer } from '../src/server/index.ts';
import { SeedScenarios, seedScenarios, withSocialSignIn, type SeedScenarioId } from '../src/testing/seedScenarios.ts';
import { startLocalIdp, type LocalIdp } from './localIdp.ts';

export interface DemoOptions {
  apiPort?: number;
  webPort?: number;
  host?: string;
  /** Folder for the PGlite databases, one per scenario. @default '.data/pglite' */
  dataDir?: string;
  /** PostgreSQL instead of PGlite (one schema per scenario is not attempted: scenarios share it). */
  databaseUrl?: string;
  /** Serve the demo app with Vite (off when only the API is wanted). @default true */
  web?: boolean;
  /** The scenario to start with. @default S1 */
  scenario?: SeedScenarioId;
  /** Argon2 cost; the e2e suite lowers it to keep sign-ups fast on 2 cores. */
  passwordHashing?: { memorySize: number; iterations: number };
  /** Port of the local OpenID provider for social sign-in (`false`: none). @default 3002 */
  idpPort?: number | false;
}

export interface RunningDemo {
  apiUrl: string;
  webUrl: string | undefined;
  /** The local OpenID provider's issuer, when it runs. */
  idpUrl: string | undefined;
  scenario(): SeedScenarioId;
  backend(): Backend;
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  const apiPort = options.apiPort ?? 3001;
  const webPort = options.webPort ?? 3000;
  const apiDomain = `http://localhost:${apiPort}`;
  const websiteDomain = `http://localhost:${webPort}`;
  const dataDir = options.dataDir ?? '.data/pglite';

  // Social sign-in for the scenarios whose seed app offers it: a real OpenID provider on this machine.
  const idp: LocalIdp | undefined = options.idpPort === false ? undefined : await startLocalIdp({ port: options.idpPort ?? 3002, websiteDomains: [websiteDomain] });

  let currentId: SeedScenarioId = options.scenario ?? SeedScenarios.S1;
  let current: Backend;
  let switching: Promise<void> = Promise.resolve();

  async function open(id: SeedScenarioId): Promise<Backend> {
    const scenario = seedScenarios[id];
    const database = options.databaseUrl
      ? ({ kind: 'postgres', url: options.databaseUrl } as const)
      : (mkdirSync(`${dataDir}/${id}`, { recursive: true }), { kind: 'pglite', dataDir: `${dataDir}/${id}` } as const);
    const base = idp && scenario.socialSignIn ? withSocialSignIn(scenario.config(), idp.providers) : scenario.config();
    const backend = await createBackend({
      ...base,
      appInfo: { appName: 'factorkit demo', apiDomain, websiteDomain },
      // "Don't ask again on this device" is offered on the second-factor screens.
      mfa: { ...base.mfa, trustedDevices: true, ...(base.mfa?.firstFactors && { firstFactors: [...base.mfa.firstFactors, 'webauthn'] }) },
      // Passkeys as a first factor (the browser's prompt; localhost is a secure context).
      webauthn: base.webauthn ?? {},
      database,
      devMode: true,
      ...(options.passwordHashing ? { passwordHashing: options.passwordHashing } : {}),
    });
    await scenario.setup?.(backend);
    return backend;
  }

  current = await open(currentId);

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'access-control-allow-origin': websiteDomain, 'access-control-allow-credentials': 'true' },
    });

  const api: RunningServer = await serve({ fetch: (request: Request) => current.fetch(request) } as Backend, {
    port: apiPort,
    hostname: host,
    extra: async (request) => {
      const url = new URL(request.url);
      if (!url.pathname.startsWith('/demo/')) return undefined;
      // Dev-only endpoints: the API's own host name only (no DNS rebinding), and state changes only from
      // the demo's page, as JSON (a form on another origin cannot send that without a preflight).
      if (!isLoopbackHostOf(request, apiDomain)) return json({ message: 'Not this host' }, 403);
      const origin = request.headers.get('origin');
      if (request.method === 'POST' && ((origin !== null && origin !== websiteDomain) || !request.headers.get('content-type')?.startsWith('application/json'))) {
        return json({ message: 'Only the demo page may do that' }, 403);
      }
      if (request.method === 'OPTIONS') {
        return new Response(null, {
          status: 204,
          headers: { 'access-control-allow-origin': websiteDomain, 'access-control-allow-credentials': 'true', 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type' },
        });
      }
      if (url.pathname === '/demo/scenario' && request.method === 'GET') {
        const s = seedScenarios[currentId];
        return json({ id: currentId, emailVerificationOrder: s.emailVerificationOrder ?? null, tenants: s.tenants ?? [], accounts: (s.accounts ?? []).map(({ email, tenantId, note }) => ({ email, tenantId, note })), scenarios: Object.values(seedScenarios).map(({ id, title, description }) => ({ id, title, description })) });
      }
      if (url.pathname === '/demo/scenario' && request.method === 'POST') {
        const body = (await request.json().catch(() => ({}))) as { id?: unknown };
        if (typeof body.id !== 'string' || !(body.id in seedScenarios)) return json({ message: 'Unknown scenario' }, 400);
        const id = body.id as SeedScenarioId;
        switching = switching.then(async () => {
          if (id === currentId) return;
          const next = await open(id);
          const previous = current;
          current = next;
          currentId = id;
          await previous.close();
        });
        await switching;
        return json({ id: currentId });
      }
      return json({ message: 'Not found' }, 404);
    },
  });

  let web: { close(): Promise<void>; url: string } | undefined;
  if (options.web !== false) {
    const { createServer } = await import('vite');
    // Vite hands VITE_* variables of the process to the app as import.meta.env.
    process.env.VITE_FK_API_URL = apiDomain;
    const vite = await createServer({ configFile: new URL('./vite.config.ts', import.meta.url).pathname, server: { port: webPort, host, strictPort: true } });
    await vite.listen();
    web = { close: () => vite.close(), url: websiteDomain };
  }

  return {
    apiUrl: apiDomain,
    webUrl: web?.url,
    scenario: () => currentId,
    backend: () => current,
    idpUrl: idp?.issuer,
    async close() {
      await web?.close();
      await api.close();
      await current.close();
      await idp?.close();
    },
  };
}
