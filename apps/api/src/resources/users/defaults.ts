/**
 * A new account's profile settings. Preferences, privacy and notification settings take the
 * `default` the contract gives each of their fields, read from the bundled contract once, so
 * a default changed in `openapi/` changes here with no code. What the contract states no
 * default for is a fact of a new account: no zones, the free plan, nothing connected.
 */
import type { components } from '@astral/openapi';
import { contract, type JsonNode } from '@astral/openapi/contract';
import { resolveRef } from '@astral/openapi/reader';
import type { User } from './model.js';

type Schemas = components['schemas'];

/**
 * The object made of each property's `default` in the contract's schema `name`; a required
 * property without one stops the process at start (the contract and this code disagree).
 *
 * @example
 * ```ts
 * contractDefaults('PrivacySettings').share_activity_with_public; // false
 * ```
 */
export function contractDefaults<Name extends 'UserPreferences' | 'PrivacySettings' | 'NotificationSettings'>(name: Name): Schemas[Name] {
  const schema = resolveRef<{ required?: string[]; properties?: Record<string, JsonNode> }>(contract, {
    $ref: `#/components/schemas/${name}`,
  });
  if (!schema.properties) throw new Error(`The contract has no schema ${name} with properties`);
  const defaults: Record<string, unknown> = {};
  for (const [property, node] of Object.entries(schema.properties)) {
    const definition = resolveRef<{ default?: unknown }>(contract, node);
    if ('default' in definition) defaults[property] = definition.default;
  }
  const missing = (schema.required ?? []).filter((property) => !(property in defaults));
  if (missing.length > 0) throw new Error(`The contract's ${name} has no default for ${missing.join(', ')}`);
  return defaults as Schemas[Name];
}

const preferences = contractDefaults('UserPreferences');
const privacy = contractDefaults('PrivacySettings');
const notificationSettings = contractDefaults('NotificationSettings');

/**
 * The settings of an account created at `createdAt` (fresh copies: callers may change them).
 *
 * @example
 * ```ts
 * newAccountSettings('2025-01-15T09:30:00Z').subscription; // { tier: 'free', status: 'active', started_at: '2025-01-15T09:30:00Z', expires_at: null }
 * ```
 */
export function newAccountSettings(
  createdAt: string,
): Pick<User, 'preferences' | 'privacy' | 'notification_settings' | 'zones' | 'subscription' | 'integrations'> {
  return structuredClone({
    preferences,
    privacy,
    notification_settings: notificationSettings,
    zones: { heart_rate: null, pace: null },
    subscription: { tier: 'free', status: 'active', started_at: createdAt, expires_at: null },
    integrations: { strava: { connected: false }, garmin: { connected: false }, apple_health: { connected: false } },
  });
}
