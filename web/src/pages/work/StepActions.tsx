import { CheckOutlined, CloseOutlined, RollbackOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useT } from '../../i18n/i18n';
import type { StepKind } from './step-kind';
import type { StepAction } from './use-step-work';

type Props = {
  kind: StepKind;
  claimed: boolean;
  mine: boolean;
  busy: StepAction | null;
  onClaim: () => void;
  onComplete: () => void;
  onApprove: () => void;
  onReject: () => void;
  onReturn: () => void;
};

/** The outcome buttons of a step: take it; or submit; or approve / return / reject; or vote. */
export function StepActions({ kind, claimed, mine, busy, onClaim, onComplete, onApprove, onReject, onReturn }: Props) {
  const { t } = useT();
  const disabled = busy !== null;
  if (!claimed) {
    return (
      <Button type="primary" icon={<UserAddOutlined />} loading={busy === 'claim'} disabled={disabled} onClick={onClaim} data-testid="task-claim">
        {t('work.claim')}
      </Button>
    );
  }
  if (!mine) return null;
  if (kind.type === 'plain') {
    return (
      <Button type="primary" icon={<CheckOutlined />} loading={busy === 'complete'} disabled={disabled} onClick={onComplete} data-testid="task-complete">
        {t('work.complete')}
      </Button>
    );
  }
  const vote = kind.type === 'vote';
  return (
    <Space>
      {kind.canReturn ? (
        <Button icon={<RollbackOutlined />} loading={busy === 'return'} disabled={disabled} onClick={onReturn} data-testid="task-return">
          {t('work.return')}
        </Button>
      ) : null}
      <Button danger icon={<CloseOutlined />} loading={busy === 'reject'} disabled={disabled} onClick={onReject} data-testid="task-reject">
        {vote ? t('work.voteAgainst') : t('work.reject')}
      </Button>
      <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} disabled={disabled} onClick={onApprove} data-testid="task-approve">
        {vote ? t('work.voteFor') : t('work.approve')}
      </Button>
    </Space>
  );
}
