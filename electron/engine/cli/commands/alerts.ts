// `quorum alerts add|list|remove|test|enable|disable|deliveries`: where alerts go beyond the app (webhook, Slack,
// Discord, Telegram, email). Settings go to the database, secrets to the OS keychain (handed in by bin/quorum.mjs);
// nothing here ever prints a secret. Safe while the app runs: it reads the channels at every alert.
import type { Database } from 'better-sqlite3';
import type { CredentialStore } from '../../credentials';
import { ConfigError, StorageError } from '../../errors';
import { AlertChannels, type ChannelInput } from '../../alerts/channels';
import { CHANNEL_KINDS, channelTarget, parseQuietHours, quietHoursText, type AlertLevel, type ChannelKind } from '../../alerts/channel-config';
import { AlertDelivery, type DeliveryState } from '../../alerts/delivery';
import { channelDeliveryCounts } from '../../alerts/alerts-centre';
import { alertSecretsIn } from '../../alerts/secrets';
import { DB_OPTION, dbPathFrom, parseFlags, requireString, type CliIO, type Command, withStore } from '../command';
import { isoTime, table } from '../format';
import { numberFlag } from './backtest-options';

const LEVELS: readonly AlertLevel[] = ['info', 'warning', 'critical'];
const STATES: readonly DeliveryState[] = ['queued', 'sending', 'sent', 'failed', 'suppressed'];

/** The keychain, asked for only when a secret is read or written (listing needs none). */
function keychain(io: CliIO): () => CredentialStore {
  return () => {
    if (!io.credentials) throw new StorageError('No OS keychain is connected to this command (run it as `quorum`, which connects it)', 'KEYCHAIN_UNAVAILABLE');
    return io.credentials();
  };
}

function channelsIn(db: Database, io: CliIO): AlertChannels {
  return new AlertChannels(db, alertSecretsIn(keychain(io)), io.now);
}

function oneName(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new ConfigError(`Give exactly one channel name (${usage})`, 'CLI_ARGS', { field: 'name' });
  return positionals[0];
}

