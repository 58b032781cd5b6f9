// The actions the end-to-end export checks cover: the shipped catalog once core's loader is
// merged (src/actions/catalog.ts exports loadActionCatalog and defaultActionsDir), until then
// the fixture catalog. The scenario → action rule is INTERFACES.md §3: top-level `action:`,
// else /api/query, i.e. conversation-details.
import * as catalogModule from '../../src/actions/catalog.js';
import type { ActionDefinition } from '../../src/actions/catalog.js';
import type { Scenario } from '../../mock-genesys/scenarios/types.js';
import { fixtureCatalog } from './fixtures/actions.js';

export async function shippedActions(): Promise<readonly ActionDefinition[]> {
  const module = catalogModule as Record<string, unknown>;
  const load = module.loadActionCatalog as ((dirs: readonly string[]) => Promise<ActionDefinition[]>) | undefined;
  const dir = module.defaultActionsDir as string | undefined;
  return typeof load === 'function' && typeof dir === 'string' ? load([dir]) : fixtureCatalog;
}

export function scenarioAction(scenario: Scenario): string {
  const action = (scenario as Scenario & { action?: unknown }).action;
  return typeof action === 'string' ? action : 'conversation-details';
}
