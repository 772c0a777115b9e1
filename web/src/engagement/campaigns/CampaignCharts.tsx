import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { CHART_BLUE, CHART_ORANGE, CHART_RED, EChart, type ChartOption } from '../../queue/figures/EChart';
import { wilsonInterval } from './interval';
import type { Channel, Results, Uplift } from './campaigns.api';

const pct = (x: number) => Math.round(x * 1000) / 10;
const DECISIONS = ['sent', 'deferred', 'no_consent', 'no_address', 'capped'] as const;
const DECISION_COLOURS = ['#389e0d', '#faad14', '#8c8c8c', '#bfbfbf', CHART_RED];

/** A floating bar from low to high (the interval) and a mark at the estimate, per category. */
function intervalSeries(name: string, items: { low: number; high: number; value: number }[], colour: string): ChartOption['series'] {
  return [
    { type: 'bar', stack: name, stackStrategy: 'all', silent: true, itemStyle: { color: 'transparent' }, data: items.map((i) => pct(i.low)), barWidth: 14 },
    { type: 'bar', stack: name, stackStrategy: 'all', name: `${name} 95% CI`, itemStyle: { color: colour, opacity: 0.35 }, data: items.map((i) => pct(i.high - i.low)), barWidth: 14 },
    { type: 'line', name, data: items.map((i) => pct(i.value)), symbol: 'diamond', symbolSize: 12, lineStyle: { opacity: 0 }, itemStyle: { color: colour } },
  ];
}

/** 活动效果 charts: conversion of both arms with their intervals, uplift overall and by channel, contacts by channel, exclusions. */
export function CampaignCharts({ results }: { results: Results }) {
  const { t } = useT();
  const conversion = useMemo<ChartOption>(() => {
    const arms = [results.treatment, results.control].map((a) => {
      const [low, high] = wilsonInterval(a.converted, a.reached);
      return { value: a.rate ?? 0, low, high };
    });
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: [t('campaign.results.treatment'), t('campaign.results.control')] },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        { type: 'bar', name: t('campaign.results.converted'), data: arms.map((a, i) => ({ value: pct(a.value), itemStyle: { color: i === 0 ? CHART_BLUE : CHART_ORANGE } })), barWidth: '40%', barGap: '-100%' },
        ...(intervalSeries('CI', arms, '#000') as never[]),
      ],
    };
  }, [results, t]);

  const upliftOption = useMemo<ChartOption>(() => {
    const rows: { label: string; u: Uplift }[] = [{ label: t('campaign.results.overall'), u: results.uplift }, ...results.channels.map((c) => ({ label: t(`campaign.channel.${c.channel}`), u: c.uplift }))];
    const items = rows.map((r) => (r.u ? { value: r.u.difference, low: r.u.low, high: r.u.high } : { value: 0, low: 0, high: 0 }));
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: rows.map((r) => r.label) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: intervalSeries(t('campaign.results.uplift'), items, CHART_BLUE),
    };
  }, [results, t]);

  const channelOption = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: results.channels.map((c) => t(`campaign.channel.${c.channel as Channel}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: DECISIONS.map((d, i) => ({ type: 'bar', stack: 'decisions', name: t(d === 'deferred' ? 'campaign.reason.deferred' : d === 'sent' ? 'campaign.reason.sent' : `campaign.reason.${d}`), itemStyle: { color: DECISION_COLOURS[i] }, data: results.channels.map((c) => c.decisions[d]) })),
  }), [results, t]);

  const exclusionOption = useMemo<ChartOption>(() => {
    const reasons = ['control', 'no_consent', 'no_address', 'capped'] as const;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: [...reasons.map((r) => t(`campaign.reason.${r}`)), t('campaign.reason.deferred')] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: [...reasons.map((r) => results.excluded[r]), results.deferred], itemStyle: { color: CHART_ORANGE }, barWidth: '40%' }],
    };
  }, [results, t]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}><Card size="small" title={t('campaign.results.conversionChart')}><EChart option={conversion} height={260} label={t('campaign.results.conversionChart')} testId="campaign-chart-conversion" /></Card></Col>
      <Col xs={24} lg={12}><Card size="small" title={t('campaign.results.upliftChart')}><EChart option={upliftOption} height={260} label={t('campaign.results.upliftChart')} testId="campaign-chart-uplift" /></Card></Col>
      <Col xs={24} lg={12}><Card size="small" title={t('campaign.results.channelChart')}><EChart option={channelOption} height={260} label={t('campaign.results.channelChart')} testId="campaign-chart-channels" /></Card></Col>
      <Col xs={24} lg={12}><Card size="small" title={t('campaign.results.exclusionChart')}><EChart option={exclusionOption} height={260} label={t('campaign.results.exclusionChart')} testId="campaign-chart-exclusions" /></Card></Col>
    </Row>
  );
}
