/** A real SMTP server for the mail tests (smtp-server), keeping what arrives, parsed (mailparser). */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients, as the server was told. */
  to: string[];
  subject: string;
  text: string;
  messageId: string | undefined;
  headers: ParsedMail['headers'];
}

export interface TestMailServer {
  url: string;
  received: ReceivedMail[];
  /** The mails that reached `address`, oldest first. */
  inbox(address: string): ReceivedMail[];
  /** Stops accepting connections (the app sees SMTP down), and starts again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `beforeAccept` runs when a mail has fully arrived (it is already in `received`) and before the
 * server answers 250: a test can hold the answer, or kill the sender meanwhile.
 */
export async function startMailServer(options: { beforeAccept?: (mail: ReceivedMail) => Promise<void> | void } = {}): Promise<TestMailServer> {
  const received: ReceivedMail[] = [];
  const pending: Promise<void>[] = [];
  // A sender killed in the middle of a mail (faults.test.ts) resets its connection: the server reports
  // that as an error event, which unheard would end the test process.
  const make = () => new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      pending.push(simpleParser(stream).then(async (m) => {
        const mail = { to, subject: m.subject ?? '', text: m.text ?? '', messageId: m.messageId, headers: m.headers };
        received.push(mail);
        await options.beforeAccept?.(mail);
        callback();
      }, callback));
    },
  }).on('error', () => {});
  let server = make();
  const listen = (port: number) => new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)));
  const port = await listen(0);
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    inbox: (address) => received.filter((m) => m.to.includes(address)),
    stop: close,
    async start() {
      server = make();
      await listen(port);
    },
    async close() {
      await Promise.all(pending);
      await close();
    },
  };
}
