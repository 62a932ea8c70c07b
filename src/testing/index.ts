/**
 * `factorkit/testing`: what tests, stories and the demo share — the seed scenarios (and, as they
 * land, the msw handlers that run the reference backend in-process).
 */
export {
  SeedScenarios,
  SeedTenants,
  SEED_ADMIN_ROLE,
  SEED_PASSWORD,
  LEGACY_SECOND_FACTOR_CLAIM,
  LEGACY_PASSWORDLESS_USER_ID_KEY,
  seedScenarios,
  seedScenarioList,
  ensureEmailPasswordUser,
  createLegacyMfaUser,
  withSocialSignIn,
} from './seedScenarios.ts';

export { createBackendHandlers } from './mswBackend.ts';
export { otp, totp, mfaInfo, emailVerification, thirdParty, passwordReset, network } from './scenarioHandlers.ts';

export type { ScenarioOptions } from './scenarioHandlers.ts';
export type { SeedScenario, SeedScenarioId, SeedAccount, SeedSetupOptions, EmailVerificationOrder } from './seedScenarios.ts';
