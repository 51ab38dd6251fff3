// Alert delivery: every new alert becomes one alert_deliveries row per channel that wants it (the engine's raiseAlert
// only inserts rows), and a timer-driven worker sends the rows that are due, each call within a time budget, never
// holding the engine up. The queue lives in SQLite, so a restart loses nothing.
//
// Filter: a channel gets an alert when it is enabled and the alert is at its minimum level or above (no row
// otherwise). Inside the channel's quiet hours a non-critical alert gets a row in state 'suppressed' and is never
// sent; a critical one goes out (see channel-config.ts).
//
// Dedupe (same source and message on a channel), per channel:
//   - while a message is still queued (not sent yet, or waiting for a retry), an identical alert is counted into it
//     (`repeats` + 1, its own row 'suppressed'): a burst of 100 before the first went out is one message saying
//     "(and 99 more like it)";
//   - after a message went out, the next identical alert within the dedupe window is queued for the window's end,
//     and later ones are counted into it: a flapping breaker gives at most one message per window per channel, the
//     second saying "(and N more like it)" (that alert and N others since the first message);
//   - after the window, an identical alert goes out at once again.
//
// Rate limit: at most one call per channel per `minIntervalMs` (attempts that failed included); the rest wait in
// the queue, oldest first. Retries: a failure the service may get over (no answer, unreachable, HTTP 408/425/429/5xx,
// SMTP 4xx) is tried again after retryBaseMs · 2^(attempt-1), capped at retryMaxMs (longer if the service says
// Retry-After), up to maxAttempts; then, or at once for a refusal (bad token, unknown chat, HTTP 4xx, SMTP 5xx), the
// row is 'failed' with the error, secrets masked. Restart: rows left 'sending' by a crash are queued again at start
// (so a service may show a message twice, but none is lost); stop() puts the ones on their way back in the queue.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Alert } from '../../../shared/domain';
import type { Logger } from '../log/logger';
import { type AlertChannel, type ChannelKind, inQuietHours, levelPasses, quietHoursText } from './channel-config';
import type { AlertChannels } from './channels';
import { AlertDeliveryError } from './errors';
import { maskText } from './secrets';
import { sendOnChannel } from './transports';

export interface DeliveryTuning {
  /** How often the worker looks for due rows (a new alert also wakes it at once). */
  pollMs: number;
  /** Budget of one call to a service. */
  sendTimeoutMs: number;
  /** At most one call per channel per this many ms. */
  minIntervalMs: number;
  /** Identical alerts (source and message) on a channel within this window after a message are folded into one. */
  dedupeWindowMs: number;
  /** First retry after this long, doubling each attempt… */
  retryBaseMs: number;
  /** …up to this. */
  retryMaxMs: number;
  /** Attempts before a row is 'failed'. */
  maxAttempts: number;
}

/** 8 attempts over about 21 minutes: 10 s, 20 s, 40 s, 80 s, 160 s, 320 s, 640 s. */
export const DEFAULT_DELIVERY_TUNING: DeliveryTuning = {
  pollMs: 1_000,
  sendTimeoutMs: 15_000,
  minIntervalMs: 2_000,
  dedupeWindowMs: 10 * 60_000,
  retryBaseMs: 10_000,
  retryMaxMs: 15 * 60_000,
  maxAttempts: 8,
};

export type DeliveryState = 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed';

/** One alert's delivery on one channel, as the alerts centre shows it. */
export interface DeliveryView {
  id: number;
  alertId: number;
  channel: string;
  kind: ChannelKind;
  state: DeliveryState;
  attempts: number;
  /** When it is (or was last) due. */
  nextAt: number;
  sentAt?: number;
  /** Identical alerts counted into this message. */
  repeats: number;
  /** The last failure (masked): on a 'failed' row, or a 'queued' one waiting for its retry. */
  error?: string;
  /** Why a 'suppressed' row was not sent: quiet hours, a duplicate, the channel disabled. */
  reason?: string;
}

export interface DeliveryListQuery {
  limit?: number;
  state?: DeliveryState;
  channel?: string;
}

