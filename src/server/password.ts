import { argon2id, argon2Verify } from 'hash-wasm';
import { randomBytes, toHex } from './crypto.ts';

/**
 * Password hashing with Argon2id (memory-hard), through hash-wasm so it runs in Node and browsers.
 * Parameters follow the OWASP recommendation (19 MiB, 2 passes, 1 lane).
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
 */
export interface PasswordHashingOptions {
  /** Memory in KiB. @default 19456 */
  memorySize?: number;
  /** Passes. @default 2 */
  iterations?: number;
}

export function createPasswordHasher(options: PasswordHashingOptions = {}) {
  const memorySize = options.memorySize ?? 19456;
  const iterations = options.iterations ?? 2;
  const hash = (password: string) =>
    argon2id({ password, salt: randomBytes(16), parallelism: 1, iterations, memorySize, hashLength: 32, outputType: 'encoded' });
  let dummy: Promise<string> | undefined;
  return {
    hash,
    /**
     * Checks a password (argon2Verify compares in constant time). Without a stored hash it still does
     * the work against a dummy, so an unknown email answers as slowly as a wrong password.
     */
    async verify(password: string, stored: string | undefined): Promise<boolean> {
      if (stored === undefined) {
        await argon2Verify({ password, hash: await (dummy ??= hash(toHex(randomBytes(16)))) });
        return false;
      }
      return argon2Verify({ password, hash: stored });
    },
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
