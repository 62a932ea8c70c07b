/**
 * The browser and operating system a `User-Agent` names, for the user's list of sessions ("Firefox
 * on Windows"). Only the families a person recognises; anything else is `undefined` (the screen
 * says "Unknown browser"). A user agent is whatever the client sent: shown, never trusted.
 */
export function describeUserAgent(ua: string | null | undefined): { browser?: string; os?: string } {
  if (!ua) return {};
  const browser =
    /\bEdg(?:e|A|iOS)?\//.test(ua) ? 'Edge'
    : /\b(?:OPR|Opera)\//.test(ua) ? 'Opera'
    : /\bSamsungBrowser\//.test(ua) ? 'Samsung Internet'
    : /\b(?:Firefox|FxiOS)\//.test(ua) ? 'Firefox'
    : /\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\//.test(ua) ? 'Chrome'
    : /\bVersion\/[\d.]+.*\bSafari\//.test(ua) ? 'Safari'
    : /^node|undici|^curl\//i.test(ua) ? 'Script'
    : undefined;
  const os =
    /\b(?:iPhone|iPad|iPod)\b/.test(ua) ? 'iOS'
    : /\bAndroid\b/.test(ua) ? 'Android'
    : /\bCrOS\b/.test(ua) ? 'ChromeOS'
    : /\bWindows\b/.test(ua) ? 'Windows'
    : /\bMac OS X\b|\bMacintosh\b/.test(ua) ? 'macOS'
    : /\bLinux\b/.test(ua) ? 'Linux'
    : undefined;
  return { ...(browser && { browser }), ...(os && { os }) };
}
