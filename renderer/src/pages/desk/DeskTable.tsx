// One table for the Desk's tabs: columns declared once, with the loading, error and empty states every list needs.
// A table whose values change in place (sessions, positions) gives its columns widths: it is laid out fixed, and each
// cell whose text can change stays on one line (clipped, its text in the title), so a new value, streamed several
// times a second, never moves the other columns or the rows below.
import type { ReactNode } from 'react';
import type { Loadable } from '../../state/desk-page-store';

export interface Column<T> {
  label: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
  /** A CSS width (e.g. '12%', '15rem'): with one on any column the table is laid out fixed; columns without share the rest. */
  width?: string;
  /** The cell may wrap: text that never changes in its row (a market), so the row's height does not either. */
  wrap?: boolean;
}

const cellClass = <T,>(c: Column<T>) => [c.numeric ? 'num' : '', c.wrap ? 'wrap' : ''].filter(Boolean).join(' ') || undefined;

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
  const fixed = columns.some((c) => c.width !== undefined);
  return (
    <>
      {loadable.state === 'error' && <p className="error" role="alert">Could not load {name}: {loadable.error}</p>}
      {!list ? (
        <p className="muted" role="status">{loadable.state === 'error' ? '' : `Loading ${name}…`}</p>
      ) : list.length === 0 ? (
        <p className="muted" data-testid={`${testId}-empty`}>{empty}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={`${name} table`} tabIndex={0}>
          <table className={fixed ? 'grid desk-table fixed' : 'grid desk-table'} aria-label={name} data-testid={testId}>
            {fixed && <colgroup>{columns.map((c) => <col key={c.label} style={{ width: c.width }} />)}</colgroup>}
            <thead>
              <tr>{columns.map((c) => <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>{c.label}</th>)}</tr>
            </thead>
            <tbody>
              {list.map((row) => (
                <tr key={rowKey(row)} className={rowClass?.(row)}>
                  {columns.map((c) => {
                    const content = c.cell(row);
                    const text = typeof content === 'string' || typeof content === 'number' ? String(content) : undefined;
                    return <td key={c.label} className={cellClass(c)} title={fixed ? text : undefined}>{content}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
