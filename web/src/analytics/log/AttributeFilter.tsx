import { TagOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n';

/** 属性: keeps the cases with an event carrying an attribute value (`channel` = `电话`); each added pair narrows further. */
export function AttributeFilter({ onAdd }: { onAdd: (pair: string) => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const ready = name.trim() !== '' && !name.includes('=');
  const add = () => {
    if (!ready) return;
    onAdd(`${name.trim()}=${value}`);
    setName('');
    setValue('');
    setOpen(false);
  };
  const content = (
    <Flex vertical gap={8} style={{ width: 280 }}>
      <Typography.Text type="secondary">{t('analytics.filter.attributeHint')}</Typography.Text>
      <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('analytics.filter.attributeName')} onPressEnter={add} data-testid="filter-attribute-name" />
      <Input value={value} onChange={(e) => setValue(e.target.value)} placeholder={t('analytics.filter.attributeValue')} onPressEnter={add} data-testid="filter-attribute-value" />
      <Flex justify="end" gap={8}>
        <Button size="small" onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
        <Button size="small" type="primary" disabled={!ready} onClick={add} data-testid="filter-attribute-add">{t('analytics.filter.add')}</Button>
      </Flex>
    </Flex>
  );
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" content={content} title={t('analytics.filter.attribute')} placement="bottomLeft">
      <Button icon={<TagOutlined />} data-testid="filter-attribute">{t('analytics.filter.attribute')}</Button>
    </Popover>
  );
}
