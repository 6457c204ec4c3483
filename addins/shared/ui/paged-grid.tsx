import { useMemo, useState, type ReactNode } from 'react';
import {
  Button,
  DataGrid,
  DataGridBody,
  DataGridCell,
  DataGridHeader,
  DataGridHeaderCell,
  DataGridRow,
  Field,
  SearchBox,
  Text,
  createTableColumn,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { formatNumber } from './format.ts';

export interface GridColumn<T> {
  id: string;
  header: string;
  cell: (item: T) => ReactNode;
  /** What the filter searches in this column. */
  text: (item: T) => string;
  /** The cell holds buttons: Enter goes into it, Tab moves between them, Escape goes back to the grid. */
  interactive?: boolean;
}

export interface PagedGridProps<T> {
  items: readonly T[];
  columns: GridColumn<T>[];
  rowKey: (item: T) => string;
  /** The table's accessible name. */
  label: string;
  /** Names the filter box after what it filters. */
  filterLabel: string;
  pageSize?: number;
  testId?: string;
}

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', marginBottom: tokens.spacingVerticalS },
  pager: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  filter: { minWidth: '260px' },
});

/**
 * A filterable table that shows one page at a time, so thousands of rows stay
 * responsive: the filter runs over precomputed lower-case text, only a page is rendered.
 */
export function PagedGrid<T>({ items, columns, rowKey, label, filterLabel, pageSize = 50, testId }: PagedGridProps<T>) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const haystacks = useMemo(() => items.map((item) => columns.map((c) => c.text(item)).join('\u0000').toLocaleLowerCase()), [items, columns]);
  const filtered = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase();
    if (needle === '') return items;
    return items.filter((_, i) => (haystacks[i] ?? '').includes(needle));
  }, [items, haystacks, query]);
  const pages = Math.max(1, Math.ceil(filtered.length / pageSize));
  const current = Math.min(page, pages - 1);
  const shown = filtered.slice(current * pageSize, (current + 1) * pageSize);
  const gridColumns = useMemo(
    () =>
      columns.map((c) =>
        createTableColumn<T>({ columnId: c.id, renderHeaderCell: () => c.header, renderCell: (item) => c.cell(item) }),
      ),
    [columns],
  );
  const interactive = useMemo(() => new Set<string | number>(columns.filter((c) => c.interactive === true).map((c) => c.id)), [columns]);
  const lang = i18n.language;
  return (
    <div data-testid={testId}>
      <div className={styles.bar}>
        <Field label={filterLabel} className={styles.filter}>
          <SearchBox
            value={query}
            onChange={(_, data) => {
              setQuery(data.value);
              setPage(0);
            }}
          />
        </Field>
        <Text role="status" aria-live="polite" data-testid={testId === undefined ? undefined : `${testId}-count`}>
          {filtered.length === 0
            ? t('shared.grid.none')
            : t('shared.grid.range', {
                from: formatNumber(current * pageSize + 1, lang),
                to: formatNumber(current * pageSize + shown.length, lang),
                total: formatNumber(filtered.length, lang),
              })}
        </Text>
      </div>
      <DataGrid items={shown as T[]} columns={gridColumns} getRowId={rowKey} aria-label={label} resizableColumns={false}>
        <DataGridHeader>
          <DataGridRow>{({ renderHeaderCell }) => <DataGridHeaderCell>{renderHeaderCell()}</DataGridHeaderCell>}</DataGridRow>
        </DataGridHeader>
        <DataGridBody<T>>
          {({ item, rowId }) => (
            <DataGridRow<T> key={rowId}>
              {({ renderCell, columnId }) => <DataGridCell focusMode={interactive.has(columnId) ? 'group' : 'cell'}>{renderCell(item)}</DataGridCell>}
            </DataGridRow>
          )}
        </DataGridBody>
      </DataGrid>
      {pages > 1 && (
        <div className={styles.pager}>
          <Button disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('shared.grid.previous')}
          </Button>
          <Text>{t('shared.grid.page', { page: formatNumber(current + 1, lang), pages: formatNumber(pages, lang) })}</Text>
          <Button disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {t('shared.grid.next')}
          </Button>
        </div>
      )}
    </div>
  );
}
