// UK GDPR rights over a person's data: what an export leaves out, and what erasure keeps and why.

/**
 * Records kept when a person is erased, each with its legal reason: the rows stay, pointing at the
 * anonymised person row ("Erased person", no email). Everything else that refers to the person is
 * deleted (foreign key ON DELETE CASCADE, RESTRICT or NO ACTION) or loses the reference (SET NULL).
 */
export const retainedOnErasure: Record<string, string> = {
  audit_events:
    'Accountability (UK GDPR Art. 5(2)): the trail of who did what is kept; the name and email in it are replaced, the id stays as a pseudonym.',
  deployments: 'Financial records: deployments are the basis of charges and invoices, kept six years (HMRC; Companies Act 2006 s.388).',
  deployment_day_logs: 'Financial records: the days logged are the basis of charges, kept six years (HMRC; Companies Act 2006 s.388).',
  lp_submissions:
    'Professional accreditation: the assessed submission behind an awarded accreditation, kept so the award can be verified (legitimate interests).',
};

/** Columns never exported (credentials, even hashed). */
export const secretColumn = (name: string) => /(hash|secret|csrf|password|token)/i.test(name) && name !== 'token_prefix';

export const ERASED_NAME = 'Erased person';
export const erasedEmail = (personId: string) => `erased-${personId}@erased.invalid`;

/** Retention periods offered (months); null means no automatic deletion. */
export const retentionChoices = [12, 24, 36, 72] as const;

/** The audit label for an erased actor. */
export const ERASED_LABEL = 'erased person';
