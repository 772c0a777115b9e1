import { api } from '../../api/client';

/*
 * What-if simulation (src/analytics/simulation/, docs/ANALYTICS.md "What-if simulation"): a
 * deployed process's parameters learned from a log (`GET /simulation/parameters`), and scenarios
 * simulated side by side (`POST /simulations`). Durations are in seconds.
 */

export type Distribution =
  | { kind: 'exponential'; mean: number }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'lognormal'; mean: number; sd: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'fixed'; value: number }
  | { kind: 'empirical'; values: number[] };

export type DistributionKind = Distribution['kind'];
export const DISTRIBUTION_KINDS: readonly DistributionKind[] = ['exponential', 'normal', 'lognormal', 'uniform', 'fixed', 'empirical'];

export type PoolCalendar = '24x7' | 'working';

export type SimulationParameters = {
  arrivalsPerHour: number;
  /** By activity id. */
  durations: Record<string, Distribution>;
  /** By sequence-flow id. */
  branchProbabilities: Record<string, number>;
  /** By pool name. */
  pools: Record<string, { size: number; calendar: PoolCalendar }>;
  removedActivities: string[];
};

/** Where a value came from; the rest of its fields say from what (observations, method, meanSeconds, resources, of…). */
export type ValueOrigin = { source: 'log' | 'default' | 'hand'; note?: string; observations?: number; [detail: string]: unknown };

export type Provenance = {
  arrivalsPerHour: ValueOrigin;
  durations: Record<string, ValueOrigin>;
  branchProbabilities: Record<string, ValueOrigin>;
  pools: Record<string, ValueOrigin>;
};

export type ModelActivity = { id: string; name: string; type: string; pool: string | null; timed: boolean };
export type ModelSplit = { id: string; name: string; kind: 'exclusive' | 'inclusive'; flows: { id: string; target: string; targetName: string }[] };

export type DefinitionInfo = { id: string; key: string; version: number; name: string | null };

export type LearnedFrom = { id: string; cases: number; matchedActivities: string[]; unmatchedActivities: string[]; truncated: boolean };

export type ParameterSet = {
  definition: DefinitionInfo;
  log: LearnedFrom | null;
  model: { activities: ModelActivity[]; splits: ModelSplit[]; pools: string[] };
  parameters: SimulationParameters;
  provenance: Provenance;
};

/** A scenario's changes to the base set. */
export type ParameterOverrides = Partial<Omit<SimulationParameters, 'pools'>> & { pools?: Record<string, { size?: number; calendar?: PoolCalendar }> };

export type ScenarioRequest = { name: string; parameters?: ParameterOverrides; cases?: number; seed?: number };

export type SimulationRequest = { definitionId: string; logId?: string; scenarios: ScenarioRequest[] };

type Seconds = { meanSeconds: number | null; p90Seconds: number | null };

export type CycleTime = { meanSeconds: number | null; p50Seconds: number | null; p90Seconds: number | null; p95Seconds: number | null; maxSeconds: number | null };

export type ScenarioResult = {
  name: string;
  cases: number;
  warmUpCases: number;
  casesSimulated: number;
  unfinishedCases: number;
  stoppedBy: 'completed' | 'maxSimulatedTime' | 'wallClock';
  window: { from: string; to: string };
  cycleTime: CycleTime & { histogram: { fromSeconds: number; toSeconds: number; cases: number }[] };
  throughputPerDay: number | null;
  activities: { id: string; name: string; pool: string | null; count: number; waiting: Seconds; processing: Seconds }[];
  pools: { name: string; size: number; calendar: PoolCalendar; utilisation: number | null; meanQueueLength: number | null }[];
  differenceFromBaseline: {
    cycleTime: CycleTime & { meanRelative: number | null };
    throughputPerDay: number | null;
    activities: { id: string; count: number; waitingMeanSeconds: number | null; processingMeanSeconds: number | null }[];
    pools: { name: string; size: number; utilisation: number | null; meanQueueLength: number | null }[];
  } | null;
};

export type SimulationResult = { definition: DefinitionInfo; log: LearnedFrom | null; startAt: string; scenarios: ScenarioResult[] };

export const simulationApi = {
  parameters: (definitionId: string, logId: string | undefined, signal?: AbortSignal) =>
    api.get<ParameterSet>('/simulation/parameters', { query: { definitionId, logId }, signal }),
  run: (request: SimulationRequest, signal?: AbortSignal) => api.post<SimulationResult>('/simulations', request, { signal }),
};
