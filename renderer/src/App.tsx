// App frame: header with engine mode, page tabs, and the current page.
import { useState } from 'react';
import { EmergencyStop } from './components/EmergencyStop';
import { BacktestPage } from './pages/BacktestPage';
import { ChartPage } from './pages/ChartPage';
import { DataPage } from './pages/DataPage';
import { ModelsPage } from './pages/ModelsPage';
import { SettingsPage } from './pages/SettingsPage';
import { StatusPage } from './pages/StatusPage';
import { TradePage } from './pages/TradePage';
import { useEngineStore } from './state/engine-store';

const PAGES = {
  status: { label: 'Status', Page: StatusPage },
  chart: { label: 'Chart', Page: ChartPage },
  backtest: { label: 'Backtest', Page: BacktestPage },
  trade: { label: 'Trade', Page: TradePage },
  data: { label: 'Data', Page: DataPage },
  models: { label: 'Models', Page: ModelsPage },
  settings: { label: 'Settings', Page: SettingsPage },
} as const;
type PageId = keyof typeof PAGES;

export function App() {
  const status = useEngineStore((s) => s.status);
  const [page, setPage] = useState<PageId>('status');
  const { Page } = PAGES[page];
  return (
    <div className="app">
      <header className="topbar">
        <h1>Quorum</h1>
        {status && <span className={`badge ${status.mode}`}>{status.mode.toUpperCase()}</span>}
        <nav>
          {(Object.keys(PAGES) as PageId[]).map((id) => (
            <button key={id} className={id === page ? 'tab active' : 'tab'} onClick={() => setPage(id)} data-testid={`nav-${id}`}>{PAGES[id].label}</button>
          ))}
        </nav>
        <EmergencyStop />
      </header>
      <main>
        <Page />
      </main>
    </div>
  );
}
