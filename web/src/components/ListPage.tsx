/**
 * The one list page (issue 10, "One list page"): the conventions of Ant Design Pro's ProTable, built on antd's Table
 * because ProTable (@ant-design/pro-components 2.8) more than doubles what a table costs: 1.93 MB minified against
 * 0.79 MB for antd's Table alone (606 KB against 252 KB gzipped, measured with esbuild). A page declares its
 * endpoint, filters and columns; the list page gives it:
 * - filters by the kind of value (text, code prefix, enum, region — with 全国 where the page's default is the user's
 *   region —, date or month and their ranges, amount range), kept in the URL's search parameters, so a page tab, a link
 *   or a reload shows the same rows;
 * - column settings (shown, order) per list in localStorage;
 * - the total as counts.ts words it (a capped count is "10,000+", never the number the count stopped at) and
 *   paging by limit/offset (or one row more than shown when the endpoint counts none); when the endpoint answers
 *   `nextCursor` (src/platform/http/lists.ts), paging by that cursor instead — 首页, 上一页, 下一页 — which reaches the
 *   last of a million rows: the page's cursor is in the URL, the cursors of the pages before it in the page's state;
 * - a totals row for money when the page passes the endpoint's totals; batch actions on selected rows for users
 *   who hold their permission;
 * - Export: the same endpoint and filters with `format=xlsx` (every matching row; the server writes the file);
 *   Print: the endpoint's `format=pdf` when it has one, else the browser's print without menu and toolbar.
 */
import { useEffect, useMemo, useState, type Key, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Checkbox, DatePicker, Input, Popover, Select, Space, Table, Tooltip, Typography, type TableColumnType, type TableProps } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined, LeftOutlined, PrinterOutlined, ReloadOutlined, RightOutlined, SettingOutlined, VerticalRightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, type Query } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../permissions.ts';
import type { Permission } from '../permissions.ts';
import { Page } from './Page.tsx';
import { ApiErrorView } from './ApiErrorView.tsx';
import { RegionSelect } from './RegionSelect.tsx';
import { ListTotal } from './ListTotal.tsx';
import { Money } from './Money.tsx';
import { NO_PRINT, PRINT_CSS } from './list/print.ts';
import {
  arrangeColumns, changeFilters, changePage, clearFilters, columnSettingsKey, exportHref, filterParams, moveColumn, nextPage, normalizeFilterValue, PAGE_SIZES,
  pageQuery, pageRows, pagesByCursor, parseColumnSettings, previousPage, readFilters, readPage, toggleColumn, type ColumnSettings, type CursorTrail, type ListAnswer,
  type ListFilter, type PageState, type Paging,
} from './list/list-state.ts';

export type { ListAnswer, ListFilter } from './list/list-state.ts';

/** A column of a list: `key` names it in the column settings; `money` right-aligns a yuan string and puts it in the totals row. */
export type ListColumn<T> = TableColumnType<T> & { key: string; title: string; money?: boolean };

/** An action on the selected rows, offered to users who hold `permission`; the list reloads after it. */
export interface BatchAction<T> { key: string; label: string; permission: Permission; danger?: boolean; run(rows: T[]): Promise<void> | void }

