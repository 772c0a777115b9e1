import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { runSimulations, simulationParameters, type SimulationRequest } from './simulation.service.ts';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Calendar = Type.Unsafe<'24x7' | 'working'>({ type: 'string', enum: ['24x7', 'working'], description: "'24x7', or the working hours of working days on the business calendar" });

const ParametersQuery = Type.Object({
  definitionId: Type.Optional(Id),
  processKey: Type.Optional(Id),
  logId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "a log to learn from: `engine` (Banklane's own) or an imported log's id" })),
}, { additionalProperties: false });

const Parameters = Type.Object({
  arrivalsPerHour: Type.Optional(Type.Number({ minimum: 0.001, maximum: 100_000 })),
  durations: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), Type.Unknown(), { maxProperties: 2000, description: 'by activity id: { kind: exponential|normal|lognormal|uniform|fixed|empirical, … } in seconds' })),
  branchProbabilities: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), Type.Number({ minimum: 0, maximum: 1 }), { maxProperties: 2000, description: 'by sequence-flow id' })),
  pools: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), Type.Object({ size: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), calendar: Type.Optional(Calendar) }, { additionalProperties: false }), { maxProperties: 500 })),
  removedActivities: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 2000 })),
}, { additionalProperties: false });

const Scenario = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  parameters: Type.Optional(Parameters),
  cases: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'cases measured (default 1,000)' })),
  warmUpCases: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: 'cases simulated first and left out (default a tenth of cases)' })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: 'the same seed gives the same answer (default 1)' })),
  maxSimulatedDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 36_500 })),
  includeLog: Type.Optional(Type.Boolean({ description: 'return the simulated event log (at most 10,000 cases)' })),
}, { additionalProperties: false });

const SimulationBody = Type.Object({
  definitionId: Type.Optional(Id),
  processKey: Type.Optional(Id),
  logId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  startAt: Type.Optional(Type.String({ format: 'date-time', description: 'when the first case arrives (default: the start of today, China time)' })),
  scenarios: Type.Array(Scenario, { minItems: 1, maxItems: 10 }),
}, { additionalProperties: false });

/** What-if simulation of a deployed process: its parameters learned from a log, and scenarios run side by side. */
export function simulationRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['simulation'];
  app.get<{ Querystring: Static<typeof ParametersQuery> }>('/api/v1/simulation/parameters', {
    config: { access: { permission: 'analytics.read' } },
    schema: { tags, summary: "A process's simulation parameters learned from a log (or its defaults without one), each value with where it came from", querystring: ParametersQuery },
  }, async (request) => simulationParameters(deps, request.query));

  app.post<{ Body: Static<typeof SimulationBody> }>('/api/v1/simulations', {
    config: { access: { permission: 'analytics.read' } },
    schema: { tags, summary: 'Simulate scenarios of a process side by side: cycle times, waiting per activity, pool utilisation, throughput, and each against the first', body: SimulationBody },
  }, async (request) => runSimulations(deps, request.body as SimulationRequest));
}
