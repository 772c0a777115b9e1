import { lazy, type ComponentType } from 'react';
import type { MessageKey } from '../../i18n/zh-CN';
import { BottlenecksTab } from '../bottlenecks/BottlenecksTab';
import { CompareTab } from '../compare/CompareTab';
import { ConformanceTab } from '../conformance/ConformanceTab';
import { DeadlinesTab } from '../deadlines/DeadlinesTab';
import { ProcessMapTab } from '../process-map/ProcessMapTab';
import { ReworkTab } from '../rework/ReworkTab';
import { VariantsTab } from '../variants/VariantsTab';
import type { LogTabProps } from './log-tab';

/**
 * The tabs of the log analysis page, in order; the first is the default. A new analysis is a
 * folder beside `process-map/` with a component taking
 * `LogTabProps`, and a line here: it gets the filter bar, the summary and the address for free.
 */
// the diagram viewer (bpmn-js) is large: it loads when its tab is first opened
const DiagramTab = lazy(() => import('../diagram/DiagramTab').then((m) => ({ default: m.DiagramTab })));

export type LogTabDef = { key: string; label: MessageKey; Component: ComponentType<LogTabProps> };

export const LOG_TABS: readonly LogTabDef[] = [
  { key: 'map', label: 'analytics.tab.map', Component: ProcessMapTab },
  { key: 'variants', label: 'analytics.tab.variants', Component: VariantsTab },
  { key: 'bottlenecks', label: 'analytics.tab.bottlenecks', Component: BottlenecksTab },
  { key: 'rework', label: 'analytics.tab.rework', Component: ReworkTab },
  { key: 'diagram', label: 'analytics.tab.diagram', Component: DiagramTab },
  { key: 'conformance', label: 'analytics.tab.conformance', Component: ConformanceTab },
  { key: 'deadlines', label: 'analytics.tab.deadlines', Component: DeadlinesTab },
  { key: 'compare', label: 'analytics.tab.compare', Component: CompareTab },
];
