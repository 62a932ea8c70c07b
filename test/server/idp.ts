/**
 * Signs in at the local OpenID provider (demo/localIdp.ts) as a browser would: follows its redirects
 * with a cookie jar, fills its sign-in page (or cancels), and returns where it sends the browser back.
 */
export async function signInAtIdp(authorisationUrl: string, email: string | null, fetchImpl: typeof fetch = fetch): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorisationUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 12; hop++) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetchImpl(url, { ...init, redirect: 'manual', headers: { ...(cookie && { cookie }), ...(init.body !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }) } });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.pathname.includes('/callback/')) return next;
      url = next.href;
      init = {};
      continue;
    }
    const uid = /\/interaction\/([\w-]+)\/login/.exec(await response.text())?.[1];
    if (!uid) throw new Error(`The provider showed no sign-in page at ${url} (${response.status})`);
    url = new URL(`/interaction/${uid}/${email === null ? 'abort' : 'login'}`, url).href;
    init = { method: 'POST', body: email === null ? '' : new URLSearchParams({ email }).toString() };
  }
  throw new Error('Too many redirects at the provider');
}
