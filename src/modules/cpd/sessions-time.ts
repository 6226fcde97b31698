// Session times are entered and shown in Europe/London, and stored in UTC.

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(at: Date) {
  const p = Object.fromEntries(londonParts.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** London wall-clock date and time as a UTC instant (the offset checked again at the result, for the clock changes). */
export function londonToUtc(dateIso: string, time: string): Date {
  const [y, m, d] = dateIso.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, mi);
  const offsetAt = (t: number) => {
    const p = parts(new Date(t));
    const [py, pm, pd] = p.date.split('-').map(Number) as [number, number, number];
    const [ph, pmi] = p.time.split(':').map(Number) as [number, number];
    return Date.UTC(py, pm - 1, pd, ph, pmi) - t;
  };
  let utc = wall - offsetAt(wall);
  utc = wall - offsetAt(utc);
  return new Date(utc);
}

/** A UTC instant as the London date (yyyy-mm-dd) and time (HH:MM) that a form shows. */
export const utcToLondon = (at: Date) => parts(at);
