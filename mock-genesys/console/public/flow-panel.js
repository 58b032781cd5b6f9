// "Use in your flow": for the chosen scenario's action, the four downloads (fetched through
// the console's server from the proxy's export route) and the branch table. DOM only.

import { el } from './dom.js';

/** @typedef {{ target: string, file_name: string }} ExportTarget */
/** @typedef {{ action: string, when: string, flow_should: string }} BranchRow */
/** @typedef {{ action: string, description: string, targets: ExportTarget[], branches: BranchRow[] }} FlowExports */
/** @typedef {{ action: string, available: false, message: string }} NoExports */

/** What each target is, in the designer's words. */
const TARGET_LABELS = {
  architect: 'Genesys Architect data action (JSON, Import)',
  terraform: 'Genesys CX as Code (Terraform HCL)',
  twilio: 'Twilio Studio flow (JSON, Import from JSON)',
  cxone: 'NICE CXone Studio snippet',
};

/**
 * Text with line-break opportunities after underscores, so long action names wrap at words.
 * @param {string} text
 * @returns {(Node | string)[]}
 */
function breakable(text) {
  return text.split('_').flatMap((part, index, parts) => (index < parts.length - 1 ? [`${part}_`, document.createElement('wbr')] : [part]));
}

/**
 * @param {Response} response
 * @returns {Promise<string>}
 */
async function failureMessage(response) {
  try {
    const body = await response.json();
    if (body && typeof body.message === 'string') return body.message;
  } catch {
    // not JSON
  }
  return `The console API answered ${response.status}.`;
}

/**
 * @param {HTMLElement} root the panel (#flow-panel)
 * @param {() => Record<string, string>} authHeaders the console's admin token header, if any
 */
export function createFlowPanel(root, authHeaders) {
  const actionName = /** @type {HTMLElement} */ (root.querySelector('#flow-action'));
  const description = /** @type {HTMLElement} */ (root.querySelector('#flow-description'));
  const downloads = /** @type {HTMLElement} */ (root.querySelector('#flow-downloads'));
  const branches = /** @type {HTMLElement} */ (root.querySelector('#flow-branches'));
  const status = /** @type {HTMLElement} */ (root.querySelector('#flow-status'));
  let shown = '';

  /** @param {string} action @param {ExportTarget} target */
  async function download(action, target) {
    status.textContent = `Fetching ${target.file_name}…`;
    try {
      const response = await fetch(`/console/api/flow/${encodeURIComponent(action)}/${encodeURIComponent(target.target)}`, { headers: authHeaders() });
      if (!response.ok) {
        status.textContent = await failureMessage(response);
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = el('a', { attrs: { href: url, download: target.file_name } });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      status.textContent = `${target.file_name} downloaded.`;
    } catch {
      status.textContent = 'The mock did not answer: is it still running?';
    }
  }

  /** @param {FlowExports} exports */
  function render(exports) {
    actionName.textContent = exports.action;
    description.textContent = exports.description;
    downloads.replaceChildren(
      ...exports.targets.map((target) => {
        const button = el('button', { text: `Download ${target.target}`, attrs: { type: 'button', 'data-target': target.target, 'aria-describedby': `flow-target-${target.target}` } });
        button.addEventListener('click', () => void download(exports.action, target));
        const label = /** @type {Record<string, string>} */ (TARGET_LABELS)[target.target] ?? target.target;
        return el('li', {}, [button, el('span', { className: 'hint', text: `${label} · ${target.file_name}`, attrs: { id: `flow-target-${target.target}` } })]);
      }),
    );
    const head = el('thead', {}, [el('tr', {}, [el('th', { text: 'action', attrs: { scope: 'col' } }), el('th', { text: 'the flow should', attrs: { scope: 'col' } })])]);
    const body = el(
      'tbody',
      {},
      exports.branches.map((branch) =>
        el('tr', { attrs: { 'data-action': branch.action } }, [
          el('th', { attrs: { scope: 'row' } }, [el('code', {}, breakable(branch.action))]),
          el('td', {}, [el('span', { className: 'flow-should', text: branch.flow_should }), el('span', { className: 'when hint', text: `when ${branch.when}` })]),
        ]),
      ),
    );
    branches.replaceChildren(el('table', { className: 'branch-table' }, [el('caption', { text: `Branch on action after calling ${exports.action}` }), head, body]));
  }

  return {
    /** Shows the panel for an action (once per action; a failed load can be retried by choosing again). */
    async show(/** @type {string} */ action) {
      if (action === shown) return;
      shown = action;
      root.hidden = false;
      root.dataset.action = action;
      actionName.textContent = action;
      description.textContent = '';
      downloads.replaceChildren();
      branches.replaceChildren();
      status.textContent = 'Loading the exports…';
      try {
        const response = await fetch(`/console/api/flow/${encodeURIComponent(action)}`, { headers: authHeaders() });
        if (shown !== action) return;
        if (!response.ok) {
          shown = '';
          status.textContent = await failureMessage(response);
          return;
        }
        /** @type {FlowExports | NoExports} */
        const body = await response.json();
        if ('available' in body) {
          status.textContent = body.message;
          return;
        }
        render(body);
        status.textContent = '';
      } catch {
        shown = '';
        status.textContent = 'The mock did not answer: is it still running?';
      }
    },
  };
}
