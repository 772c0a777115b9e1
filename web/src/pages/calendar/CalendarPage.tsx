import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Select, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { calendarApi } from '../../api/calendar.api';
import { isApiError } from '../../api/client';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { CalendarUploadModal } from './CalendarUploadModal';
import { HolidayList } from './HolidayList';
import { YearCalendar } from './YearCalendar';

export function CalendarPage() {
  const { t } = useT();
  const { can } = useMe();
  const canWrite = can('calendar.write');
  const regions = useRequest((signal) => calendarApi.regions(signal), []);
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [year, setYear] = useState<number>(() => dayjs().year());
  const [uploading, setUploading] = useState(false);

  const regionList = regions.data ?? [];
  const years = useMemo(
    () => [...(regionList.find((r) => r.region === region)?.years ?? [])].sort((a, b) => b - a),
    [regionList, region],
  );

  // First visit: the first region, and this year if it has one, else its latest.
  useEffect(() => {
    const first = regionList[0];
    if (region === undefined && first) {
      setRegion(first.region);
      const thisYear = dayjs().year();
      setYear(first.years.includes(thisYear) ? thisYear : Math.max(...first.years, thisYear));
    }
  }, [regionList, region]);

  const calendar = useRequest(
    async (signal) => {
      if (!region) return null;
      try {
        return await calendarApi.year(region, year, signal);
      } catch (err) {
        if (isApiError(err) && err.status === 404) return null; // not uploaded yet
        throw err;
      }
    },
    [region, year],
  );

  const yearOptions = [...new Set([...years, year])].sort((a, b) => b - a).map((y) => ({ value: y, label: String(y) }));

  return (
    <>
      <PageHeader
        title={t('nav.calendar')}
        section="nav.admin"
        extra={canWrite ? (
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)} data-testid="calendar-upload">
            {t('calendar.upload')}
          </Button>
        ) : null}
      />
      <Card>
        <Flex gap={16} wrap style={{ marginBottom: 16 }}>
          <Flex gap={8} align="center">
            <span>{t('calendar.region')}</span>
            <Select value={region} onChange={setRegion} options={regionList.map((r) => ({ value: r.region, label: r.region }))}
              loading={regions.loading} style={{ minWidth: 180 }} data-testid="calendar-region" />
          </Flex>
          <Flex gap={8} align="center">
            <span>{t('calendar.year')}</span>
            <Select value={year} onChange={setYear} options={yearOptions} style={{ width: 110 }} data-testid="calendar-year" />
          </Flex>
        </Flex>
        {regions.loading || calendar.loading ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : regionList.length === 0 ? (
          <Empty description={t('calendar.noRegions')} />
        ) : calendar.data ? (
          <Row gutter={24}>
            <Col xs={24} xl={17}><YearCalendar calendar={calendar.data} /></Col>
            <Col xs={24} xl={7}><HolidayList calendar={calendar.data} /></Col>
          </Row>
        ) : (
          <Empty description={t('calendar.noYear', { region: region ?? '', year })} data-testid="calendar-empty" />
        )}
      </Card>
      <CalendarUploadModal
        open={uploading}
        regions={regionList}
        initial={{ region, year: years.includes(year) ? Math.max(...years) + 1 : year }}
        onClose={() => setUploading(false)}
        onSaved={(savedRegion, savedYear) => {
          setUploading(false);
          setRegion(savedRegion);
          setYear(savedYear);
          regions.reload();
          calendar.reload();
        }}
      />
    </>
  );
}
