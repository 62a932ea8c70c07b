// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Alert } from '../../../src/ui/parts/Alert.tsx';
import { Button } from '../../../src/ui/parts/Button.tsx';
import { DelayedFallback } from '../../../src/ui/parts/DelayedFallback.tsx';
import { ErrorSummary } from '../../../src/ui/parts/ErrorSummary.tsx';
import { FactorIcon } from '../../../src/ui/parts/FactorIcon.tsx';
import { FactorList } from '../../../src/ui/parts/FactorList.tsx';
import { FactorOption } from '../../../src/ui/parts/FactorOption.tsx';
import { LiveRegion } from '../../../src/ui/parts/LiveRegion.tsx';
import { ScreenLayout } from '../../../src/ui/parts/ScreenLayout.tsx';
import { Spinner } from '../../../src/ui/parts/Spinner.tsx';
import { TextField } from '../../../src/ui/parts/TextField.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const describedBy = (el: HTMLElement) => (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean).map((id) => document.getElementById(id)?.textContent);

describe('ScreenLayout', () => {
  it('is a region named by its heading, with subtitle, body and footer', () => {
    render(
      <ScreenLayout heading="Check your email" subtitle="We sent a code to a@example.com." footer={<a href="/signout">Sign out</a>}>
        <p>Body</p>
      </ScreenLayout>,
    );
    const region = screen.getByRole('region', { name: 'Check your email' });
    expect(region.textContent).toContain('We sent a code to a@example.com.');
    expect(screen.getByRole('heading', { level: 1, name: 'Check your email' }).tabIndex).toBe(-1);
    expect(screen.getByRole('link', { name: 'Sign out' })).toBeTruthy();
  });
});

