/**
 * Today's calendar date in UTC, as yyyy-mm-dd. This is the date the database's `current_date` gives
 * while its session time zone is UTC (PGlite's, and the PostgreSQL servers' here), so a date written
 * from here and a membership checked against `current_date` in SQL agree about which day it is.
 */
export const todayIso = (now: Date = new Date()) => now.toISOString().slice(0, 10);
