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
}

/** `parameters.backend` of a story. */
export interface BackendParameters {
  /** The seed scenario whose policy and accounts the backend starts with. @default none: email + password, TOTP and OTP on, no MFA requirement */
  scenario?: SeedScenarioId;
  /** Config on top of the scenario's. */
  config?: Partial<BackendConfig>;
  /** Runs after setup, before the story renders: sign a user in, set up a device, fake the clock... */
  prepare?: (live: LiveContext) => Promise<void>;
}

/** A client for stories: header mode (works the same in jsdom and the browser), memory storage, no cross-tab channel. */
export function storyClient(overrides: Partial<CreateAuthClientConfig> = {}): AuthClient {
  return createAuthClient({ apiDomain: STORY_API, tokenTransferMethod: 'header', storage: createMemoryStorage(), channel: null, locks: null, ...overrides });
}

const open = new Set<Backend>();

/**
 * Starts a backend for one story (the previous story's backend is closed first), hands its msw
 * handlers to `install`, then runs the scenario's setup and the story's `prepare` through them.
 */
export async function startStoryBackend(parameters: BackendParameters, install: (handlers: ReturnType<typeof createBackendHandlers>) => void): Promise<LiveContext> {
  for (const backend of open) await backend.close();
  open.clear();
  const scenario = parameters.scenario ? seedScenarios[parameters.scenario] : undefined;
  let offset = 0;
  const clock = { advance: (ms: number) => void (offset += ms), now: () => Date.now() + offset };
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
    now: clock.now,
  });
  open.add(backend);
  install(createBackendHandlers(backend, STORY_API));
  await scenario?.setup?.(backend);
  const client = storyClient(
    scenario?.emailVerificationOrder ? { claims: { emailVerification: { mode: 'REQUIRED', order: scenario.emailVerificationOrder } } } : {},
  );
  const live = { backend, client, clock };
  await parameters.prepare?.(live);
  return live;
}
