// Certificates of accreditation: the public id, the verification view, expiry reminders and the
// Open Badges 3.0 credential. Pure (the id generator takes its randomness from node:crypto).
import { createHash, randomBytes } from 'node:crypto';

/** 120 random bits, URL-safe: unguessable, and short enough to print on a certificate. */
export const newCertificateId = () => randomBytes(15).toString('base64url');
/** The shape of a public id, so that anything else is a 404 without touching the database. */
export const certificateIdPattern = /^[A-Za-z0-9_-]{20}$/;

/** Remind a holder this many days before their accreditation ends. */
export const REMINDER_DAYS_BEFORE = 90;

const addDays = (dateIso: string, days: number) =>
  new Date(Date.parse(`${dateIso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Whether a certificate is due its one reminder today: it ends within the next 90 days, has not ended, and was not reminded. */
export function dueReminder(cert: { expiresOn: string; reminderSentAt: Date | null }, today: string): boolean {
  return cert.reminderSentAt == null && cert.expiresOn >= today && cert.expiresOn <= addDays(today, REMINDER_DAYS_BEFORE);
}
export const reminderWindowEnd = (today: string) => addDays(today, REMINDER_DAYS_BEFORE);

export type CertificateState = 'current' | 'expired';
export const certificateState = (expiresOn: string, today: string): CertificateState => (expiresOn < today ? 'expired' : 'current');

/** What the public verification page may show: nothing more. */
export interface PublicCertificate {
  holderName: string;
  frameworkName: string;
  issuedOn: string;
  expiresOn: string;
}

export interface BadgeInput extends PublicCertificate {
  publicId: string;
  holderEmail: string;
  networkId: string;
  networkName: string;
  /** The app's public base URL, without a trailing slash. */
  appUrl: string;
  passRuleText: string;
}

/** The recipient's email as an Open Badges IdentityObject: salted SHA-256, so the JSON does not publish the address. */
export function hashedEmail(email: string, salt: string) {
  return {
    type: 'IdentityObject',
    identityType: 'emailAddress',
    hashed: true,
    salt,
    identityHash: `sha256$${createHash('sha256')
      .update(email.trim().toLowerCase() + salt)
      .digest('hex')}`,
  };
}

export const OPEN_BADGES_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

/**
 * An Open Badges 3.0 achievement credential (OpenBadgeCredential, the type AchievementCredential names
 * in the specification) issued by the network. badge-signing.ts secures it as a VC-JWT (OB 3.0 section
 * 8.2); its id is also the public verification page.
 */
export function openBadgeCredential(b: BadgeInput) {
  const verifyUrl = `${b.appUrl}/verify/${b.publicId}`;
  return {
    '@context': OPEN_BADGES_CONTEXT,
    id: verifyUrl,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${b.frameworkName}: Lead Practitioner`,
    issuer: { id: `${b.appUrl}/networks/${b.networkId}`, type: ['Profile'], name: b.networkName },
    validFrom: `${b.issuedOn}T00:00:00Z`,
    validUntil: `${b.expiresOn}T23:59:59Z`,
    credentialSubject: {
      type: ['AchievementSubject'],
      name: b.holderName,
      identifier: [hashedEmail(b.holderEmail, b.publicId)],
      achievement: {
        id: `${b.appUrl}/networks/${b.networkId}/accreditation/achievement`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: 'Lead Practitioner',
        description: `Accredited as a Lead Practitioner against ${b.frameworkName}.`,
        criteria: { narrative: b.passRuleText },
      },
    },
  };
}
