import { createHash, webcrypto } from 'node:crypto';

/**
 * A software passkey authenticator for backend tests: makes the registration and authentication
 * responses a browser would send (SimpleWebAuthn's JSON shapes, attestation "none", ES256), from the
 * options the backend gives. It can lie (another origin, another RP id, an old counter), which is
 * what the tests need.
 */

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const fromB64url = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
const sha256 = (data: Uint8Array | string) => new Uint8Array(createHash('sha256').update(data).digest());

// The smallest CBOR encoder that covers an attestation object and a COSE key: maps, ints, bytes, text.
function cbor(value: unknown): Uint8Array {
  const head = (major: number, n: number): number[] => {
    if (n < 24) return [(major << 5) | n];
    if (n < 256) return [(major << 5) | 24, n];
    if (n < 65536) return [(major << 5) | 25, n >> 8, n & 255];
    return [(major << 5) | 26, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
  };
  if (typeof value === 'number') return new Uint8Array(value >= 0 ? head(0, value) : head(1, -1 - value));
  if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    return new Uint8Array([...head(3, bytes.length), ...bytes]);
  }
  if (value instanceof Uint8Array) return new Uint8Array([...head(2, value.length), ...value]);
  if (value instanceof Map) {
    const parts: number[] = head(5, value.size);
    for (const [k, v] of value) parts.push(...cbor(k), ...cbor(v));
    return new Uint8Array(parts);
  }
  throw new Error(`cbor: ${typeof value}`);
}

/** ECDSA's raw r||s as DER, as WebAuthn signatures are. */
function derSignature(raw: Uint8Array): Uint8Array {
  const int = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let v = bytes.slice(i);
    if (v[0]! & 0x80) v = new Uint8Array([0, ...v]);
    return [0x02, v.length, ...v];
  };
  const body = [...int(raw.slice(0, 32)), ...int(raw.slice(32))];
  return new Uint8Array([0x30, body.length, ...body]);
}

export interface SoftCredential {
  id: Uint8Array;
  keys: webcrypto.CryptoKeyPair;
  counter: number;
  userHandle: string;
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  constructor(
    readonly origin: string,
    readonly rpId: string,
  ) {}

  private authData(rpId: string, flags: number, counter: number, attested?: Uint8Array): Uint8Array {
    const count = [(counter >>> 24) & 255, (counter >> 16) & 255, (counter >> 8) & 255, counter & 255];
    return new Uint8Array([...sha256(rpId), flags, ...count, ...(attested ?? [])]);
  }

  /** `navigator.credentials.create` with the backend's register options. */
  async register(options: { challenge: string; user: { id: string } }, lie: { origin?: string; rpId?: string } = {}) {
    const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const jwk = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
    const cose = cbor(new Map<number, unknown>([[1, 2], [3, -7], [-1, 1], [-2, fromB64url(jwk.x!)], [-3, fromB64url(jwk.y!)]]));
    const id = new Uint8Array(webcrypto.getRandomValues(new Uint8Array(16)));
    const attested = new Uint8Array([...new Uint8Array(16), 0, id.length, ...id, ...cose]);
    // Flags: user present, user verified, attested credential data.
    const authData = this.authData(lie.rpId ?? this.rpId, 0x01 | 0x04 | 0x40, 0, attested);
    const clientDataJSON = JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin: lie.origin ?? this.origin, crossOrigin: false });
    const credential: SoftCredential = { id, keys, counter: 0, userHandle: options.user.id };
    this.credentials.push(credential);
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(new TextEncoder().encode(clientDataJSON)),
        attestationObject: b64url(cbor(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]))),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** `navigator.credentials.get` with the backend's sign-in options, using a credential (the last one by default). */
  async authenticate(options: { challenge: string }, lie: { origin?: string; rpId?: string; counter?: number; credential?: SoftCredential } = {}) {
    const credential = lie.credential ?? this.credentials.at(-1)!;
    credential.counter = lie.counter ?? credential.counter + 1;
    const authData = this.authData(lie.rpId ?? this.rpId, 0x01 | 0x04, credential.counter);
    const clientDataJSON = new TextEncoder().encode(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin: lie.origin ?? this.origin, crossOrigin: false }));
    const signed = new Uint8Array([...authData, ...sha256(clientDataJSON)]);
    const raw = new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, credential.keys.privateKey, signed));
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(derSignature(raw)), userHandle: credential.userHandle },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }
}
