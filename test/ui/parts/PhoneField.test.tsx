// @vitest-environment jsdom
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PhoneField } from '../../../src/ui/parts/PhoneField.tsx';
import { checkPhoneShape, validatePhoneNumber } from '../../../src/ui/parts/validatePhoneNumber.ts';

afterEach(cleanup);

const invalidMessage = 'Enter a valid phone number, including the country code.';
const field = () => screen.getByLabelText('Phone number') as HTMLInputElement;

describe('PhoneField', () => {
  it('is a tel field with autocomplete="tel", left to right', () => {
    render(<PhoneField label="Phone number" invalidMessage={invalidMessage} />);
    expect(field().type).toBe('tel');
    expect(field().getAttribute('autocomplete')).toBe('tel');
    expect(field().dir).toBe('ltr');
  });

  it('says nothing while typing, then flags a number that is not E.164-shaped when left', async () => {
    const user = userEvent.setup();
    render(<PhoneField label="Phone number" invalidMessage={invalidMessage} />);
    await user.type(field(), '+1 555');
    expect(screen.queryByText(invalidMessage)).toBeNull();
    await user.tab();
    expect(screen.getByText(invalidMessage)).toBeTruthy();
    expect(field().getAttribute('aria-invalid')).toBe('true');
    // Fixing it clears the error as you type; a half-typed number does not bring it back before blur.
    await user.clear(field());
    await user.type(field(), '+1 201 555 0123');
    await vi.waitFor(() => expect(screen.queryByText(invalidMessage)).toBeNull());
    await user.type(field(), '{Backspace}{Backspace}{Backspace}');
    expect(screen.queryByText(invalidMessage)).toBeNull();
    await user.tab();
    expect(await screen.findByText(invalidMessage)).toBeTruthy();
  });

  it("runs the full check (the country's calling code and number plan) once the plans load", async () => {
    const user = userEvent.setup();
    const onValidityChange = vi.fn();
    render(<PhoneField label="Phone number" invalidMessage={invalidMessage} onValidityChange={onValidityChange} />);
    // +999 is not a country calling code, but the number has an E.164 shape.
    await user.type(field(), '+999 1234 5678');
    await user.tab();
    expect(await screen.findByText(invalidMessage)).toBeTruthy();
    expect(onValidityChange).toHaveBeenCalledWith({ valid: false, level: 'full' });
  });

  it('accepts a valid international number', async () => {
    const user = userEvent.setup();
    const onValidityChange = vi.fn();
    render(<PhoneField label="Phone number" invalidMessage={invalidMessage} onValidityChange={onValidityChange} />);
    await user.type(field(), '+44 20 7946 0958');
    await user.tab();
    await vi.waitFor(() => expect(onValidityChange).toHaveBeenCalledWith({ valid: true, e164: '+442079460958', level: 'full' }));
    expect(screen.queryByText(invalidMessage)).toBeNull();
  });

  it('shows an error from the backend over its own check', () => {
    render(<PhoneField label="Phone number" invalidMessage={invalidMessage} error="Phone number not allowed" />);
    expect(screen.getByText('Phone number not allowed')).toBeTruthy();
  });
});

describe('validatePhoneNumber', () => {
  it.each([
    ['+44 20 7946 0958', undefined, true, '+442079460958'],
    ['0044 (20) 7946-0958', undefined, true, '+442079460958'],
    ['020 7946 0958', 'GB', true, '+442079460958'],
    ['020 7946 0958', undefined, false, undefined],
    ['+1 201 555 0123', undefined, true, '+12015550123'],
    ['hello', undefined, false, undefined],
  ])('%s (%s) -> %s', async (raw, country, valid, e164) => {
    const result = await validatePhoneNumber(raw, country);
    expect(result.valid).toBe(valid);
    expect(result.e164).toBe(e164);
  });

  it('has a cheap shape check for before the library loads', () => {
    expect(checkPhoneShape('+44 20 7946 0958')).toEqual({ valid: true, e164: '+442079460958', level: 'shape' });
    expect(checkPhoneShape('+0 123 4567')).toEqual({ valid: false, level: 'shape' });
    expect(checkPhoneShape('12')).toEqual({ valid: false, level: 'shape' });
  });

  it('the kit never imports libphonenumber-js (the backend does), and the number plans only on demand', () => {
    for (const dir of ['src/ui', 'src/react', 'src/core']) {
      const root = join(import.meta.dirname, '../../..', dir);
      const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
      for (const file of files) {
        const text = readFileSync(join(root, file), 'utf8');
        expect({ file, library: /from\s+'libphonenumber-js/.test(text), plans: /^import\s[^;]*phoneMetadata/m.test(text) }).toEqual({ file, library: false, plans: false });
      }
    }
  });
});
