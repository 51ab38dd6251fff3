// Local stand-ins for the services alerts go to, on 127.0.0.1 only: an HTTP receiver (generic webhook, Slack, Discord,
// Telegram's Bot API) that records every request and answers as told, and an SMTP server (smtp-server) that records
// every mail. Plus a small poll-until helper.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
  at: number;
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (a slow service). */
  delayMs?: number;
}

export interface HttpReceiver {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly requests: ReceivedRequest[];
  /** How the receiver answers; the default answers like the real services (Telegram ok JSON, Discord 204, else 200 "ok"). */
  respond: (req: ReceivedRequest) => Answer;
  close(): Promise<void>;
}

/** How Slack, Discord, Telegram and a plain webhook answer a message they took. */
export function serviceLikeAnswer(req: ReceivedRequest): Answer {
  if (/^\/bot[^/]+\/sendMessage$/.test(req.path)) return { status: 200, body: JSON.stringify({ ok: true, result: { message_id: 1 } }), headers: { 'content-type': 'application/json' } };
  if (req.path.startsWith('/api/webhooks/')) return { status: 204 };
  return { status: 200, body: 'ok' };
}

/** Starts the receiver; `port` 0 picks a free one, a known port brings a closed receiver "back up". */
export async function startHttpReceiver(port = 0): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const receiver = {
    requests,
    respond: serviceLikeAnswer,
  } as HttpReceiver & { respond: (req: ReceivedRequest) => Answer };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const received: ReceivedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json, at: Date.now() };
      requests.push(received);
      const answer = receiver.respond(received);
      const send = () => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The SMTP login used, if any. */
  user?: string;
  raw: string;
  subject: string;
  /** The body, quoted-printable decoded. */
  text: string;
}

export interface SmtpReceiver {
  readonly port: number;
  readonly mails: ReceivedMail[];
  close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 without TLS (STARTTLS off), taking the one login given, or none. */
export async function startSmtpReceiver(login?: { user: string; pass: string }): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: login ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !login,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.user && auth.password === login.pass) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head, ...rest] = raw.split('\r\n\r\n');
        const headers = head.replace(/\r\n[ \t]+/g, ' ');
        const subject = decodeEncodedWords(/^Subject: (.*)$/im.exec(headers)?.[1] ?? '');
        const qp = /^Content-Transfer-Encoding: quoted-printable/im.test(headers);
        const body = rest.join('\r\n\r\n');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw,
          subject,
          text: qp ? decodeQuotedPrintable(body) : body,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** RFC 2047 header words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), which nodemailer uses for long or non-ASCII subjects. */
function decodeEncodedWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) => enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')));
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Polls `check` until it returns something truthy (returned), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | false | null, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
