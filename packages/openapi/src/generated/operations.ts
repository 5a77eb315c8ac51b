/**
 * GENERATED FILE: DO NOT EDIT.
 * The operation table of the Astral API: one entry per operationId.
 * Source: openapi/ (the hand-written contract), bundled to packages/openapi/dist/contract/openapi.json.
 * Regenerate with `npx turbo run generate`; change the contract, never this file.
 */

/** The path prefix every server of the contract shares (from `servers[].url`). */
export const basePath = "/api/v1" as const;

/** Every operation of the contract by operationId, in contract order. */
export const operationTable = {
  "listRaces": {
    "method": "get",
    "path": "/races",
    "tag": "Races",
    "pathParams": [],
    "queryParams": [
      "race_type",
      "race_subtype",
      "location",
      "date_from",
      "date_to",
      "upcoming",
      "search",
      "limit"
    ],
    "hasBody": false,
    "statuses": [
      200,
      400,
      401,
      500
    ],
    "successStatus": 200,
    "envelope": true,
    "security": [
      "bearerAuth",
      "apiKeyAuth"
    ]
  },
  "createRace": {
    "method": "post",
    "path": "/races",
    "tag": "Races",
    "pathParams": [],
    "queryParams": [],
    "hasBody": true,
    "statuses": [
      201,
      400,
      401,
      409,
      413,
      415,
      500
    ],
    "successStatus": 201,
    "envelope": true,
    "security": [
      "bearerAuth",
      "apiKeyAuth"
    ]
  },
  "getRace": {
    "method": "get",
    "path": "/races/{race_id}",
    "tag": "Races",
    "pathParams": [
      "race_id"
    ],
    "queryParams": [],
    "hasBody": false,
    "statuses": [
      200,
      400,
      401,
      404,
      500
    ],
    "successStatus": 200,
    "envelope": true,
    "security": [
      "bearerAuth",
      "apiKeyAuth"
    ]
  },
  "updateRace": {
    "method": "put",
    "path": "/races/{race_id}",
    "tag": "Races",
    "pathParams": [
      "race_id"
    ],
    "queryParams": [],
    "hasBody": true,
    "statuses": [
      200,
      400,
      401,
      403,
      404,
      409,
      413,
      415,
      500
    ],
    "successStatus": 200,
    "envelope": true,
    "security": [
      "bearerAuth",
      "apiKeyAuth"
    ]
  },
  "deleteRace": {
    "method": "delete",
    "path": "/races/{race_id}",
    "tag": "Races",
    "pathParams": [
      "race_id"
    ],
    "queryParams": [],
    "hasBody": false,
    "statuses": [
      200,
      400,
      401,
      403,
      404,
      500
    ],
    "successStatus": 200,
    "envelope": true,
    "security": [
      "bearerAuth",
      "apiKeyAuth"
    ]
  },
  "getMe": {
    "method": "get",
    "path": "/auth/me",
    "tag": "Auth",
    "pathParams": [],
    "queryParams": [],
    "hasBody": false,
    "statuses": [
      200,
      401,
      500
    ],
    "successStatus": 200,
    "envelope": false,
    "security": [
      "bearerAuth",
      "apiKeyAuth"
    ]
  }
} as const;
