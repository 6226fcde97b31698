import nodemailer from 'nodemailer';
import type { Db } from '../db/client.ts';
import { outboxMessages } from './schema.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** True when mail is kept in the local outbox instead of being sent. */
  readonly local: boolean;
  send(mail: Mail): Promise<void>;
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const url = new URL(smtpUrl);
  // Plain SMTP to a local relay (or a test peer) must not try STARTTLS; smtps:// is TLS from the start.
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
    secure: url.protocol === 'smtps:',
    ignoreTLS: url.searchParams.get('tls') === 'off',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
  });
  return {
    local: false,
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

/** Without SMTP (development), mail is stored for the /dev/outbox page and written to the log. */
export function outboxMailer(db: () => Db, log: (line: string) => void): Mailer {
  return {
    local: true,
    async send(mail) {
      await db().insert(outboxMessages).values(mail);
      // Not the text: it may hold a sign-in link, and logs must never hold a token.
      log(`[mail to ${mail.to}] ${mail.subject} (read it at /dev/outbox)`);
    },
  };
}
