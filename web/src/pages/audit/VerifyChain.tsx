import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { auditApi, type ChainVerification } from '../../api/audit.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';

export function VerifyChainButton({ onResult }: { onResult: (result: ChainVerification) => void }) {
  const { t } = useT();
  const showError = useShowError();
  const [loading, setLoading] = useState(false);
  const verify = async () => {
    setLoading(true);
    try {
      onResult(await auditApi.verify());
    } catch (err) {
      showError(err);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button icon={<SafetyOutlined />} loading={loading} onClick={verify} data-testid="audit-verify">
      {t('audit.verify')}
    </Button>
  );
}

/** Green when every hash links up; red with the first entry whose hash does not. */
export function VerifyChainResult({ result, onClose }: { result: ChainVerification; onClose: () => void }) {
  const { t } = useT();
  return (
    <Alert
      showIcon
      closable={{ onClose }}
      type={result.ok ? 'success' : 'error'}
      title={
        result.ok
          ? t('audit.verifyOk', { count: result.entries })
          : t('audit.verifyBroken', { seq: result.firstBroken ?? '?' })
      }
      style={{ marginBottom: 16 }}
      data-testid="audit-verify-result"
      data-ok={String(result.ok)}
    />
  );
}
