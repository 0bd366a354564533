/** Before/after of an audit record: field by field when both are objects, changed fields highlighted. */
import { Table, Typography } from 'antd';
import { useI18n } from '../i18n.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

interface Row { field: string; before: string; after: string; changed: boolean }

export function diffRows(before: unknown, after: unknown): Row[] {
  const a = isRecord(before) ? before : {};
  const b = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields.map((field) => {
    const left = show(a[field]);
    const right = show(b[field]);
    return { field, before: left, after: right, changed: left !== right };
  });
}

export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const structured = (before === null || before === undefined || isRecord(before)) && (after === null || after === undefined || isRecord(after));
  if (!structured) {
    return (
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }} data-testid="audit-diff">
        {[['audit.before', before], ['audit.after', after]].map(([label, value]) => (
          <div key={String(label)}>
            <Typography.Text strong>{t(String(label))}</Typography.Text>
            <pre style={{ background: '#fafafa', padding: 8, margin: 0, whiteSpace: 'pre-wrap' }}>{value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}</pre>
          </div>
        ))}
      </div>
    );
  }
  const rows = diffRows(before, after);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noChange')}</Typography.Text>;
  // A creation (nothing before) or a removal (nothing after) is one column of values, not a diff.
  const only = before == null ? 'after' : after == null ? 'before' : undefined;
  const cell = (text: string, row: Row, side: 'before' | 'after') => (
    <code style={{
      wordBreak: 'break-all',
      background: row.changed && !only ? (side === 'before' ? '#fff1f0' : '#f6ffed') : undefined,
      textDecoration: row.changed && !only && side === 'before' && text ? 'line-through' : undefined,
    }}>{text || '—'}</code>
  );
  const sides = (only ? [only] : ['before', 'after']) as ('before' | 'after')[];
  return (
    <Table<Row>
      data-testid="audit-diff" size="small" pagination={false} rowKey="field" dataSource={rows}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 200, render: (field: string, row) => (row.changed && !only ? <Typography.Text strong>{field}</Typography.Text> : field) },
        ...sides.map((side) => ({ title: t(`audit.${side}`), dataIndex: side, render: (text: string, row: Row) => cell(text, row, side) })),
      ]}
    />
  );
}
