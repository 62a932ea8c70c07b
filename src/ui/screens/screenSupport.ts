import { createElement, Fragment, useEffect, useRef, type ComponentProps, type ReactNode } from 'react';
import { isAuthError, refusalOf, RefusalCodes, type NewPasswordProblem, type Refusal, type ThirdPartyStartIssue } from '../../core/index.ts';
import type { Messages } from '../messages/types.ts';
import type { ScreenComponents } from './components.ts';
import { useScreenKitValue, useThemeRootProps, type Brand } from './FactorKitProvider.tsx';
import { focusScreenStart } from '../parts/ScreenLayout.tsx';

/** Props every pre-built screen takes: those of its root `<div>`, plus part overrides. */
export interface BaseScreenProps extends Omit<ComponentProps<'div'>, 'children'> {
  /** Parts to use instead of the kit's in this screen (wins over `<FactorKitProvider components>`). */
  components?: Partial<ScreenComponents>;
}

/** Messages, parts (with this screen's overrides) and the theme attributes for the screen's root. */
export function useScreenKit(overrides: Partial<ScreenComponents> | undefined, messages: 'all' | 'signIn' = 'all') {
  // `signIn`: the sign-in form, the loading and access-denied screens, whose messages are in the
  // main bundle; every other screen waits (suspends) until the rest of English is here.
  const kit = useScreenKitValue(messages);
  const root = useThemeRootProps();
  const components = overrides ? { ...kit.components, ...overrides } : kit.components;
  const brand = kit.brand && (kit.brand.name !== undefined || kit.brand.logo !== undefined) ? brandNode(kit.brand) : undefined;
  return { m: kit.messages, c: components, root: { ...root, brand } };
}

/** The app's logo and name as the screens' header shows them. */
function brandNode(brand: Brand): ReactNode {
  return createElement(Fragment, null, brand.logo, brand.name !== undefined ? createElement('span', { 'data-fk': 'brand-name' }, brand.name) : null);
}

/** The text for an unexpected failure: a network problem, a busy server (503), or anything else. */
export function failureText(m: Messages, error: unknown): string {
  if (isAuthError(error, 'network')) return m.format('error.network');
  if (isAuthError(error, 'http') && error.status === 503) return m.format('error.busy');
  return m.format('error.genericRetry');
}

/**
 * The text for an answer the screen has no special wording for: our wording of a refusal factorkit's
 * backend names (a limit, an address the account does not have), else the backend's own sentence
 * (`GENERAL_ERROR` message, a `…_NOT_ALLOWED` reason), else a generic one. A wait is shown apart,
 * as a countdown (`RetryCountdown`).
 */
export function answerText(m: Messages, result: { status: string; message?: unknown; reason?: unknown }): string {
  return refusalText(m, refusalOf(result));
}

/** {@link answerText} of a refusal already read (`refusalOf`). */
export function refusalText(m: Messages, refusal: Refusal): string {
  if (refusal.code === RefusalCodes.RATE_LIMITED) return m.format('refusal.rateLimited');
  if (refusal.code === RefusalCodes.KNOWN_ADDRESS_ONLY) return m.format('refusal.knownAddressOnly');
  if (refusal.code === RefusalCodes.COMPLETE_EXISTING_FACTORS_FIRST) return m.format('refusal.completeExistingFirst');
  return refusal.text !== undefined ? m.format('error.server', { message: refusal.text }) : m.format('error.genericRetry');
}

/** Why leaving for a social or enterprise provider did not happen (`useThirdPartySignIn().state.issue`). */
export function thirdPartyStartText(m: Messages, issue: { issue: ThirdPartyStartIssue } | undefined): string | undefined {
  if (issue === undefined) return undefined;
  return issue.issue.kind === 'failed' ? failureText(m, issue.issue.error) : refusalText(m, issue.issue.refusal);
}

/** The text of what is wrong with a field (typed, or the backend's own sentence). */
export function fieldProblemText(m: Messages, problem: NewPasswordProblem | undefined): string | undefined {
  if (problem === undefined) return undefined;
  switch (problem.kind) {
    case 'required':
      return m.format('fieldError.required');
    case 'emailInvalid':
      return m.format('fieldError.emailInvalid');
    case 'emailExists':
      return m.format('fieldError.emailExists');
    case 'passwordTooWeak':
      return m.format('fieldError.passwordTooWeak');
    case 'mismatch':
      return m.format('fieldError.passwordMismatch');
    case 'server':
      return m.format('error.server', { message: problem.text });
  }
}

/**
 * A ref for the screen heading. Whenever `step` changes after the first render, focus moves to the
 * step's first field (typing goes straight in: a code typed at once is not lost) or, without one,
 * to the heading, so a screen reader reads the new step's title.
 */
export function useStepFocus(step: string) {
  const ref = useRef<HTMLHeadingElement | null>(null);
  const previous = useRef(step);
  useEffect(() => {
    if (previous.current === step) return;
    previous.current = step;
    focusScreenStart(ref.current);
  }, [step]);
  return ref;
}
