import { describe, expect, it } from 'vitest';
import { sanitizeRedirectPath } from '../../src/core/index.ts';

describe('sanitizeRedirectPath', () => {
  it.each([
    ['/'],
    ['/dashboard'],
    ['/orders/42?tab=items&sort=desc'],
    ['/orders/42?tab=items#line-3'],
    ['/search?q=a%20b%2Fc'],
    ['/café'],
  ])('keeps the same-origin path %s', (path) => {
    const kept = sanitizeRedirectPath(path);
    expect(kept).toBeDefined();
    expect(new URL(kept!, 'http://x.test').href).toBe(new URL(path, 'http://x.test').href);
  });

  it('keeps query and hash exactly', () => {
    expect(sanitizeRedirectPath('/a/b?x=1&y=%2F#frag')).toBe('/a/b?x=1&y=%2F#frag');
  });

  it.each([
    ['absolute http URL', 'http://evil.example/'],
    ['absolute https URL', 'https://evil.example/path'],
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with path', '//evil.example/a?b'],
    ['backslash host', '/\\evil.example'],
    ['double backslash', '\\\\evil.example'],
    ['mixed slashes', '/\\/evil.example'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['javascript scheme upper case', 'JaVaScRiPt:alert(1)'],
    ['data URL', 'data:text/html,<script>alert(1)</script>'],
    ['relative path', 'dashboard'],
    ['encoded protocol-relative', '/%2F%2Fevil.example'],
    ['encoded backslash', '/%5Cevil.example'],
    ['double-encoded protocol-relative', '/%252F%252Fevil.example'],
    ['leading space', ' /dashboard'],
    ['leading tab before //', '\t//evil.example'],
    ['tab inside //', '/\t/evil.example'],
    ['newline inside //', '/\n/evil.example'],
    ['encoded newline', '/%0a/evil.example'],
    ['NUL byte', '/dash\u0000board'],
    ['right-to-left override', '/\u202Egpj.exe'],
    ['zero-width space before //', '\u200B//evil.example'],
    ['broken percent-encoding', '/%E0%A4%A'],
    ['empty', ''],
    ['not a string', 42],
    ['an object', { toString: () => '/x' }],
    ['over 2048 characters', `/${'a'.repeat(2048)}`],
  ])('rejects %s', (_name, candidate) => {
    expect(sanitizeRedirectPath(candidate)).toBeUndefined();
  });
});
