// Sends one message on one channel: an HTTP POST (webhook, Slack, Discord, Telegram) or a mail over SMTP (nodemailer),
// each within a time budget and cancellable. Failures become AlertDeliveryErrors that say whether to retry, with the
// channel's secret masked out of every message.
import { APP_VERSION } from '../version';
import { type AlertChannel, isLoopbackHost } from './channel-config';
import { AlertDeliveryError } from './errors';
import { alertText, emailBody, emailSubject, slackEscape, webhookBody, type OutgoingAlert } from './message';
import { maskText } from './secrets';

export interface SendOptions {
  /** The whole call's budget: connect, send, read the answer. */
  timeoutMs: number;
  /** Aborts the call (the engine is stopping). */
  signal?: AbortSignal;
}

/** Sends `message` on `channel` with its secret; resolves once the service has accepted it. */
export async function sendOnChannel(channel: AlertChannel, secret: string | undefined, message: OutgoingAlert, options: SendOptions): Promise<void> {
  const s = channel.settings;
  const what = `${s.kind} channel "${channel.name}"`;
  if (!secret && (s.kind !== 'email' || s.user)) {
    throw new AlertDeliveryError(`${what}: its secret is not in the OS keychain; remove the channel and add it again`, 'ALERT_SECRET_MISSING', { retryable: false });
  }
  switch (s.kind) {
    case 'webhook':
      return postJson(what, secret!, webhookBody(message), options, secret);
    case 'slack':
      return postJson(what, secret!, { text: slackEscape(alertText(message)) }, options, secret);
    case 'discord':
      // No mentions: an alert's text must not ping @everyone.
      return postJson(what, secret!, { content: alertText(message), allowed_mentions: { parse: [] } }, options, secret);
    case 'telegram': {
      const url = `${s.baseUrl.replace(/\/+$/, '')}/bot${secret!}/sendMessage`;
      const body = { chat_id: s.chatId, text: alertText(message), disable_web_page_preview: true };
      return postJson(what, url, body, options, secret, telegramAnswer);
    }
    case 'email':
      return sendMail(what, channel, secret, message, options);
  }
}

type AnswerCheck = (status: number, body: string) => string | undefined;

/** Telegram answers {"ok": false, "description": …} on refusals; a 200 must also say ok. */
function telegramAnswer(status: number, body: string): string | undefined {
  if (status < 200 || status >= 300) return undefined;
  try {
    const parsed = JSON.parse(body) as { ok?: unknown; description?: unknown };
    return parsed.ok === true ? undefined : `Telegram did not accept it: ${String(parsed.description ?? body)}`;
  } catch {
    return `Telegram answered with something else than JSON: ${body.slice(0, 200)}`;
  }
}

async function postJson(what: string, url: string, body: unknown, options: SendOptions, secret: string | undefined, check?: AnswerCheck): Promise<void> {
  const mask = (text: string) => maskText(text, secret);
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    throw new AlertDeliveryError(`${what}: its address is not a valid URL`, 'ALERT_SEND_REJECTED', { retryable: false });
  }
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let status: number;
  let text: string;
  let headers: Headers;
  try {
    // No redirects: an alert (and the token in its URL) goes to the address the trader gave, nowhere else.
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': `Quorum/${APP_VERSION}` },
      body: JSON.stringify(body),
      redirect: 'error',
      signal,
    });
    status = res.status;
    headers = res.headers;
    text = await res.text();
  } catch (err) {
    if (options.signal?.aborted) throw stopped(what);
    if (timeout.aborted) throw new AlertDeliveryError(`${what}: no answer from ${origin} within ${options.timeoutMs} ms`, 'ALERT_SEND_TIMEOUT', { retryable: true, details: { timeoutMs: options.timeoutMs } });
    throw new AlertDeliveryError(mask(`${what}: cannot reach ${origin}: ${networkReason(err)}`), 'ALERT_SEND_UNREACHABLE', { retryable: true });
  }
  if (status >= 200 && status < 300) {
    const refused = check?.(status, text);
    if (refused) throw new AlertDeliveryError(mask(`${what}: ${refused}`), 'ALERT_SEND_REJECTED', { retryable: false });
    return;
  }
  const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  throw new AlertDeliveryError(mask(`${what}: ${origin} answered HTTP ${status}${snippet ? `: ${snippet}` : ''}`), retryable ? 'ALERT_SEND_HTTP' : 'ALERT_SEND_REJECTED', {
    retryable, retryAfterMs: retryAfter(headers, text), details: { status },
  });
}

