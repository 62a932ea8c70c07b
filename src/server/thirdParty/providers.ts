/**
 * Social and enterprise identity providers: presets (Google, GitHub, Apple, Microsoft Entra ID,
 * GitLab) and any OpenID Connect issuer by discovery. The protocol steps (discovery, the code grant
 * with PKCE, ID-token validation, userinfo) are oauth4webapi's; ID-token signatures are checked
 * against the provider's keys. @see docs/protocol.md (thirdparty)
 */
import * as oauth from 'oauth4webapi';
import { createRemoteJWKSet, customFetch, importPKCS8, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { randomBytes, sha256, toBase64Url } from '../crypto.ts';

/** One client (app registration) at a provider; `clientType` tells several apart (web, ios…). */
export interface ThirdPartyClient {
  clientType?: string;
  clientId: string;
  /** A client secret, or for Apple the key that signs one. Leave out for a public client (PKCE alone). */
  clientSecret?: string | { appleKeyId: string; appleTeamId: string; applePrivateKey: string };
  /** @default the preset's, else `openid email` */
  scope?: string[];
}

/** A provider the backend accepts, as `thirdParty.providers` lists it. */
export interface ThirdPartyProviderConfig {
  /** The `thirdPartyId` on the wire: a preset's name (`google`, `github`, `apple`, `microsoft`, `gitlab`) or your own. */
  id: string;
  /** Shown on the sign-in button. @default the preset's name, else the id */
  name?: string;
  /** Start from a preset's endpoints and scopes. @default the preset named like `id`, if any */
  preset?: 'google' | 'github' | 'apple' | 'microsoft' | 'gitlab';
  /** An OpenID Connect issuer: its endpoints come from `{issuer}/.well-known/openid-configuration`. */
  issuer?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  userInfoEndpoint?: string;
  jwksUri?: string;
  /** Extra query parameters of the authorisation URL. */
  authorizationParams?: Record<string, string>;
  clients: ThirdPartyClient[];
  /** Refuse a sign-in without an email address (`NO_EMAIL_GIVEN_BY_PROVIDER`). @default true */
  requireEmail?: boolean;
  /** Microsoft Entra ID: the directory (`common`, `organizations`, a tenant id). @default 'common' */
  microsoftTenant?: string;
}

/** What a provider says about the person. */
export interface ThirdPartyUserInfo {
  thirdPartyUserId: string;
  email: { id: string; isVerified: boolean } | undefined;
}

/** The provider could not be reached, or answered what the protocol does not allow. */
export class ProviderError extends Error {}

interface Preset {
  name: string;
  issuer?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  userInfoEndpoint?: string;
  jwksUri?: string;
  scope: string[];
  authorizationParams?: Record<string, string>;
  /** The provider accepts PKCE (all but GitHub's OAuth apps). */
  pkce: boolean;
}

const PRESETS: Record<NonNullable<ThirdPartyProviderConfig['preset']>, Preset> = {
  google: { name: 'Google', issuer: 'https://accounts.google.com', scope: ['openid', 'email'], authorizationParams: { include_granted_scopes: 'true', access_type: 'offline' }, pkce: true },
  github: {
    name: 'GitHub',
    authorizationEndpoint: 'https://github.com/login/oauth/authorize',
    tokenEndpoint: 'https://github.com/login/oauth/access_token',
    userInfoEndpoint: 'https://api.github.com/user',
    scope: ['read:user', 'user:email'],
    pkce: false,
  },
  apple: {
    name: 'Apple',
    issuer: 'https://appleid.apple.com',
    authorizationEndpoint: 'https://appleid.apple.com/auth/authorize',
    tokenEndpoint: 'https://appleid.apple.com/auth/token',
    jwksUri: 'https://appleid.apple.com/auth/keys',
    scope: ['openid', 'email'],
    // Apple posts the answer back (to `{apiBasePath}/callback/apple`, which redirects to the website).
    authorizationParams: { response_mode: 'form_post' },
    pkce: true,
  },
  microsoft: { name: 'Microsoft', scope: ['openid', 'email', 'profile'], pkce: true },
  gitlab: { name: 'GitLab', issuer: 'https://gitlab.com', scope: ['openid', 'email'], pkce: true },
};

/** A provider as the backend uses it: its endpoints resolved (discovery once), its client picked. */
export interface Provider {
  id: string;
  name: string;
  authorisationUrl(input: { redirectURI: string; clientType?: string }): Promise<{ urlWithQueryParams: string; pkceCodeVerifier?: string }>;
  /** Exchanges the code the provider gave (`redirectURIQueryParams`), then reads who signed in. */
  fromCode(input: { redirectURI: string; query: Record<string, string>; pkceCodeVerifier?: string; clientType?: string }): Promise<ThirdPartyUserInfo>;
  /** Reads who signed in from tokens a native app got itself (an ID token is checked; an access token asks userinfo). */
  fromTokens(input: { accessToken?: string; idToken?: string; clientType?: string }): Promise<ThirdPartyUserInfo>;
  requireEmail: boolean;
}

/** Plain-HTTP issuers are allowed on loopback only (a local provider in development and tests). */
const insecureAllowed = (url: string) => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//.test(url);

export function createProvider(config: ThirdPartyProviderConfig, fetchImpl: typeof fetch = fetch): Provider {
  const preset = PRESETS[config.preset ?? (config.id as keyof typeof PRESETS)] as Preset | undefined;
  const microsoftTenant = config.microsoftTenant ?? 'common';
  const issuer = config.issuer ?? preset?.issuer ?? (config.preset === 'microsoft' || config.id === 'microsoft' ? `https://login.microsoftonline.com/${microsoftTenant}/v2.0` : undefined);
  const name = config.name ?? preset?.name ?? config.id;
  const pkce = preset?.pkce ?? true;
  let server: Promise<oauth.AuthorizationServer> | undefined;

  const httpOptions = (url: string) => ({ [oauth.customFetch]: fetchImpl, ...(insecureAllowed(url) && { [oauth.allowInsecureRequests]: true }) });

  /** The provider's endpoints: configured, from the preset, or discovered from the issuer (once). */
  function authorizationServer(): Promise<oauth.AuthorizationServer> {
    server ??= (async () => {
      const manual = {
        authorization_endpoint: config.authorizationEndpoint ?? preset?.authorizationEndpoint,
        token_endpoint: config.tokenEndpoint ?? preset?.tokenEndpoint,
        userinfo_endpoint: config.userInfoEndpoint ?? preset?.userInfoEndpoint,
        jwks_uri: config.jwksUri ?? preset?.jwksUri,
      };
      if (issuer !== undefined && (manual.authorization_endpoint === undefined || manual.token_endpoint === undefined)) {
        const url = new URL(issuer);
        let discovered: oauth.AuthorizationServer;
        try {
          const response = await oauth.discoveryRequest(url, { algorithm: 'oidc', ...httpOptions(url.href) });
          // Entra ID's "common" directory names each tenant as the issuer: its metadata says `{tenantid}`.
          discovered = microsoftTenant === 'common' && issuer.includes('login.microsoftonline.com') ? ((await response.json()) as oauth.AuthorizationServer) : await oauth.processDiscoveryResponse(url, response);
        } catch (error) {
          server = undefined;
          throw new ProviderError(`${name}: discovery at ${issuer} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        return { ...discovered, ...Object.fromEntries(Object.entries(manual).filter(([, v]) => v !== undefined)) };
      }
      if (manual.authorization_endpoint === undefined || manual.token_endpoint === undefined) throw new Error(`factorkit backend: provider ${config.id} needs an issuer or its endpoints`);
      return { issuer: issuer ?? new URL(manual.authorization_endpoint).origin, ...manual } as oauth.AuthorizationServer;
    })();
    return server;
  }

  function clientOf(clientType: string | undefined): ThirdPartyClient {
    const found = clientType === undefined ? config.clients[0] : config.clients.find((c) => c.clientType === clientType);
    if (!found) throw new ProviderError(`${name}: no client for clientType ${clientType ?? '(none)'}`);
    return found;
  }

  async function clientAuth(client: ThirdPartyClient): Promise<oauth.ClientAuth> {
    const secret = client.clientSecret;
    if (secret === undefined) return oauth.None();
    if (typeof secret === 'string') return oauth.ClientSecretPost(secret);
    // Apple: the client secret is a short-lived JWT signed with the app's key.
    const key = await importPKCS8(secret.applePrivateKey, 'ES256');
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: secret.appleKeyId })
      .setIssuer(secret.appleTeamId)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setAudience('https://appleid.apple.com')
      .setSubject(client.clientId)
      .sign(key);
    return oauth.ClientSecretPost(jwt);
  }

  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  /** Checks an ID token's signature and claims (issuer, audience: our client, expiry). */
  async function verifiedIdToken(as: oauth.AuthorizationServer, idToken: string, audience: string): Promise<JWTPayload> {
    if (!as.jwks_uri) throw new ProviderError(`${name}: no jwks_uri to check the ID token`);
    let keys = keySets.get(as.jwks_uri);
    if (!keys) keySets.set(as.jwks_uri, (keys = createRemoteJWKSet(new URL(as.jwks_uri), { [customFetch]: fetchImpl })));
    const multiTenantMicrosoft = as.issuer.includes('{tenantid}');
    const { payload } = await jwtVerify(idToken, keys, { audience, ...(multiTenantMicrosoft ? {} : { issuer: as.issuer }) }).catch((error: unknown) => {
      throw new ProviderError(`${name}: the ID token is not valid: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (multiTenantMicrosoft && (typeof payload.tid !== 'string' || payload.iss !== as.issuer.replace('{tenantid}', payload.tid))) throw new ProviderError(`${name}: the ID token's issuer does not match its directory`);
    return payload;
  }

  const fromClaims = (claims: Record<string, unknown>): ThirdPartyUserInfo => {
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new ProviderError(`${name}: no subject in the ID token`);
    const email = typeof claims.email === 'string' && claims.email !== '' ? claims.email : undefined;
    // Apple sends "true"/"false" strings.
    const verified = claims.email_verified === true || claims.email_verified === 'true';
    return { thirdPartyUserId: claims.sub, email: email ? { id: email, isVerified: verified } : undefined };
  };

  async function userInfo(as: oauth.AuthorizationServer, client: oauth.Client, accessToken: string, expectedSubject?: string): Promise<ThirdPartyUserInfo> {
    if (!as.userinfo_endpoint) throw new ProviderError(`${name}: no userinfo endpoint`);
    if (config.id === 'github' || config.preset === 'github') return githubUser(accessToken);
    const response = await oauth.userInfoRequest(as, client, accessToken, httpOptions(as.userinfo_endpoint));
    const claims = await oauth.processUserInfoResponse(as, client, expectedSubject ?? oauth.skipSubjectCheck, response);
    return fromClaims(claims);
  }

  /** GitHub is OAuth 2.0 without OpenID: the user, then their primary, verified address. */
  async function githubUser(accessToken: string): Promise<ThirdPartyUserInfo> {
    const get = async <T>(path: string) => {
      const response = await fetchImpl(`https://api.github.com${path}`, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/vnd.github+json', 'user-agent': 'factorkit' } });
      if (!response.ok) throw new ProviderError(`${name}: ${path} answered ${response.status}`);
      return (await response.json()) as T;
    };
    const user = await get<{ id: number }>('/user');
    const emails = await get<{ email: string; primary: boolean; verified: boolean }[]>('/user/emails').catch(() => []);
    const primary = emails.find((e) => e.primary) ?? emails[0];
    return { thirdPartyUserId: String(user.id), email: primary ? { id: primary.email, isVerified: primary.verified } : undefined };
  }

  const wrap = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      throw new ProviderError(`${name}: ${step} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return {
    id: config.id,
    name,
    requireEmail: config.requireEmail ?? true,
    async authorisationUrl({ redirectURI, clientType }) {
      const as = await authorizationServer();
      const client = clientOf(clientType);
      const url = new URL(as.authorization_endpoint!);
      url.searchParams.set('client_id', client.clientId);
      url.searchParams.set('redirect_uri', redirectURI);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('scope', (client.scope ?? preset?.scope ?? ['openid', 'email']).join(' '));
      for (const [k, v] of Object.entries({ ...preset?.authorizationParams, ...config.authorizationParams })) url.searchParams.set(k, v);
      if (!pkce) return { urlWithQueryParams: url.href };
      // RFC 7636 S256 on the backend's own Web Crypto helpers (they run wherever the backend does, msw included).
      const pkceCodeVerifier = toBase64Url(randomBytes(32));
      url.searchParams.set('code_challenge', toBase64Url(await sha256(pkceCodeVerifier)));
      url.searchParams.set('code_challenge_method', 'S256');
      return { urlWithQueryParams: url.href, pkceCodeVerifier };
    },
    async fromCode({ redirectURI, query, pkceCodeVerifier, clientType }) {
      const as = await authorizationServer();
      const registration = clientOf(clientType);
      const client: oauth.Client = { client_id: registration.clientId };
      const parameters = new URLSearchParams(query);
      // The website checked `state` (supertokens-web-js does); the provider's error was shown there.
      const callback = await wrap('the answer', async () => oauth.validateAuthResponse(as, client, parameters, oauth.skipStateCheck));
      const response = await wrap('the token exchange', async () =>
        oauth.authorizationCodeGrantRequest(as, client, await clientAuth(registration), callback, redirectURI, pkceCodeVerifier ?? oauth.nopkce, {
          ...httpOptions(as.token_endpoint!),
          headers: new Headers({ accept: 'application/json' }),
        }),
      );
      const tokens = await wrap('the token exchange', () => oauth.processAuthorizationCodeResponse(as, client, response));
      if (tokens.id_token) {
        const claims = await verifiedIdToken(as, tokens.id_token, registration.clientId);
        const info = fromClaims(claims);
        // An ID token without the address: ask userinfo (when the provider has one).
        if (info.email === undefined && as.userinfo_endpoint) return wrap('userinfo', () => userInfo(as, client, tokens.access_token, info.thirdPartyUserId));
        return info;
      }
      return wrap('userinfo', () => userInfo(as, client, tokens.access_token));
    },
    async fromTokens({ accessToken, idToken, clientType }) {
      const as = await authorizationServer();
      const registration = clientOf(clientType);
      if (idToken) {
        const info = fromClaims(await verifiedIdToken(as, idToken, registration.clientId));
        // Providers that put the address in userinfo only (the ID token holds the subject): ask it, for the same subject.
        if (info.email === undefined && accessToken && as.userinfo_endpoint) return wrap('userinfo', () => userInfo(as, { client_id: registration.clientId }, accessToken, info.thirdPartyUserId));
        return info;
      }
      if (!accessToken) throw new ProviderError(`${name}: no token given`);
      return wrap('userinfo', () => userInfo(as, { client_id: registration.clientId }, accessToken));
    },
  };
}
