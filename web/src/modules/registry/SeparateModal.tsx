/** 退工: POST /api/employments/:employerId/:id/separate — irreversible, so it asks first. */
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { SeparationFields } from '../../components/SeparationFields.tsx';

export interface SeparationTarget { employerId: string; employmentId: string; hiredOn: string; label: string }
interface Values { separatedOn: Dayjs; reason: string }

export function SeparateModal({ target, onClose, onDone }: { target?: SeparationTarget; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  return (
    <FormModal<Values>
      title={`${t('employment.separateTitle')}${target ? ` — ${target.label}` : ''}`} open={Boolean(target)} onClose={onClose} onDone={onDone}
      testId="separate-form" danger confirm={t('employment.separateWarning')} initialValues={{ separatedOn: dayjs() }} fields={['separatedOn', 'reason']}
      onSubmit={(values) => api.post(`/api/employments/${target!.employerId}/${target!.employmentId}/separate`, { separatedOn: values.separatedOn.format('YYYY-MM-DD'), reason: values.reason })}
    >
      <SeparationFields hiredOn={target?.hiredOn} />
    </FormModal>
  );
}
