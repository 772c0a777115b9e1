import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { PHONE } from './ComplainantSection';

/** At most five representatives of a joint complaint (共同投诉推选代表). */
export const MAX_REPRESENTATIVES = 5;

/** A joint complaint's representatives: name and phone per row, added and removed one by one. */
export function RepresentativesField() {
  const { t } = useT();
  return (
    <Form.List name="representatives">
      {(rows, { add, remove }) => (
        <Flex vertical gap={4}>
          {rows.length === 0 ? <Typography.Text type="secondary">{t('complaintIntake.noRepresentatives')}</Typography.Text> : null}
          {rows.map((row, index) => (
            <Flex key={row.key} gap={8} align="start" data-testid={`complaint-rep-${index}`}>
              <Typography.Text type="secondary" style={{ lineHeight: '32px', minWidth: 20 }}>{index + 1}.</Typography.Text>
              <Form.Item name={[row.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaintIntake.name') }) }]} style={{ flex: 1, marginBottom: 8 }}>
                <Input placeholder={t('complaintIntake.name')} maxLength={100} autoComplete="off" data-testid={`complaint-rep-name-${index}`} />
              </Form.Item>
              <Form.Item name={[row.name, 'phone']} rules={[{ pattern: PHONE, message: t('complaintIntake.phoneInvalid') }]} style={{ flex: 1, marginBottom: 8 }}>
                <Input placeholder={t('complaintIntake.phone')} maxLength={20} autoComplete="off" data-testid={`complaint-rep-phone-${index}`} />
              </Form.Item>
              <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('common.delete')} data-testid={`complaint-rep-remove-${index}`} />
            </Flex>
          ))}
          <div>
            <Button icon={<PlusOutlined />} size="small" disabled={rows.length >= MAX_REPRESENTATIVES} onClick={() => add({ name: '', phone: '' })} data-testid="complaint-rep-add">
              {t('complaintIntake.addRepresentative', { n: rows.length, max: MAX_REPRESENTATIVES })}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}
