import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { CodeOutcome } from '../../core/index.ts';
import type { Messages } from '../messages/types.ts';
import type { ScreenComponents } from './components.ts';
import { failureText, refusalText } from './screenSupport.ts';

/**
 * What a code outcome says to the person, in one wording for every code (email, SMS, authenticator
 * app; sign-in, set-up, settings). A lockout is not a field error: {@link CodeEntry} shows it apart.
 */
export function codeOutcomeText(m: Messages, outcome: CodeOutcome | undefined): string | undefined {
  if (outcome === undefined) return undefined;
  switch (outcome.kind) {
    case 'ok':
    case 'locked':
    case 'stepUp':
      return undefined;
    case 'wrong':
      return outcome.attemptsLeft === undefined ? m.format('code.wrongNoCount') : m.format('code.wrong', { count: outcome.attemptsLeft });
    case 'expired':
      return m.format('code.expired');
    case 'restart':
      return m.format('otp.tooManyAttempts');
    case 'unknownDevice':
      return m.format('totp.unknownDevice');
    case 'refused':
      return refusalText(m, outcome.refusal);
  }
}

/** Props of {@link CodeEntry}. */
export interface CodeEntryProps {
  m: Messages;
  c: ScreenComponents;
  /** The field's label (`otp.codeLabel`, `totp.codeLabel`). */
  label: string;
  description?: string;
  /** @default 6 */
  length?: number;
  /** The answer to the last code typed (from the flow). */
  outcome: CodeOutcome | undefined;
  /** A thrown failure of the last check (network), shown under the field. */
  failure?: unknown;
  /** A check is in flight. */
  busy: boolean;
  /** The screen is moving on: no more input. */
  done?: boolean;
  /** Checks a complete code; resolves with its outcome (the field clears after a wrong one). */
  onSubmit: (code: string) => Promise<CodeOutcome | undefined> | void;
  /** A lockout's countdown ended. */
  onLockOver?: () => void;
  /** @default 'Verify' (`otp.submit`) */
  submitLabel?: string;
  autoFocus?: boolean;
  /** Shown between the field and the button (a countdown, a hint). */
  children?: ReactNode;
  /** `name` of the input. @default 'code' */
  name?: string;
}

/**
 * One code field for every code: the digits (typed, pasted or autofilled, submitted when complete),
 * what the last answer means in one wording, and a lockout as a paused field with a countdown, which
 * re-opens by itself when the wait is over. Styling hooks: `data-fk="code-entry"`, `data-state`.
 */
export function CodeEntry({ m, c, label, description, length = 6, outcome, failure, busy, done = false, onSubmit, onLockOver, submitLabel, autoFocus, children, name = 'code' }: CodeEntryProps) {
  const [code, setCode] = useState('');
  // Bumped when a wrong code is cleared: a fresh input fires onComplete again for the same digits.
  const [round, setRound] = useState(0);
  const lockedUntil = outcome?.kind === 'locked' ? outcome.until : undefined;
  const [lockOverFor, setLockOverFor] = useState<number | undefined>(undefined);
  const locked = lockedUntil !== undefined && lockOverFor !== lockedUntil;
  useEffect(() => {
    if (lockedUntil !== undefined && lockedUntil <= Date.now()) setLockOverFor(lockedUntil);
  }, [lockedUntil]);

  const error = failure !== undefined && failure !== null ? failureText(m, failure) : codeOutcomeText(m, outcome);
  const submit = (value: string) => {
    if (busy || done || locked || value.length !== length) return;
    void Promise.resolve(onSubmit(value)).then((o) => {
      if (o === undefined || o.kind === 'ok') return;
      // A wrong code is cleared, so the next one can be typed or pasted straight away.
      setCode('');
      setRound((r) => r + 1);
    });
  };

  return (
    <form
      data-fk="code-entry"
      data-state={done ? 'success' : busy ? 'submitting' : locked ? 'locked' : error ? 'error' : 'idle'}
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        submit(code);
      }}
    >
      {locked && (
        <c.Alert tone="error" title={m.format('code.locked.title')}>
          {m.format('code.locked.body')}{' '}
          <c.Countdown
            endsAt={lockedUntil!}
            format={(s) => m.format('code.locked.countdown', { time: m.formatDuration(s) })}
            onDone={() => {
              setLockOverFor(lockedUntil);
              onLockOver?.();
            }}
          />
        </c.Alert>
      )}
      <c.OtpInput
        key={round}
        name={name}
        label={label}
        description={description}
        length={length}
        value={code}
        onValueChange={setCode}
        onComplete={submit}
        error={locked ? undefined : error}
        disabled={done || locked}
        autoFocus={autoFocus || round > 0}
      />
      {children}
      <c.Button type="submit" submitting={busy || done} disabled={locked}>
        {submitLabel ?? m.format('otp.submit')}
      </c.Button>
    </form>
  );
}
