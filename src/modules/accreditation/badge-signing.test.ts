import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { badgeKey, signCredential, verifyCredential } from './badge-signing.ts';

const credential = {
  id: 'https://alliance.example.org/verify/abc',
  issuer: { id: 'https://alliance.example.org/networks/1' },
  validFrom: '2024-07-12T00:00:00Z',
  validUntil: '2027-07-12T23:59:59Z',
  credentialSubject: { name: 'Leanne Casey' },
};

describe('badge signing', () => {
  it('signs with an Ed25519 key from the settings (EdDSA), and the JWK verifies it', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const key = badgeKey(loadConfig({ NODE_ENV: 'test', BADGE_SIGNING_KEY: pem.replace(/\n/g, '\\n') }));
    expect(key.alg).toBe('EdDSA');
    expect(key.jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(key.jwk).not.toHaveProperty('d');
    const jwt = signCredential(credential, key);
    expect(verifyCredential(jwt, key.jwk)).toMatchObject({ ...credential, nbf: 1720742400, iss: credential.issuer.id, jti: credential.id });
    const other = badgeKey(loadConfig({ NODE_ENV: 'test' }));
    expect(verifyCredential(jwt, other.jwk)).toBeNull();
  });

  it('without a key in the settings, makes an RSA key once and keeps it in DATA_DIR, private to the owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'badge-key-'));
    try {
      const key = badgeKey(loadConfig({ NODE_ENV: 'development', DATA_DIR: dir }));
      expect(key.alg).toBe('RS256');
      const file = join(dir, 'badge-signing-key.pem');
      expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
      expect(badgeKey(loadConfig({ NODE_ENV: 'development', DATA_DIR: dir })).kid).toBe(key.kid);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
