// Genesys Cloud error bodies, as the real API sends them: the SDK's `ErrorBody` (its index.d.ts),
// the normalized 429 body, and the OAuth shape of the login host.
import { randomUUID } from 'node:crypto';

/** The Platform API's `ErrorBody`. */
export interface ErrorBody {
  message: string;
  code: string;
  status: number;
  messageWithParams: string;
  messageParams: Record<string, string>;
  contextId: string;
  details: unknown[];
  errors: unknown[];
}

/** The login host's OAuth error shape (exact strings unconfirmed upstream). */
export interface OAuthErrorBody {
  error: string;
  description: string;
  error_description: string;
}

/** Default code and message for each status the mock can answer with. */
export const defaultErrorFor: Record<number, { code: string; message: string }> = {
  400: { code: 'bad.request', message: 'The request could not be understood by the server due to malformed syntax.' },
  401: { code: 'bad.credentials', message: 'Invalid login credentials.' },
  403: { code: 'missing.permissions', message: 'Unable to perform the requested action. You are missing the following permission(s): [analytics:conversationDetail:view]' },
  404: { code: 'not.found', message: 'The requested resource was not found.' },
  409: { code: 'conflict', message: 'The request conflicts with the current state of the resource.' },
  415: { code: 'unsupported.media.type', message: 'Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type value in the header.' },
  429: { code: 'too.many.requests.retry.after', message: 'Rate limit exceeded the maximum. Retry the request in [42] seconds' },
  500: { code: 'internal.server.error', message: 'The server encountered an unexpected condition which prevented it from fulfilling the request.' },
  502: { code: 'bad.gateway', message: 'The server, while acting as a gateway or proxy, received an invalid response from the upstream server.' },
  503: { code: 'service.unavailable', message: 'Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).' },
  504: { code: 'request.timeout', message: 'The request timed out.' },
};

export function newContextId(): string {
  return randomUUID();
}

export function errorBody(
  status: number,
  overrides: Partial<ErrorBody> = {},
): ErrorBody {
  const fallback = defaultErrorFor[status] ?? { code: 'error', message: `HTTP ${status}` };
  const message = overrides.message ?? fallback.message;
  return {
    message,
    code: overrides.code ?? fallback.code,
    status,
    messageWithParams: overrides.messageWithParams ?? message,
    messageParams: overrides.messageParams ?? {},
    contextId: overrides.contextId ?? newContextId(),
    details: overrides.details ?? [],
    errors: overrides.errors ?? [],
  };
}

/** The normalized 429 every Genesys API has answered with since 2021. */
export function rateLimitBody(retryAfterSeconds: number, contextId?: string): ErrorBody {
  const message = `Rate limit exceeded the maximum. Retry the request in [${retryAfterSeconds}] seconds`;
  return errorBody(429, { message, messageWithParams: message, ...(contextId ? { contextId } : {}) });
}

export function oauthError(error: string, description: string): OAuthErrorBody {
  return { error, description, error_description: description };
}
