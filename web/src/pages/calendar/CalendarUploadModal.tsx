import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Form, Input, InputNumber, Modal, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { calendarApi, type CalendarRegion } from '../../api/calendar.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { exampleJson, parseCalendarJson } from './calendar-data';

type Values = { region: string; year: number; json: string };

type Props = {
  open: boolean;
  regions: CalendarRegion[];
  initial: { region?: string; year: number };
  onClose: () => void;
  onSaved: (region: string, year: number) => void;
};

export function CalendarUploadModal({ open, regions, initial, onClose, onSaved }: Props) {
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const region = Form.useWatch('region', form);
  const year = Form.useWatch('year', form);
  const exists = regions.some((r) => r.region === region && r.years.includes(Number(year)));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ region: initial.region ?? '', year: initial.year, json: '' });
    // Only on opening: later changes of `initial` must not wipe what the user typed.
  }, [open]);

  const submit = async (v: Values) => {
    const regionCode = v.region.trim();
    const parsed = parseCalendarJson(v.json, regionCode, v.year, t);
    if (parsed.type === 'invalid') {
      form.setFields([{ name: 'json', errors: [parsed.message] }]);
      return;
    }
    setSaving(true);
    try {
      await calendarApi.put(parsed.calendar);
      void message.success(t('calendar.uploaded', { region: regionCode, year: v.year }));
      onSaved(regionCode, v.year);
    } catch (err) {
      showError(err, { form, fields: ['region', 'year', 'json', 'holidays', 'makeUpWorkdays'] });
    } finally {
      setSaving(false);
    }
  };

  const readFile = (file: File) => {
    void file.text().then((text) => form.setFieldsValue({ json: text }));
    return false; // read locally; nothing is uploaded until the user saves
  };

  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  return (
    <Modal
      open={open}
      title={t('calendar.uploadTitle')}
      width={640}
      forceRender
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'calendar-upload-submit' }}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="region" label={t('calendar.region')} rules={[{ ...required(t('calendar.region')), whitespace: true }]}>
          <AutoComplete options={regions.map((r) => ({ value: r.region }))} data-testid="calendar-upload-region" />
        </Form.Item>
        <Form.Item name="year" label={t('calendar.year')} rules={[required(t('calendar.year'))]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} data-testid="calendar-upload-year" />
        </Form.Item>
        {exists ? (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }}
            title={t('calendar.replaceWarning', { region: region ?? '', year: year ?? '' })} />
        ) : null}
        <Form.Item
          name="json"
          label={t('calendar.json')}
          rules={[{ ...required(t('calendar.json')), whitespace: true }]}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('calendar.jsonHint', { example: exampleJson })}
            </Typography.Text>
          }
        >
          <Input.TextArea rows={10} spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="calendar-json" />
        </Form.Item>
        <Upload accept=".json,application/json" showUploadList={false} beforeUpload={readFile}>
          <Button icon={<UploadOutlined />} data-testid="calendar-read-file">{t('calendar.readFile')}</Button>
        </Upload>
      </Form>
    </Modal>
  );
}
