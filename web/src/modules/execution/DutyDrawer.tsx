/**
 * 岗位责任 of a region, in a drawer of the 基金运行概况 page: who answers for the budget execution of the region's funds,
 * per scheme (险种, or 全部险种), with the history (a new responsible ends the current one's period the day before; none
 * is edited), and — for holders of execution.duty.manage — the form to assign one, the user picked from the staff the
 * server says are eligible (active, reading budget execution, of the region or above it), confirmed before it is written
 * (GET/POST /api/execution/duty-assignments).
 */
import { useState } from 'react';
import type { Static } from '@sinclair/typebox';
import { Button, DatePicker, Drawer, Empty, Form, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n, type Translate } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import type * as DutySchemas from '../../../../src/modules/execution/duty/duty.schemas.ts';

export type FocusList = Static<typeof DutySchemas.FocusListView>;
export type FocusItem = FocusList['items'][number];
type DutyAssignments = Static<typeof DutySchemas.DutyAssignmentsView>;
type Assignment = DutyAssignments['assignments'][number];

/** 全部险种, 机关事业单位养老保险, or the insurance's own name. */
export const schemeLabel = (t: Translate, scheme: string) => (scheme === 'all' || scheme === 'public_pension' ? t(`duty.scheme.${scheme}`) : t(`insurance.${scheme}`));

interface AssignValues { scheme: string; username: string; from: Dayjs }

function AssignModal({ region, answer, scheme, open, onClose, onDone }: {
  region: string; answer: DutyAssignments; scheme: string | undefined; open: boolean; onClose(): void; onDone(): void;
}) {
  const { t } = useI18n();
  const staffLabel = (username: string) => {
    const staff = answer.eligible.find((candidate) => candidate.username === username);
    return staff ? `${staff.name}（${staff.username}）` : username;
  };
  return (
    <FormModal<AssignValues>
      title={t('duty.assign')} open={open} onClose={onClose} testId="duty-form" fields={['scheme', 'username', 'from']} okText={t('duty.assignOk')}
      initialValues={{ scheme: scheme ?? 'all', from: dayjs() }}
      confirm={(values) => t('duty.confirm', { region, scheme: schemeLabel(t, values.scheme), staff: staffLabel(values.username), from: values.from.format('YYYY-MM-DD') })}
      onSubmit={(values) => api.post('/api/execution/duty-assignments', { region, scheme: values.scheme, username: values.username, from: values.from.format('YYYY-MM-DD') })}
      onDone={onDone}
    >
      <Form.Item name="scheme" label={t('duty.scheme')} rules={[{ required: true }]}>
        <Select data-testid="duty-scheme" options={answer.schemes.map((value) => ({ value, label: schemeLabel(t, value) }))} />
      </Form.Item>
      <Form.Item name="username" label={t('duty.responsible')} rules={[{ required: true, message: t('duty.pickStaff') }]}
        extra={answer.eligible.length === 0 ? t('duty.noEligible') : t('duty.eligibleExplain')}>
        <Select data-testid="duty-username" showSearch optionFilterProp="label" placeholder={t('duty.pickStaff')}
          options={answer.eligible.map((staff) => ({ value: staff.username, label: `${staff.name}（${staff.username}）${t(`role.${staff.role}`)} ${staff.region}` }))} />
      </Form.Item>
      <Form.Item name="from" label={t('duty.from')} rules={[{ required: true }]}>
        <DatePicker data-testid="duty-from" />
      </Form.Item>
    </FormModal>
  );
}

export function DutyDrawer({ region, scheme, onClose, onChanged }: { region: string | null; scheme?: string; onClose(): void; onChanged(): void }) {
  const { t } = useI18n();
  const can = useCan();
  const [assigning, setAssigning] = useState(false);
  const loaded = useLoad(
    (signal) => (region ? api.get<DutyAssignments>('/api/execution/duty-assignments', { region }, signal) : Promise.resolve(undefined)),
    [region],
  );
  const answer = loaded.data;
  return (
    <Drawer open={region !== null} onClose={onClose} width={820} title={t('duty.title', { region: region ?? '' })} data-testid="duty-drawer"
      extra={can('execution.duty.manage') && answer && <Button type="primary" onClick={() => setAssigning(true)} data-testid="duty-assign">{t('duty.assign')}</Button>}>
      <Typography.Paragraph type="secondary">{t('duty.explain')}</Typography.Paragraph>
      {loaded.error ? <ApiErrorView error={loaded.error} retry={loaded.reload} /> : !answer ? <PageSpinner /> : answer.assignments.length === 0 ? (
        <Empty data-testid="duty-none" description={t('duty.none')} />
      ) : (
        <Table<Assignment>
          size="small" pagination={false} rowKey="id" dataSource={answer.assignments} data-testid="duty-assignments"
          columns={[
            { title: t('duty.scheme'), dataIndex: 'scheme', render: (value: string) => schemeLabel(t, value) },
            { title: t('duty.responsible'), key: 'staff', render: (_, row) => `${row.name}（${row.username}）` },
            { title: t('duty.from'), dataIndex: 'from' },
            { title: t('duty.to'), dataIndex: 'to', render: (value: string | null) => (value ?? <Tag color="green">{t('duty.current')}</Tag>) },
            { title: t('duty.assignedBy'), key: 'by', render: (_, row) => `${row.assignedBy} ${formatDateTime(row.assignedAt)}` },
          ]}
        />
      )}
      {region && answer && (
        <AssignModal region={region} answer={answer} scheme={scheme} open={assigning} onClose={() => setAssigning(false)}
          onDone={() => { loaded.reload(); onChanged(); }} />
      )}
    </Drawer>
  );
}
