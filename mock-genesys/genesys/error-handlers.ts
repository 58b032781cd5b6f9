// Whatever goes wrong — unparsable or oversized bodies, wrong content types, unknown routes,
// a bug — the client gets a Genesys ErrorBody (or the OAuth shape on the token route),
// never a stack trace and never Fastify's own error format.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, oauthError } from './errors.js';
import { sendErrorBody } from './headers.js';
import { pathOf, routeIdOf } from './route-ids.js';

const messageForFastifyCode: Record<string, string> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; expected a JSON object.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported Media Type - send the body as application/json.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_INSTANCE_ALREADY_STARTED: 'The request could not be read.',
};

/** Genesys codes for statuses its default table lacks. */
const codeForStatus: Record<number, string> = { 413: 'request.entity.too.large' };

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const clientError = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500;
    const status = clientError ? (error.statusCode as number) : 500;
    if (!clientError) request.log.error({ err: error }, 'unexpected error in a Genesys route');
    const message =
      status === 500
        ? undefined
        : (messageForFastifyCode[error.code] ?? (error instanceof SyntaxError ? 'The request body is not valid JSON.' : undefined));

    if (routeIdOf(request) === 'token') {
      const oauthCode = status === 500 ? 'server_error' : 'invalid_request';
      return reply.code(status).type('application/json').send(oauthError(oauthCode, message ?? 'The token request could not be processed.'));
    }
    const body = errorBody(status, {
      ...(message ? { message } : {}),
      ...(codeForStatus[status] ? { code: codeForStatus[status] } : {}),
    });
    return sendErrorBody(reply, body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body = errorBody(404, { message: `The requested resource was not found: ${request.method} ${pathOf(request.url).slice(0, 200)}` });
    return sendErrorBody(reply, body);
  });
}
