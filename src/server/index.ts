/**
 * factorkit/server: the reference backend. It speaks the SuperTokens FDI (3.1 semantics) so the kit
 * runs end to end with nothing else installed; point the kit at a real SuperTokens backend in production.
 */
export { createBackend } from './createBackend.ts';
export { isLoopbackHostOf } from './http.ts';
export { serve } from './serve.ts';
export { openDb } from './db/openDb.ts';
export { emailCollisions, migrate, migrations } from './db/migrations.ts';
export { createDevOutbox, createWebhookDelivery } from './delivery.ts';
export { createSmtpDelivery } from './mail/smtp.ts';
export { renderMail } from './mail/templates.ts';
export { SessionContainer } from './session/SessionContainer.ts';
export { SessionError } from './session/errors.ts';
export { MFA_SETTINGS_PATH, STEP_UP_CLAIM } from './recipes/mfaSettings.ts';
export { FactorIds } from '../protocol/factorIds.ts';
export { getNextSetOfUnsatisfiedFactors } from '../protocol/requirements.ts';

export type { RunningServer } from './serve.ts';
export type {
  AppInfo,
  Backend,
  BackendConfig,
  MFASettingsApi,
  MFASettingsFactor,
  MFASettingsResponse,
  RequiredFactorChangeResult,
  RolesApi,
  StepUpRefusalReason,
  StepUpStatus,
  EmailPasswordOptions,
  EmailVerificationOptions,
  GetMFARequirementsForAuthInput,
  MFAApis,
  MFAFunctions,
  MFAInfoResponse,
  MFAOptions,
  MFASettingsOptions,
  WebAuthnOptions,
  NewAccountInfo,
  PasswordlessOptions,
  SessionOptions,
  ShouldDoAutomaticAccountLinking,
  TenantConfig,
  ThirdPartyOptions,
  TotpOptions,
} from './config.ts';
export type { Db, Queryable } from './db/Db.ts';
export type { SmtpDeliveryOptions } from './mail/smtp.ts';
export type { MailLocale, RenderedMail } from './mail/templates.ts';
export type { ThirdPartyClient, ThirdPartyProviderConfig } from './thirdParty/providers.ts';
export type { DatabaseOption } from './db/openDb.ts';
export type { Delivery, EmailMessage, OutboxEntry, SmsMessage } from './delivery.ts';
export type { ClaimValidator } from './session/sessionService.ts';
export type { LoginMethod, User } from './users.ts';

export type { MFAClaimValue, MFARequirementList } from '../protocol/requirements.ts';
