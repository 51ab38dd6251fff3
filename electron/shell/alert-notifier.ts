// Turns engine alerts into desktop notifications (critical and warning levels), through a small notifier interface.
import type { Alert } from '../../shared/domain';
import type { EventBus } from '../engine/ipc/event-bus';

export interface Notifier {
  notify(title: string, body: string, urgent: boolean): void;
}

export function forwardAlerts(events: EventBus, notifier: Notifier): () => void {
  return events.subscribe((event, payload) => {
    if (event !== 'alert.raised') return;
    const alert = payload as Alert;
    if (alert.level === 'info') return;
    notifier.notify(`Quorum: ${alert.source}`, alert.message, alert.level === 'critical');
  });
}
