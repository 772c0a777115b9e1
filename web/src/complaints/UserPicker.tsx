import { AutoComplete, Tag } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { usersApi } from '../api/users.api';
import { useMe } from '../auth/auth';
import { useT } from '../i18n/i18n';
import { useRequest } from '../shared/use-request';

type Props = {
  value?: string;
  onChange?: (value: string) => void;
  /** Called on choosing from the list or pressing Enter (filters that apply at once). */
  onCommit?: (value: string) => void;
  /** Usernames shown but not to be chosen (回避). */
  excluded?: readonly string[];
  placeholder?: string;
  testId?: string;
  style?: CSSProperties;
  allowClear?: boolean;
};

/**
 * A staff member by username: typed, or chosen from the users in reach (names shown when the
 * user may read the user list; usernames can always be typed).
 */
export function UserPicker({ value, onChange, onCommit, excluded = [], placeholder, testId, style, allowClear }: Props) {
  const { t } = useT();
  const { can } = useMe();
  const users = useRequest((signal) => usersApi.list({ status: 'active', limit: 500, offset: 0 }, signal), [], { silent: true, enabled: can('org.user.read') });
  const options = useMemo(() => {
    const text = (value ?? '').trim().toLowerCase();
    return (users.data?.items ?? [])
      .filter((u) => !text || u.username.toLowerCase().includes(text) || u.displayName.toLowerCase().includes(text))
      .slice(0, 50)
      .map((u) => {
        const recused = excluded.includes(u.username);
        return {
          value: u.username,
          disabled: recused,
          label: (
            <span>
              {u.displayName} <span style={{ color: '#8c8c8c', fontFamily: 'monospace' }}>{u.username}</span> <span style={{ color: '#8c8c8c' }}>· {u.unitCode}</span>
              {recused ? <Tag color="red" style={{ marginInlineStart: 6 }}>{t('complaint.recusedTag')}</Tag> : null}
            </span>
          ),
        };
      });
  }, [users.data, value, excluded, t]);

  return (
    <AutoComplete
      value={value}
      options={options}
      onChange={(next: string) => onChange?.(next)}
      onSelect={(next: string) => {
        onChange?.(next);
        onCommit?.(next);
      }}
      onClear={() => onCommit?.('')}
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      popupMatchSelectWidth={360}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onCommit?.((value ?? '').trim());
      }}
      data-testid={testId}
    />
  );
}
