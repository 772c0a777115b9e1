import { Typography } from 'antd';
import { useT, type Translate } from '../i18n/i18n';
import { formatBytes } from './complaint-display';

/** What the server takes as an attachment (it checks the content against the type too). */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'text/plain'] as const;
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.txt,application/pdf,image/jpeg,image/png,text/plain';
const EXTENSIONS = /\.(pdf|jpe?g|png|txt)$/i;

/** Why a file cannot be attached, in words; null when it can. */
export function attachmentProblem(file: File, maxBytes: number | undefined, t: Translate): string | null {
  const typeOk = (ATTACHMENT_TYPES as readonly string[]).includes(file.type) || (!file.type && EXTENSIONS.test(file.name));
  if (!typeOk) return t('complaintAttach.badType', { name: file.name });
  if (maxBytes !== undefined && file.size > maxBytes) return t('complaintAttach.tooBig', { name: file.name, max: formatBytes(maxBytes) });
  if (file.size === 0) return t('complaintAttach.empty', { name: file.name });
  return null;
}

/** `PDF、JPEG、PNG、TXT，每个不超过 10 MB` from the rules of `GET /complaint-setup`. */
export function AttachmentLimits({ maxBytes }: { maxBytes: number | undefined }) {
  const { t } = useT();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="complaint-attachment-limits">
      {maxBytes === undefined ? t('complaintAttach.typesOnly') : t('complaintAttach.limits', { max: formatBytes(maxBytes) })}
    </Typography.Text>
  );
}
