/**
 * The reference backend for live stories: a fresh in-memory PGlite database per story (WASM, so it
 * runs in the browser as in vitest), configured like one of the seed scenarios, answering through
 * msw at {@link STORY_API}.
 */
import { createAuthClient, createMemoryStorage, type AuthClient, type CreateAuthClientConfig } from '../../src/core/index.ts';
import { createBackend, type Backend, type BackendConfig } from '../../src/server/index.ts';
import { createBackendHandlers, seedScenarios, type SeedScenarioId } from '../../src/testing/index.ts';

/** Where stories' clients send their requests; msw answers, nothing leaves the page. */
export const STORY_API = 'http://api.factorkit.test';
/** The website origin the backend puts in links. */
export const STORY_WEBSITE = 'http://app.factorkit.test';

/** What a live story's `prepare` gets: the backend, the client the story will use, and both URLs. */
export interface LiveContext {
  backend: Backend;
  client: AuthClient;
  /** The backend's clock: move it to expire a code or end a lockout without waiting. */
  clock: { advance(ms: number): void; now(): number };
  /** The msw handlers that answer with this backend (the loader puts the story's own before them). */
  handlers: ReturnType<typeof createBackendHandlers>;
  /** Set by `prepare` to start the story somewhere known only then (a link with a fresh token). Wins over `parameters.route`. */
  route?: string;
  /** Clients of their own `prepare` put in a state (another browser each), by name: for a story that shows several screens at once. */
  sessions: Record<string, AuthClient>;
}

/** `parameters.backend` of a story. */
export interface BackendParameters {
  /** The seed scenario whose policy and accounts the backend starts with. @default none: email + password, TOTP and OTP on, no MFA requirement */
  scenario?: SeedScenarioId;
  /** Config on top of the scenario's. */
  config?: Partial<BackendConfig>;
  /** Config of the story's client on top of the story defaults: the tenant to sign in to (S7), for instance. */
  client?: Partial<CreateAuthClientConfig>;
  /**
   * Runs after setup, before the story renders: sign a user in, set up a device, fake the clock...
   * It talks to the plain backend: the story's own msw handlers apply from the render on.
   */
  prepare?: (live: LiveContext) => Promise<void>;
  /**
   * Stories with the same key, one after another, share one backend (and the scenario's seed) instead
   * of starting a database each: only `prepare` runs again, and the clock starts at now again. Their
   * scenario and config must be the same (set both in the file's `meta.parameters.backend`), and
   * `prepare` must create users of its own ({@link uniqueEmail}).
   */
  share?: string;
}

let clients = 0;
/**
 * A client for stories: header mode (works the same in jsdom and the browser), memory storage, no
 * cross-tab channel, and a storage key prefix of its own, so what a screen keeps in sessionStorage
 * (an OTP attempt, when the email was sent) does not leak into the next story or pass.
 */
export function storyClient(overrides: Partial<CreateAuthClientConfig> = {}): AuthClient {
  clients += 1;
  return createAuthClient({ apiDomain: STORY_API, tokenTransferMethod: 'header', storage: createMemoryStorage(), channel: null, locks: null, storageKeyPrefix: `fk-story-${clients}`, ...overrides });
}

let emails = 0;
/** An address no other story (or run of the same story) has used on a shared backend. */
export function uniqueEmail(prefix = 'story'): string {
  emails += 1;
  return `${prefix}-${emails}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

interface Running {
  share: string | undefined;
  backend: Backend;
  handlers: ReturnType<typeof createBackendHandlers>;
  clockState: { offset: number };
}
let running: Running | undefined;

async function backendFor(parameters: BackendParameters, install: (handlers: ReturnType<typeof createBackendHandlers>) => void): Promise<Running> {
  if (parameters.share !== undefined && running?.share === parameters.share) {
    running.clockState.offset = 0;
    install(running.handlers);
    return running;
  }
  await running?.backend.close();
  running = undefined;
  const scenario = parameters.scenario ? seedScenarios[parameters.scenario] : undefined;
  const clockState = { offset: 0 };
  const backend = await createBackend({
    appInfo: { appName: 'Factorkit Stories', apiDomain: STORY_API, websiteDomain: STORY_WEBSITE },
    passwordless: { contactMethod: 'EMAIL_OR_PHONE', flowType: 'USER_INPUT_CODE' },
    totp: {},
    // A story is a demo: cheap hashing keeps sign-in instant on a laptop and in CI.
    passwordHashing: { memorySize: 256, iterations: 1 },
    devMode: true,
    ...scenario?.config(),
    ...parameters.config,
    database: { kind: 'memory' },
    now: () => Date.now() + clockState.offset,
  });
  const handlers = createBackendHandlers(backend, STORY_API);
  running = { share: parameters.share, backend, handlers, clockState };
  install(handlers);
  await scenario?.setup?.(backend);
  return running;
}

/**
 * Starts a backend for one story (the previous story's backend is closed first, unless both share
 * one), hands its msw handlers to `install`, then runs the scenario's setup (once per backend) and
 * the story's `prepare` through them.
 */
export async function startStoryBackend(parameters: BackendParameters, install: (handlers: ReturnType<typeof createBackendHandlers>) => void): Promise<LiveContext> {
  const { backend, handlers, clockState } = await backendFor(parameters, install);
  const scenario = parameters.scenario ? seedScenarios[parameters.scenario] : undefined;
  const clock = { advance: (ms: number) => void (clockState.offset += ms), now: () => Date.now() + clockState.offset };
  const client = storyClient({
    ...(scenario?.emailVerificationOrder ? { claims: { emailVerification: { mode: 'REQUIRED', order: scenario.emailVerificationOrder } } } : {}),
    ...parameters.client,
  });
  const live: LiveContext = { backend, client, clock, handlers, sessions: {} };
  await parameters.prepare?.(live);
  return live;
}
