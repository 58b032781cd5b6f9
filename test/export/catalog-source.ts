// The actions the end-to-end export checks cover: the shipped catalog. A scenario's action is its
// top-level `action:`, else /api/query, i.e. conversation-details (scenarios/README.md).
import { defaultActionsDir, loadActionCatalog, type ActionDefinition } from '../../src/actions/catalog.js';
import type { Scenario } from '../../mock-genesys/scenarios/types.js';

export function shippedActions(): Promise<ActionDefinition[]> {
  return loadActionCatalog([defaultActionsDir]);
}

export function scenarioAction(scenario: Scenario): string {
  return scenario.action ?? 'conversation-details';
}