export interface ListPageProps<T, A> {
  /** names the list's column settings in localStorage */
  listId: string;
  title?: ReactNode;
  testId?: string;
  tableTestId?: string;
  /** buttons of the page beside Export and Print (新增 …) */
  extra?: ReactNode;
  endpoint: string;
  /** parameters of every request (a person's id, lines=false) */
  query?: Query;
  filters?: readonly ListFilter[];
  /** a filter's value when the URL has none (an as-of date, a month range) */
  defaults?: Record<string, string>;
  columns: ReadonlyArray<ListColumn<T>>;
  rowKey: TableProps<T>['rowKey'];
  paging?: Paging;
  /** the endpoint's largest `limit` */
  maxLimit?: number;
  /** an answer that is not `{items, total, totalCapped}` */
  read?: (answer: A) => ListAnswer<T>;
  /** the files the endpoint writes with `format=` (every matching row) */
  exports?: ReadonlyArray<'xlsx' | 'csv'>;
  /** 'pdf': the endpoint prints itself (`format=pdf`); 'page': the browser prints this page */
  print?: 'pdf' | 'page';
  /** money totals of every matching row, by column key, when the endpoint answers them */
  totals?: (answer: A) => Record<string, string>;
  batchActions?: ReadonlyArray<BatchAction<T>>;
  /** between the toolbar and the table: figures of the whole answer (ageing buckets …), or the page's own panels */
  header?: ReactNode | ((answer: A) => ReactNode);
  /** keeps two lists of one page apart in the URL (a detail page's tabs) */
  paramPrefix?: string;
  /** inside a detail page's tab: no card of its own */
  embedded?: boolean;
  /** changed by the page to load again (a payment recorded) */
  refresh?: unknown;
  table?: Pick<TableProps<T>, 'expandable' | 'onRow' | 'rowClassName' | 'size' | 'locale'>;
  children?: ReactNode;
}

const identity = <T, A>(answer: A) => answer as unknown as ListAnswer<T>;

function loadSettings(listId: string, keys: string[]): ColumnSettings {
  try { return parseColumnSettings(localStorage.getItem(columnSettingsKey(listId)), keys); } catch { return parseColumnSettings(null, keys); }
}

function saveSettings(listId: string, settings: ColumnSettings | undefined) {
  try {
    if (settings) localStorage.setItem(columnSettingsKey(listId), JSON.stringify(settings)); else localStorage.removeItem(columnSettingsKey(listId));
  } catch { /* private mode: the settings last for this page */ }
}

