ALTER TABLE "lp_evidence" ADD COLUMN "shared_from_id" uuid;--> statement-breakpoint
ALTER TABLE "lp_evidence" ADD CONSTRAINT "lp_evidence_shared_from_id_lp_evidence_id_fk" FOREIGN KEY ("shared_from_id") REFERENCES "public"."lp_evidence"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lp_evidence_group_idx" ON "lp_evidence" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "lp_evidence_shared_from_idx" ON "lp_evidence" USING btree ("shared_from_id");--> statement-breakpoint
-- Evidence is shared only with a small group its author belongs to.
CREATE FUNCTION lp_evidence_shared_with_own_group() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.group_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM lp_group_members m JOIN lp_portfolios p ON p.candidate_id = m.candidate_id
     WHERE m.group_id = NEW.group_id AND p.id = NEW.portfolio_id) THEN
    RAISE EXCEPTION 'Evidence % can only be shared with its author''s own small group', NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'lp_evidence_shared_with_own_group';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER lp_evidence_shared_with_own_group
  BEFORE INSERT OR UPDATE OF group_id, portfolio_id ON lp_evidence
  FOR EACH ROW EXECUTE FUNCTION lp_evidence_shared_with_own_group();
--> statement-breakpoint
-- A candidate who leaves a small group stops sharing with it. Submitted snapshots are separate rows and keep
-- what they had.
CREATE FUNCTION lp_group_members_unshare_on_leave() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE lp_evidence SET group_id = NULL
    WHERE group_id = OLD.group_id AND portfolio_id IN (SELECT id FROM lp_portfolios WHERE candidate_id = OLD.candidate_id);
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER lp_group_members_unshare_on_leave
  AFTER DELETE ON lp_group_members
  FOR EACH ROW EXECUTE FUNCTION lp_group_members_unshare_on_leave();
