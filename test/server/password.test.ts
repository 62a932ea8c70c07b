import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../../src/server/password.ts';

describe('password hashing', () => {
  it('stores Argon2id with the OWASP parameters by default, and verifies only the right password', async () => {
    const hasher = createPasswordHasher();
    const hash = await hasher.hash('correct horse 1');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify('correct horse 1', hash)).toBe(true);
    expect(await hasher.verify('correct horse 2', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const hasher = createPasswordHasher({ memorySize: 256, iterations: 1 });
    expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
  });

  it('answers false for an unknown user after doing the same work', async () => {
    const hasher = createPasswordHasher({ memorySize: 256, iterations: 1 });
    expect(await hasher.verify('anything', undefined)).toBe(false);
  });
});
