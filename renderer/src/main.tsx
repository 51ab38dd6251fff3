// Renderer entry: connects to the engine (preload or WebSocket bridge) and mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectClient } from './api/connect';
import { useBacktestStore } from './state/backtest-store';
import { useChartStore } from './state/chart-store';
import { useDataStore } from './state/data-store';
import { useDeskStore } from './state/desk-store';
import { useDeskPageStore } from './state/desk-page-store';
import { useEngineStore } from './state/engine-store';
import { useModelsStore } from './state/models-store';
import { useRiskStore } from './state/risk-store';
import { useFirstRunStore } from './state/first-run-store';
import { attachTheme } from './state/theme';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
try {
  const { client, transport } = connectClient(window);
  useEngineStore.getState().attach(client, transport);
  attachTheme(client);
  useDataStore.getState().attach(client);
  useChartStore.getState().attach(client);
  useRiskStore.getState().attach(client);
  useBacktestStore.getState().attach(client);
  useFirstRunStore.getState().attach(client);
  useDeskStore.getState().attach(client);
  useDeskPageStore.getState().attach(client);
  // Model jobs report progress whichever page is open, so the Models page shows a job started before it was.
  useModelsStore.getState().attach(client);
} catch (err) {
  useEngineStore.getState().fail(err instanceof Error ? err.message : String(err));
}
root.render(
  <StrictMode>
    <App />
  </StrictMode>,
);
