ALTER TABLE "trios" ADD COLUMN "school_year" smallint DEFAULT (extract(year from (now() at time zone 'UTC') - interval '8 months'))::smallint NOT NULL;--> statement-breakpoint
-- A trio holds its SLE's days in the school year it was formed (UTC dates, as todayIso; September onwards).
UPDATE "trios" SET "school_year" = (extract(year from ("created_at" at time zone 'UTC') - interval '8 months'))::smallint;
--> statement-breakpoint
-- The days a designation has allocated in a school year: its live deployments and the days its SLE gives the
-- CPD trios of that year. The one home of the sum (ADR 9): the triggers below and the app's queries
-- (allocatedDaysSql) use it. A deployment or trio being changed can be left out.
CREATE FUNCTION designation_days_allocated(p_designation uuid, p_year integer, p_except_deployment uuid DEFAULT NULL, p_except_trio uuid DEFAULT NULL)
RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT sum(days) FROM deployments WHERE designation_id = p_designation AND school_year = p_year
      AND status NOT IN ('declined', 'cancelled') AND id IS DISTINCT FROM p_except_deployment), 0)
    + coalesce((SELECT sum(sle_days) FROM trios WHERE sle_designation_id = p_designation AND school_year = p_year
      AND id IS DISTINCT FROM p_except_trio), 0)
$$;
--> statement-breakpoint
-- Lock the designation row (as every command adding days does first) and refuse days past its release.
CREATE FUNCTION designation_within_release_days(p_designation uuid, p_year integer, p_constraint text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  released numeric;
  allocated numeric;
BEGIN
  SELECT release_days INTO released FROM designations WHERE id = p_designation FOR UPDATE;
  allocated := designation_days_allocated(p_designation, p_year);
  IF allocated > released THEN
    RAISE EXCEPTION 'Release days exceeded: % days allocated in school year % against % released', allocated, p_year, released
      USING ERRCODE = 'check_violation', CONSTRAINT = p_constraint;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION deployments_within_release_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IN ('declined', 'cancelled') THEN
    RETURN NULL;
  END IF;
  PERFORM designation_within_release_days(NEW.designation_id, NEW.school_year, 'deployments_within_release_days');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION trios_within_release_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.sle_designation_id IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM designation_within_release_days(NEW.sle_designation_id, NEW.school_year, 'trios_within_release_days');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER trios_within_release_days
  AFTER INSERT OR UPDATE OF sle_designation_id, sle_days, school_year ON trios
  FOR EACH ROW EXECUTE FUNCTION trios_within_release_days();
--> statement-breakpoint
-- Lowering release days must still cover the busiest school year, trios' days included.
CREATE OR REPLACE FUNCTION designations_release_days_cover_allocations() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  busiest record;
BEGIN
  SELECT y.school_year, designation_days_allocated(NEW.id, y.school_year) AS allocated INTO busiest
    FROM (SELECT school_year FROM deployments WHERE designation_id = NEW.id
          UNION SELECT school_year FROM trios WHERE sle_designation_id = NEW.id) y
    ORDER BY 2 DESC, 1 DESC LIMIT 1;
  IF FOUND AND busiest.allocated > NEW.release_days THEN
    RAISE EXCEPTION 'Release days below allocations: % days allocated in school year % against % released', busiest.allocated, busiest.school_year, NEW.release_days
      USING ERRCODE = 'check_violation', CONSTRAINT = 'designations_release_days_cover_allocations';
  END IF;
  RETURN NULL;
END
$$;
