// An iCalendar feed (RFC 5545) of all-day events, written by ical-generator.
//
// Every event is an all-day DATE value (DTSTART;VALUE=DATE, DTEND the next day, exclusive):
// a workout belongs to a calendar date of the athlete, not to an instant, and a DATE value
// is that date in every client and every viewer's zone, so daylight-saving changes cannot
// move it. Timed values would need a VTIMEZONE per zone (ical-generator writes none without
// a generator) and would pretend to a start time the plan does not have.
//
// ical-generator's pitfall (TOOLCHAIN.md): with a timezone set it formats a Date with the
// process's local getters. No timezone is set on the calendar or the events, and dates are
// built at UTC midnight, so only its UTC getters run and the output does not depend on the
// machine's TZ. The athlete's zone is written as X-WR-TIMEZONE, a hint clients use for
// display; DTSTAMP stays UTC as RFC 5545 requires.
import ical, { escape, ICalCalendarMethod, ICalEventTransparency } from 'ical-generator';

export interface CalendarEvent {
  /** Globally unique and stable across regenerations, so subscribers update rather than duplicate. */
  uid: string;
  /** YYYY-MM-DD: the athlete's local calendar date of the event. */
  date: string;
  summary: string;
  /** Plain text; commas, semicolons, backslashes and newlines are escaped by the writer. */
  description: string;
}

export interface CalendarFeed {
  /** The calendar's name as subscribers show it (X-WR-CALNAME). */
  name: string;
  /** The athlete's IANA time zone, e.g. Europe/Berlin. */
  timeZone: string;
  events: readonly CalendarEvent[];
  /** PRODID, a formal public identifier such as `-//Astral//Training plans//EN`; defaults to the API's own. */
  prodId?: string;
  /** DTSTAMP of every event; pass the feed's last change for byte-stable output (ETags). Defaults to now. */
  stamp?: Date;
  /** How often subscribers should refresh, in seconds (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  refreshSeconds?: number;
}

/** Input the writer refuses; `field` names the offending property (e.g. `events[3].date`). */
export class CalendarInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'CalendarInputError';
  }
}

export const defaultProdId = '-//Astral//Training plans//EN';
const defaultRefreshSeconds = 6 * 60 * 60;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight of a YYYY-MM-DD date, or undefined when it is not a real calendar date. */
function utcMidnight(date: string): Date | undefined {
  const match = datePattern.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March; a rolled date is not the one asked for.
  return value.getUTCMonth() === month - 1 && value.getUTCDate() === day ? value : undefined;
}

function isIanaTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone.includes('/') || timeZone === 'UTC';
  } catch {
    return false;
  }
}

export function writeCalendar(feed: CalendarFeed): string {
  if (!isIanaTimeZone(feed.timeZone)) {
    throw new CalendarInputError(`"${feed.timeZone}" is not an IANA time zone`, 'timeZone');
  }
  const calendar = ical({
    // ical-generator writes the calendar name (NAME, X-WR-CALNAME) as given, unescaped: a
    // comma, semicolon or newline in it would break or inject properties, so escape it here.
    name: escape(feed.name, false),
    // ical-generator writes "PRODID:-" + the value: hand it the identifier without its "-".
    prodId: (feed.prodId ?? defaultProdId).replace(/^-/, ''),
    // PUBLISH: a feed to subscribe to, not an invitation to answer (Outlook reads it so).
    method: ICalCalendarMethod.PUBLISH,
    ttl: feed.refreshSeconds ?? defaultRefreshSeconds,
  });
  calendar.x('X-WR-TIMEZONE', feed.timeZone);
  const stamp = feed.stamp ?? new Date();
  const seen = new Set<string>();
  feed.events.forEach((event, index) => {
    const start = utcMidnight(event.date);
    if (!start) throw new CalendarInputError(`"${event.date}" is not a YYYY-MM-DD date`, `events[${index}].date`);
    if (!event.uid || seen.has(event.uid)) {
      // Clients keep one event per UID: a repeated one would silently hide a workout.
      throw new CalendarInputError(`UID "${event.uid}" is empty or repeated`, `events[${index}].uid`);
    }
    seen.add(event.uid);
    calendar.createEvent({
      id: event.uid,
      allDay: true,
      start,
      end: new Date(start.getTime() + 24 * 60 * 60 * 1000),
      stamp,
      summary: event.summary,
      description: event.description,
      // A workout does not make the athlete busy for the whole day.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  });
  // RFC 5545 ends every content line with CRLF, the last one included; the library omits it.
  return `${calendar.toString()}\r\n`;
}
