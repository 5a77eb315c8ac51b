/** A labelled table that scrolls sideways on a phone: the coach pages' lists, one column definition each. */
import type { ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  /** Read by screen readers only (an actions column needs a name, not a visible one). */
  hiddenHeader?: boolean;
  cell: (row: Row) => ReactNode;
}

export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
}: {
  label: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
}) {
  return (
    <div className="table-scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map(({ header, hiddenHeader }) => (
              <th scope="col" key={header}>
                {hiddenHeader ? <span className="visually-hidden">{header}</span> : header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map(({ header, cell }) => (
                <td key={header}>{cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
