/**
 * Sessions happen at a time of day in Wales (GMT in winter, BST in summer) and are stored as
 * instants. These convert between the two without a library: the offset of Europe/London at an
 * instant comes from Intl.
 */

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const walesParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

function partsOf(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of walesParts.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Minutes Wales is ahead of UTC at an instant (0 or 60). */
function offsetMinutes(instant: Date): number {
  const p = partsOf(instant);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** A clock time "HH:MM" (24-hour) as typed, normalised to two digits; null when it is not one. */
export function normaliseTime(value: string): string | null {
  const match = TIME.exec(value.trim());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : null;
}

/** The instant of a date and clock time in Wales ("2026-07-01", "10:00" → 09:00 UTC). */
export function walesInstant(date: string, time: string): Date {
  const d = ISO_DATE.exec(date);
  const clock = normaliseTime(time);
  if (!d || !clock) throw new RangeError(`not a date and time: ${date} ${time}`);
  const [hours, minutes] = clock.split(':').map(Number) as [number, number];
  const naive = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), hours, minutes);
  // The offset at the naive instant is right except within an hour of a change; checking again settles it.
  const first = naive - offsetMinutes(new Date(naive)) * 60_000;
  return new Date(naive - offsetMinutes(new Date(first)) * 60_000);
}

/** The date and clock time in Wales of an instant. */
export function walesDateTime(instant: Date): { date: string; time: string } {
  const p = partsOf(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.year}-${pad(p.month!)}-${pad(p.day!)}`, time: `${pad(p.hour!)}:${pad(p.minute!)}` };
}
