import { Checkbox, Flex, Typography, theme } from 'antd';
import type { Permission } from '../../api/org.api';
import { useT } from '../../i18n/i18n';
import { groupPermissions } from '../../shared/reference';

type Props = {
  permissions: Permission[];
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
};

/** Permission checkboxes grouped by key prefix (`org.user.*`, `audit.*` …), each group with "all". */
export function PermissionPicker({ permissions, value = [], onChange, disabled }: Props) {
  const { t, has, pick } = useT();
  const { token } = theme.useToken();
  const selected = new Set(value);

  const set = (keys: string[], on: boolean) => {
    const next = new Set(selected);
    for (const key of keys) {
      if (on) next.add(key);
      else next.delete(key);
    }
    // Keep the catalogue order so that saved lists read the same way every time.
    onChange?.(permissions.map((p) => p.key).filter((k) => next.has(k)));
  };

  return (
    <Flex vertical gap={8} data-testid="permission-picker">
      {groupPermissions(permissions, (p) => p.key).map(([group, items]) => {
        const keys = items.map((p) => p.key);
        const count = keys.filter((k) => selected.has(k)).length;
        const label = `permGroup.${group}`;
        return (
          <div key={group} style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius, padding: '8px 12px' }}>
            <Checkbox
              checked={count === keys.length}
              indeterminate={count > 0 && count < keys.length}
              disabled={disabled}
              onChange={(e) => set(keys, e.target.checked)}
            >
              <Typography.Text strong>{has(label) ? t(label) : group}</Typography.Text>
            </Checkbox>
            <Flex wrap gap={4} style={{ marginTop: 6, paddingInlineStart: 24 }}>
              {items.map((p) => (
                <Checkbox
                  key={p.key}
                  checked={selected.has(p.key)}
                  disabled={disabled}
                  onChange={(e) => set([p.key], e.target.checked)}
                  data-testid={`perm-${p.key}`}
                >
                  <span title={p.key}>{pick(p)}</span>
                </Checkbox>
              ))}
            </Flex>
          </div>
        );
      })}
    </Flex>
  );
}
