/** Sends a result (a handler's, or an error's) as it is: status, headers, JSON body or none. */
import type { FastifyReply } from 'fastify';

export function sendResponse(
  reply: FastifyReply,
  response: { status: number; body?: unknown; headers?: Record<string, string> },
): FastifyReply {
  reply.code(response.status);
  if (response.headers) reply.headers(response.headers);
  return response.body === undefined ? reply.send() : reply.send(response.body);
}
