// writeCalendar's feed read back by a second library (ical.js): all-day dates across
// daylight-saving changes whatever the machine's zone, TEXT escaping, line folding, stable UIDs.
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CalendarInputError, type CalendarEvent, writeCalendar } from '../src/calendar/write-calendar.js';

const stamp = new Date('2026-03-01T10:00:00Z');
const processZone = process.env.TZ;
afterEach(() => {
  // Node re-reads TZ when it is assigned; restore the runner's zone for the next test.
  if (processZone === undefined) delete process.env.TZ;
  else process.env.TZ = processZone;
});

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      isDate: event.startDate.isDate && event.endDate.isDate,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
    };
  });
  return { calendar, events };
}

const workout = (date: string, uid = `workout-${date}@astral.test`): CalendarEvent => ({
  uid,
  date,
  summary: `Run on ${date}`,
  description: 'Warm-up 10 min',
});

// The day before, of and after each change: Europe/Berlin moves its clocks on the last
// Sunday of March (2026-03-29) and October (2026-10-25), America/New_York on 2026-03-08
// and 2026-11-01.
const aroundChanges: Record<string, string[]> = {
  'Europe/Berlin': ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26'],
  'America/New_York': ['2026-03-07', '2026-03-08', '2026-03-09', '2026-10-31', '2026-11-01', '2026-11-02'],
};
const nextDay: Record<string, string> = {
  '2026-03-28': '2026-03-29',
  '2026-03-29': '2026-03-30',
  '2026-03-30': '2026-03-31',
  '2026-10-24': '2026-10-25',
  '2026-10-25': '2026-10-26',
  '2026-10-26': '2026-10-27',
  '2026-03-07': '2026-03-08',
  '2026-03-08': '2026-03-09',
  '2026-03-09': '2026-03-10',
  '2026-10-31': '2026-11-01',
  '2026-11-01': '2026-11-02',
  '2026-11-02': '2026-11-03',
};
// Machine zones from UTC-11 to UTC+14: the library formats with local getters when a zone is set.
const machineZones = ['UTC', 'Pacific/Pago_Pago', 'America/New_York', 'Europe/Berlin', 'Pacific/Kiritimati'];

describe('writeCalendar: all-day dates', () => {
  for (const [timeZone, dates] of Object.entries(aroundChanges)) {
    it(`keeps each ${timeZone} date across its daylight-saving changes, on any machine zone`, () => {
      const feeds = machineZones.map((zone) => {
        process.env.TZ = zone;
        return writeCalendar({ name: 'Plan', timeZone, stamp, events: dates.map((date) => workout(date)) });
      });
      // Byte for byte the same feed whatever zone the server runs in.
      expect(new Set(feeds).size).toBe(1);
      const { calendar, events } = parse(feeds[0]!);
      expect(events.map((event) => event.start)).toEqual(dates);
      expect(events.map((event) => event.end)).toEqual(dates.map((date) => nextDay[date]));
      expect(events.every((event) => event.isDate)).toBe(true);
      // DATE values need no zone definition; the athlete's zone is the display hint only.
      expect(feeds[0]).not.toMatch(/TZID|VTIMEZONE/);
      expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe(timeZone);
      // DTSTAMP is UTC, as RFC 5545 requires.
      expect(feeds[0]).toContain('DTSTAMP:20260301T100000Z\r\n');
    });
  }

  it('writes a leap day and the turn of a year as the dates given', () => {
    const { events } = parse(
      writeCalendar({ name: 'Plan', timeZone: 'UTC', stamp, events: [workout('2028-02-29'), workout('2026-12-31')] }),
    );
    expect(events.map((event) => [event.start, event.end])).toEqual([
      ['2028-02-29', '2028-03-01'],
      ['2026-12-31', '2027-01-01'],
    ]);
  });
});

