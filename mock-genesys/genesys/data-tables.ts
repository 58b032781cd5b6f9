// Architect data tables: GET /api/v2/flows/datatables (paged, `name` filter with `*`
// wildcards, sortOrder by name, `expand=schema`) and GET …/datatables/{datatableId}/rows/{rowId}
// (`showbrief` defaults to true, which answers only the row's `key`, as Genesys does).
import type { FastifyInstance } from 'fastify';
import { DATA_TABLES, HOME_DIVISION_ID, type DataTableDefinition } from './catalog.js';
import { errorBody } from './errors.js';
import type { ApiGuard } from './guard.js';
import { sendErrorBody } from './headers.js';
import { listingOf, pagingOf, queryString, stringParam } from './listing.js';
import { DATA_TABLE_ROW_PATH, DATA_TABLES_PATH } from './paths.js';
import { routeConfig } from './route-ids.js';

const MAX_TABLES_PAGE_SIZE = 500;

export function dataTableOf(table: DataTableDefinition, withSchema: boolean): Record<string, unknown> {
  return {
    id: table.id,
    name: table.name,
    division: { id: HOME_DIVISION_ID, name: 'Home', selfUri: `/api/v2/authorization/divisions/${HOME_DIVISION_ID}` },
    description: table.description,
    ...(withSchema
      ? {
          schema: {
            $schema: 'http://json-schema.org/draft-04/schema#',
            title: table.name,
            description: table.description,
            type: 'object',
            required: ['key'],
            properties: {
              key: { title: 'key', type: 'string', $id: '/properties/key', displayOrder: 0 },
              ...Object.fromEntries(
                Object.entries(table.properties).map(([name, property], index) => [name, { ...property, $id: `/properties/${name}`, displayOrder: index + 1 }]),
              ),
            },
            additionalProperties: false,
          },
        }
      : {}),
    selfUri: `${DATA_TABLES_PATH}/${table.id}`,
  };
}

/** Genesys' name filter: case-insensitive, `*` matches any run of characters. */
function nameFilter(pattern: string): (name: string) => boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return (name) => regex.test(name);
}

export function registerDataTableRoutes(app: FastifyInstance, guard: ApiGuard): void {
  app.get(DATA_TABLES_PATH, { config: routeConfig('data-tables'), preHandler: guard }, async (request, reply) => {
    const params = (request.query ?? {}) as Record<string, unknown>;
    const paging = pagingOf(params, MAX_TABLES_PAGE_SIZE);
    if (typeof paging === 'string') return sendErrorBody(reply, errorBody(400, { code: 'invalid.value', message: paging }));
    const sortOrder = (stringParam(params.sortOrder) ?? 'ascending').toLowerCase();
    if (!['ascending', 'descending', 'asc', 'desc'].includes(sortOrder)) {
      return sendErrorBody(reply, errorBody(400, { code: 'invalid.value', message: 'sortOrder must be ascending or descending.' }));
    }
    const expand = stringParam(params.expand);
    if (expand !== undefined && expand !== 'schema') {
      return sendErrorBody(reply, errorBody(400, { code: 'invalid.value', message: 'expand may only be "schema".' }));
    }
    const name = stringParam(params.name);
    const matches = name === undefined ? () => true : nameFilter(name.slice(0, 200));
    const direction = sortOrder.startsWith('desc') ? -1 : 1;
    const tables = DATA_TABLES.filter((table) => matches(table.name)).sort((a, b) => direction * a.name.localeCompare(b.name));
    const uri = (pageNumber: number): string =>
      DATA_TABLES_PATH + queryString({ pageSize: paging.pageSize, pageNumber, name, sortOrder: stringParam(params.sortOrder), expand });
    return listingOf(
      tables.map((table) => dataTableOf(table, expand === 'schema')),
      paging,
      uri,
    );
  });

  app.get<{ Params: { datatableId: string; rowId: string }; Querystring: Record<string, unknown> }>(
    DATA_TABLE_ROW_PATH,
    { config: routeConfig('data-table-row'), preHandler: guard },
    async (request, reply) => {
      const { datatableId, rowId } = request.params;
      const table = DATA_TABLES.find((candidate) => candidate.id === datatableId);
      if (!table) return sendErrorBody(reply, errorBody(404, { message: `Data table ${JSON.stringify(datatableId.slice(0, 80))} was not found.` }));
      const row = Object.hasOwn(table.rows, rowId) ? table.rows[rowId] : undefined;
      if (!row) return sendErrorBody(reply, errorBody(404, { message: `Row ${JSON.stringify(rowId.slice(0, 80))} was not found in data table ${table.id}.` }));
      const showbrief = stringParam(request.query?.showbrief) ?? 'true';
      if (showbrief !== 'true' && showbrief !== 'false') {
        return sendErrorBody(reply, errorBody(400, { code: 'invalid.value', message: 'showbrief must be true or false.' }));
      }
      return showbrief === 'true' ? { key: rowId } : { key: rowId, ...row };
    },
  );
}
