// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Countdown } from '../../../src/ui/parts/Countdown.tsx';
import { createMessages } from '../../../src/ui/messages/createMessages.ts';
import { loadLocale } from '../../../src/ui/messages/locales.ts';

// The countdown's words are English after the sign-in form (a chunk of its own).
await loadLocale('en');

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-01-01T00:00:00.000Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const messages = createMessages('en');
const resend = (s: number) => messages.format('otp.resendCooldown', { seconds: s });

describe('Countdown', () => {
  it('ticks once per second and calls onDone once at zero', () => {
    const onDone = vi.fn();
    render(<Countdown endsAt={Date.now() + 3000} format={resend} onDone={onDone} />);
    expect(screen.getByText('You can request a new code in 3s')).toBeTruthy();
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByText('You can request a new code in 2s')).toBeTruthy();
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByText('You can request a new code in 1s')).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1000));
    expect(onDone).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(5000));
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('follows the clock, not the number of timer callbacks, for a fractional start', () => {
    render(<Countdown endsAt={new Date(Date.now() + 2500)} format={(s) => `${s} left`} />);
    expect(screen.getByText('3 left')).toBeTruthy();
    act(() => vi.advanceTimersByTime(500));
    expect(screen.getByText('2 left')).toBeTruthy();
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByText('1 left')).toBeTruthy();
  });

  it('calls onDone at once when the end is already past', () => {
    const onDone = vi.fn();
    render(<Countdown endsAt={Date.now() - 1000} format={(s) => `${s} left`} onDone={onDone} />);
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(screen.getByText('0 left')).toBeTruthy();
  });

  it('announces politely only at the chosen ticks, not every second', () => {
    render(<Countdown endsAt={Date.now() + 33_000} format={(s) => `Try again in ${messages.formatDuration(s)}`} />);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    act(() => vi.advanceTimersByTime(1000));
    expect(status.textContent).toBe('');
    act(() => vi.advanceTimersByTime(2000));
    expect(status.textContent).toBe('Try again in 0:30');
    act(() => vi.advanceTimersByTime(1000));
    expect(status.textContent).toBe('Try again in 0:30');
    act(() => vi.advanceTimersByTime(19_000));
    expect(status.textContent).toBe('Try again in 0:10');
  });

  it('restarts for a new end time', () => {
    const onDone = vi.fn();
    const { rerender } = render(<Countdown endsAt={Date.now() + 1000} format={(s) => `${s} left`} onDone={onDone} />);
    act(() => vi.advanceTimersByTime(1000));
    expect(onDone).toHaveBeenCalledTimes(1);
    rerender(<Countdown endsAt={Date.now() + 2000} format={(s) => `${s} left`} onDone={onDone} />);
    expect(screen.getByText('2 left')).toBeTruthy();
    act(() => vi.advanceTimersByTime(2000));
    expect(onDone).toHaveBeenCalledTimes(2);
  });
});