const ADD_OPTIONS = {
  ...DB_OPTION,
  name: { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
  'chat-id': { type: 'string' },
  'smtp-host': { type: 'string' },
  'smtp-port': { type: 'string' },
  'smtp-user': { type: 'string' },
  'smtp-pass': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string', multiple: true },
  'min-level': { type: 'string' },
  quiet: { type: 'string' },
  'quiet-tz': { type: 'string' },
  'base-url': { type: 'string' },
  disabled: { type: 'boolean' },
} as const;

/** Telegram group ids are negative (-1001234567890): `--chat-id -100…` would read as a flag; taken as `--chat-id=-100…`. */
function joinNegativeChatId(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--chat-id' && /^-\d+$/.test(argv[i + 1] ?? '')) out.push(`--chat-id=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

const ADD_USAGE = 'quorum alerts add webhook|slack|discord|telegram|email --name NAME [--url URL] [--token T --chat-id ID] ' +
  '[--smtp-host H --smtp-port P --smtp-user U --smtp-pass P --from A --to B] [--min-level warning] [--quiet 22-07 [--quiet-tz local|utc]] ' +
  '[--base-url URL] [--disabled] [--db PATH]';

export const alertsAdd: Command = {
  path: ['alerts', 'add'],
  summary: 'add an alert channel (secrets go to the OS keychain, never to the database)',
  usage: ADD_USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(joinNegativeChatId(argv), ADD_OPTIONS, true);
    const kind = positionals[0] as ChannelKind | undefined;
    if (positionals.length !== 1 || !kind || !(CHANNEL_KINDS as readonly string[]).includes(kind)) {
      throw new ConfigError(`Give the channel kind: one of ${CHANNEL_KINDS.join(', ')}`, 'CLI_ARGS', { field: 'kind', value: positionals.join(' ') });
    }
    const name = requireString(values, 'name');
    const minLevel = values['min-level'];
    if (minLevel !== undefined && !(LEVELS as readonly string[]).includes(minLevel)) {
      throw new ConfigError(`--min-level must be one of ${LEVELS.join(', ')}`, 'CLI_ARGS', { field: 'min-level', value: minLevel });
    }
    const tz = values['quiet-tz'] ?? 'local';
    if (tz !== 'local' && tz !== 'utc') throw new ConfigError('--quiet-tz must be local or utc', 'CLI_ARGS', { field: 'quiet-tz', value: tz });
    if (values['quiet-tz'] !== undefined && values.quiet === undefined) throw new ConfigError('--quiet-tz needs --quiet', 'CLI_ARGS', { field: 'quiet-tz' });
    if (values['base-url'] !== undefined && kind !== 'telegram') {
      throw new ConfigError(`--base-url is for telegram only; for ${kind} the --url is the whole address`, 'CLI_ARGS', { field: 'base-url' });
    }
    const common = {
      name,
      minLevel: minLevel as AlertLevel | undefined,
      quiet: values.quiet === undefined ? undefined : parseQuietHours(values.quiet, tz),
      enabled: !values.disabled,
    };
    const only = (allowed: string[]) => {
      const extra = ['url', 'token', 'chat-id', 'smtp-host', 'smtp-port', 'smtp-user', 'smtp-pass', 'from', 'to'].filter((f) => !allowed.includes(f) && values[f as keyof typeof values] !== undefined);
      if (extra.length) throw new ConfigError(`${extra.map((f) => `--${f}`).join(', ')} ${extra.length > 1 ? 'do' : 'does'} not apply to a ${kind} channel`, 'CLI_ARGS', { field: extra[0] });
    };
    let input: ChannelInput;
    if (kind === 'telegram') {
      only(['token', 'chat-id']);
      input = { ...common, kind, token: requireString(values, 'token'), chatId: requireString(values, 'chat-id'), baseUrl: values['base-url'] };
    } else if (kind === 'email') {
      only(['smtp-host', 'smtp-port', 'smtp-user', 'smtp-pass', 'from', 'to']);
      input = {
        ...common, kind,
        host: requireString(values, 'smtp-host'),
        port: numberFlag(values, 'smtp-port', (n) => Number.isInteger(n) && n > 0 && n < 65536, 'a port number (465 for TLS, 587 for STARTTLS)'),
        user: values['smtp-user'], pass: values['smtp-pass'],
        from: requireString(values, 'from'),
        to: values.to ?? [],
      };
    } else {
      only(['url']);
      input = { ...common, kind, url: requireString(values, 'url') };
    }
    return withStore(dbPathFrom(values), async (store) => {
      const channel = await channelsIn(store.db, io).add(input);
      const s = channel.settings;
      const quiet = s.quiet ? `; quiet ${quietHoursText(s.quiet)} (critical alerts still go out)` : '';
      io.out(`Added ${s.kind} channel "${channel.name}" → ${channelTarget(s)}: ${s.minLevel} and above${quiet}${channel.enabled ? '' : '; disabled'}.`);
      if (s.kind !== 'email' || s.user) io.out('Its secret is in the OS keychain.');
      io.out(`Try it: quorum alerts test ${channel.name}`);
      return 0;
    });
  },
};

export const alertsList: Command = {
  path: ['alerts', 'list'],
  summary: 'the alert channels with their level, quiet hours and delivery counts (never their secrets)',
  usage: 'quorum alerts list [--json] [--db PATH]',
  run(argv, io) {
    const { values } = parseFlags(argv, { ...DB_OPTION, json: { type: 'boolean' } });
    return withStore(dbPathFrom(values), (store) => {
      const channels = channelsIn(store.db, io).list();
      const counts = channelDeliveryCounts(store.db);
      const rows = channels.map((c) => {
        const n = counts.get(c.id);
        return { ...c, queued: n?.queued ?? 0, failed: n?.failed ?? 0, lastSentAt: n?.lastSentAt ?? null };
      });
      if (values.json) {
        io.out(JSON.stringify(rows.map(({ id: _id, settings, ...rest }) => ({ ...rest, ...settings, target: channelTarget(settings) })), null, 2));
        return 0;
      }
      if (rows.length === 0) {
        io.out('No alert channels. Add one: quorum alerts add slack --name NAME --url https://hooks.slack.com/services/…');
        return 0;
      }
      io.out(table(['NAME', 'KIND', 'LEVEL', 'QUIET', 'ENABLED', 'QUEUED', 'FAILED', 'LAST SENT', 'TARGET'], rows.map((r) => [
        r.name, r.settings.kind, `${r.settings.minLevel}+`, r.settings.quiet ? quietHoursText(r.settings.quiet) : '-', r.enabled ? 'yes' : 'no',
        r.queued, r.failed, r.lastSentAt === null ? '-' : isoTime(r.lastSentAt), channelTarget(r.settings),
      ])));
      return 0;
    });
  },
};

export const alertsRemove: Command = {
  path: ['alerts', 'remove'],
  summary: 'remove an alert channel, its queued deliveries and its keychain slot',
  usage: 'quorum alerts remove NAME [--db PATH]',
  run(argv, io) {
    const { values, positionals } = parseFlags(argv, DB_OPTION, true);
    const name = oneName(positionals, this.usage);
    return withStore(dbPathFrom(values), async (store) => {
      const result = await channelsIn(store.db, io).remove(name);
      if (!result.removed) {
        io.err(`No alert channel named "${name}".`);
        return 1;
      }
      io.out(`Removed alert channel "${name}".`);
      if (result.secret === 'failed') {
        io.err(`Its secret could not be removed from the OS keychain (${result.error}); delete the entry "alert-channel:${name}" there by hand.`);
        return 1;
      }
      return 0;
    });
  },
};

export const alertsTest: Command = {
  path: ['alerts', 'test'],
  summary: 'send a test message on a channel now (whatever its level, quiet hours or enabled flag)',
  usage: 'quorum alerts test NAME [--db PATH]',
  run(argv, io) {
    const { values, positionals } = parseFlags(argv, DB_OPTION, true);
    const name = oneName(positionals, this.usage);
    return withStore(dbPathFrom(values), async (store) => {
      const channels = channelsIn(store.db, io);
      const channel = channels.require(name);
      const { ms } = await channels.sendTest(name);
      io.out(`Sent a test message on ${channel.settings.kind} channel "${name}" → ${channelTarget(channel.settings)} (${ms} ms).`);
      return 0;
    });
  },
};

function enableCommand(enabled: boolean): Command {
  const word = enabled ? 'enable' : 'disable';
  return {
    path: ['alerts', word],
    summary: enabled ? 'send alerts on a channel again' : 'stop sending alerts on a channel (what it had queued is dropped)',
    usage: `quorum alerts ${word} NAME [--db PATH]`,
    run(argv, io) {
      const { values, positionals } = parseFlags(argv, DB_OPTION, true);
      const name = oneName(positionals, this.usage);
      return withStore(dbPathFrom(values), (store) => {
        channelsIn(store.db, io).setEnabled(name, enabled);
        io.out(`Alert channel "${name}" ${enabled ? 'enabled' : 'disabled'}.`);
        return 0;
      });
    },
  };
}

export const alertsEnable = enableCommand(true);
export const alertsDisable = enableCommand(false);

export const alertsDeliveries: Command = {
  path: ['alerts', 'deliveries'],
  summary: 'what became of each alert on each channel: queued, sent, failed (with the error) or suppressed (and why)',
  usage: 'quorum alerts deliveries [--alert ID] [--channel NAME] [--state queued|sending|sent|failed|suppressed] [--limit N] [--json] [--db PATH]',
  run(argv, io) {
    const { values } = parseFlags(argv, {
      ...DB_OPTION, alert: { type: 'string' }, channel: { type: 'string' }, state: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' },
    });
    const state = values.state as DeliveryState | undefined;
    if (state !== undefined && !STATES.includes(state)) throw new ConfigError(`--state must be one of ${STATES.join(', ')}`, 'CLI_ARGS', { field: 'state', value: state });
    const alertId = numberFlag(values, 'alert', (n) => Number.isInteger(n) && n > 0, 'an alert id');
    const limit = numberFlag(values, 'limit', (n) => Number.isInteger(n) && n > 0, 'a positive integer') ?? 50;
    return withStore(dbPathFrom(values), (store) => {
      const delivery = new AlertDelivery({ db: store.db, channels: channelsIn(store.db, io) });
      const rows = alertId !== undefined
        ? delivery.deliveriesFor(alertId).filter((d) => (!state || d.state === state) && (!values.channel || d.channel === values.channel))
        : delivery.list({ limit, state, channel: values.channel });
      if (values.json) {
        io.out(JSON.stringify(rows, null, 2));
        return 0;
      }
      if (rows.length === 0) {
        io.out('No deliveries.');
        return 0;
      }
      io.out(table(['ID', 'ALERT', 'CHANNEL', 'STATE', 'TRIES', 'REPEATS', 'WHEN', 'NOTE'], rows.map((d) => [
        d.id, d.alertId, d.channel, d.state, d.attempts, d.repeats,
        d.sentAt !== undefined ? isoTime(d.sentAt) : d.state === 'queued' ? `due ${isoTime(d.nextAt)}` : isoTime(d.nextAt),
        d.reason ?? d.error ?? '',
      ])));
      return 0;
    });
  },
};

export const ALERT_COMMANDS: Command[] = [alertsAdd, alertsList, alertsRemove, alertsTest, alertsEnable, alertsDisable, alertsDeliveries];
