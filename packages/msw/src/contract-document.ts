/**
 * The bundled contract, imported as JSON so that bundlers put it into a browser's worker
 * setup as readily as Node reads it: the handlers need no file access anywhere.
 */
import bundled from '@astral/openapi/openapi.json' with { type: 'json' };
import type { OpenApiDocument } from '@astral/openapi/reader';

/** The bundled contract the default handlers answer from. */
export const contractDocument = bundled as unknown as OpenApiDocument;
