// The Desk's book tabs: positions of the running sessions, open and recent orders, fills, and alerts as they come.
import type { DeskFill, DeskOrder } from '../../../../shared/desk-book-contract';
import type { SessionView } from '../../../../shared/desk-contract';
import type { Alert } from '../../../../shared/domain';
import { formatTime } from '../../format';
import { useDeskStore } from '../../state/desk-store';
import { useDeskPageStore } from '../../state/desk-page-store';
import { useEngineStore } from '../../state/engine-store';
import { DeskTable, type Column } from './DeskTable';
import { money, qty, signed, tone } from './numbers';

type Held = SessionView & { position: NonNullable<SessionView['position']> };

const POSITION_COLUMNS: Column<Held>[] = [
  { label: 'Session', cell: (s) => `#${s.id}`, width: '8%' },
  { label: 'Account', cell: (s) => s.account, wrap: true },
  { label: 'Symbol', cell: (s) => s.request.symbol, width: '12%' },
  { label: 'Size', cell: (s) => qty(s.position.size), numeric: true, width: '13%' },
  { label: 'Entry', cell: (s) => qty(s.position.entryPrice), numeric: true, width: '13%' },
  { label: 'Equity', cell: (s) => money(s.equity), numeric: true, width: '14%' },
  { label: 'Session P&L', cell: (s) => <span className={tone(s.pnl)}>{signed(s.pnl)}</span>, numeric: true, width: '14%' },
];

export function PositionsTab() {
  const sessions = useDeskStore((s) => s.status?.sessions);
  const held = (sessions ?? []).filter((s): s is Held => s.position !== undefined && s.position.size !== 0);
  return <DeskTable name="positions" rows={sessions ? held : { state: 'loading' }} columns={POSITION_COLUMNS} rowKey={(s) => s.id} testId="desk-positions" empty="Flat: no session holds a position." />;
}

const orderColumns: Column<DeskOrder>[] = [
  { label: 'Time', cell: (o) => formatTime(o.createdAt) },
  { label: 'Session', cell: (o) => (o.sessionId === null ? 'kill switch' : `#${o.sessionId}`) },
  { label: 'Symbol', cell: (o) => o.symbol },
  { label: 'Side', cell: (o) => <span className={o.side === 'buy' ? 'gain' : 'loss'}>{o.side}</span> },
  { label: 'Type', cell: (o) => `${o.type}${o.role ? ` · ${o.role}` : ''}` },
  { label: 'Amount', cell: (o) => qty(o.amount), numeric: true },
  { label: 'Price', cell: (o) => qty(o.price ?? o.stopPrice), numeric: true },
  { label: 'Filled', cell: (o) => `${qty(o.filled)}${o.averagePrice ? ` @ ${qty(o.averagePrice)}` : ''}`, numeric: true },
  { label: 'Status', cell: (o) => <span title={o.lastError ?? undefined}>{o.status}{o.lastError ? ' ⚠' : ''}</span> },
];

export function OrdersTab({ open }: { open: boolean }) {
  const rows = useDeskPageStore((s) => (open ? s.openOrders : s.orders));
  return (
    <DeskTable name={open ? 'open orders' : 'recent orders'} rows={rows} columns={orderColumns} rowKey={(o) => o.id}
      testId={open ? 'desk-open-orders' : 'desk-orders'} empty={open ? 'No order is working at a venue.' : 'No order yet.'} />
  );
}

const FILL_COLUMNS: Column<DeskFill>[] = [
  { label: 'Time', cell: (f) => formatTime(f.time) },
  { label: 'Session', cell: (f) => (f.sessionId === null ? '—' : `#${f.sessionId}`) },
  { label: 'Account', cell: (f) => f.account },
  { label: 'Symbol', cell: (f) => f.symbol },
  { label: 'Side', cell: (f) => <span className={f.side === 'buy' ? 'gain' : 'loss'}>{f.side}{f.role ? ` · ${f.role}` : ''}</span> },
  { label: 'Amount', cell: (f) => qty(f.amount), numeric: true },
  { label: 'Price', cell: (f) => qty(f.price), numeric: true },
  { label: 'Fee', cell: (f) => `${qty(f.fee)} ${f.feeCurrency ?? ''}`, numeric: true },
];

export function FillsTab() {
  const fills = useDeskPageStore((s) => s.fills);
  return <DeskTable name="fills" rows={fills} columns={FILL_COLUMNS} rowKey={(f) => f.id} testId="desk-fills" empty="No fill yet." />;
}

const ALERT_COLUMNS: Column<Alert>[] = [
  { label: 'Time', cell: (a) => formatTime(a.time) },
  { label: 'Level', cell: (a) => <span className={`level ${a.level}`}>{a.level}</span> },
  { label: 'Source', cell: (a) => a.source },
  { label: 'Message', cell: (a) => a.message },
];

export function AlertsTab() {
  const { alerts, status, error } = useEngineStore();
  const rows = error ? { state: 'error' as const, error } : status ? alerts : { state: 'loading' as const };
  return <DeskTable name="alerts" rows={rows} columns={ALERT_COLUMNS} rowKey={(a) => a.id} testId="desk-alerts" empty="No alerts." rowClass={(a) => `desk-alert ${a.level}`} />;
}
