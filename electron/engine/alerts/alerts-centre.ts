// The alert channels and deliveries as the app shows them (Settings, the alerts centre): channels with their delivery
// counts and where they send (never a secret), adding and removing through AlertChannels (secrets to the keychain),
// a test message whose failure is an answer, and the newest alerts each with its delivery state on every channel.
import type { Database } from 'better-sqlite3';
import type { AlertChannelAdd, AlertChannelTest, AlertChannelView, AlertWithDeliveries } from '../../../shared/alerts-contract';
import type { AlertsRepository } from '../store/alerts-repo';
import { channelTarget, type AlertChannel } from './channel-config';
import type { AlertChannels, RemoveResult } from './channels';
import type { AlertDelivery } from './delivery';
import { AlertDeliveryError } from './errors';

export interface ChannelCounts {
  /** Deliveries queued or on their way. */
  queued: number;
  failed: number;
  lastSentAt: number | null;
}

/** Per channel id: what waits, what failed for good, and when the last message went out. */
export function channelDeliveryCounts(db: Database): Map<number, ChannelCounts> {
  const rows = db.prepare(
    `SELECT channel_id AS id, SUM(state = 'queued' OR state = 'sending') AS queued, SUM(state = 'failed') AS failed, MAX(sent_at) AS lastSentAt
     FROM alert_deliveries GROUP BY channel_id`).all() as ({ id: number } & ChannelCounts)[];
  return new Map(rows.map(({ id, ...counts }) => [id, counts]));
}

export class AlertsCentre {
  constructor(
    private readonly o: { db: Database; channels: AlertChannels; delivery: AlertDelivery; alerts: Pick<AlertsRepository, 'list'> },
  ) {}

  channels(): AlertChannelView[] {
    const counts = channelDeliveryCounts(this.o.db);
    return this.o.channels.list().map((c) => view(c, counts.get(c.id)));
  }

  /** Validated by AlertChannels (field-named ConfigErrors); the secret goes to the keychain before the row is written. */
  async add(input: AlertChannelAdd): Promise<AlertChannelView> {
    return view(await this.o.channels.add(input), undefined);
  }

  remove(name: string): Promise<RemoveResult> {
    return this.o.channels.remove(name);
  }

  /** A service that refuses or does not answer is the test's result; an unknown channel or no keychain is a refusal. */
  async test(name: string): Promise<AlertChannelTest> {
    try {
      const { ms } = await this.o.channels.sendTest(name);
      return { delivered: true, ms };
    } catch (err) {
      if (err instanceof AlertDeliveryError) return { delivered: false, code: err.code, error: err.message };
      throw err;
    }
  }

  /** The newest `limit` alerts, each with its deliveries (none for an alert no channel wanted). */
  deliveries(limit: number): AlertWithDeliveries[] {
    return this.o.alerts.list(limit).map((alert) => ({
      ...alert,
      deliveries: this.o.delivery.deliveriesFor(alert.id).map(({ id: _id, alertId: _alert, ...d }) => d),
    }));
  }
}

function view(c: AlertChannel, counts: ChannelCounts | undefined): AlertChannelView {
  const { kind, minLevel, quiet } = c.settings;
  return {
    name: c.name, kind, enabled: c.enabled, minLevel, ...(quiet ? { quiet } : {}), target: channelTarget(c.settings), createdAt: c.createdAt,
    queued: counts?.queued ?? 0, failed: counts?.failed ?? 0, ...(counts?.lastSentAt == null ? {} : { lastSentAt: counts.lastSentAt }),
  };
}
