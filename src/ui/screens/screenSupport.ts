import { useEffect, useRef, type ComponentProps } from 'react';
import { isAuthError } from '../../core/index.ts';
import type { Messages } from '../messages/types.ts';
import type { ScreenComponents } from './components.ts';
import { useFactorKit, useThemeRootProps } from './FactorKitProvider.tsx';

/** Props every pre-built screen takes: those of its root `<div>`, plus part overrides. */
export interface BaseScreenProps extends Omit<ComponentProps<'div'>, 'children'> {
  /** Parts to use instead of the kit's in this screen (wins over `<FactorKitProvider components>`). */
  components?: Partial<ScreenComponents>;
}

/** Messages, parts (with this screen's overrides) and the theme attributes for the screen's root. */
export function useScreenKit(overrides: Partial<ScreenComponents> | undefined) {
  const kit = useFactorKit();
  const root = useThemeRootProps();
  const components = overrides ? { ...kit.components, ...overrides } : kit.components;
  return { m: kit.messages, c: components, root };
}

/** The text for an unexpected failure: a network problem, or anything else. */
export function failureText(m: Messages, error: unknown): string {
  return isAuthError(error, 'network') ? m.format('error.network') : m.format('error.genericRetry');
}

/**
 * The text for an answer the screen has no special wording for: the backend's own sentence
 * (`GENERAL_ERROR` message, a `…_NOT_ALLOWED` reason), else a generic one.
 */
export function answerText(m: Messages, result: { status: string; message?: unknown; reason?: unknown }): string {
  const sentence = typeof result.message === 'string' ? result.message : typeof result.reason === 'string' ? result.reason : '';
  return sentence !== '' ? m.format('error.server', { message: sentence }) : m.format('error.genericRetry');
}

/**
 * A ref for the screen heading that moves focus to it whenever `step` changes after the first
 * render, so a screen reader reads the new step's title (and keyboard users start from the top).
 */
export function useStepFocus(step: string) {
  const ref = useRef<HTMLHeadingElement | null>(null);
  const previous = useRef(step);
  useEffect(() => {
    if (previous.current === step) return;
    previous.current = step;
    ref.current?.focus();
  }, [step]);
  return ref;
}
