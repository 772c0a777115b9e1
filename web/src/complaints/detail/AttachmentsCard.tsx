import { DownloadOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { useShowError } from '../../shared/api-errors';
import { ATTACHMENT_ACCEPT, AttachmentLimits, attachmentProblem } from '../attachment-rules';
import { formatBytes } from '../complaint-display';
import { complaintsApi, type Complaint } from '../complaints.api';

/** 附件: the complaint's files to download, and more to upload (checked against the rules before they leave). */
export function AttachmentsCard({ complaint: c, maxBytes, onUploaded }: { complaint: Complaint; maxBytes: number | undefined; onUploaded: () => void }) {
  const { t } = useT();
  const { can } = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const [uploading, setUploading] = useState(0);
  const canUpload = can('complaint.intake') && c.status !== 'closed' && c.status !== 'declined';

  const upload = async (file: File) => {
    const problem = attachmentProblem(file, maxBytes, t);
    if (problem) {
      void message.error(problem);
      return;
    }
    setUploading((n) => n + 1);
    try {
      await complaintsApi.upload(c.id, file);
      void message.success(t('complaintAttach.uploaded', { name: file.name }));
      onUploaded();
    } catch (error) {
      showError(error);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  return (
    <Card size="small" title={t('complaintAttach.title', { n: c.attachments.length })} data-testid="complaint-attachments"
      extra={canUpload ? (
        <Upload multiple accept={ATTACHMENT_ACCEPT} showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
          <Button size="small" icon={<UploadOutlined />} loading={uploading > 0} data-testid="complaint-attachment-upload">{t('complaintAttach.upload')}</Button>
        </Upload>
      ) : null}>
      <Flex vertical gap={6}>
        {c.attachments.length === 0 ? <Typography.Text type="secondary">{t('complaintAttach.none')}</Typography.Text> : null}
        {c.attachments.map((a) => (
          <Flex key={a.id} justify="space-between" align="center" gap={8}>
            <Flex vertical style={{ minWidth: 0 }}>
              <Typography.Link href={complaintsApi.attachmentUrl(c.id, a.id)} download={a.fileName} ellipsis data-testid={`complaint-attachment-${a.id}`}>
                <FileOutlined /> {a.fileName}
              </Typography.Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatBytes(a.sizeBytes)} · {a.uploadedBy} · {formatDateTime(a.uploadedAt)}</Typography.Text>
            </Flex>
            <Button size="small" type="text" icon={<DownloadOutlined />} href={complaintsApi.attachmentUrl(c.id, a.id)} download={a.fileName} aria-label={t('complaintAttach.download')} />
          </Flex>
        ))}
        {canUpload ? <AttachmentLimits maxBytes={maxBytes} /> : null}
      </Flex>
    </Card>
  );
}
