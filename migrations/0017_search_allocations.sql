-- The school year's live deployments across designations, read by designation_allocations below (issue 3 bench).
CREATE INDEX "deployments_year_live_idx" ON "deployments" USING btree ("school_year","designation_id") WHERE "deployments"."status" not in ('declined','cancelled');
--> statement-breakpoint
-- A school year's allocations, one row each: live deployments and the days SLEs give that year's CPD trios.
-- The one home of what counts (ADR 9): designation_days_allocated sums it for one designation (the triggers,
-- capacity checks); searches over thousands of designations (the directory's days left, ranked matches) join its
-- sum grouped by designation (allocatedDaysByDesignationSql) instead of calling the function per row.
-- LANGUAGE sql and STABLE so the planner inlines it and pushes a designation's id down to the indexes.
CREATE FUNCTION designation_allocations(p_year integer)
RETURNS TABLE (designation_id uuid, days numeric, source text, source_id uuid) LANGUAGE sql STABLE AS $$
  SELECT designation_id, days, 'deployment'::text, id FROM deployments
    WHERE school_year = p_year AND status NOT IN ('declined', 'cancelled')
  UNION ALL
  SELECT sle_designation_id, sle_days, 'trio'::text, id FROM trios
    WHERE school_year = p_year AND sle_designation_id IS NOT NULL
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION designation_days_allocated(p_designation uuid, p_year integer, p_except_deployment uuid DEFAULT NULL, p_except_trio uuid DEFAULT NULL)
RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(a.days), 0) FROM designation_allocations(p_year) a
  WHERE a.designation_id = p_designation
    AND (a.source <> 'deployment' OR a.source_id IS DISTINCT FROM p_except_deployment)
    AND (a.source <> 'trio' OR a.source_id IS DISTINCT FROM p_except_trio)
$$;
