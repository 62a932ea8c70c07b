import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/ui/messages/en.ts';
import { enLater } from '../../../src/ui/messages/enLater.ts';

/**
 * The sign-in form's English messages are in the main bundle (en.ts); the rest (enLater.ts) arrive
 * with the screens after it. The sign-in form never waits for them, so every message it may show
 * must be in en.ts, or a person would read a key instead of words.
 */
const SIGN_IN_FILES = [
  'src/ui/screens/SignInScreen.tsx',
  'src/ui/screens/LoadingScreen.tsx',
  'src/ui/screens/AccessDeniedScreen.tsx',
  'src/ui/screens/screenSupport.ts',
  'src/ui/screens/passkeyText.ts',
  'src/ui/screens/AuthLink.tsx',
  'src/ui/screens/RetryCountdown.tsx',
  'src/ui/screens/NewPasswordFields.tsx',
];
const signIn = new Set(Object.keys(en));
const everyKey = [...signIn, ...Object.keys(enLater)];

describe('the sign-in form’s messages', () => {
  it('are not in both halves, and the halves together hold every key', () => {
    expect(Object.keys(enLater).filter((k) => signIn.has(k))).toEqual([]);
    expect(everyKey.length).toBeGreaterThan(300);
  });

  it.each(SIGN_IN_FILES)('%s uses only keys of en.ts, also those it builds from a prefix', (file) => {
    const text = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
    const literal = everyKey.filter((key) => text.includes(`'${key}'`));
    const prefixes = [...text.matchAll(/`([a-zA-Z]+\.)\$\{/g)].map((m) => m[1]!);
    const built = everyKey.filter((key) => prefixes.some((p) => key.startsWith(p)) && key.split('.').length === 2);
    expect([...literal, ...built].filter((key) => !signIn.has(key))).toEqual([]);
  });
});