describe('writeCalendar: text', () => {
  it('escapes commas, semicolons, backslashes and newlines so they parse back unchanged', () => {
    const description = 'Warm-up, 10 min; z1\nInterval 6 × 400 m; z5, 90 s rest\nCool-down \\ easy';
    const summary = 'Intervals; 6 × 400 m, z5';
    const name = 'Spring plan, 10 km; "sub-50"\nsecond line';
    const text = writeCalendar({ name, timeZone: 'Europe/Berlin', stamp, events: [{ ...workout('2026-04-01'), summary, description }] });
    const { calendar, events } = parse(text);
    expect(events[0]).toMatchObject({ summary, description });
    expect(text).toContain('SUMMARY:Intervals\\; 6 × 400 m\\, z5\r\n');
    // The calendar name is escaped too: its newline cannot start a property of its own.
    expect(text).not.toMatch(/\r\nsecond line/);
    // ical.js does not know RFC 7986's NAME and hands it over raw: read it as TEXT.
    const readText = ICAL.design.icalendar.value.text!.fromICAL!;
    for (const property of ['name', 'x-wr-calname']) {
      expect(readText(String(calendar.getFirstPropertyValue(property)))).toBe(name);
    }
  });

  it('folds lines at 75 octets without splitting a character, and unfolds to the original', () => {
    const description = `${'Tempo run at threshold pace, steady breathing. '.repeat(6)}Ünïcödé 🏃‍♀️ ${'é🏃'.repeat(40)}`;
    const text = writeCalendar({ name: 'Plan', timeZone: 'UTC', stamp, events: [{ ...workout('2026-04-01'), description }] });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // CRLF only, no bare LF or CR.
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.slice(0, -2).split('\r\n');
    const continuations = lines.filter((line) => line.startsWith(' '));
    expect(continuations.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // A fold inside a surrogate pair would leave a lone surrogate at a line's edge.
      expect(line).not.toMatch(/[\uD800-\uDBFF]$|^ ?[\uDC00-\uDFFF]/);
    }
    expect(parse(text).events[0]!.description).toBe(description);
  });
});

describe('writeCalendar: UIDs', () => {
  const events = ['2026-04-01', '2026-04-03', '2026-04-05'].map((date) => workout(date));

  it('writes the UIDs given, unchanged when the feed is regenerated or other events change', () => {
    const first = parse(writeCalendar({ name: 'Plan', timeZone: 'UTC', stamp, events })).events;
    const later = parse(
      writeCalendar({
        name: 'Plan',
        timeZone: 'UTC',
        stamp: new Date('2026-04-02T08:00:00Z'),
        events: [events[0]!, { ...events[2]!, summary: 'Long run', description: 'Changed' }],
      }),
    ).events;
    expect(first.map((event) => event.uid)).toEqual(events.map((event) => event.uid));
    expect(later.map((event) => event.uid)).toEqual([events[0]!.uid, events[2]!.uid]);
    expect(later[1]).toMatchObject({ summary: 'Long run', start: '2026-04-05' });
  });

  it('is byte-stable for the same input and stamp', () => {
    const write = () => writeCalendar({ name: 'Plan', timeZone: 'UTC', stamp, events });
    expect(write()).toBe(write());
  });
});

describe('writeCalendar: refused input', () => {
  const refused = (feed: Parameters<typeof writeCalendar>[0]) => {
    try {
      writeCalendar(feed);
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarInputError);
      return (error as CalendarInputError).field;
    }
    throw new Error('writeCalendar accepted the feed');
  };

  it('names the field of a date that is not a calendar date, a repeated UID or an unknown zone', () => {
    expect(refused({ name: 'P', timeZone: 'UTC', events: [workout('2026-02-30')] })).toBe('events[0].date');
    expect(refused({ name: 'P', timeZone: 'UTC', events: [workout('2026-04-01'), workout('1 April', 'x')] })).toBe('events[1].date');
    expect(refused({ name: 'P', timeZone: 'UTC', events: [workout('2026-04-01', 'same'), workout('2026-04-02', 'same')] })).toBe(
      'events[1].uid',
    );
    expect(refused({ name: 'P', timeZone: 'Mars/Olympus_Mons', events: [] })).toBe('timeZone');
    expect(refused({ name: 'P', timeZone: 'CEST', events: [] })).toBe('timeZone');
  });
});
