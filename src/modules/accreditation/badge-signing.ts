import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.ts';

// Signing Open Badges 3.0 credentials as VC-JWTs (OB 3.0 section 8.2): the payload is the credential
// itself plus the registered claims, the header names the key (kid) and carries its public part (jwk).
// The key comes from BADGE_SIGNING_KEY (a PKCS#8 PEM, RSA for RS256 or Ed25519 for EdDSA); without it
// Alliance makes an RSA key once and keeps it in DATA_DIR (in memory under test). Public keys are served
// at /.well-known/jwks.json so that anyone can verify a badge. See ADR 10.

export interface BadgeKey {
  privateKey: KeyObject;
  alg: 'RS256' | 'EdDSA';
  /** The public key as a JWK with its kid (the RFC 7638 thumbprint). */
  jwk: Record<string, string>;
  kid: string;
}

const KEY_FILE = 'badge-signing-key.pem';
const keys = new Map<string, BadgeKey>();

function keyOf(privateKey: KeyObject): BadgeKey {
  const type = privateKey.asymmetricKeyType;
  if (type !== 'rsa' && type !== 'ed25519') throw new Error('BADGE_SIGNING_KEY must be an RSA or Ed25519 private key (PKCS#8 PEM)');
  const pub = createPublicKey(privateKey).export({ format: 'jwk' }) as Record<string, string>;
  // RFC 7638: the required members in lexicographic order, hashed.
  const members: Record<string, string> =
    type === 'rsa' ? { e: pub.e!, kty: pub.kty!, n: pub.n! } : { crv: pub.crv!, kty: pub.kty!, x: pub.x! };
  const kid = createHashB64(JSON.stringify(members));
  const alg = type === 'rsa' ? 'RS256' : 'EdDSA';
  return { privateKey, alg, kid, jwk: { ...members, kid, alg, use: 'sig' } };
}

const createHashB64 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The installation's signing key: from the settings, else made once (kept in DATA_DIR, or in memory in tests). */
export function badgeKey(config: Pick<Config, 'BADGE_SIGNING_KEY' | 'DATA_DIR' | 'NODE_ENV'>): BadgeKey {
  const cacheKey = config.BADGE_SIGNING_KEY ?? (config.NODE_ENV === 'test' ? 'test' : config.DATA_DIR);
  const cached = keys.get(cacheKey);
  if (cached) return cached;
  let pem = config.BADGE_SIGNING_KEY?.replace(/\\n/g, '\n');
  if (!pem && config.NODE_ENV !== 'test') {
    const file = join(config.DATA_DIR, KEY_FILE);
    if (!existsSync(file)) {
      mkdirSync(config.DATA_DIR, { recursive: true });
      try {
        writeFileSync(file, newPem(), { mode: 0o600, flag: 'wx' });
      } catch (err) {
        // Another process made it first: use theirs.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    pem = readFileSync(file, 'utf8');
  }
  const key = keyOf(createPrivateKey(pem ?? newPem()));
  keys.set(cacheKey, key);
  return key;
}

const newPem = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The credential as a compact VC-JWT (OB 3.0 section 8.2.4: its members at the top level, with iss, jti, nbf, exp). */
export function signCredential(
  credential: { id: string; issuer: { id: string }; validFrom: string; validUntil?: string },
  key: BadgeKey,
): string {
  const header = { alg: key.alg, typ: 'JWT', kid: key.kid, jwk: key.jwk };
  const payload = {
    ...credential,
    iss: credential.issuer.id,
    jti: credential.id,
    nbf: seconds(credential.validFrom),
    ...(credential.validUntil ? { exp: seconds(credential.validUntil) } : {}),
  };
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = sign(key.alg === 'RS256' ? 'sha256' : null, Buffer.from(input), key.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

/** Check a VC-JWT against a public JWK; the payload if the signature holds, else null. */
export function verifyCredential(jwt: string, publicJwk: Record<string, string>): Record<string, unknown> | null {
  const [h, p, s] = jwt.split('.');
  if (!h || !p || !s) return null;
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
  const publicKey = createPublicKey({ key: publicJwk, format: 'jwk' });
  const alg = publicKey.asymmetricKeyType === 'rsa' ? 'RS256' : 'EdDSA';
  if (header.alg !== alg) return null;
  const ok = verify(alg === 'RS256' ? 'sha256' : null, Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'));
  return ok ? (JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>) : null;
}
