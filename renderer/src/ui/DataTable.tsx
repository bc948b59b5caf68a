import type { ReactNode } from 'react';

/**
 * A labelled table in the `data-table` style: one header row of column
 * headings (`scope="col"`), then the rows the caller renders.
 */
export function DataTable(props: { label: string; columns: readonly string[]; children: ReactNode }) {
  return (
    <table className="data-table" aria-label={props.label}>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}

/** A form's or a page's error line, announced when it appears; nothing when there is none. */
export function FormError(props: { message: string | null | undefined }) {
  if (!props.message) return null;
  return (
    <p className="form-error" role="alert">
      {props.message}
    </p>
  );
}
