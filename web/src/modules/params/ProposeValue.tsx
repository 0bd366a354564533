/**
 * 参数调整: the form that proposes a dated value of a parameter for a region (POST /api/params/proposals). The value is
 * written as the parameter files write it and checked by the server with the files' own parser; its refusal shows
 * under the field (FormModal). Before sending, a confirmation states the effect; the value applies only once
 * approved in 待办.
 */
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useRegions } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import type { ParameterHistory } from '../../types.ts';
import { withPercent } from './values.ts';

interface Values { region: string; since: Dayjs; value: string; reference: string; comment?: string }

/** How the value is written, by the parameter's unit (a text parameter with choices is a choice). */
function valueHint(history: Pick<ParameterHistory, 'unit' | 'choices'>): string {
  if (history.unit === 'text' && history.choices) return 'params.propose.hint.choice';
  return `params.propose.hint.${history.unit}`;
}

export function ProposeValue({ open, onClose, onDone, history, region, current }: {
  open: boolean; onClose(): void; onDone(item: ApprovalItem): void;
  history: ParameterHistory; region?: string; current?: string;
}) {
  const { t } = useI18n();
  const regions = useRegions();
  const regionText = (code: string) => {
    const name = regions.find((candidate) => candidate.code === code)?.name;
    return name ? `${name}（${code}）` : code;
  };
  const required = [{ required: true, whitespace: true, message: t('params.propose.required') }];
  return (
    <FormModal<Values, ApprovalItem>
      title={t('params.propose.title', { description: history.description })} open={open} onClose={onClose} onDone={onDone}
      testId="params-propose" width={620} okText={t('params.propose.submit')}
      fields={['region', 'since', 'value', 'reference', 'comment']} initialValues={{ region }}
      confirm={(values) => t('params.propose.effect', { since: values.since.format('YYYY-MM-DD'), region: regionText(values.region), value: withPercent(values.value.trim(), history.unit) })}
      onSubmit={(values) => api.post<ApprovalItem>('/api/params/proposals', {
        path: history.path, region: values.region, since: values.since.format('YYYY-MM-DD'), value: values.value.trim(), reference: values.reference.trim(),
        ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
      })}
    >
      <Form.Item name="region" label={t('params.propose.region')} extra={t('params.propose.regionHint')} rules={[{ required: true, message: t('params.propose.required') }]}>
        <RegionSelect allowClear={false} testId="params-propose-region" />
      </Form.Item>
      <Form.Item name="since" label={t('params.propose.since')} extra={t('params.propose.sinceHint')} rules={[{ required: true, message: t('params.propose.required') }]}>
        <DatePicker disabledDate={(day) => day.isBefore(dayjs(), 'day')} data-testid="params-propose-since" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="value" label={t('params.propose.value')} extra={<>{t(valueHint(history))}{current !== undefined && <><br />{t('params.propose.current', { value: current })}</>}</>} rules={required}>
        {history.unit === 'text' && history.choices
          ? <Select options={history.choices.map((choice) => ({ value: choice, label: choice }))} data-testid="params-propose-value" />
          : <Input data-testid="params-propose-value" autoComplete="off" />}
      </Form.Item>
      <Form.Item name="reference" label={t('params.propose.reference')} rules={required}>
        <Input placeholder={t('params.propose.referencePlaceholder')} data-testid="params-propose-reference" maxLength={500} />
      </Form.Item>
      <Form.Item name="comment" label={t('params.propose.comment')}>
        <Input.TextArea rows={2} maxLength={500} data-testid="params-propose-comment" />
      </Form.Item>
    </FormModal>
  );
}
