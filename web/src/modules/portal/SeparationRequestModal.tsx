/** 减员申报: POST /api/portal/employer/requests/separate — a request the agency reviews. */
import { Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { SeparationFields } from '../../components/SeparationFields.tsx';
import type { PortalEmployee } from './types.ts';

interface Values { separatedOn: Dayjs; reason: string }

export function SeparationRequestModal({ employee, onClose, onDone }: { employee?: PortalEmployee; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  return (
    <FormModal<Values>
      title={`${t('portal.separationRequest')}${employee ? ` — ${employee.name}` : ''}`} open={Boolean(employee)} onClose={onClose} onDone={onDone}
      testId="separation-request-form" danger confirm={t('portal.requestConfirm')} initialValues={{ separatedOn: dayjs() }} fields={['separatedOn', 'reason']}
      onSubmit={(values) => api.post('/api/portal/employer/requests/separate', { personId: employee!.personId, separatedOn: values.separatedOn.format('YYYY-MM-DD'), reason: values.reason })}
    >
      <Typography.Paragraph type="secondary">{t('portal.requestReviewed')}</Typography.Paragraph>
      <SeparationFields hiredOn={employee?.hiredOn} reasonTestId="separation-request-reason" />
    </FormModal>
  );
}
