import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  unsubscribeUrl: string | null;
}

/** Hands one mail to whatever delivers it; throws when it was not accepted (the outbox retries). */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  /** For the start banner: where mail goes. */
  describe: string;
  close(): void;
}

function message(from: string, mail: OutgoingMail) {
  return {
    from, to: mail.to, subject: mail.subject, text: mail.text,
    // Derived from the outbox row, not random per send: a mail sent again after a crash (send-mails.ts)
    // carries the Message-ID of the first, so a receiver can recognise the copy.
    messageId: `<${mail.id}@${from.match(/@([^\s@>]+)>?\s*$/)?.[1] ?? 'localhost'}>`,
    headers: {
      'X-Outbox-Id': mail.id,
      ...(mail.unsubscribeUrl ? { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    },
  };
}

/** SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS): nodemailer's SMTP transport, one connection per mail. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as never);
  return {
    describe: `SMTP ${new URL(url).host}`,
    async send(mail) {
      await transporter.sendMail(message(from, mail));
    },
    close: () => transporter.close(),
  };
}

/**
 * Without SMTP_URL (the embedded set-up): each mail is written as an .eml file under
 * `<dataDir>/mail/`, so a developer can open the verification or reset link the product sent.
 */
export function folderTransport(dir: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    describe: `files in ${dir}`,
    async send(mail) {
      const info = await transporter.sendMail(message(from, mail));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}.eml`), info.message as Buffer);
    },
    close: () => transporter.close(),
  };
}
