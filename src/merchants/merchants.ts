import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import type { Engine } from '../engine/engine.ts';
import { merchantRoutes } from './merchant.routes.ts';

type Routes = (app: FastifyInstance, deps: Deps) => void;

/**
 * Merchant operations and risk (S3, S10): the registry of card-acquiring merchants, the risk
 * list, daily transaction figures and the early warnings they raise.
 */
export class Merchants {
  constructor(
    private readonly deps: Deps,
    private readonly engine: Engine,
  ) {}

  async setUp(): Promise<void> {}

  routes(): Routes[] {
    return [merchantRoutes];
  }
}
