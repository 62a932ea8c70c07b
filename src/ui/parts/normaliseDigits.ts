/**
 * Turns Arabic-Indic (٠–٩), Eastern Arabic-Indic (۰–۹) and full-width (０–９) digits into ASCII
 * digits, so a code typed on an Arabic or Persian keyboard, or pasted from a CJK message, still works.
 */
export function normaliseDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/g, (d) => {
    const c = d.charCodeAt(0);
    const zero = c >= 0xff10 ? 0xff10 : c >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(c - zero);
  });
}
