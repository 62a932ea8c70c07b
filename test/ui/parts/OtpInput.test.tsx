// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OtpInput } from '../../../src/ui/parts/OtpInput.tsx';

afterEach(cleanup);

const codeField = () => screen.getByLabelText('Verification code') as HTMLInputElement;

describe('OtpInput', () => {
  it('is one input that password managers and SMS autofill can fill', () => {
    render(<OtpInput label="Verification code" name="code" />);
    const input = codeField();
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('name')).toBe('code');
    expect(input.dir).toBe('ltr');
    expect(screen.getAllByRole('textbox')).toHaveLength(1);
  });

  it('keeps only digits while typing, up to the length', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<OtpInput label="Verification code" length={4} onValueChange={onValueChange} />);
    await user.type(codeField(), '1a2 -3x45');
    expect(codeField().value).toBe('1234');
    expect(onValueChange).toHaveBeenLastCalledWith('1234');
  });

  it('accepts a pasted "123 456" as the whole code and completes once', async () => {
    const user = userEvent.setup();
    const onComplete = vi.fn();
    render(<OtpInput label="Verification code" onComplete={onComplete} />);
    await user.click(codeField());
    await user.paste('123 456');
    expect(codeField().value).toBe('123456');
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete).toHaveBeenCalledWith('123456');
  });

  it('takes the code out of a pasted SMS text, and a whole code replaces a partial one', async () => {
    const user = userEvent.setup();
    render(<OtpInput label="Verification code" />);
    await user.type(codeField(), '99');
    await user.paste('Your code is 654-321. It expires in 15 minutes.');
    // "654321" + "15" were pasted: the first six digits are the code.
    expect(codeField().value).toBe('654321');
  });

  it('fires onComplete once per completed code, not on further keystrokes', async () => {
    const user = userEvent.setup();
    const onComplete = vi.fn();
    render(<OtpInput label="Verification code" onComplete={onComplete} />);
    await user.type(codeField(), '1234567');
    expect(onComplete).toHaveBeenCalledTimes(1);
    await user.type(codeField(), '8');
    expect(onComplete).toHaveBeenCalledTimes(1);
    await user.type(codeField(), '{Backspace}0');
    expect(onComplete).toHaveBeenCalledTimes(2);
    expect(onComplete).toHaveBeenLastCalledWith('123450');
  });

  it('a code cleared by its owner (after a wrong try) can be pasted again and submits again', async () => {
    const user = userEvent.setup();
    const onComplete = vi.fn();
    function Owner() {
      const [code, setCode] = useState('');
      return (
        <OtpInput
          label="Verification code"
          value={code}
          onValueChange={setCode}
          onComplete={(c) => {
            onComplete(c);
            setCode('');
          }}
        />
      );
    }
    render(<Owner />);
    await user.click(codeField());
    await user.paste('111111');
    expect(codeField().value).toBe('');
    await user.paste('111111');
    expect(onComplete).toHaveBeenCalledTimes(2);
  });

  it('understands Arabic-Indic digits', async () => {
    const user = userEvent.setup();
    render(<OtpInput label="Verification code" />);
    await user.type(codeField(), '١٢٣٤٥٦');
    expect(codeField().value).toBe('123456');
  });

  it('works controlled', async () => {
    const user = userEvent.setup();
    function Controlled() {
      const [code, setCode] = useState('12');
      return (
        <>
          <OtpInput label="Verification code" value={code} onValueChange={setCode} />
          <button type="button" onClick={() => setCode('')}>
            Clear
          </button>
        </>
      );
    }
    render(<Controlled />);
    expect(codeField().value).toBe('12');
    await user.type(codeField(), '34');
    expect(codeField().value).toBe('1234');
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(codeField().value).toBe('');
  });

  it('starts from defaultValue when uncontrolled', () => {
    render(<OtpInput label="Verification code" defaultValue="12 34" />);
    expect(codeField().value).toBe('1234');
  });

  it('links its description and error to the input', () => {
    render(<OtpInput label="Verification code" description="Enter the 6-digit code." error="That code is not correct." />);
    const input = codeField();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['Enter the 6-digit code.', 'That code is not correct.']);
  });

  it('forwards ref to the input', () => {
    let node: HTMLInputElement | null = null;
    render(<OtpInput label="Verification code" ref={(n) => void (node = n)} />);
    expect(node).toBe(codeField());
  });
});
