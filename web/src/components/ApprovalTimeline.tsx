/**
 * The history of a sign-off item, oldest first: who submitted, signed, returned, resubmitted or withdrew it, with
 * their role, the level they signed, their comment and the time. One component for every kind of item.
 */
import type { ReactNode } from 'react';
import { Space, Tag, Timeline, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, RollbackOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';
import { formatDateTime } from '../format.ts';
import { levelText, roleText } from '../platform/signoff/shared.tsx';
import type { ApprovalLevel, ApprovalStep, StepAction } from '../platform/signoff/types.ts';

const look: Record<StepAction, { color: string; icon: ReactNode }> = {
  submit: { color: 'blue', icon: <SendOutlined /> },
  resubmit: { color: 'blue', icon: <SendOutlined /> },
  approve: { color: 'green', icon: <CheckCircleOutlined /> },
  return: { color: 'red', icon: <RollbackOutlined /> },
  cancel: { color: 'gray', icon: <StopOutlined /> },
};

export function ApprovalTimeline({ steps, levels = [] }: { steps: ApprovalStep[]; levels?: Pick<ApprovalLevel, 'name' | 'label'>[] }) {
  const { t, lang } = useI18n();
  const levelOf = (step: ApprovalStep) => {
    if (step.level === null) return null;
    const level = levels[step.level];
    return level ? levelText(t, lang, level) : step.levelLabel;
  };
  return (
    <Timeline
      data-testid="approval-timeline"
      items={steps.map((step) => {
        const level = levelOf(step);
        const { color, icon } = look[step.action] ?? { color: 'gray', icon: <CloseCircleOutlined /> };
        return {
          key: step.seq, color, dot: icon,
          children: (
            <div data-testid="approval-step" data-action={step.action}>
              <Space size={6} wrap>
                <Typography.Text strong>{t(`approvals.action.${step.action}`)}</Typography.Text>
                {level && <Tag data-testid="approval-step-level">{level}</Tag>}
                <span data-testid="approval-step-user">{step.username}</span>
                <Tag color="blue" data-testid="approval-step-role">{roleText(t, step.role)}</Tag>
                <Typography.Text type="secondary">{formatDateTime(step.at)}</Typography.Text>
              </Space>
              {step.comment && <div data-testid="approval-step-comment"><Typography.Text>{step.comment}</Typography.Text></div>}
            </div>
          ),
        };
      })}
    />
  );
}
