import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import type { Db } from '../db/Db.ts';
import { uuid } from '../crypto.ts';

/** The key that signs access tokens, shared by every process on one database. */
export interface SigningKeys {
  kid: string;
  privateKey: CryptoKey;
  publicJwks: JWK[];
  publicKeys: Map<string, CryptoKey>;
}

/** Loads the signing key, creating one (RS256) the first time. */
export async function loadSigningKeys(db: Db): Promise<SigningKeys> {
  let rows = await db.query<{ kid: string; private_jwk: JWK; public_jwk: JWK }>('SELECT kid, private_jwk, public_jwk FROM fk_signing_keys ORDER BY created_at DESC');
  if (rows.length === 0) {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `s-${uuid()}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
    // Another process may have raced us: keep whichever key landed first.
    await db.query('INSERT INTO fk_signing_keys (kid, private_jwk, public_jwk, created_at) SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM fk_signing_keys)', [
      kid, JSON.stringify(privateJwk), JSON.stringify(publicJwk), Date.now(),
    ]);
    rows = await db.query('SELECT kid, private_jwk, public_jwk FROM fk_signing_keys ORDER BY created_at DESC');
  }
  const newest = rows[0]!;
  const publicKeys = new Map<string, CryptoKey>();
  for (const row of rows) publicKeys.set(row.kid, (await importJWK(row.public_jwk, 'RS256')) as CryptoKey);
  return {
    kid: newest.kid,
    privateKey: (await importJWK(newest.private_jwk, 'RS256')) as CryptoKey,
    publicJwks: rows.map((r) => r.public_jwk),
    publicKeys,
  };
}
