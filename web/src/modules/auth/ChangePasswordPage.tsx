/**
 * 修改密码: POST /api/auth/password {currentPassword, newPassword}. Also the page a user is sent to after an
 * administrator reset their password (/api/auth/me says mustChangePassword) until they choose a new one.
 * The server decides what is strong enough; its message appears under the field it names.
 */
import { useState } from 'react';
import { Alert, Button, Form, Input, message } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Page } from '../../components/Page.tsx';

interface Values { currentPassword: string; newPassword: string; confirm: string }

export default function ChangePasswordPage() {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/api/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success(t('password.changed'));
      // Reload: the session is the same, and the app probes /api/auth/me afresh (the must-change flag is gone).
      window.location.assign('/');
    } catch (failure) {
      setError(applyApiError(form, failure, ['currentPassword', 'newPassword']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('password.title')} testId="change-password">
      {me.mustChangePassword && <Alert type="warning" showIcon message={t('password.mustChange')} style={{ marginBottom: 16, maxWidth: 480 }} data-testid="must-change-password" />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16, maxWidth: 480 }} data-testid="change-password-error" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 480 }} data-testid="change-password-form">
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('login.required', { field: t('password.current') }) }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rule')} rules={[{ required: true, message: t('login.required', { field: t('password.new') }) }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm" label={t('password.confirm')} dependencies={['newPassword']}
          rules={[
            { required: true, message: t('login.required', { field: t('password.confirm') }) },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">{t('password.submit')}</Button>
      </Form>
    </Page>
  );
}
