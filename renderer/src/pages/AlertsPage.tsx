// The alerts centre: every alert (newest first) with its severity, time, source and message, and what became of it on
// each alert channel: queued (with the attempt and the last error while it waits to retry), sent, failed (attempts and
// the error) or suppressed (quiet hours, a duplicate counted into an earlier message, the channel turned off).
import { useEffect } from 'react';
import type { AlertDeliveryView } from '../../../shared/alerts-contract';
import { formatTime } from '../format';
import { useAlertsStore } from '../state/alerts-store';
import { useEngineStore } from '../state/engine-store';
import './ops.css';
import { useNavStore } from '../state/nav-store';
import { alertPage } from './alerts/alert-page';

/** Deliveries change without an event (the worker sends, retries, gives up): re-read while the page is open. */
const POLL_MS = 2_000;

export function AlertsPage() {
  const client = useEngineStore((s) => s.client);
  const { centre, error, attach, refreshCentre } = useAlertsStore();
  useEffect(() => {
    if (!client) return;
    attach(client);
    const timer = setInterval(() => void refreshCentre(), POLL_MS);
    return () => clearInterval(timer);
  }, [client, attach, refreshCentre]);
  return (
    <section className="page">
      <h2>Alerts</h2>
      <p className="muted">Alerts go out on the channels set up in Settings (or with <span className="mono">quorum alerts add</span>); each row says what became of it on every channel.</p>
      {error && <p className="error" role="alert" data-testid="alerts-error">{error}</p>}
      {centre.length === 0 ? <p className="muted" data-testid="no-alerts">No alerts.</p> : (
        <table className="grid" data-testid="alerts-centre">
          <thead><tr><th>Time</th><th>Severity</th><th>Source</th><th>Message</th><th>Delivery</th><th><span className="sr-only">Related page</span></th></tr></thead>
          <tbody>
            {centre.map((a) => (
              <tr key={a.id} data-testid={`alert-row-${a.id}`}>
                <td className="mono">{formatTime(a.time)}</td>
                <td><span className={`level ${a.level}`}>{a.level}</span></td>
                <td className="mono">{a.source}</td>
                <td>{a.message}</td>
                <td>
                  {a.deliveries.length === 0 ? <span className="muted">in the app only</span> : (
                    <ul className="deliveries">
                      {a.deliveries.map((d) => (
                        <li key={d.channel} className={`delivery ${d.state}`} data-testid={`delivery-${a.id}-${d.channel}`} data-state={d.state}>
                          {d.channel}: <span className="state">{d.state}</span> {deliveryNote(d)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <RelatedPage source={a.source} id={a.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function attempts(n: number): string {
  return `${n} attempt${n === 1 ? '' : 's'}`;
}

/** The detail after the state: when, how many tries, and the last error or the reason. */
export function deliveryNote(d: AlertDeliveryView): string {
  const repeats = d.repeats > 0 ? ` (+${d.repeats} like it)` : '';
  switch (d.state) {
    case 'sent':
      return `${d.sentAt ? formatTime(d.sentAt) : ''}, ${attempts(d.attempts)}${repeats}`;
    case 'failed':
      return `after ${attempts(d.attempts)}: ${d.error ?? 'no answer'}`;
    case 'queued':
      return `${d.attempts > 0 ? `retry ${d.attempts + 1} at ${formatTime(d.nextAt)}` : `due ${formatTime(d.nextAt)}`}${d.error ? `: ${d.error}` : ''}${repeats}`;
    case 'sending':
      return `attempt ${d.attempts}…`;
    case 'suppressed':
      return d.reason ?? '';
  }
}

/** The button to the page an alert is about, when one is. */
function RelatedPage({ source, id }: { source: string; id: number }) {
  const related = alertPage(source);
  if (!related) return null;
  return (
    <button className="link" onClick={() => useNavStore.getState().go(related.page)} data-testid={`alert-open-${id}`}>
      open {related.label}
    </button>
  );
}
