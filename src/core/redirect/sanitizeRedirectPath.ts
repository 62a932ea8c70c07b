const BASE = 'http://fk.invalid';
// Control characters, whitespace and backslashes have no place in a path we send people to;
// browsers strip or reinterpret them (`/\evil.com` is `//evil.com` to WHATWG URL parsers).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;
// Once decoded, an encoded space in a query is ordinary; control, bidi and invisible characters are not.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_DECODED = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\\]/;

function decodeFully(value: string): string | undefined {
  let current = value;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return undefined; // Still changing after four rounds: nobody needs that much encoding.
}

/**
 * Returns `candidate` as a same-origin path (`/path?query#hash`) when it is one, else `undefined`.
 * Rejects absolute URLs, `//host`, `/\host`, `javascript:`, control and bidi characters, and the
 * same tricks hidden behind percent-encoding or dot segments. The path is resolved against an origin
 * with the URL parser first and the RESULT is checked: `/.//evil.com` resolves to `//evil.com`, which
 * a browser reads as another site.
 */
export function sanitizeRedirectPath(candidate: unknown): string | undefined {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 2048) return undefined;
  const decoded = decodeFully(candidate);
  if (decoded === undefined) return undefined;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || FORBIDDEN.test(candidate)) return undefined;
  if (decoded.startsWith('//') || FORBIDDEN_DECODED.test(decoded)) return undefined;
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments are gone now: check what a browser would do with the path we hand out.
  const decodedPath = decodeFully(url.pathname);
  if (path.startsWith('//') || decodedPath === undefined || decodedPath.startsWith('//')) return undefined;
  if (new URL(path, BASE).origin !== BASE) return undefined;
  return path;
}
