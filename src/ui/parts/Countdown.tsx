import { useEffect, useRef, useState } from 'react';
import type { ComponentProps } from 'react';
import { visuallyHidden } from './visuallyHidden.ts';

/** Props of {@link Countdown}. */
export interface CountdownProps extends Omit<ComponentProps<'span'>, 'children'> {
  /** When it ends: epoch milliseconds or a Date (e.g. `Date.now() + retryAfterMs`). */
  endsAt: number | Date;
  /**
   * The text for a number of whole seconds left, e.g.
   * `(s) => messages.format('otp.resendCooldown', { seconds: s })` or, for longer waits,
   * `(s) => messages.format('code.locked.countdown', { time: messages.formatDuration(s) })`.
   */
  format: (secondsLeft: number) => string;
  /** Called once when the time is up (at once if `endsAt` is already past). */
  onDone?: () => void;
  /**
   * Which ticks are read out by screen readers. Every second would drown out everything else.
   * @default whole minutes up to 10 minutes, then 30 s and 10 s left
   */
  announceAt?: (secondsLeft: number) => boolean;
  /** The clock, for server-corrected time. @default Date.now */
  now?: () => number;
}

const defaultAnnounceAt = (s: number) => (s % 60 === 0 && s <= 600) || s === 30 || s === 10;

/**
 * Whole seconds left until `endsAt`, re-rendered once per second (aligned to the second boundary,
 * so it never skips or repeats a number). The visible text is plain; a hidden polite live region
 * repeats it only at the `announceAt` ticks. `data-state="running|done"`.
 */
export function Countdown({ endsAt, format, onDone, announceAt = defaultAnnounceAt, now = Date.now, ...props }: CountdownProps) {
  const end = typeof endsAt === 'number' ? endsAt : endsAt.getTime();
  const secondsAt = (time: number) => Math.max(0, Math.ceil((end - time) / 1000));
  const [left, setLeft] = useState(() => secondsAt(now()));
  const [announcement, setAnnouncement] = useState('');

  // Latest callbacks without restarting the timer when a parent re-renders with new closures.
  const latest = useRef({ format, onDone, announceAt, now });
  latest.current = { format, onDone, announceAt, now };
  const doneFor = useRef<number | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let previous: number | undefined;
    const tick = () => {
      const ms = end - latest.current.now();
      const seconds = Math.max(0, Math.ceil(ms / 1000));
      setLeft(seconds);
      if (previous !== undefined && seconds !== previous && seconds > 0 && latest.current.announceAt(seconds)) {
        setAnnouncement(latest.current.format(seconds));
      }
      previous = seconds;
      if (seconds === 0) {
        // Once per end time, even when React runs effects twice (StrictMode).
        if (doneFor.current !== end) {
          doneFor.current = end;
          latest.current.onDone?.();
        }
        return;
      }
      // Wake up exactly when the displayed number changes.
      timer = setTimeout(tick, ms - (seconds - 1) * 1000);
    };
    tick();
    return () => clearTimeout(timer);
  }, [end]);

  return (
    <span data-fk="countdown" data-state={left === 0 ? 'done' : 'running'} {...props}>
      {format(left)}
      <span role="status" style={visuallyHidden}>
        {announcement}
      </span>
    </span>
  );
}