describe('Button', () => {
  it('submitting: busy, stays focusable, ignores clicks and the form submit', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn((e: { preventDefault(): void }) => e.preventDefault());
    const onClick = vi.fn();
    render(
      <form onSubmit={onSubmit}>
        <TextField label="Email address" name="email" />
        <Button type="submit" submitting onClick={onClick}>
          Sign in
        </Button>
      </form>,
    );
    const button = screen.getByRole('button', { name: 'Sign in' });
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.getAttribute('data-state')).toBe('submitting');
    expect((button as HTMLButtonElement).disabled).toBe(false);
    await user.click(button);
    await user.type(screen.getByLabelText('Email address'), 'a@example.com{Enter}');
    expect(onClick).not.toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('idle: clicks and submits, type="button" by default', async () => {
    const user = userEvent.setup();
    const onClick = vi.fn();
    render(<Button onClick={onClick}>Resend</Button>);
    const button = screen.getByRole('button', { name: 'Resend' }) as HTMLButtonElement;
    expect(button.type).toBe('button');
    await user.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});

describe('TextField', () => {
  it('labels the input and links description and error', () => {
    render(<TextField label="Password" type="password" autoComplete="current-password" description="At least 8 characters." error="The email address or password is incorrect." />);
    const input = screen.getByLabelText('Password');
    expect(input.getAttribute('autocomplete')).toBe('current-password');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(input)).toEqual(['At least 8 characters.', 'The email address or password is incorrect.']);
  });

  it('reports changes through onValueChange and forwards ref', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    let node: HTMLInputElement | null = null;
    render(<TextField label="Email address" onValueChange={onValueChange} ref={(n) => void (node = n)} />);
    await user.type(screen.getByLabelText('Email address'), 'ab');
    expect(onValueChange).toHaveBeenLastCalledWith('ab');
    expect(node).toBe(screen.getByLabelText('Email address'));
    expect(screen.getByLabelText('Email address').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('Alert', () => {
  it('errors are alerts, other tones status; both can take focus', () => {
    render(
      <>
        <Alert title="Something went wrong.">Please try again.</Alert>
        <Alert tone="success">We sent you a new code.</Alert>
      </>,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Something went wrong.Please try again.');
    act(() => alert.focus());
    expect(document.activeElement).toBe(alert);
    expect(screen.getByRole('status').textContent).toBe('We sent you a new code.');
  });
});

describe('ErrorSummary', () => {
  it('takes focus and links each error to its field', async () => {
    const user = userEvent.setup();
    render(
      <>
        <ErrorSummary title="There are 2 problems to fix" errors={[{ fieldId: 'email', message: 'Enter a valid email address.' }, { fieldId: 'password', message: 'Fill in this field.' }]} />
        <TextField id="email" label="Email address" />
        <TextField id="password" label="Password" type="password" />
      </>,
    );
    expect(document.activeElement).toBe(screen.getByRole('alert'));
    await user.click(screen.getByRole('link', { name: 'Fill in this field.' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));
  });

  it('renders nothing without errors', () => {
    const { container } = render(<ErrorSummary title="x" errors={[]} />);
    expect(container.innerHTML).toBe('');
  });
});

describe('Spinner and DelayedFallback', () => {
  it('Spinner is a status with its label', () => {
    render(<Spinner label="Loading…" />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
  });

  it('DelayedFallback shows nothing at first, then the loading status', () => {
    vi.useFakeTimers();
    render(<DelayedFallback label="Loading…" />);
    expect(screen.getByRole('status').textContent).toBe('');
    act(() => vi.advanceTimersByTime(299));
    expect(screen.getByRole('status').textContent).toBe('');
    act(() => vi.advanceTimersByTime(1));
    expect(screen.getByRole('status').textContent).toBe('Loading…');
  });
});

describe('FactorList and FactorOption', () => {
  it('a named list of buttons, each named by the factor and described by its line, usable by keyboard', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    render(
      <FactorList aria-label="Verification methods">
        <FactorOption factorId="otp-email" name="Code by email" description="We send a one-time code to your email address." icon={<FactorIcon factorId="otp-email" />} onSelect={onSelect} />
        <FactorOption factorId="totp" name="Authenticator app" description="Enter a code from an app." icon={<FactorIcon factorId="totp" />} onSelect={onSelect} />
        <FactorOption factorId="acme-push" name="Another method" href="/auth/mfa/acme-push" icon={<FactorIcon factorId="acme-push" />} />
      </FactorList>,
    );
    const list = screen.getByRole('list', { name: 'Verification methods' });
    expect(list.querySelectorAll('li')).toHaveLength(3);
    const totp = screen.getByRole('button', { name: 'Authenticator app' });
    expect(describedBy(totp)).toEqual(['Enter a code from an app.']);
    expect(screen.getByRole('link', { name: 'Another method' }).getAttribute('href')).toBe('/auth/mfa/acme-push');
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(totp);
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith('totp', expect.anything());
    await user.keyboard(' ');
    expect(onSelect).toHaveBeenCalledTimes(2);
  });

  it('icons are hidden from assistive technology', () => {
    const { container } = render(<FactorIcon factorId="totp" />);
    expect(container.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
  });
});

describe('LiveRegion', () => {
  it('is a polite status, or an alert when assertive', () => {
    render(
      <>
        <LiveRegion>Copied</LiveRegion>
        <LiveRegion politeness="assertive">Locked</LiveRegion>
      </>,
    );
    expect(screen.getByRole('status').textContent).toBe('Copied');
    expect(screen.getByRole('alert').textContent).toBe('Locked');
  });
});

describe('Focus on arrival', () => {
  it('a screen shows first, then its first field takes focus; the ref still reaches the input', async () => {
    const ref = { current: null as HTMLInputElement | null };
    render(
      <ScreenLayout heading="Sign in">
        <TextField autoFocus ref={ref} label="Email address" />
      </ScreenLayout>,
    );
    const email = screen.getByLabelText('Email address');
    expect(ref.current).toBe(email);
    // Not while React commits the screen (that would lay out the page before it is painted)...
    expect(document.activeElement).toBe(document.body);
    // ...but a frame later.
    await waitFor(() => expect(document.activeElement).toBe(email));
  });

  it('does not take focus from where the person moved it meanwhile', async () => {
    render(
      <>
        <button type="button">Menu</button>
        <ScreenLayout heading="Sign in">
          <TextField autoFocus label="Email address" />
        </ScreenLayout>
      </>,
    );
    act(() => screen.getByRole('button', { name: 'Menu' }).focus());
    // Two frames: long enough for both the field's and the screen's deferred focus.
    await act(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 20)))));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Menu' }));
  });
});

describe('Focus on arrival, with an error summary', () => {
  it('a summary that takes focus as it appears keeps it: the field does not take it back a frame later', async () => {
    render(
      <ScreenLayout heading="Sign in">
        <ErrorSummary title="There is 1 problem to fix" errors={[{ fieldId: 'email', message: 'Email address: Fill in this field.' }]} />
        <TextField id="email" autoFocus label="Email address" />
      </ScreenLayout>,
    );
    const summary = screen.getByText('There is 1 problem to fix').closest('[tabindex]');
    await act(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 20)))));
    expect(document.activeElement).toBe(summary);
  });
});
