/**
 * A finding's evidence as the rule gives it (src/modules/supervision/rules/*.sql.ts): its single values as a
 * bordered list, each list of rows (the persons not enrolled, the payroll lines, a stay's items …) as a table, each
 * nested record (a stay) as a section of its own. Keys are labelled by `supervision.evidence.<key>` and shown in the
 * order of those labels (the database keeps JSON keys in an order of its own); a key the UI does not know yet shows
 * as it is, last, so a new rule's evidence is never hidden.
 */
import { Descriptions, Space, Table, Typography } from 'antd';
import { hasMessage, useI18n } from '../../i18n.ts';
import { messages } from './messages.ts';

type Row = Record<string, unknown>;
const isRecord = (value: unknown): value is Row => value !== null && typeof value === 'object' && !Array.isArray(value);
const isRowList = (value: unknown): value is Row[] => Array.isArray(value) && value.every(isRecord);

const EVIDENCE = 'supervision.evidence.';
const labelledKeys = Object.keys(messages).filter((key) => key.startsWith(EVIDENCE)).map((key) => key.slice(EVIDENCE.length));
const position = (key: string) => (labelledKeys.includes(key) ? labelledKeys.indexOf(key) : labelledKeys.length);
const inLabelOrder = (keys: string[]) => [...keys].sort((a, b) => position(a) - position(b));

function useEvidenceLabel() {
  const { t } = useI18n();
  return (key: string) => (hasMessage(`supervision.evidence.${key}`) ? t(`supervision.evidence.${key}`) : key);
}

function useScalar() {
  const { t } = useI18n();
  return (value: unknown): string => {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
    if (Array.isArray(value)) return value.map(String).join('、');
    return String(value);
  };
}

function RowsTable({ name, rows }: { name: string; rows: Row[] }) {
  const label = useEvidenceLabel();
  const scalar = useScalar();
  const keys = inLabelOrder([...new Set(rows.flatMap((row) => Object.keys(row)))]);
  return (
    <Table<Row & { key: number }>
      size="small" bordered pagination={false} data-testid={`evidence-${name}`} scroll={{ x: 'max-content' }}
      title={() => <Typography.Text strong>{label(name)}</Typography.Text>}
      dataSource={rows.map((row, index) => ({ ...row, key: index }))}
      columns={keys.map((key) => ({
        key, title: label(key), dataIndex: key,
        render: (value: unknown) => (isRowList(value) && value.length > 0 ? value.map((item) => Object.values(item).map(scalar).join(' ')).join('；') : scalar(value)),
      }))}
    />
  );
}

export function EvidenceView({ evidence, name = 'evidence' }: { evidence: unknown; name?: string }) {
  const label = useEvidenceLabel();
  const scalar = useScalar();
  if (!isRecord(evidence)) return <Typography.Text data-testid={`evidence-${name}`}>{scalar(evidence)}</Typography.Text>;
  const entries = inLabelOrder(Object.keys(evidence)).map((key) => [key, evidence[key]] as const);
  const single = entries.filter(([, value]) => !isRecord(value) && !(isRowList(value) && value.length > 0));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`evidence-${name}`}>
      {single.length > 0 && (
        <Descriptions size="small" bordered column={1} data-testid={`evidence-${name}-values`}>
          {single.map(([key, value]) => <Descriptions.Item key={key} label={label(key)}><span data-evidence={key}>{scalar(value)}</span></Descriptions.Item>)}
        </Descriptions>
      )}
      {entries.filter(([, value]) => isRowList(value) && value.length > 0).map(([key, value]) => <RowsTable key={key} name={key} rows={value as Row[]} />)}
      {entries.filter(([, value]) => isRecord(value)).map(([key, value]) => (
        <div key={key}>
          <Typography.Title level={5}>{label(key)}</Typography.Title>
          <EvidenceView evidence={value} name={key} />
        </div>
      ))}
    </Space>
  );
}
