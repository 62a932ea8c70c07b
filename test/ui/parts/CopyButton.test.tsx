// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CopyButton } from '../../../src/ui/parts/CopyButton.tsx';
import { SecretDisplay } from '../../../src/ui/parts/SecretDisplay.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const labels = { copiedLabel: 'Secret key copied', failedLabel: 'Could not copy. Select the key and copy it yourself.' };

describe('CopyButton', () => {
  it('is a real button that writes to the clipboard and announces it', async () => {
    const user = userEvent.setup();
    const onCopyResult = vi.fn();
    render(
      <CopyButton text="JBSWY3DPEHPK3PXP" {...labels} onCopyResult={onCopyResult}>
        Copy secret key
      </CopyButton>,
    );
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    await user.click(screen.getByRole('button', { name: 'Copy secret key' }));
    expect(await navigator.clipboard.readText()).toBe('JBSWY3DPEHPK3PXP');
    expect(status.textContent).toBe('Secret key copied');
    expect(onCopyResult).toHaveBeenCalledWith(true);
  });

  it('works from the keyboard', async () => {
    const user = userEvent.setup();
    render(
      <CopyButton text="ABC" {...labels}>
        Copy secret key
      </CopyButton>,
    );
    await user.tab();
    await user.keyboard('{Enter}');
    expect(await navigator.clipboard.readText()).toBe('ABC');
  });

  it('falls back to execCommand when the Clipboard API refuses, and says so when both fail', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    const execCommand = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    render(
      <CopyButton text="ABC" {...labels}>
        Copy secret key
      </CopyButton>,
    );
    const button = screen.getByRole('button', { name: 'Copy secret key' });
    await user.click(button);
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(screen.getByRole('status').textContent).toBe('Secret key copied');
    expect(document.activeElement).toBe(button);

    execCommand.mockReturnValue(false);
    await user.click(button);
    expect(screen.getByRole('status').textContent).toBe(labels.failedLabel);
  });
});

describe('SecretDisplay', () => {
  it('shows the secret in groups of four and copies it without spaces', async () => {
    const user = userEvent.setup();
    render(
      <SecretDisplay
        secret="jbswy3dpehpk3pxpjbsw"
        label="Secret key"
        groupsLabel="Secret key, in groups of four characters"
        copyLabel="Copy secret key"
        copiedLabel="Secret key copied"
        copyFailedLabel="Could not copy"
      />,
    );
    const group = screen.getByRole('group', { name: 'Secret key, in groups of four characters' });
    expect(group.textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW');
    await user.click(screen.getByRole('button', { name: 'Copy secret key' }));
    expect(await navigator.clipboard.readText()).toBe('JBSWY3DPEHPK3PXPJBSW');
    expect(screen.getByRole('status').textContent).toBe('Secret key copied');
  });
});
