// One table for the Desk's tabs: columns declared once, with the loading, error and empty states every list needs.
import type { ReactNode } from 'react';
import type { Loadable } from '../../state/desk-page-store';

export interface Column<T> {
  label: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
}

interface Props<T> {
  name: string;
  rows: Loadable<T[]> | T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  empty: string;
  testId: string;
  rowClass?: (row: T) => string;
}

export function DeskTable<T>({ name, rows, columns, rowKey, empty, testId, rowClass }: Props<T>) {
  const loadable: Loadable<T[]> = Array.isArray(rows) ? { state: 'ready', value: rows } : rows;
  const list = 'value' in loadable ? loadable.value : undefined;
  return (
    <>
      {loadable.state === 'error' && <p className="error" role="alert">Could not load {name}: {loadable.error}</p>}
      {!list ? (
        <p className="muted" role="status">{loadable.state === 'error' ? '' : `Loading ${name}…`}</p>
      ) : list.length === 0 ? (
        <p className="muted" data-testid={`${testId}-empty`}>{empty}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={`${name} table`} tabIndex={0}>
          <table className="grid desk-table" aria-label={name} data-testid={testId}>
            <thead>
              <tr>{columns.map((c) => <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>{c.label}</th>)}</tr>
            </thead>
            <tbody>
              {list.map((row) => (
                <tr key={rowKey(row)} className={rowClass?.(row)}>
                  {columns.map((c) => <td key={c.label} className={c.numeric ? 'num' : undefined}>{c.cell(row)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