export interface AlertDeliveryOptions {
  db: Database;
  channels: AlertChannels;
  log?: Logger;
  tuning?: Partial<DeliveryTuning>;
  /** Wall clock for quiet hours, windows and retries (default Date.now; not the engine's candle clock). */
  now?: () => number;
}

interface DeliveryRow {
  id: number;
  alert_id: number;
  channel_id: number;
  state: DeliveryState;
  attempts: number;
  next_at: number;
  sent_at: number | null;
  last_error: string | null;
  repeats: number;
}

interface InFlight {
  deliveryId: number;
  controller: AbortController;
  done: Promise<void>;
}

/** Same source and message: the dedupe key (hashed: messages can be long). */
export function dedupeKey(alert: Pick<Alert, 'source' | 'message'>): string {
  return createHash('sha256').update(alert.source).update('\u0000').update(alert.message).digest('hex').slice(0, 32);
}

export class AlertDelivery {
  readonly tuning: DeliveryTuning;
  private readonly db: Database;
  private readonly channels: AlertChannels;
  private readonly log?: Logger;
  private readonly now: () => number;
  private stopped = true;
  private timer?: NodeJS.Timeout;
  private kick?: NodeJS.Immediate;
  /** Per channel id: the call on its way (one at a time per channel). */
  private readonly inFlight = new Map<number, InFlight>();
  /** Per channel id: when its last call started (the rate limit). */
  private readonly lastCall = new Map<number, number>();

  constructor(options: AlertDeliveryOptions) {
    this.db = options.db;
    this.channels = options.channels;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.tuning = { ...DEFAULT_DELIVERY_TUNING, ...options.tuning };
  }

  /**
   * Queues a new (already stored) alert on every channel that wants it; returns the rows made. Synchronous, and
   * never throws: a problem here is logged, the alert itself is stored already.
   */
  enqueue(alert: Alert): number {
    try {
      return this.db.transaction(() => this.enqueueRows(alert))();
    } catch (err) {
      this.log?.error({ err, alertId: alert.id }, 'alert delivery: could not queue the alert');
      return 0;
    } finally {
      this.wake();
    }
  }

  private enqueueRows(alert: Alert): number {
    const now = this.now();
    const key = dedupeKey(alert);
    const insert = this.db.prepare(
      'INSERT INTO alert_deliveries (alert_id, channel_id, state, next_at, dedupe_key, last_error) VALUES (?, ?, ?, ?, ?, ?)');
    const latest = this.db.prepare(
      "SELECT id, alert_id, state, next_at, sent_at FROM alert_deliveries WHERE channel_id = ? AND dedupe_key = ? AND state != 'suppressed' ORDER BY id DESC LIMIT 1");
    let made = 0;
    for (const channel of this.channels.list()) {
      if (!channel.enabled || !levelPasses(alert.level, channel.settings.minLevel)) continue;
      made += 1;
      const quiet = channel.settings.quiet;
      if (quiet && alert.level !== 'critical' && inQuietHours(quiet, now)) {
        insert.run(alert.id, channel.id, 'suppressed', now, key, `quiet hours (${quietHoursText(quiet)})`);
        continue;
      }
      const head = latest.get(channel.id, key) as Pick<DeliveryRow, 'id' | 'alert_id' | 'state' | 'next_at' | 'sent_at'> | undefined;
      if (head?.state === 'queued') {
        this.db.prepare('UPDATE alert_deliveries SET repeats = repeats + 1 WHERE id = ?').run(head.id);
        insert.run(alert.id, channel.id, 'suppressed', now, key, `duplicate of alert #${head.alert_id}: counted into its message`);
        continue;
      }
      // After a message went out (or while it is on its way), the next one waits for the end of its window.
      const since = head?.state === 'sent' ? head.sent_at ?? undefined : head?.state === 'sending' ? head.next_at : undefined;
      const dueAt = since === undefined ? now : Math.max(now, since + this.tuning.dedupeWindowMs);
      insert.run(alert.id, channel.id, 'queued', dueAt, key, null);
    }
    return made;
  }