/** One filter's control; `apply` sets its parameters in the URL (a text filter on Enter, the others when picked). */
function FilterControl({ filter, values, apply }: { filter: ListFilter; values: Record<string, string>; apply(changes: Record<string, string | null | undefined>): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Record<string, string | undefined>>({});
  const current = filterParams(filter).map((param) => values[param] ?? '');
  useEffect(() => setDraft({}), [current.join('\u0000')]);
  const day = (value: string | undefined, month: boolean) => (value ? dayjs(month ? `${value}-01` : value) : null);
  switch (filter.kind) {
    case 'text':
    case 'prefix':
      return (
        <Input.Search
          value={draft[filter.param] ?? values[filter.param] ?? ''} onChange={(event) => setDraft({ [filter.param]: event.target.value })}
          onSearch={(value) => apply({ [filter.param]: normalizeFilterValue(filter, value) })} placeholder={filter.label} aria-label={filter.label}
          enterButton={t('common.search')} allowClear style={{ width: filter.width ?? 320 }} data-testid={filter.testId}
        />
      );
    case 'enum':
      return (
        <Select
          value={values[filter.param]} onChange={(value?: string) => apply({ [filter.param]: value })} options={filter.options} placeholder={filter.label}
          allowClear style={{ minWidth: 140 }} data-testid={filter.testId} popupMatchSelectWidth={false}
        />
      );
    case 'region':
      return (
        <RegionSelect
          value={values[filter.param]} onChange={(value) => apply({ [filter.param]: value ?? (filter.national ? null : undefined) })}
          placeholder={filter.national ?? filter.label} style={{ width: 260 }}
        />
      );
    case 'date':
    case 'month': {
      const month = filter.kind === 'month';
      return (
        <Space size={4}>
          <Typography.Text>{filter.label}</Typography.Text>
          <DatePicker
            picker={month ? 'month' : 'date'} value={day(values[filter.param], month)} allowClear={!filter.required} placeholder={filter.label} data-testid={filter.testId}
            onChange={(date) => (date || !filter.required) && apply({ [filter.param]: date?.format(month ? 'YYYY-MM' : 'YYYY-MM-DD') })}
          />
        </Space>
      );
    }
    case 'dateRange':
    case 'monthRange': {
      const month = filter.kind === 'monthRange';
      const format = month ? 'YYYY-MM' : 'YYYY-MM-DD';
      return (
        <Space size={4}>
          <Typography.Text>{filter.label}</Typography.Text>
          <DatePicker.RangePicker
            picker={month ? 'month' : 'date'} allowClear={!filter.required} allowEmpty={filter.required ? [false, false] : [true, true]} data-testid={filter.testId}
            value={[day(values[filter.from], month), day(values[filter.to], month)]}
            onChange={(range) => (!filter.required || (range?.[0] && range[1])) && apply({ [filter.from]: range?.[0]?.format(format), [filter.to]: range?.[1]?.format(format) })}
          />
        </Space>
      );
    }
    case 'amountRange': {
      const bound = (param: string, placeholder: string) => (
        <Input
          value={draft[param] ?? values[param] ?? ''} placeholder={placeholder} style={{ width: 120 }} inputMode="decimal" allowClear
          onChange={(event) => setDraft((previous) => ({ ...previous, [param]: event.target.value.replace(/[^\d.]/g, '') }))}
          onPressEnter={() => apply({ [filter.min]: draft[filter.min] ?? values[filter.min], [filter.max]: draft[filter.max] ?? values[filter.max] })}
          onBlur={() => param in draft && apply({ [param]: draft[param] })}
        />
      );
      return (
        <Space size={4} data-testid={filter.testId}>
          <Typography.Text>{filter.label}</Typography.Text>
          <Space.Compact>{bound(filter.min, t('list.amountFrom'))}{bound(filter.max, t('list.amountTo'))}</Space.Compact>
        </Space>
      );
    }
  }
}

/** 列设置: a checkbox per column and buttons to move it; kept per list. */
function ColumnSettingsButton<T>({ columns, settings, onChange }: { columns: ReadonlyArray<ListColumn<T>>; settings: ColumnSettings; onChange(next: ColumnSettings | undefined): void }) {
  const { t } = useI18n();
  const titles = new Map(columns.map((column) => [column.key, column.title]));
  const content = (
    <Space direction="vertical" size={2} data-testid="list-columns-panel">
      {settings.order.map((key, index) => (
        <Space key={key} style={{ width: '100%', justifyContent: 'space-between' }}>
          <Checkbox checked={!settings.hidden.includes(key)} onChange={(event) => onChange(toggleColumn(settings, key, event.target.checked))} data-testid={`list-column-${key}`}>
            {titles.get(key)}
          </Checkbox>
          <Space size={0}>
            <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0} title={t('list.moveUp')} onClick={() => onChange(moveColumn(settings, key, -1))} />
            <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={index === settings.order.length - 1} title={t('list.moveDown')} onClick={() => onChange(moveColumn(settings, key, 1))} />
          </Space>
        </Space>
      ))}
      <Button size="small" onClick={() => onChange(undefined)} data-testid="list-columns-reset">{t('list.columnsReset')}</Button>
    </Space>
  );
  return (
    <Popover content={content} title={t('list.columns')} trigger="click" placement="bottomRight">
      <Tooltip title={t('list.columns')}><Button icon={<SettingOutlined />} data-testid="list-columns" aria-label={t('list.columns')} /></Tooltip>
    </Popover>
  );
}

/** The pager of a list paged by cursor: the total, the page's number, 首页 / 上一页 / 下一页 and the page size. */
function CursorPager({ list, state, trail, pageSizes, onPage }: {
  list: ListAnswer<unknown> | undefined; state: PageState; trail: CursorTrail; pageSizes: number[]; onPage(state: PageState, trail?: CursorTrail): void;
}) {
  const { t } = useI18n();
  const previous = previousPage(state, trail);
  const nextCursor = list?.nextCursor;
  return (
    <Space wrap style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }} className={NO_PRINT} data-testid="list-cursor-pager">
      <ListTotal list={list} />
      <Typography.Text data-testid="list-page-number">{t('list.pageNumber', { n: state.page.toLocaleString('en-US') })}</Typography.Text>
      <Button icon={<VerticalRightOutlined />} disabled={state.page === 1} onClick={() => onPage({ page: 1, pageSize: state.pageSize })} data-testid="list-first-page">{t('list.firstPage')}</Button>
      <Button icon={<LeftOutlined />} disabled={!previous} onClick={() => previous && onPage(previous)} data-testid="list-previous-page">{t('list.previousPage')}</Button>
      <Button
        disabled={!nextCursor} data-testid="list-next-page"
        onClick={() => { if (nextCursor) { const next = nextPage(state, nextCursor, trail); onPage(next.state, next.trail); } }}
      >
        {t('list.nextPage')} <RightOutlined />
      </Button>
      <Select
        value={state.pageSize} onChange={(pageSize: number) => onPage({ page: 1, pageSize })} data-testid="list-page-size" popupMatchSelectWidth={false}
        options={pageSizes.map((size) => ({ value: size, label: t('list.pageSize', { n: size }) }))}
      />
    </Space>
  );
}