/** Retry-After (seconds or an HTTP date), or Discord's and Telegram's retry_after in the JSON body (seconds). */
function retryAfter(headers: Headers, body: string): number | undefined {
  const header = headers.get('retry-after');
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  }
  try {
    const parsed = JSON.parse(body) as { retry_after?: unknown; parameters?: { retry_after?: unknown } };
    const seconds = Number(parsed.retry_after ?? parsed.parameters?.retry_after);
    return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : undefined;
  } catch {
    return undefined;
  }
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a certificate) is in its cause. */
function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return err instanceof Error ? err.message : String(err);
}

function stopped(what: string): AlertDeliveryError {
  return new AlertDeliveryError(`${what}: the engine stopped while sending; it goes out after the next start`, 'ALERT_SEND_STOPPED', { retryable: true });
}

interface MailError {
  code?: string;
  responseCode?: number;
  permanent?: boolean;
  response?: string;
  message?: string;
}

async function sendMail(what: string, channel: AlertChannel, secret: string | undefined, message: OutgoingAlert, options: SendOptions): Promise<void> {
  const s = channel.settings;
  if (s.kind !== 'email') throw new TypeError('not an email channel');
  // Loaded on first use: the engine and the CLI start without it.
  const { createTransport } = await import('nodemailer');
  const implicitTls = s.port === 465;
  const transport = createTransport({
    host: s.host,
    port: s.port,
    secure: implicitTls,
    // A password never crosses the network in clear: with a login, STARTTLS is required unless the server is this
    // machine. Without one (a relay on the trader's network), STARTTLS is used when the server offers it.
    requireTLS: !implicitTls && s.user !== undefined && !isLoopbackHost(s.host),
    auth: s.user ? { user: s.user, pass: secret } : undefined,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    dnsTimeout: options.timeoutMs,
    logger: false,
    debug: false,
  });
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    await transport.sendMail({
      from: s.from,
      to: s.to,
      subject: emailSubject(message),
      text: emailBody(message),
      // Alert text is data, never a path or URL to attach.
      disableFileAccess: true,
      disableUrlAccess: true,
      signal,
    });
  } catch (err) {
    if (options.signal?.aborted) throw stopped(what);
    if (timeout.aborted) throw new AlertDeliveryError(`${what}: no answer from ${s.host}:${s.port} within ${options.timeoutMs} ms`, 'ALERT_SEND_TIMEOUT', { retryable: true, details: { timeoutMs: options.timeoutMs } });
    const e = (err ?? {}) as MailError;
    const permanent = e.permanent === true || e.code === 'EAUTH' || e.code === 'EENVELOPE' || e.code === 'ECONFIG';
    const reason = e.response ?? e.message ?? String(err);
    const text = maskText(`${what}: ${s.host}:${s.port} ${permanent ? 'refused the mail' : 'failed'} (${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''}): ${reason}`, secret);
    const code = permanent ? 'ALERT_SEND_REJECTED' : e.code === 'ETIMEDOUT' ? 'ALERT_SEND_TIMEOUT' : 'ALERT_SEND_UNREACHABLE';
    throw new AlertDeliveryError(text, code, { retryable: !permanent, details: e.responseCode ? { responseCode: e.responseCode } : {} });
  } finally {
    transport.close();
  }
}
