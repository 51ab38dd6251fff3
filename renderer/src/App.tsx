// App frame: header with engine mode, navigation, and the current page.
import { StatusPage } from './pages/StatusPage';
import { useEngineStore } from './state/engine-store';

export function App() {
  const status = useEngineStore((s) => s.status);
  return (
    <div className="app">
      <header className="topbar">
        <h1>Quorum</h1>
        {status && <span className={`badge ${status.mode}`}>{status.mode.toUpperCase()}</span>}
      </header>
      <main>
        <StatusPage />
      </main>
    </div>
  );
}
