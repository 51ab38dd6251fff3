// How an alert reads once it leaves the app: one plain text (chat channels, the mail body) and one JSON body (webhooks).
import type { Alert } from '../../../shared/domain';

/** What a channel is asked to send: an alert, how many identical ones were folded into it, and whether it is a test. */
export interface OutgoingAlert {
  alert: Alert;
  /** Alerts with the same source and message counted into this one instead of being sent (dedupe). */
  repeats: number;
  test?: boolean;
}

/** Longest text sent: under Discord's 2,000 and Telegram's 4,096 characters per message. */
export const MAX_TEXT = 1_900;

const LABEL: Record<Alert['level'], string> = { info: 'INFO', warning: 'WARNING', critical: 'CRITICAL' };

export function repeatsText(repeats: number): string {
  return repeats > 0 ? ` (and ${repeats} more like it)` : '';
}

/** The alert's own words with the repeat count, e.g. "Kill switch tripped: halt by ui: test (and 99 more like it)". */
export function alertLine(m: OutgoingAlert): string {
  return `${m.alert.message}${repeatsText(m.repeats)}`;
}

/** "Quorum CRITICAL · kill-switch" */
export function alertHeading(m: OutgoingAlert): string {
  return `${m.test ? 'Quorum test' : 'Quorum'} ${LABEL[m.alert.level]} · ${m.alert.source}`;
}

export function alertText(m: OutgoingAlert): string {
  return clip(`${alertHeading(m)}\n${alertLine(m)}`);
}

export function emailSubject(m: OutgoingAlert): string {
  return clip(`[Quorum] ${m.test ? 'Test: ' : ''}${LABEL[m.alert.level]} ${m.alert.source}: ${m.alert.message}`.replace(/\s+/g, ' '), 150);
}

export function emailBody(m: OutgoingAlert): string {
  return `${alertLine(m)}\n\nLevel: ${LABEL[m.alert.level]}\nSource: ${m.alert.source}\nRaised: ${new Date(m.alert.time).toISOString()}${m.test ? '' : `\nAlert: #${m.alert.id}`}\n\n-- \nSent by Quorum. Alert channels: quorum alerts list\n`;
}

/** The generic webhook's JSON body. */
export function webhookBody(m: OutgoingAlert) {
  return {
    type: m.test ? 'quorum.alert.test' : 'quorum.alert',
    alert: { ...m.alert, isoTime: new Date(m.alert.time).toISOString() },
    repeats: m.repeats,
    text: alertText(m),
  };
}

/** Slack reads &, < and > as markup (links, mentions): escaped, so an alert cannot ping a channel or hide a link. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
