/**
 * A modal form that submits to the API: shows a field's error under that field when the API names it
 * (`error.field`), any other error above the form (with the refused rows of a batch, each by its field's label),
 * and optionally asks for confirmation first. When the operation's automatic checks warn (409 check_warnings,
 * platform/checks), it lists the warnings and asks for the reason to carry on; 仍然提交 sends the same values with
 * `override: {reason}` (the form's onSubmit passes it into its request). Changing a value drops the warnings.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Form, Input, Modal, type FormInstance } from 'antd';
import { ApiError, type RowProblem } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { applyApiError } from './forms.ts';

interface Props<V, R> {
  title: ReactNode;
  open: boolean;
  onClose(): void;
  /** `extra.override` is set once the user gives a reason to carry on over the checks' warnings: send it with the request */
  onSubmit(values: V, extra: { override?: { reason: string } }): Promise<R>;
  onDone?(result: R): void;
  /** the form's field names: an API error naming one of them is shown under it */
  fields: string[];
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  initialValues?: Partial<V>;
  okText?: ReactNode;
  /** ask this before submitting (irreversible actions); a function states the effect of the values given */
  confirm?: ReactNode | ((values: V) => ReactNode);
  danger?: boolean;
  testId?: string;
  width?: number;
}

export function FormModal<V extends object, R = unknown>(props: Props<V, R>) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [problemRows, setProblemRows] = useState<RowProblem[]>([]);
  const [warnings, setWarnings] = useState<{ check: string; message: string }[]>([]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const forgetWarnings = () => { setWarnings([]); setReason(''); setReasonError(undefined); };

  useEffect(() => {
    if (props.open) { form.resetFields(); setError(undefined); setProblemRows([]); forgetWarnings(); }
  }, [props.open, form]);

  const confirmed = (values: V) => new Promise<boolean>((resolve) => {
    if (!props.confirm) return resolve(true);
    const content = typeof props.confirm === 'function' ? props.confirm(values) : props.confirm;
    modal.confirm({ title: props.title, content, okButtonProps: { danger: true, 'data-testid': 'confirm-ok' }, onOk: () => resolve(true), onCancel: () => resolve(false) });
  });

  const submit = async () => {
    let values: V;
    try { values = await form.validateFields(); } catch { return; }
    const overriding = warnings.length > 0;
    if (overriding && (reason.trim().length < 4 || reason.trim().length > 500)) { setReasonError(t('form.override.reasonRule')); return; }
    if (!(await confirmed(values))) return;
    setBusy(true);
    setError(undefined);
    setProblemRows([]);
    try {
      const result = await props.onSubmit(values, overriding ? { override: { reason: reason.trim() } } : {});
      props.onClose();
      props.onDone?.(result);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'check_warnings' && Array.isArray(failure.details.warnings)) {
        setWarnings(failure.details.warnings as { check: string; message: string }[]);
        return;
      }
      setError(applyApiError(form, failure, props.fields));
      setProblemRows(failure instanceof ApiError ? failure.rows ?? [] : []);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={props.title} open={props.open} onCancel={props.onClose} onOk={submit} confirmLoading={busy} width={props.width ?? 560}
      okText={warnings.length > 0 ? t('form.override.submit') : props.okText ?? t('common.submit')} cancelText={t('common.cancel')} okButtonProps={{ danger: props.danger, 'data-testid': `${props.testId ?? 'form'}-submit` }}
      data-testid={props.testId}
    >
      {error && (
        <Alert
          type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="form-error"
          description={problemRows.length > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="form-error-rows">
              {problemRows.map((row, index) => <li key={index}>{t('form.rowProblem', { row: row.row, field: row.fieldLabel ?? row.field, message: row.message })}</li>)}
            </ul>
          )}
        />
      )}
      <Form form={form} layout="vertical" initialValues={props.initialValues} onFinish={submit} onValuesChange={forgetWarnings} data-testid={props.testId && `${props.testId}-form`}>
        {typeof props.children === 'function' ? props.children(form) : props.children}
      </Form>
      {warnings.length > 0 && (
        <Alert
          type="warning" showIcon message={t('form.override.title')} data-testid="form-warnings"
          description={(
            <>
              <ul style={{ margin: '4px 0 8px', paddingInlineStart: 20 }}>
                {warnings.map((warning) => <li key={warning.check} data-testid="form-warning" data-check={warning.check}>{warning.message}</li>)}
              </ul>
              <Form.Item label={t('form.override.reason')} required validateStatus={reasonError ? 'error' : undefined} help={reasonError} style={{ marginBottom: 0 }}>
                <Input.TextArea rows={2} value={reason} maxLength={500} placeholder={t('form.override.reasonHint')} data-testid="form-override-reason"
                  onChange={(event) => { setReason(event.target.value); setReasonError(undefined); }} />
              </Form.Item>
            </>
          )}
        />
      )}
    </Modal>
  );
}
