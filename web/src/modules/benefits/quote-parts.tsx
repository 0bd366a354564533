/**
 * What the pension and the unemployment quote pages share: the eligibility with its reasons, the trace as a step
 * table (each step, its figure, the formula, the dated parameter and its legal source), asking for a quote (a refusal
 * naming a field shows under that field) and the print stylesheet.
 */
import { useState } from 'react';
import { Space, Table, Tag, Typography, type FormInstance } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { hasMessage, useI18n, type Translate } from '../../i18n.ts';
import { api } from '../../api.ts';
import { applyApiError } from '../../components/forms.ts';
import { NO_PRINT } from '../../components/list/print.ts';
import type { TraceStep } from './types.ts';

/** 符合 / 不符合按月领取条件, and why not, in the words of the API (in the user's language). */
export function Eligibility({ eligible, reasons }: { eligible: boolean; reasons: readonly string[] }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={4} data-testid="quote-eligibility" data-eligible={eligible}>
      {eligible
        ? <Tag color="green" icon={<CheckCircleOutlined />}>{t('quote.eligible')}</Tag>
        : <Tag color="red" icon={<CloseCircleOutlined />}>{t('quote.notEligible')}</Tag>}
      {reasons.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="quote-reasons">
          {reasons.map((reason) => <li key={reason}>{reason}</li>)}
        </ul>
      )}
    </Space>
  );
}

/** "60y2m", the way the trace writes an age, as 60岁2个月 / 60 years 2 months; anything else as it is. */
export function ageText(t: Translate, value: string): string {
  const match = /^(\d+)y(\d+)m$/.exec(value);
  return match ? t('quote.yearsMonths', { years: match[1], months: match[2] }) : value;
}

/** A step's name: the step, and the input field or the part of the step it concerns. */
function stepText(t: Translate, step: TraceStep): string {
  const title = hasMessage(`quote.step.${step.step}`) ? t(`quote.step.${step.step}`) : step.step;
  if (!step.name) return title;
  const part = hasMessage(`quote.field.${step.name}`) ? t(`quote.field.${step.name}`) : hasMessage(`quote.part.${step.name}`) ? t(`quote.part.${step.name}`) : step.name;
  return `${title} · ${part}`;
}

/** A step's figure: yes/no, an age in years and months, a named value (male, involuntary), or as the API gave it. */
function valueText(t: Translate, value: TraceStep['value']): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  const text = String(value);
  if (hasMessage(`quote.value.${text}`)) return t(`quote.value.${text}`);
  return ageText(t, text);
}

/** The trace: every input, every parameter with its legal reference, every figure with its formula, in order. */
export function TraceTable({ trace, testId = 'quote-trace' }: { trace: readonly TraceStep[]; testId?: string }) {
  const { t } = useI18n();
  const rows = trace.map((step, index) => ({ ...step, index: index + 1 }));
  return (
    <Table
      data-testid={testId} rowKey="index" size="small" pagination={false} dataSource={rows}
      columns={[
        { title: t('quote.trace.number'), dataIndex: 'index', width: 56 },
        { title: t('quote.trace.step'), key: 'step', width: 220, render: (_, step) => stepText(t, step) },
        { title: t('quote.trace.value'), key: 'value', width: 140, render: (_, step) => <span data-testid={`trace-${step.step}${step.name ? `-${step.name}` : ''}`}>{valueText(t, step.value)}</span> },
        { title: t('quote.trace.formula'), dataIndex: 'formula', render: (formula?: string) => formula && <Typography.Text code>{formula}</Typography.Text> },
        {
          title: t('quote.trace.source'), key: 'source',
          render: (_, step) => (
            <Space direction="vertical" size={0}>
              {step.reference && <span>{step.reference}</span>}
              {step.parameter && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('quote.trace.parameter', { parameter: step.parameter })}</Typography.Text>}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** The print stylesheet of a quote: the result and its trace on A4, without the menu and the form's controls. */
export const QUOTE_PRINT_CSS = `@media print {
  @page { size: A4 portrait; margin: 12mm; }
  .ant-layout-sider, .ant-layout-header, .ant-layout-footer, .ant-breadcrumb, .ant-tabs-nav, .${NO_PRINT} { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .ant-card { border: none !important; box-shadow: none !important; }
  .ant-table { font-size: 11px !important; }
  tr { break-inside: avoid; }
}`;

/**
 * Asks `path` for a quote of `input`; keeps the answer with the input it answers. A refusal that names one of the
 * form's `fields` is shown under it; any other is `error`, for the page to show above the result.
 */
export function useQuote<Input, Answer>(form: FormInstance, fields: string[], path: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [answer, setAnswer] = useState<{ quote: Answer; input: Input }>();
  const calculate = async (input: Input) => {
    setBusy(true); setError(undefined);
    try {
      setAnswer({ quote: await api.post<Answer>(path, input), input });
    } catch (failure) {
      setAnswer(undefined);
      setError(applyApiError(form, failure, fields));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, answer, calculate };
}
