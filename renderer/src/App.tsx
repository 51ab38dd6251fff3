// App frame: header with engine mode, page tabs, and the current page; keyboard shortcuts (`?` lists them).
import { lazy, Suspense, useEffect, useMemo, useState, type ComponentType } from 'react';
import { EmergencyStop } from './components/EmergencyStop';
import { useShortcuts } from './components/shortcuts';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { DeskPage } from './pages/desk/DeskPage';
import { FirstRunGuide } from './pages/first-run/FirstRunGuide';
import { useEngineStore } from './state/engine-store';
import { useNavStore } from './state/nav-store';

/** A page loaded on its first visit, as a chunk of its own: the app starts on the Desk's code alone. */
function later<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const PAGES = {
  desk: { label: 'Desk', Page: DeskPage },
  status: { label: 'Status', Page: later(() => import('./pages/StatusPage'), 'StatusPage') },
  chart: { label: 'Chart', Page: later(() => import('./pages/ChartPage'), 'ChartPage') },
  backtest: { label: 'Backtest', Page: later(() => import('./pages/BacktestPage'), 'BacktestPage') },
  sweep: { label: 'Sweep', Page: later(() => import('./pages/SweepPage'), 'SweepPage') },
  trade: { label: 'Trade', Page: later(() => import('./pages/TradePage'), 'TradePage') },
  risk: { label: 'Risk', Page: later(() => import('./pages/RiskPage'), 'RiskPage') },
  data: { label: 'Data', Page: later(() => import('./pages/DataPage'), 'DataPage') },
  models: { label: 'Models', Page: later(() => import('./pages/ModelsPage'), 'ModelsPage') },
  alerts: { label: 'Alerts', Page: later(() => import('./pages/AlertsPage'), 'AlertsPage') },
  reports: { label: 'Reports', Page: later(() => import('./pages/ReportsPage'), 'ReportsPage') },
  drift: { label: 'Drift', Page: later(() => import('./pages/DriftPage'), 'DriftPage') },
  settings: { label: 'Settings', Page: later(() => import('./pages/SettingsPage'), 'SettingsPage') },
} as const;
type PageId = keyof typeof PAGES;
/** The tabs in order: digit shortcuts open them by position. */
const PAGE_IDS = Object.keys(PAGES) as PageId[];

export function App() {
  const status = useEngineStore((s) => s.status);
  const [page, setPage] = useState<PageId>('desk');
  const [help, setHelp] = useState(false);
  const { Page } = PAGES[page];
  const shortcuts = useMemo(() => ({
    toggleHelp: () => setHelp((h) => !h),
    closeHelp: () => setHelp(false),
    openPage: (i: number) => { if (PAGE_IDS[i]) setPage(PAGE_IDS[i]); },
  }), []);
  useShortcuts(shortcuts);
  // A page asking for another (the Status summary, the first-run guide).
  const navRequest = useNavStore((s) => s.request);
  const { unread, markAlertsRead } = useEngineStore();
  // The Alerts page open: what arrives is read as it arrives.
  useEffect(() => { if (page === 'alerts' && unread > 0) markAlertsRead(); }, [page, unread, markAlertsRead]);
  useEffect(() => { if (navRequest && navRequest.page in PAGES) setPage(navRequest.page as PageId); }, [navRequest]);
  return (
    <div className="app">
      <header className="topbar">
        <h1>Quorum</h1>
        {status && <span className={`badge ${status.mode}`}>{status.mode.toUpperCase()}</span>}
        <nav>
          {PAGE_IDS.map((id) => (
            <button key={id} className={id === page ? 'tab active' : 'tab'} onClick={() => setPage(id)} data-testid={`nav-${id}`}>
              {PAGES[id].label}
              {id === 'alerts' && unread > 0 && <span className="unread" title={`${unread} new alert${unread > 1 ? 's' : ''}`} data-testid="alerts-unread">{unread}</span>}
            </button>
          ))}
        </nav>
        <EmergencyStop />
      </header>
      <main>
        {page === 'desk' && <FirstRunGuide />}
        <Suspense fallback={<p className="muted" role="status" data-testid="page-loading">Loading…</p>}>
          <Page />
        </Suspense>
      </main>
      {help && <ShortcutsHelp pages={PAGE_IDS.map((id) => PAGES[id].label)} onClose={() => setHelp(false)} />}
    </div>
  );
}
