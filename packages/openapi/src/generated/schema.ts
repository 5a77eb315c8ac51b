/**
 * GENERATED FILE: DO NOT EDIT.
 * TypeScript types of the Astral API, by openapi-typescript.
 * Source: openapi/ (the hand-written contract), bundled to packages/openapi/dist/contract/openapi.json.
 * Regenerate with `npx turbo run generate`; change the contract, never this file.
 */

export interface paths {
    "/races": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List races
         * @description Returns races from the catalog. Supports filtering by type, subtype, location and date
         *     range, as well as a convenience `upcoming` flag and a name-or-location `search`.
         *
         *     Filters combine with AND. Results are ordered by `race_date` ascending (soonest
         *     first), ties broken by `race_id`, so the order is stable and `upcoming=true` lists the
         *     next races first. At most `limit` races are returned: 50 by default, 10 with
         *     `upcoming=true`, 20 with `search` (see `limit`). `metadata.total` is the number of
         *     races returned and `metadata.filters` echoes the query as applied.
         */
        get: operations["listRaces"];
        put?: never;
        /**
         * Create a race
         * @description Adds a new race to the catalog. The caller becomes its creator (`created_by`): the
         *     user for a Bearer token, the organization for an API key. A race with the same name
         *     (case-insensitive) on the same calendar date (UTC) as an existing race is a `409`.
         */
        post: operations["createRace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/races/{race_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the race, `race_` followed by letters and digits.
                 * @example race_xyz456
                 */
                race_id: components["parameters"]["RaceId"];
            };
            cookie?: never;
        };
        /**
         * Get a race
         * @description Returns full details for a single race, including the real-time participant count (`participants_count`).
         */
        get: operations["getRace"];
        /**
         * Update a race
         * @description Updates an existing race. Only the fields provided in the request body are changed,
         *     with the same validation as for creation; `updated_at` moves. An empty body is a `400`.
         *     Only the race's creator or an admin may update it (`403` otherwise, and nothing
         *     changes). Renaming or moving a race onto another race's name and date is a `409`.
         */
        put: operations["updateRace"];
        post?: never;
        /**
         * Delete a race
         * @description Permanently removes a race from the catalog, with its registered participants; a
         *     later get is a `404`. Only the race's creator or an admin may delete it (`403`
         *     otherwise, and nothing changes).
         */
        delete: operations["deleteRace"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the authenticated caller
         * @description Returns the authenticated caller's profile. Like every auth endpoint, it answers with
         *     the fields at the top level of the response object, without the envelope. With an API
         *     key, the caller is the key's organization (`principal_type: organization`).
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description The kind of race.
         * @example run
         * @enum {string}
         */
        RaceType: "run" | "bike" | "swim" | "triathlon" | "walk" | "hike";
        /**
         * @description Always `ok` on success.
         * @example ok
         * @constant
         */
        SuccessStatus: "ok";
        /**
         * @description Name of the race.
         * @example Chicago Marathon
         */
        RaceName: string;
        /**
         * @description Subtype of the race, e.g. `marathon`, `half-marathon`, `5k`, `sprint-triathlon`.
         * @example marathon
         */
        RaceSubtype: string;
        /**
         * Format: date-time
         * @description Race date and start time in ISO 8601 (RFC 3339) format, e.g. `2025-10-05T08:00:00Z`.
         * @example 2025-10-05T08:00:00Z
         */
        RaceDate: string;
        /**
         * @description Location of the race, e.g. `Chicago, IL, USA`.
         * @example Chicago, IL, USA
         */
        RaceLocation: string;
        /**
         * @description Freeform description of the race event.
         * @example One of the six World Marathon Majors.
         */
        RaceDescription: string | null;
        /**
         * Format: uri
         * @description URL of the official race website (http or https).
         * @example https://www.chicagomarathon.com
         */
        RaceWebsiteUrl: string | null;
        /**
         * Format: uri
         * @description URL of a cover image for the race (http or https).
         * @example https://images.nexrex.ai/races/chicago-marathon.jpg
         */
        RaceImageUrl: string | null;
        /**
         * @description IANA time zone of the race, e.g. `America/Chicago`, or `UTC`.
         * @example America/Chicago
         */
        RaceTimezone: string | null;
        /**
         * @description Expected or historical participant count. Must be a non-negative integer.
         * @example 45000
         */
        RaceParticipantCount: number | null;
        /**
         * @description Distance or format variants offered, e.g. `["5K", "10K", "Half Marathon"]`.
         * @example [
         *       "5K",
         *       "10K",
         *       "Half Marathon"
         *     ]
         */
        RaceVariants: string[];
        /**
         * @description Participant categories, e.g. `["Open", "Masters", "Junior"]`.
         * @example [
         *       "Open",
         *       "Masters",
         *       "Junior"
         *     ]
         */
        RaceCategories: string[];
        /**
         * @description A race in the catalog. Fields marked read-only are set by the server and are rejected
         *     in request bodies. Optional fields that were never set are `null`.
         */
        Race: {
            /**
             * @description Unique identifier of the race, `race_` followed by letters and digits.
             * @example race_xyz456
             */
            readonly race_id: string;
            race_name: components["schemas"]["RaceName"];
            race_type: components["schemas"]["RaceType"];
            race_subtype: components["schemas"]["RaceSubtype"];
            race_date: components["schemas"]["RaceDate"];
            race_location: components["schemas"]["RaceLocation"];
            race_description: components["schemas"]["RaceDescription"];
            race_website_url: components["schemas"]["RaceWebsiteUrl"];
            race_image_url: components["schemas"]["RaceImageUrl"];
            race_timezone: components["schemas"]["RaceTimezone"];
            race_participant_count: components["schemas"]["RaceParticipantCount"];
            /**
             * @description Real-time count of participants registered for the race (from the leaderboard).
             * @example 3
             */
            readonly participants_count: number;
            race_variants: components["schemas"]["RaceVariants"];
            race_categories: components["schemas"]["RaceCategories"];
            /**
             * @description Who created the race: a user ID (`usr_...`) for a Bearer token, an organization ID
             *     (`org_...`) for an API key. Decides who may change or remove the race.
             * @example usr_athlete1
             */
            readonly created_by: string;
            /**
             * Format: date-time
             * @description When the race was added to the catalog.
             * @example 2025-01-15T09:30:00Z
             */
            readonly created_at: string;
            /**
             * Format: date-time
             * @description When the race was last changed; equals `created_at` until the first update.
             * @example 2025-01-15T09:30:00Z
             */
            readonly updated_at: string;
        };
        /**
         * @description Echo of the list query as applied: every filter the request supplied, with its value
         *     after parsing, plus the effective `limit` (the default that applied when none was given).
         */
        RaceFilters: {
            race_type?: components["schemas"]["RaceType"];
            race_subtype?: string;
            location?: string;
            /** Format: date-time */
            date_from?: string;
            /** Format: date-time */
            date_to?: string;
            upcoming?: boolean;
            search?: string;
            limit: number;
        };
        /** @description Response metadata of a race list. */
        RaceListMetadata: {
            /**
             * @description Total number of races returned (the length of `data`).
             * @example 2
             */
            total: number;
            filters: components["schemas"]["RaceFilters"];
        };
        /** @description A list of races in the success envelope, with metadata. */
        RaceListEnvelope: {
            status: components["schemas"]["SuccessStatus"];
            /** @description List of race objects. */
            data: components["schemas"]["Race"][];
            metadata: components["schemas"]["RaceListMetadata"];
        };
        /**
         * @description Machine-readable error code. The whole API uses this one vocabulary; the table in the
         *     API description says which status each code comes with.
         * @example VALIDATION_ERROR
         * @enum {string}
         */
        ErrorCode: "VALIDATION_ERROR" | "INVALID_JSON" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "INTERNAL_ERROR";
        /** @description Machine-readable context for an error. */
        ErrorDetails: {
            code: components["schemas"]["ErrorCode"];
            /**
             * @description The request field or parameter the error is about, where one applies (for example `race_type`).
             * @example race_type
             */
            field?: string;
        };
        /** @description The shape of every error response of the API. */
        Error: {
            /**
             * @description Human-readable error message.
             * @example race_type must be one of run, bike, swim, triathlon, walk, hike
             */
            error: string;
            details?: components["schemas"]["ErrorDetails"];
        };
        /**
         * @description A new race. Unknown fields and server-set fields (`race_id`, `participants_count`,
         *     `created_by`, `created_at`, `updated_at`) are rejected. Optional fields may be omitted
         *     or `null`; omitted lists are stored as empty lists.
         */
        RaceCreate: {
            race_name: components["schemas"]["RaceName"];
            race_type: components["schemas"]["RaceType"];
            race_subtype: components["schemas"]["RaceSubtype"];
            race_date: components["schemas"]["RaceDate"];
            race_location: components["schemas"]["RaceLocation"];
            race_description?: components["schemas"]["RaceDescription"];
            race_website_url?: components["schemas"]["RaceWebsiteUrl"];
            race_image_url?: components["schemas"]["RaceImageUrl"];
            race_timezone?: components["schemas"]["RaceTimezone"];
            race_participant_count?: components["schemas"]["RaceParticipantCount"];
            race_variants?: components["schemas"]["RaceVariants"];
            race_categories?: components["schemas"]["RaceCategories"];
        };
        /** @description The created race in the success envelope, with its identifier and a message. */
        RaceCreatedEnvelope: {
            status: components["schemas"]["SuccessStatus"];
            /**
             * @description Unique identifier of the created race (the same as `data.race_id`).
             * @example race_xyz456
             */
            race_id: string;
            /**
             * @description Human-readable confirmation.
             * @example Race created successfully
             */
            message: string;
            data: components["schemas"]["Race"];
        };
        /** @description One race in the success envelope. */
        RaceEnvelope: {
            status: components["schemas"]["SuccessStatus"];
            data: components["schemas"]["Race"];
        };
        /**
         * @description A partial update: only the fields supplied are changed, with the same validation as
         *     for creation. At least one field is required (an empty body is a `400`). `null`
         *     clears an optional field; the fields required at creation cannot be `null`.
         */
        RaceUpdate: {
            race_name?: components["schemas"]["RaceName"];
            race_type?: components["schemas"]["RaceType"];
            race_subtype?: components["schemas"]["RaceSubtype"];
            race_date?: components["schemas"]["RaceDate"];
            race_location?: components["schemas"]["RaceLocation"];
            race_description?: components["schemas"]["RaceDescription"];
            race_website_url?: components["schemas"]["RaceWebsiteUrl"];
            race_image_url?: components["schemas"]["RaceImageUrl"];
            race_timezone?: components["schemas"]["RaceTimezone"];
            race_participant_count?: components["schemas"]["RaceParticipantCount"];
            race_variants?: components["schemas"]["RaceVariants"];
            race_categories?: components["schemas"]["RaceCategories"];
        };
        /** @description The updated race in the success envelope, with a message. */
        RaceUpdatedEnvelope: {
            status: components["schemas"]["SuccessStatus"];
            /**
             * @description Human-readable confirmation.
             * @example Race updated successfully
             */
            message: string;
            data: components["schemas"]["Race"];
        };
        /** @description Confirmation of a deletion, in the success envelope (no `data`). */
        RaceDeletedEnvelope: {
            status: components["schemas"]["SuccessStatus"];
            /**
             * @description Human-readable confirmation.
             * @example Race deleted successfully
             */
            message: string;
        };
        /**
         * @description The authenticated caller's profile, at the top level of the response (auth endpoints
         *     do not use the envelope). With an API key, the caller is the key's organization.
         */
        UserProfile: {
            /**
             * @description ID of the caller, `usr_...` for a user or `org_...` for an organization's API key.
             * @example usr_athlete1
             */
            user_id: string;
            /**
             * @description Whether the caller is a user (Bearer token) or an organization (API key).
             * @example user
             * @enum {string}
             */
            principal_type: "user" | "organization";
            /**
             * @description Unique handle of the user or organization.
             * @example maya.runs
             */
            username: string;
            /**
             * @description Name shown to other athletes.
             * @example Maya Okafor
             */
            display_name: string;
            /**
             * Format: email
             * @description Contact email; `null` for an organization.
             * @example maya@example.com
             */
            email: string | null;
            /**
             * @description What the caller may do. Admins may change or remove any race.
             * @example athlete
             * @enum {string}
             */
            role: "athlete" | "coach" | "admin" | "organization";
            /**
             * @description The organization the caller belongs to or acts for, if any.
             * @example null
             */
            organization_id: string | null;
        };
    };
    responses: {
        /**
         * @description Bad Request: a parameter or body field is missing, of the wrong type or out of range
         *     (`VALIDATION_ERROR`, with `field` naming it), or the body is not valid JSON (`INVALID_JSON`).
         */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Unauthorized. No credentials were sent, or the token or API key is unknown, expired or revoked. */
        Unauthorized: {
            headers: {
                /**
                 * @description The schemes the API accepts.
                 * @example Bearer realm="astral", ApiKey header="X-API-Key"
                 */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Internal Server Error. An unexpected server-side failure; the body never carries internal detail. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Conflict. The request would create a duplicate (for races, the same name on the same date). */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Payload Too Large. The request body is larger than the server accepts (1 MiB). */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Unsupported Media Type. A request body was sent with a content type other than `application/json`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not Found. The resource does not exist. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Forbidden. Authenticated, but not allowed to act on this resource (only its creator or an admin may change or remove a race). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /**
         * @description Filter by race type. One of `run`, `bike`, `swim`, `triathlon`, `walk`, `hike`.
         * @example run
         */
        RaceTypeFilter: components["schemas"]["RaceType"];
        /**
         * @description Filter by race subtype, e.g. `marathon`, `5k`, `sprint-triathlon`. Exact match, case-insensitive.
         * @example marathon
         */
        RaceSubtypeFilter: string;
        /**
         * @description Filter by location using a partial, case-insensitive match (`chicago` matches `Chicago, IL, USA`).
         * @example Chicago
         */
        LocationFilter: string;
        /**
         * @description Return only races on or after this ISO 8601 date-time (inclusive). Example: `2025-06-01T00:00:00Z`.
         *     A `date_from` later than `date_to` is a `400 VALIDATION_ERROR` on `date_to`.
         * @example 2025-06-01T00:00:00Z
         */
        DateFrom: string;
        /**
         * @description Return only races on or before this ISO 8601 date-time (inclusive). Example: `2025-12-31T23:59:59Z`.
         * @example 2025-12-31T23:59:59Z
         */
        DateTo: string;
        /**
         * @description Set to `true` to return only future races (race date after now), soonest first.
         *     Defaults to returning 10 results; combine with `limit` to adjust.
         * @example true
         */
        Upcoming: boolean;
        /**
         * @description Search by race name or location: a partial, case-insensitive match against
         *     `race_name` or `race_location`. Returns up to 20 results by default; combine with
         *     `limit` to adjust.
         *
         *     The published API reference lost this parameter's name; the contract calls it `search`.
         * @example marathon
         */
        Search: string;
        /**
         * @description Maximum number of races to return, from 1 to 100. Defaults to 50; when `limit` is not
         *     given, `upcoming=true` lowers the default to 10 and `search` to 20 (10 when both are
         *     given). A `limit` above 100 is a `400 VALIDATION_ERROR` on `limit`, not silently capped.
         * @example 10
         */
        Limit: number;
        /**
         * @description The unique identifier of the race, `race_` followed by letters and digits.
         * @example race_xyz456
         */
        RaceId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listRaces: {
        parameters: {
            query?: {
                /**
                 * @description Filter by race type. One of `run`, `bike`, `swim`, `triathlon`, `walk`, `hike`.
                 * @example run
                 */
                race_type?: components["parameters"]["RaceTypeFilter"];
                /**
                 * @description Filter by race subtype, e.g. `marathon`, `5k`, `sprint-triathlon`. Exact match, case-insensitive.
                 * @example marathon
                 */
                race_subtype?: components["parameters"]["RaceSubtypeFilter"];
                /**
                 * @description Filter by location using a partial, case-insensitive match (`chicago` matches `Chicago, IL, USA`).
                 * @example Chicago
                 */
                location?: components["parameters"]["LocationFilter"];
                /**
                 * @description Return only races on or after this ISO 8601 date-time (inclusive). Example: `2025-06-01T00:00:00Z`.
                 *     A `date_from` later than `date_to` is a `400 VALIDATION_ERROR` on `date_to`.
                 * @example 2025-06-01T00:00:00Z
                 */
                date_from?: components["parameters"]["DateFrom"];
                /**
                 * @description Return only races on or before this ISO 8601 date-time (inclusive). Example: `2025-12-31T23:59:59Z`.
                 * @example 2025-12-31T23:59:59Z
                 */
                date_to?: components["parameters"]["DateTo"];
                /**
                 * @description Set to `true` to return only future races (race date after now), soonest first.
                 *     Defaults to returning 10 results; combine with `limit` to adjust.
                 * @example true
                 */
                upcoming?: components["parameters"]["Upcoming"];
                /**
                 * @description Search by race name or location: a partial, case-insensitive match against
                 *     `race_name` or `race_location`. Returns up to 20 results by default; combine with
                 *     `limit` to adjust.
                 *
                 *     The published API reference lost this parameter's name; the contract calls it `search`.
                 * @example marathon
                 */
                search?: components["parameters"]["Search"];
                /**
                 * @description Maximum number of races to return, from 1 to 100. Defaults to 50; when `limit` is not
                 *     given, `upcoming=true` lowers the default to 10 and `search` to 20 (10 when both are
                 *     given). A `limit` above 100 is a `400 VALIDATION_ERROR` on `limit`, not silently capped.
                 * @example 10
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. The races that match, soonest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RaceListEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalError"];
        };
    };
    createRace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RaceCreate"];
            };
        };
        responses: {
            /** @description Created. The race is in the catalog. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RaceCreatedEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
        };
    };
    getRace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the race, `race_` followed by letters and digits.
                 * @example race_xyz456
                 */
                race_id: components["parameters"]["RaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. The full race object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RaceEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
    updateRace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the race, `race_` followed by letters and digits.
                 * @example race_xyz456
                 */
                race_id: components["parameters"]["RaceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RaceUpdate"];
            };
        };
        responses: {
            /** @description OK. The race after the update. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RaceUpdatedEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteRace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The unique identifier of the race, `race_` followed by letters and digits.
                 * @example race_xyz456
                 */
                race_id: components["parameters"]["RaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. The race is gone. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RaceDeletedEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. The caller's profile, at the top level. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserProfile"];
                };
            };
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalError"];
        };
    };
}
