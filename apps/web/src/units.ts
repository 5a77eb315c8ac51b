/**
 * Distances and paces in the signed-in user's units: their profile's
 * `preferences.unit_system` (the contract's `UserPreferences.unit_system`, `metric` or
 * `imperial`; `metric` until the profile has loaded). The API speaks meters and seconds per
 * kilometre; only what is shown changes.
 */
import { useQuery } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { clock } from './pages/activities/format.js';
import { useApi } from './session.js';

export type UnitSystem = components['schemas']['UserPreferences']['unit_system'];

const METERS_PER_MILE = 1609.344;
const METERS_PER_YARD = 0.9144;
const METERS_PER_FOOT = 0.3048;

/** An activity's distance, to two decimals: `8.04 km`, `5.00 mi`. */
export function longDistance(meters: number, system: UnitSystem): string {
  return system === 'imperial' ? `${(meters / METERS_PER_MILE).toFixed(2)} mi` : `${(meters / 1000).toFixed(2)} km`;
}

/** A planned distance as a coach writes it: `400 m`, `5 km`; `437 yd`, `3.11 mi`. */
export function planDistance(meters: number, system: UnitSystem): string {
  if (system === 'imperial') {
    return meters < METERS_PER_MILE ? `${Math.round(meters / METERS_PER_YARD)} yd` : `${Number((meters / METERS_PER_MILE).toFixed(2))} mi`;
  }
  return meters >= 1000 ? `${Number((meters / 1000).toFixed(2))} km` : `${meters} m`;
}

/** A pace from the API's seconds per kilometre: `5:30 /km`, `8:51 /mi`. */
export function pace(secondsPerKm: number, system: UnitSystem): string {
  return system === 'imperial' ? `${clock(secondsPerKm * (METERS_PER_MILE / 1000))} /mi` : `${clock(secondsPerKm)} /km`;
}

/** What one typed unit of an activity's distance is worth in meters, and its name: km or mi. */
export const activityDistanceUnit = (system: UnitSystem): { meters: number; name: string } =>
  system === 'imperial' ? { meters: METERS_PER_MILE, name: 'mi' } : { meters: 1000, name: 'km' };

/** What one typed unit of elevation is worth in meters, and its name: m or ft. */
export const elevationUnit = (system: UnitSystem): { meters: number; name: string } =>
  system === 'imperial' ? { meters: METERS_PER_FOOT, name: 'ft' } : { meters: 1, name: 'm' };

/** A distance along a chart's axis, in the unit it is labelled with. */
export const axisDistance = (meters: number, system: UnitSystem): number => meters / (system === 'imperial' ? METERS_PER_MILE : 1000);
export const axisUnit = (system: UnitSystem): string => (system === 'imperial' ? 'mi' : 'km');

/** The signed-in user's unit system, from their profile (the same query the profile page reads and updates). */
export function useUnitSystem(): UnitSystem {
  const { client, session } = useApi();
  const me = useQuery({ queryKey: ['me'], queryFn: () => client.auth.me(), enabled: session !== null });
  const userId = me.data?.principal_type === 'user' ? me.data.user_id : undefined;
  const user = useQuery({ queryKey: ['user', userId], queryFn: () => client.users.get(userId!), enabled: userId !== undefined });
  return user.data?.preferences.unit_system ?? 'metric';
}
