// The actions the end-to-end export checks cover: the shipped catalog. The scenario → action
// rule is INTERFACES.md §3: top-level `action:`, else /api/query, i.e. conversation-details.
import { defaultActionsDir, loadActionCatalog, type ActionDefinition } from '../../src/actions/catalog.js';
import type { Scenario } from '../../mock-genesys/scenarios/types.js';

export function shippedActions(): Promise<ActionDefinition[]> {
  return loadActionCatalog([defaultActionsDir]);
}

export function scenarioAction(scenario: Scenario): string {
  return scenario.action ?? 'conversation-details';
}
