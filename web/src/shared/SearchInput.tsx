import { SearchOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';

type Props = {
  /** The search applied now (from the address); the box follows it. */
  value: string;
  /** Called with the typed text (trimmed, `normalise`d), or undefined when cleared. */
  onSearch: (text: string | undefined) => void;
  placeholder: string;
  width: number;
  testId: string;
  /** How typed text is read, e.g. merchant codes in capitals. */
  normalise?: (text: string) => string;
};

/** A search box applied on Enter or the button, and cleared at once when emptied. */
export function SearchInput({ value, onSearch, placeholder, width, testId, normalise = (s) => s }: Props) {
  const { t } = useT();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const apply = () => onSearch(normalise(text.trim()) || undefined);
  return (
    <Space.Compact style={{ width }}>
      <Input
        value={text}
        placeholder={placeholder}
        allowClear
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value === '') onSearch(undefined);
        }}
        onPressEnter={apply}
        data-testid={testId}
      />
      <Button icon={<SearchOutlined />} onClick={apply} aria-label={t('common.search')} />
    </Space.Compact>
  );
}
