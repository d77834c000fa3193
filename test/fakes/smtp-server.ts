/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1 that records every message it accepts and
 * can reject chosen recipients with a reply code such as 550 (permanent) or 451 (transient).
 */
import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

export interface RecordedEmail {
  from: string;
  to: string[];
  subject: string;
  /** The plain-text body, decoded from quoted-printable or base64. */
  text: string;
  raw: string;
}

export class FakeSmtpServer {
  readonly messages: RecordedEmail[] = [];
  private readonly rejections = new Map<string, { code: number; message: string }>();
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const rejection = this.rejections.get(address.address.toLowerCase());
        if (!rejection) return callback();
        const error = Object.assign(new Error(rejection.message), { responseCode: rejection.code });
        callback(error);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const envelope = session.envelope;
          const from = envelope.mailFrom === false ? '' : envelope.mailFrom.address;
          this.messages.push({
            from,
            to: envelope.rcptTo.map((rcpt) => rcpt.address),
            raw,
            ...parseMessage(raw),
          });
          callback();
        });
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    const address = (this.server as unknown as { server: { address(): AddressInfo } }).server.address();
    return address.port;
  }

  /** The SMTP_URL that points nodemailer at this server. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Rejects RCPT TO for `address` with `code` (550 permanent, 4xx transient) from now on. */
  rejectRecipient(address: string, code = 550, message = 'Mailbox unavailable'): void {
    this.rejections.set(address.toLowerCase(), { code, message });
  }

  messagesTo(address: string): RecordedEmail[] {
    return this.messages.filter((message) =>
      message.to.some((to) => to.toLowerCase() === address.toLowerCase()),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/gu, ' ');
  const body = raw.slice(split + 4);

  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }

  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  let text = body;
  if (encoding === 'quoted-printable') text = decodeQuotedPrintable(body);
  if (encoding === 'base64') text = Buffer.from(body.replace(/\s+/gu, ''), 'base64').toString('utf8');

  return { subject: decodeEncodedWords(headers.get('subject') ?? ''), text: text.replace(/\r\n/gu, '\n') };
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r\n/gu, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/iu.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) in a header value. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/gu, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/gu, (_word, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/gu, ' ')),
    );
}
