import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Flex, Upload, type UploadFile } from 'antd';
import type { Dispatch, SetStateAction } from 'react';
import { useT } from '../../i18n/i18n';
import { ATTACHMENT_ACCEPT, AttachmentLimits, attachmentProblem } from '../attachment-rules';

type Props = { files: File[]; onChange: Dispatch<SetStateAction<File[]>>; maxBytes: number | undefined };

/** Files chosen now and uploaded once the complaint exists (the upload needs its id). */
export function AttachmentPicker({ files, onChange, maxBytes }: Props) {
  const { t } = useT();
  const { message } = App.useApp();
  const fileList: UploadFile[] = files.map((f, i) => ({ uid: `${i}-${f.name}`, name: f.name, size: f.size, type: f.type, status: 'done' }));

  return (
    <Flex vertical gap={4}>
      <Upload
        multiple
        accept={ATTACHMENT_ACCEPT}
        fileList={fileList}
        beforeUpload={(file) => {
          const problem = attachmentProblem(file, maxBytes, t);
          if (problem) void message.error(problem);
          else onChange((prev) => [...prev, file]);
          return false;
        }}
        onRemove={(removed) => onChange((prev) => prev.filter((f, i) => `${i}-${f.name}` !== removed.uid))}
      >
        <Button icon={<PaperClipOutlined />} data-testid="complaint-attachment-pick">{t('complaintAttach.choose')}</Button>
      </Upload>
      <AttachmentLimits maxBytes={maxBytes} />
    </Flex>
  );
}
