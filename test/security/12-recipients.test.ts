import { describe, expect, it } from 'vitest';
import { isValidEmail } from '../../src/server/recipes/validators.ts';
import { testClock } from '../server/helpers.ts';
import { servedBackend } from './helpers.ts';

/**
 * Finding 12: quoted local parts such as `"x,victim@example.com"@evil.test` passed validation and
 * reached delivery as they were: a mailer may split them into two recipients. Addresses are now a
 * strict dot-atom local part at a host name, nothing else.
 */

const clock = testClock(Date.now());
const env = servedBackend(() => ({ now: clock.now }));

const refused = [
  '"x,victim@example.com"@evil.test',
  '"x victim"@evil.test',
  'x@[127.0.0.1]',
  'x.@example.com',
  '.x@example.com',
  'x..y@example.com',
  'x@example..com',
  'x@-example.com',
  'x@example.com\r\nBcc: victim@example.com',
  'x@example.com,victim@example.com',
  'x<victim@example.com>',
];

describe('finding 12: strict recipients', () => {
  it.each(refused)('%j is not an address', (value) => {
    expect(isValidEmail(value)).toBe(false);
  });

  it.each(['a@example.com', 'first.last+tag@sub.example.co.uk', "o'brien@example.ie", 'x_y-z@example-site.org'])('%s is an address', (value) => {
    expect(isValidEmail(value)).toBe(true);
  });

  it('a quoted local part gets no code, no account and no mail', async () => {
    const c = env.client();
    const quoted = '"x,victim@example.com"@evil.test';
    const code = await c.request('POST', '/signinup/code', { email: quoted, shouldTryLinkingWithSessionUser: false });
    expect(code.body).toEqual({ status: 'GENERAL_ERROR', message: 'Email is invalid' });
    const signUp = await c.signUp(quoted);
    expect(signUp.body).toEqual({ status: 'FIELD_ERROR', formFields: [{ id: 'email', error: 'Email is invalid' }] });
    expect((await env.backend.outbox.list()).filter((m) => m.to.includes('victim'))).toEqual([]);
  });
});
