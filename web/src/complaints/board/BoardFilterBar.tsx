import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Space, TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { channels, runningClockStates, statusFilters, type ComplaintChannel } from '../complaints.api';
import { UserPicker } from '../UserPicker';
import type { SetupView } from '../use-complaint-setup';
import type { BoardFilters, UpdateBoardFilters } from './use-board-filters';

type Props = { filters: BoardFilters; update: UpdateBoardFilters; setup: SetupView };

/** Reference search, then status, clock, channel, category and handler; every choice lands in the address. */
export function BoardFilterBar({ filters, update, setup }: Props) {
  const { t } = useT();
  const { username } = useMe();
  const [ref, setRef] = useState(filters.ref);
  const [handler, setHandler] = useState(filters.handler ?? '');
  useEffect(() => setRef(filters.ref), [filters.ref]);
  useEffect(() => setHandler(filters.handler ?? ''), [filters.handler]);
  const applyRef = () => update({ ref: ref.trim().toUpperCase() || undefined });
  const mine = filters.handler === username;

  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="complaints-filters">
      <Space.Compact style={{ width: 220 }}>
        <Input
          value={ref}
          placeholder={t('complaints.searchRef')}
          allowClear
          onChange={(e) => {
            setRef(e.target.value);
            if (e.target.value === '') update({ ref: undefined });
          }}
          onPressEnter={applyRef}
          data-testid="complaints-search-ref"
        />
        <Button icon={<SearchOutlined />} onClick={applyRef} aria-label={t('common.search')} />
      </Space.Compact>
      <Select
        value={filters.status}
        options={statusFilters.map((s) => ({ value: s, label: t(`complaints.filter.${s}`) }))}
        onChange={(status: string) => update({ status: status === 'open' ? undefined : status })}
        style={{ width: 110 }}
        data-testid="complaints-filter-status"
      />
      <Select
        value={filters.clock}
        placeholder={t('complaints.allClocks')}
        allowClear
        options={runningClockStates.map((s) => ({ value: s, label: t(`complaint.clock.${s}`) }))}
        onChange={(clock?: string) => update({ clock })}
        style={{ width: 130 }}
        data-testid="complaints-filter-clock"
      />
      <Select
        value={filters.channel}
        placeholder={t('complaints.allChannels')}
        allowClear
        options={channels.map((c) => ({ value: c, label: t(`complaint.channel.${c}`) }))}
        onChange={(channel?: ComplaintChannel) => update({ channel })}
        style={{ width: 130 }}
        data-testid="complaints-filter-channel"
      />
      <TreeSelect
        value={filters.category}
        placeholder={t('complaints.allCategories')}
        allowClear
        showSearch={{ treeNodeFilterProp: 'title' }}
        treeData={setup.businessTree}
        treeDefaultExpandAll
        onChange={(category?: string) => update({ category })}
        style={{ width: 170 }}
        popupMatchSelectWidth={260}
        data-testid="complaints-filter-category"
      />
      <UserPicker
        value={handler}
        onChange={setHandler}
        onCommit={(next) => update({ handler: next || undefined })}
        placeholder={t('complaints.anyHandler')}
        allowClear
        style={{ width: 150 }}
        testId="complaints-filter-handler"
      />
      <Button type={mine ? 'primary' : 'default'} ghost={mine} onClick={() => update({ handler: mine ? undefined : username })} data-testid="complaints-filter-mine">
        {t('complaints.mine')}
      </Button>
    </Flex>
  );
}
