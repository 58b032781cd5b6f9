// One entry for every target: an action (or several, for Terraform) and options in, the file
// to hand to the flow tool out. Shared by the CLI, the HTTP route and the console.
import { architectDataAction } from './architect.js';
import { cxoneSnippet } from './cxone.js';
import { resolveOptions, type ExportOptions, type ExportTarget, type ExportableAction } from './flow-contract.js';
import { terraformFile } from './terraform.js';
import { twilioFlow } from './twilio.js';

export interface ExportedFile {
  fileName: string;
  contentType: string;
  text: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/** File name of one action's export for a target. */
export function exportFileName(actionName: string, target: ExportTarget): string {
  const extension = { architect: 'architect.json', terraform: 'tf', twilio: 'twilio-flow.json', cxone: 'cxone-snippet.txt' }[target];
  return `${actionName}.${extension}`;
}

/** Exports one action; options are checked here (ExportOptionsError names the bad one). */
export function exportAction(action: ExportableAction, target: ExportTarget, partial: Partial<ExportOptions> = {}): ExportedFile {
  const options = resolveOptions(target, partial);
  const fileName = exportFileName(action.name, target);
  switch (target) {
    case 'architect':
      return { fileName, contentType: JSON_TYPE, text: `${JSON.stringify(architectDataAction(action, options), null, 2)}\n` };
    case 'terraform':
      return { fileName, contentType: TEXT_TYPE, text: terraformFile([action], options) };
    case 'twilio':
      return { fileName, contentType: JSON_TYPE, text: `${JSON.stringify(twilioFlow(action, options), null, 2)}\n` };
    case 'cxone':
      return { fileName, contentType: TEXT_TYPE, text: cxoneSnippet(action, options) };
  }
}

/** Every action for every target: one file per action and target, Terraform as one module file. */
export function exportAll(actions: readonly ExportableAction[], partial: Partial<ExportOptions> = {}): ExportedFile[] {
  const files: ExportedFile[] = [];
  for (const target of ['architect', 'twilio', 'cxone'] as const) {
    for (const action of actions) files.push({ ...exportAction(action, target, partial), fileName: `${target}/${exportFileName(action.name, target)}` });
  }
  files.push({ fileName: 'terraform/retry-proxy-actions.tf', contentType: TEXT_TYPE, text: terraformFile(actions, resolveOptions('terraform', partial)) });
  return files;
}
