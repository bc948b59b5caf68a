import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, FormError } from '../../../renderer/src/ui/DataTable';

describe('DataTable', () => {
  it('renders a labelled table with column headings and the given rows', () => {
    const html = renderToStaticMarkup(
      <DataTable label="Users" columns={['User', 'Status']}>
        <tr>
          <td>ada</td>
          <td>active</td>
        </tr>
      </DataTable>,
    );
    expect(html).toBe(
      '<table class="data-table" aria-label="Users"><thead><tr><th scope="col">User</th><th scope="col">Status</th></tr></thead>' +
        '<tbody><tr><td>ada</td><td>active</td></tr></tbody></table>',
    );
  });
});

describe('FormError', () => {
  it('announces a message and renders nothing without one', () => {
    expect(renderToStaticMarkup(<FormError message="Could not load." />)).toBe(
      '<p class="form-error" role="alert">Could not load.</p>',
    );
    expect(renderToStaticMarkup(<FormError message={null} />)).toBe('');
    expect(renderToStaticMarkup(<FormError message="" />)).toBe('');
  });
});
