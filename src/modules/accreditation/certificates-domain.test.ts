import { describe, expect, it } from 'vitest';
import { certificateIdPattern, dueReminder, newCertificateId, openBadgeCredential } from './certificates-domain.ts';
import { certificatePdf } from './certificates-pdf.ts';

const cert = {
  publicId: 'AbCdEfGhIjKlMnOpQrSt',
  holderName: 'Leanne Casey',
  holderEmail: 'Leanne.Casey@example.org',
  frameworkName: 'SSAT Lead Practitioner standards',
  issuedOn: '2026-07-10',
  expiresOn: '2029-07-10',
  networkId: 'net-1',
  networkName: 'Blue Sky Teaching School Alliance',
  appUrl: 'https://alliance.example',
  passRuleText: 'Level 3 or above on at least 7 of the 10 standards.',
};

describe('certificate ids', () => {
  it('are 120 random bits in the public shape, never repeated', () => {
    const ids = new Set(Array.from({ length: 1000 }, newCertificateId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(certificateIdPattern);
  });
});

describe('dueReminder', () => {
  it('is due once, within 90 days of the end and not after it', () => {
    expect(dueReminder({ expiresOn: '2029-07-10', reminderSentAt: null }, '2029-04-11')).toBe(true);
    expect(dueReminder({ expiresOn: '2029-07-10', reminderSentAt: null }, '2029-04-10')).toBe(false);
    expect(dueReminder({ expiresOn: '2029-07-10', reminderSentAt: new Date() }, '2029-05-01')).toBe(false);
    expect(dueReminder({ expiresOn: '2029-07-10', reminderSentAt: null }, '2029-07-11')).toBe(false);
  });
});

describe('openBadgeCredential', () => {
  it('is an Open Badges 3.0 credential issued by the network, without publishing the email', () => {
    const badge = openBadgeCredential(cert);
    expect(badge['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(badge.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(badge.id).toBe('https://alliance.example/verify/AbCdEfGhIjKlMnOpQrSt');
    expect(badge.issuer).toMatchObject({ type: ['Profile'], name: 'Blue Sky Teaching School Alliance' });
    expect(badge.validFrom).toBe('2026-07-10T00:00:00Z');
    expect(badge.credentialSubject.type).toEqual(['AchievementSubject']);
    expect(badge.credentialSubject.achievement).toMatchObject({ type: ['Achievement'], name: 'Lead Practitioner' });
    expect(badge.credentialSubject.achievement.criteria.narrative).toBe(cert.passRuleText);
    const identity = badge.credentialSubject.identifier[0]!;
    expect(identity.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(JSON.stringify(badge).toLowerCase()).not.toContain('leanne.casey@example.org');
  });
});

describe('certificatePdf', () => {
  it('is a one-page PDF', async () => {
    const pdf = await certificatePdf({ ...cert, verifyUrl: 'https://alliance.example/verify/AbCdEfGhIjKlMnOpQrSt' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
  });
});