export function ListPage<T extends object, A = ListAnswer<T>>(props: ListPageProps<T, A>) {
  const { t } = useI18n();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const prefix = props.paramPrefix ?? '';
  const filters = props.filters ?? [];
  const paging = props.paging ?? 'counted';
  const maxLimit = props.maxLimit ?? 200;
  const values = readFilters(filters, search, props.defaults, prefix);
  const pageState = readPage(search, prefix, maxLimit);
  const fixed = props.query ?? {};
  const requestQuery = pageQuery(fixed, values, pageState, paging);
  const requestKey = JSON.stringify(requestQuery);
  const answer = useLoad((signal) => api.get<A>(props.endpoint, requestQuery, signal), [props.endpoint, requestKey, props.refresh]);
  const read = props.read ?? identity<T, A>;
  const list = answer.data === undefined ? undefined : read(answer.data);
  const { rows, pagerTotal } = pageRows(list, pageState, paging);
  const byCursor = pagesByCursor(list);
  // The cursors of the pages seen since the filters (or the page size) last changed.
  const [trail, setTrail] = useState<CursorTrail>(() => new Map());
  const trailKey = JSON.stringify([props.endpoint, fixed, values, pageState.pageSize]);
  useEffect(() => setTrail(new Map()), [trailKey]);
  const goToPage = (state: PageState, nextTrail?: CursorTrail) => {
    if (nextTrail) setTrail(nextTrail);
    setSearch((previous) => changePage(previous, state, prefix), { replace: true });
  };
  const pageSizes = PAGE_SIZES.filter((size) => size <= maxLimit);

  const keys = props.columns.map((column) => column.key);
  const [settings, setSettings] = useState(() => loadSettings(props.listId, keys));
  const changeSettings = (next: ColumnSettings | undefined) => {
    saveSettings(props.listId, next);
    setSettings(next ?? parseColumnSettings(null, keys));
  };
  const shownColumns = useMemo(
    () => arrangeColumns(props.columns, settings).map((column): ListColumn<T> => (column.money
      ? { align: 'right', width: 150, render: (value: string | null) => <Money value={value} />, ...column }
      : column)),
    [props.columns, settings],
  );

  const batchActions = (props.batchActions ?? []).filter((action) => can(action.permission));
  const [selected, setSelected] = useState<{ keys: Key[]; rows: T[] }>({ keys: [], rows: [] });
  const [running, setRunning] = useState<string>();
  useEffect(() => setSelected({ keys: [], rows: [] }), [requestKey]);
  const runBatch = async (action: BatchAction<T>) => {
    setRunning(action.key);
    try { await action.run(selected.rows); } finally { setRunning(undefined); setSelected({ keys: [], rows: [] }); answer.reload(); }
  };

  const apply = (changes: Record<string, string | null | undefined>) => setSearch((previous) => changeFilters(previous, changes, prefix), { replace: true });
  const totals = props.totals && answer.data !== undefined ? props.totals(answer.data) : undefined;

  const toolbar = (
    <div className={NO_PRINT} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', marginBottom: 16 }} data-testid="list-toolbar">
      <Space wrap>
        {filters.map((filter) => <FilterControl key={filterParams(filter).join()} filter={filter} values={values} apply={apply} />)}
        {filters.length > 0 && (
          <Button onClick={() => setSearch((previous) => clearFilters(previous, filters, prefix), { replace: true })} data-testid="list-reset">{t('common.reset')}</Button>
        )}
      </Space>
      <Space wrap>
        {props.extra}
        {(props.exports ?? []).map((format) => (
          <Tooltip key={format} title={t('list.exportHint')}>
            <Button icon={<DownloadOutlined />} href={exportHref(props.endpoint, fixed, values, format)} data-testid={`list-export-${format}`}>
              {t('list.export')} {format.toUpperCase()}
            </Button>
          </Tooltip>
        ))}
        {props.print === 'pdf' && (
          <Button icon={<PrinterOutlined />} href={exportHref(props.endpoint, fixed, values, 'pdf')} target="_blank" data-testid="list-print">{t('list.print')}</Button>
        )}
        {props.print === 'page' && <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="list-print">{t('list.print')}</Button>}
        <Tooltip title={t('common.refresh')}><Button icon={<ReloadOutlined />} onClick={answer.reload} aria-label={t('common.refresh')} /></Tooltip>
        <ColumnSettingsButton columns={props.columns} settings={settings} onChange={changeSettings} />
      </Space>
    </div>
  );

  const body = (
    <>
      <style>{PRINT_CSS}</style>
      {toolbar}
      {answer.error ? <ApiErrorView error={answer.error} retry={answer.reload} /> : (
        <>
          {typeof props.header === 'function' ? answer.data !== undefined && props.header(answer.data) : props.header}
          {batchActions.length > 0 && selected.keys.length > 0 && (
            <Space className={NO_PRINT} style={{ marginBottom: 12 }} data-testid="list-batch">
              <Typography.Text>{t('list.selected', { n: selected.keys.length })}</Typography.Text>
              {batchActions.map((action) => (
                <Button key={action.key} danger={action.danger} loading={running === action.key} onClick={() => runBatch(action)} data-testid={`list-batch-${action.key}`}>{action.label}</Button>
              ))}
            </Space>
          )}
          <Table<T>
            data-testid={props.tableTestId} rowKey={props.rowKey} size={props.table?.size ?? 'middle'} loading={answer.loading} dataSource={rows}
            columns={shownColumns} scroll={{ x: 'max-content' }} expandable={props.table?.expandable} onRow={props.table?.onRow} rowClassName={props.table?.rowClassName} locale={props.table?.locale}
            rowSelection={batchActions.length > 0 ? { selectedRowKeys: selected.keys, onChange: (keys, selectedRows) => setSelected({ keys, rows: selectedRows }) } : undefined}
            pagination={byCursor ? false : {
              current: pageState.page, pageSize: pageState.pageSize, total: pagerTotal, showSizeChanger: true,
              pageSizeOptions: pageSizes.map(String),
              showTotal: paging === 'counted' ? () => <ListTotal list={list} /> : undefined,
              onChange: (page, pageSize) => goToPage({ page: pageSize === pageState.pageSize ? page : 1, pageSize }),
            }}
            summary={totals && (() => (
              <Table.Summary fixed>
                <Table.Summary.Row data-testid="list-totals">
                  {batchActions.length > 0 && <Table.Summary.Cell index={0} />}
                  {props.table?.expandable && <Table.Summary.Cell index={0} />}
                  {shownColumns.map((column, index) => (
                    <Table.Summary.Cell key={column.key} index={index + 1} align={column.money ? 'right' : undefined}>
                      {index === 0 ? <Typography.Text strong>{t('list.totals')}</Typography.Text>
                        : column.key in totals ? <Typography.Text strong><Money value={totals[column.key]} testId={`list-total-${column.key}`} /></Typography.Text> : null}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ))}
          />
          {byCursor && <CursorPager list={list} state={pageState} trail={trail} pageSizes={pageSizes} onPage={goToPage} />}
        </>
      )}
      {props.children}
    </>
  );

  if (props.embedded) return <div data-testid={props.testId}>{body}</div>;
  return <Page title={props.title} testId={props.testId}>{body}</Page>;
}