  /** Starts the worker: messages a crash left half-sent are queued again, then everything due goes out. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const resumed = this.db.prepare("UPDATE alert_deliveries SET state = 'queued' WHERE state = 'sending'").run().changes;
    if (resumed > 0) this.log?.warn({ resumed }, 'alert delivery: messages interrupted by the last shutdown are queued again');
    this.timer = setInterval(() => this.tick(), this.tuning.pollMs);
    this.timer.unref();
    this.wake();
  }

  /**
   * Stops the worker. Synchronously (before the caller closes the database) puts the messages on their way back in
   * the queue, then aborts their calls; the promise settles when they have ended.
   */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.kick) clearImmediate(this.kick);
    this.timer = undefined;
    this.kick = undefined;
    const pending = [...this.inFlight.values()];
    if (pending.length > 0 && this.db.open) {
      const requeue = this.db.prepare("UPDATE alert_deliveries SET state = 'queued', attempts = MAX(attempts - 1, 0) WHERE id = ? AND state = 'sending'");
      for (const p of pending) requeue.run(p.deliveryId);
    }
    for (const p of pending) p.controller.abort();
    return Promise.allSettled(pending.map((p) => p.done)).then(() => undefined);
  }

  /** Resolves true once nothing is due or on its way (false if `timeoutMs` passes first): a short-lived engine's last look. */
  async settle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const busy = this.inFlight.size > 0 || this.dueCount() > 0;
      if (!busy) return true;
      if (this.stopped || Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, this.tuning.pollMs)));
    }
  }

  /** Every channel's delivery of one alert. */
  deliveriesFor(alertId: number): DeliveryView[] {
    const rows = this.db.prepare(`${VIEW_SELECT} WHERE d.alert_id = ? ORDER BY c.name`).all(alertId) as ViewRow[];
    return rows.map(toView);
  }

  /** Deliveries, newest first, optionally of one state or one channel. */
  list(query: DeliveryListQuery = {}): DeliveryView[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (query.state) {
      where.push('d.state = ?');
      args.push(query.state);
    }
    if (query.channel) {
      where.push('c.name = ?');
      args.push(query.channel);
    }
    const sql = `${VIEW_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY d.id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, Math.max(1, Math.min(query.limit ?? 100, 10_000))) as ViewRow[]).map(toView);
  }

  private dueCount(): number {
    if (!this.db.open) return 0;
    return (this.db.prepare("SELECT COUNT(*) AS n FROM alert_deliveries d JOIN alert_channels c ON c.id = d.channel_id WHERE d.state = 'queued' AND d.next_at <= ? AND c.enabled = 1")
      .get(this.now()) as { n: number }).n;
  }

  /** Runs the worker soon (after the current call stack: raiseAlert returns first). */
  private wake(): void {
    if (this.stopped || this.kick) return;
    this.kick = setImmediate(() => {
      this.kick = undefined;
      this.tick();
    });
  }

  /** Starts one call per channel that has a due row, is not busy and is past its rate limit. */
  private tick(): void {
    if (this.stopped || !this.db.open) return;
    try {
      const now = this.now();
      const first = this.db.prepare(
        "SELECT id FROM alert_deliveries WHERE channel_id = ? AND state = 'queued' AND next_at <= ? ORDER BY next_at, id LIMIT 1");
      for (const channel of this.channels.list()) {
        if (!channel.enabled || this.inFlight.has(channel.id)) continue;
        const last = this.lastCall.get(channel.id);
        if (last !== undefined && now - last < this.tuning.minIntervalMs) continue;
        const due = first.get(channel.id, now) as { id: number } | undefined;
        if (due) this.begin(channel, due.id, now);
      }
    } catch (err) {
      this.log?.error({ err }, 'alert delivery: the worker could not read the queue');
    }
  }

  private begin(channel: AlertChannel, deliveryId: number, now: number): void {
    const claimed = this.db.prepare("UPDATE alert_deliveries SET state = 'sending', attempts = attempts + 1, next_at = ? WHERE id = ? AND state = 'queued'").run(now, deliveryId);
    if (claimed.changes !== 1) return;
    const row = this.db.prepare(
      'SELECT d.attempts, d.repeats, a.id, a.time, a.level, a.source, a.message FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id WHERE d.id = ?',
    ).get(deliveryId) as { attempts: number; repeats: number } & Alert;
    const { attempts, repeats, ...alert } = row;
    this.lastCall.set(channel.id, now);
    const controller = new AbortController();
    let secret: string | undefined;
    const done = (async () => {
      secret = await this.channels.secretOf(channel);
      await sendOnChannel(channel, secret, { alert, repeats }, { timeoutMs: this.tuning.sendTimeoutMs, signal: controller.signal });
    })().then(
      () => this.succeeded(channel, deliveryId, alert, attempts, repeats),
      (err: unknown) => this.failed(channel, deliveryId, alert, attempts, err, secret),
    ).catch((err: unknown) => this.log?.error({ err, channel: channel.name }, 'alert delivery: could not record the outcome'))
      .finally(() => {
        this.inFlight.delete(channel.id);
        this.wake();
      });
    this.inFlight.set(channel.id, { deliveryId, controller, done });
  }

  private succeeded(channel: AlertChannel, deliveryId: number, alert: Alert, attempts: number, repeats: number): void {
    // Stopped meanwhile: stop() has put the row back in the queue and the database may be closed.
    if (this.stopped || !this.db.open) return;
    this.db.prepare("UPDATE alert_deliveries SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND state = 'sending'").run(this.now(), deliveryId);
    this.log?.info({ channel: channel.name, kind: channel.settings.kind, alertId: alert.id, attempts, repeats }, 'alert sent');
  }

  private failed(channel: AlertChannel, deliveryId: number, alert: Alert, attempts: number, err: unknown, secret: string | undefined): void {
    if (this.stopped || !this.db.open) return;
    const e = err instanceof AlertDeliveryError ? err : undefined;
    // Not a send error (the keychain did not answer, say): worth another attempt.
    const message = maskText(e?.message ?? `${channel.settings.kind} channel "${channel.name}": ${err instanceof Error ? err.message : String(err)}`, secret);
    const retryable = e ? e.retryable : true;
    const code = e?.code ?? (err as { code?: unknown })?.code ?? 'ERROR';
    const now = this.now();
    if (!retryable || attempts >= this.tuning.maxAttempts) {
      this.db.prepare("UPDATE alert_deliveries SET state = 'failed', last_error = ? WHERE id = ? AND state = 'sending'").run(message, deliveryId);
      this.log?.error({ channel: channel.name, kind: channel.settings.kind, alertId: alert.id, attempts, code, error: message },
        retryable ? 'alert not delivered: no attempts left' : 'alert not delivered: the service refused it');
      return;
    }
    const delay = this.backoff(attempts, e?.retryAfterMs);
    this.db.prepare("UPDATE alert_deliveries SET state = 'queued', next_at = ?, last_error = ? WHERE id = ? AND state = 'sending'").run(now + delay, message, deliveryId);
    this.log?.warn({ channel: channel.name, kind: channel.settings.kind, alertId: alert.id, attempts, code, retryInMs: delay, error: message }, 'alert delivery failed; will retry');
  }

  /** retryBaseMs · 2^(attempts-1), capped; at least what the service asked for (itself capped). */
  private backoff(attempts: number, retryAfterMs?: number): number {
    const { retryBaseMs, retryMaxMs } = this.tuning;
    const exponential = Math.min(retryBaseMs * 2 ** Math.max(0, attempts - 1), retryMaxMs);
    return retryAfterMs === undefined ? exponential : Math.max(exponential, Math.min(retryAfterMs, retryMaxMs));
  }
}

const VIEW_SELECT = `SELECT d.id, d.alert_id, d.state, d.attempts, d.next_at, d.sent_at, d.last_error, d.repeats, c.name, c.kind
FROM alert_deliveries d JOIN alert_channels c ON c.id = d.channel_id`;

type ViewRow = Omit<DeliveryRow, 'channel_id'> & { name: string; kind: ChannelKind };

function toView(r: ViewRow): DeliveryView {
  return {
    id: r.id, alertId: r.alert_id, channel: r.name, kind: r.kind, state: r.state, attempts: r.attempts, nextAt: r.next_at,
    ...(r.sent_at === null ? {} : { sentAt: r.sent_at }),
    repeats: r.repeats,
    ...(r.last_error === null ? {} : r.state === 'suppressed' ? { reason: r.last_error } : { error: r.last_error }),
  };
}
