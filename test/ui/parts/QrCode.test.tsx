// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QrCode } from '../../../src/ui/parts/QrCode.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const uri = 'otpauth://totp/Acme:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme&digits=6&period=30';
const props = { label: 'QR code to add this account to your authenticator app', errorText: 'The QR code cannot be shown. Enter the secret key instead.' };

describe('QrCode', () => {
  it('renders an svg image with the accessible name, black on white', async () => {
    const { container } = render(<QrCode value={uri} {...props} />);
    const image = await screen.findByRole('img', { name: props.label });
    expect(image.tagName.toLowerCase()).toBe('svg');
    const fills = [...container.querySelectorAll('path')].map((p) => p.getAttribute('fill'));
    expect(fills).toEqual(['#ffffff', '#000000']);
  });

  it('shows the error text instead of a blank slot when the value cannot be encoded', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(<QrCode value={'x'.repeat(5000)} {...props} />);
    expect(await screen.findByText(props.errorText)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    // React reports the error it caught in the boundary.
    expect(logged).toHaveBeenCalled();
  });

  it('shows the error text for an empty value', () => {
    render(<QrCode value="" {...props} />);
    expect(screen.getByText(props.errorText)).toBeTruthy();
  });

  it('recovers when a failing value is replaced by a good one', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { rerender } = render(<QrCode value={'x'.repeat(5000)} {...props} />);
    await screen.findByText(props.errorText);
    rerender(<QrCode value={uri} {...props} />);
    expect(await screen.findByRole('img', { name: props.label })).toBeTruthy();
  });
});
