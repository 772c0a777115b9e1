import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Typography } from 'antd';
import { useT } from '../../i18n/i18n';

export type VariableRow = { name?: string; value?: string };

/** Key/value rows for tasks without a form; lives inside an antd Form under `variables`. */
export function VariablesEditor() {
  const { t } = useT();
  return (
    <Form.List name="variables">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="start">
              <Form.Item
                name={[field.name, 'name']}
                style={{ flex: '0 0 40%', marginBottom: 0 }}
                rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('instance.varName') }) }]}
              >
                <Input placeholder={t('instance.varName')} data-testid={`task-var-name-${field.name}`} />
              </Form.Item>
              <Form.Item name={[field.name, 'value']} style={{ flex: 1, marginBottom: 0 }}>
                <Input placeholder={t('instance.varValue')} data-testid={`task-var-value-${field.name}`} />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', value: '' })} data-testid="task-var-add">
            {t('task.addVariable')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('task.variablesHint')}</Typography.Text>
        </Flex>
      )}
    </Form.List>
  );
}
