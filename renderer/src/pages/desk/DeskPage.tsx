// The trading desk, the app's first page: status strip on top, the selected session's chart in the centre, the votes
// of its latest decision (or a pinned bar) on the right, and tabs below for sessions, positions, orders, fills, alerts.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useDeskStore } from '../../state/desk-store';
import { selectedView, useDeskPageStore } from '../../state/desk-page-store';
import { useEngineStore } from '../../state/engine-store';
import { useSessionPrefillStore } from '../../state/session-prefill-store';
import { AlertsTab, FillsTab, OrdersTab, PositionsTab } from './BookTabs';
import { DeskHeader } from './DeskHeader';
import { PrefilledSession } from './PrefilledSession';
import { SessionChart } from './SessionChart';
import { SessionsTab } from './SessionsTab';
import { VotesPanel } from './VotesPanel';
import './desk.css';

const TABS = ['sessions', 'positions', 'open-orders', 'orders', 'fills', 'alerts'] as const;
type TabId = (typeof TABS)[number];

function tabLabel(id: TabId, counts: Partial<Record<TabId, number>>): string {
  const name = { sessions: 'Sessions', positions: 'Positions', 'open-orders': 'Open orders', orders: 'Orders', fills: 'Fills', alerts: 'Alerts' }[id];
  const n = counts[id];
  return n ? `${name} (${n})` : name;
}

export function DeskPage() {
  const [tab, setTab] = useState<TabId>('sessions');
  const status = useDeskStore((s) => s.status);
  const { selectedId, pinned, unpin, openOrders, fills } = useDeskPageStore();
  const alerts = useEngineStore((s) => s.alerts.length);
  const engineError = useEngineStore((s) => s.error);
  const view = selectedView(status, selectedId);
  // A form filled in elsewhere (the first-run guide) waits in the sessions tab.
  const prefill = useSessionPrefillStore((s) => s.prefill);
  useEffect(() => { if (prefill) setTab('sessions'); }, [prefill]);
  const decision = pinned ? pinned.decision : view?.lastDecision;
  const counts: Partial<Record<TabId, number>> = {
    sessions: status?.sessions.length,
    positions: status?.sessions.filter((s) => s.position && s.position.size !== 0).length,
    'open-orders': 'value' in openOrders ? openOrders.value?.length : undefined,
    fills: 'value' in fills ? fills.value?.length : undefined,
    alerts,
  };
  // Arrow keys move between tabs, as in any tab list.
  const onKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length];
    setTab(next);
    document.getElementById(`desk-tab-${next}`)?.focus();
  };
  return (
    <section className="page desk" aria-label="Trading desk" data-testid="desk-page">
      <h2 className="sr-only">Desk</h2>
      {/* Without the engine nothing below can load: say why first (same words as the Status page). */}
      {engineError && <div className="error" role="alert" data-testid="engine-error">{engineError}</div>}
      <DeskHeader />
      <div className="desk-main">
        <SessionChart />
        <VotesPanel decision={decision} pinned={pinned} onUnpin={unpin} />
      </div>
      <div className="desk-tabs" role="tablist" aria-label="Desk books" onKeyDown={onKey}>
        {TABS.map((id) => (
          <button key={id} id={`desk-tab-${id}`} role="tab" aria-selected={tab === id} aria-controls={`desk-panel-${id}`} tabIndex={tab === id ? 0 : -1}
            className={tab === id ? 'tab active' : 'tab'} onClick={() => setTab(id)} data-testid={`desk-tab-${id}`}>
            {tabLabel(id, counts)}
          </button>
        ))}
      </div>
      <div className="desk-panel" role="tabpanel" id={`desk-panel-${tab}`} aria-labelledby={`desk-tab-${tab}`}>
        {tab === 'sessions' && <><PrefilledSession /><SessionsTab /></>}
        {tab === 'positions' && <PositionsTab />}
        {tab === 'open-orders' && <OrdersTab open />}
        {tab === 'orders' && <OrdersTab open={false} />}
        {tab === 'fills' && <FillsTab />}
        {tab === 'alerts' && <AlertsTab />}
      </div>
    </section>
  );
}
