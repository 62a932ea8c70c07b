/**
 * Bundle size: each benchmark app built by the same Vite, minified; every emitted JS and CSS file
 * compressed with gzip and brotli. "initial" is what a first page load fetches (entry chunk, its
 * static imports, CSS); "lazy" is code fetched on demand (dynamic imports, e.g. the phone-number
 * library when a user first types a phone number). A kit's cost is its app minus the base app.
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Plugin, type Rollup } from 'vite';

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface AppSize {
  initial: Size;
  lazy: Size;
  total: Size;
  /** The chunks of factorkit's French, German and Arabic catalogues (on demand, one language per person). */
  otherLanguages: Size;
}

const zero = (): Size => ({ raw: 0, gzip: 0, brotli: 0 });

function add(total: Size, bytes: Uint8Array) {
  total.raw += bytes.length;
  total.gzip += gzipSync(bytes, { level: 9 }).length;
  total.brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

export const minus = (a: Size, b: Size): Size => ({ raw: a.raw - b.raw, gzip: a.gzip - b.gzip, brotli: a.brotli - b.brotli });
const plus = (a: Size, b: Size): Size => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

/** Builds one entry as an app (code-split chunks included) and measures what it emits. */
export async function buildAndMeasure(entry: string, plugins: Plugin[] = []): Promise<AppSize> {
  const result = await build({
    configFile: false,
    logLevel: 'error',
    plugins,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { write: false, minify: true, target: 'es2022', rollupOptions: { input: entry }, reportCompressedSize: false },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rollup.RollupOutput;
  const chunks = new Map(output.output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]));
  // Initial = the entry and everything it imports statically, transitively.
  const initialFiles = new Set<string>();
  const visit = (name: string) => {
    if (initialFiles.has(name)) return;
    initialFiles.add(name);
    for (const imported of chunks.get(name)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  const initial = zero();
  const lazy = zero();
  const otherLanguages = zero();
  for (const o of output.output) {
    const bytes = o.type === 'chunk' ? new TextEncoder().encode(o.code) : typeof o.source === 'string' ? new TextEncoder().encode(o.source) : o.source;
    if (o.type === 'asset' && !o.fileName.endsWith('.css')) continue;
    add(o.type === 'asset' || initialFiles.has(o.fileName) ? initial : lazy, bytes);
    if (o.type === 'chunk' && /src\/ui\/messages\/(fr|de|ar)\.ts$/.test(o.facadeModuleId ?? '')) add(otherLanguages, bytes);
  }
  return { initial, lazy, total: plus(initial, lazy), otherLanguages };
}

// The kit's passkey code on the sign-in page: the flow's state and button, the client's calls, the
// hook, the issue texts, and the catalogue's passkey messages (the ceremonies are on demand).
const PASSKEY_MODULES = ['src/core/flows/passkeyFlow.ts', 'src/core/api/webauthn.ts', 'src/react/usePasskeyFlow.ts', 'src/ui/screens/passkeyText.ts'];

/**
 * A build with the passkey code taken out: each module in PASSKEY_MODULES becomes a stub with the
 * same exports doing nothing, and the English catalogue loses its passkey messages. The app
 * built with and without it differ by what passkeys add.
 */
export function withoutPasskeys(): Plugin {
  const stubbed = (id: string) => PASSKEY_MODULES.some((m) => id.endsWith(m));
  return {
    name: 'bench-without-passkeys',
    enforce: 'pre',
    load(id) {
      if (stubbed(id)) {
        const names = [...readFileSync(id, 'utf8').matchAll(/^export (?:async )?(?:function|const) (\w+)/gm)].map((m) => m[1]!);
        return names.map((name) => `export function ${name}() {}`).join('\n');
      }
      if (id.endsWith('src/ui/messages/en.ts')) return readFileSync(id, 'utf8').replace(/^ {2}'(?:passkey|passkeys|passkeyRecovery|passkeyPrompt)\.[^\n]*\n(?: {4}[^\n]*\n {2}\},\n)?/gm, '');
      return undefined;
    },
  };
}

export interface BundleResult {
  apps: Record<string, AppSize & { added: { initial: Size; total: Size } }>;
  /** What passkeys add to the factorkit app: on first load (the ceremonies and `@simplewebauthn/browser` are on demand). */
  passkeys?: { initial: Size; total: Size };
}

/** Builds each named app and reports its sizes and what it adds over `base`. */
export async function benchBundles(apps: Record<string, string>): Promise<BundleResult> {
  const sizes: Record<string, AppSize> = {};
  for (const [name, entry] of Object.entries(apps)) sizes[name] = await buildAndMeasure(entry);
  const base = sizes.base!;
  const fk = sizes.factorkit;
  const noPasskeys = apps.factorkit ? await buildAndMeasure(apps.factorkit, [withoutPasskeys()]) : undefined;
  return {
    apps: Object.fromEntries(
      Object.entries(sizes).map(([name, s]) => [name, { ...s, added: { initial: minus(s.initial, base.initial), total: minus(s.total, base.total) } }]),
    ),
    ...(fk && noPasskeys && { passkeys: { initial: minus(fk.initial, noPasskeys.initial), total: minus(fk.total, noPasskeys.total) } }),
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** The Markdown section of bench/README.md. */
export function bundleMarkdown(result: BundleResult): string {
  const rows = Object.entries(result.apps).map(
    ([name, s]) => `| ${name} | ${kb(s.initial.gzip)} / ${kb(s.initial.brotli)} | ${kb(s.lazy.gzip)} | ${kb(s.added.initial.gzip)} / ${kb(s.added.initial.brotli)} | ${kb(s.added.total.gzip)} / ${kb(s.added.total.brotli)} |`,
  );
  const fk = result.apps.factorkit;
  const all = result.apps.supertokensAll;
  const st = result.apps.supertokens;
  const ratio = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
  const oneLanguage = fk && fk.added.total.gzip - fk.otherLanguages.gzip;
  const verdict =
    fk && all && st && oneLanguage !== undefined
      ? [
          `Against supertokens-auth-react + supertokens-web-js with the same sign-in methods (\`supertokensAll\`), factorkit adds ${ratio(fk.added.initial.gzip, all.added.initial.gzip)} of what they add on first load (gzip), and ${ratio(fk.added.total.gzip, all.added.total.gzip)} counting code loaded on demand with all four languages; a person fetches one language, and without the other three catalogues (${kb(fk.otherLanguages.gzip)}) it is ${kb(oneLanguage)}, ${ratio(oneLanguage, all.added.total.gzip)}. Targets: at most 15 % on first load, 20 % with everything.`,
          '',
          `Against the anchor configured for the first round's factors only (\`supertokens\`: no social sign-in, no passkeys, while the factorkit app has every screen): ${ratio(fk.added.initial.gzip, st.added.initial.gzip)} on first load and ${ratio(fk.added.total.gzip, st.added.total.gzip)} with everything (${ratio(oneLanguage, st.added.total.gzip)} for one language).`,
        ].join('\n')
      : '';
  const pk = result.passkeys;
  const passkeys = pk
    ? `Passkeys add ${kb(pk.initial.gzip)} gzip (${kb(pk.initial.brotli)} brotli) to the first load: the flow's state, the client's calls, the hook, the issue texts and the English passkey messages (measured as the app built with those modules stubbed out and the messages removed; the sign-in screen's passkey branches stay in both). The ceremonies and \`@simplewebauthn/browser\` load when the button is first used: ${kb(pk.total.gzip - pk.initial.gzip)} gzip on demand. Target: under 2 KiB on first load.`
    : '';
  return [
    '## Bundle size',
    '',
    'The same small app (React, react-router, TanStack Query, a home page and a protected page) built by the same Vite: alone (`base`), with every factorkit screen (`bench/apps/factorkit.tsx`), with supertokens-auth-react + supertokens-web-js configured for the same sign-in methods (`bench/apps/supertokensAll.tsx`: email and password with reset, email or SMS codes and magic links, social sign-in, passkeys, TOTP, email verification, MFA), and with them configured for the first round\'s factors only (`bench/apps/supertokens.tsx`: the same without social sign-in and passkeys). JS and CSS, minified.',
    '',
    '| app | first load gzip / brotli | on demand gzip | added on first load gzip / brotli | added in all gzip / brotli |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    verdict,
    '',
    passkeys,
  ].join('\n');
}
