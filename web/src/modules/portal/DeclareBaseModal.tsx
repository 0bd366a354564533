/** 缴费基数申报 of one employee: POST /api/portal/employer/bases — a new version each time; a correction needs a reason. */
import { Form, Input, Typography } from 'antd';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';
import type { PortalEmployee } from './types.ts';

interface Values { monthlyWage: string; reason?: string }

export function DeclareBaseModal({ employee, year, onClose, onDone }: { employee?: PortalEmployee; year: number; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  return (
    <FormModal<Values>
      title={`${t('base.declare')} ${year}${employee ? ` — ${employee.name}` : ''}`} open={Boolean(employee)} onClose={onClose} onDone={onDone}
      testId="declare-base-form" fields={['monthlyWage', 'reason']}
      onSubmit={(values) => api.post('/api/portal/employer/bases', { personId: employee!.personId, year, monthlyWage: values.monthlyWage.trim(), reason: values.reason || undefined })}
    >
      <Typography.Paragraph type="secondary">{t('base.newVersion')}</Typography.Paragraph>
      <Form.Item name="monthlyWage" label={t('base.monthlyWage')} extra={t('base.wageFormat')} rules={[{ required: true }, { pattern: /^\s*\d+(\.\d{1,2})?\s*$/, message: t('base.wageFormat') }]}>
        <Input prefix="¥" data-testid="declare-base-monthlyWage" />
      </Form.Item>
      {employee?.base && (
        <Form.Item name="reason" label={t('base.reason')} rules={[{ required: true }]} extra={t('portal.correctionReason', { wage: employee.base.monthlyWage, version: employee.base.version })}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      )}
    </FormModal>
  );
}
