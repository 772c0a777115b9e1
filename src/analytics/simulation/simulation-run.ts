import type { Window } from './resource-pool.ts';
import type { ModelOutline, SimulationParameters } from './simulation-model.ts';
import type { WorkCalendar } from './work-calendar.ts';

/* What one simulation run is given, and what it gives back. */

export type SimulationRun = {
  outline: ModelOutline;
  parameters: SimulationParameters;
  /** Cases measured, after the warm-up cases. */
  cases: number;
  /** Cases simulated first and left out of the results, so that queues are not measured empty. */
  warmUpCases: number;
  seed: number;
  /** When the first case arrives (epoch ms); working calendars count from it. */
  startAt: number;
  /** The working time of pools on the `working` calendar. */
  workingCalendar?: WorkCalendar;
  /** Keep the simulated event log. */
  keepLog?: boolean;
  /** Simulated time after which the run stops (ms after `startAt`). */
  maxSimulatedMs: number;
  /** Real time after which the run stops (ms), and the clock it reads (default `performance.now`). */
  wallClockMs: number;
  wallClock?: () => number;
};

export type SimulatedEvent = { caseId: string; activityId: string; activity: string; lifecycle: 'start' | 'complete'; at: number; resource: string | null };

export type ActivityTally = { id: string; label: string; pool: string | null; count: number; waits: number[]; processing: number[] };
export type PoolTally = { name: string; size: number; calendar: WorkCalendar['kind']; busyMs: number; availableMs: number; queueArea: number };

export type RunOutcome = {
  stoppedBy: 'completed' | 'maxSimulatedTime' | 'wallClock';
  /** Cycle times (seconds) of the measured cases that completed. */
  cycleTimes: number[];
  unfinished: number;
  window: Window;
  /** Measured cases that completed inside the window. */
  completedInWindow: number;
  activities: ActivityTally[];
  pools: PoolTally[];
  log: SimulatedEvent[] | null;
};
