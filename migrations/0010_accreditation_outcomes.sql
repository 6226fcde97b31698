CREATE TABLE "lp_assessments" (
	"submission_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"level" integer,
	"feedback" text,
	"moderated_level" integer,
	"overturned" boolean DEFAULT false NOT NULL,
	"moderation_note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lp_assessments_submission_id_standard_id_pk" PRIMARY KEY("submission_id","standard_id")
);
--> statement-breakpoint
CREATE TABLE "lp_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"public_id" text NOT NULL,
	"submission_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"holder_name" text NOT NULL,
	"framework_name" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lp_certificates_public_id_unique" UNIQUE("public_id"),
	CONSTRAINT "lp_certificates_submission_id_unique" UNIQUE("submission_id"),
	CONSTRAINT "lp_certificates_public_id" CHECK ("lp_certificates"."public_id" ~ '^[A-Za-z0-9_-]{20}$'),
	CONSTRAINT "lp_certificates_term" CHECK ("lp_certificates"."expires_on" > "lp_certificates"."issued_on")
);
--> statement-breakpoint
CREATE TABLE "lp_peer_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"reviewee_id" uuid NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"checklist" jsonb,
	"strengths" text,
	"suggestions" text,
	"assigned_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "lp_peer_reviews_reviewer_id_unique" UNIQUE("reviewer_id"),
	CONSTRAINT "lp_peer_reviews_reviewee_id_unique" UNIQUE("reviewee_id"),
	CONSTRAINT "lp_peer_reviews_not_self" CHECK ("lp_peer_reviews"."reviewer_id" <> "lp_peer_reviews"."reviewee_id"),
	CONSTRAINT "lp_peer_reviews_status_known" CHECK ("lp_peer_reviews"."status" in ('assigned','completed')),
	CONSTRAINT "lp_peer_reviews_completed" CHECK ("lp_peer_reviews"."status" <> 'completed' or ("lp_peer_reviews"."checklist" is not null and "lp_peer_reviews"."completed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "lp_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"portfolio_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"framework_version_id" uuid NOT NULL,
	"portfolio_version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'awaiting_assessor' NOT NULL,
	"assessor_id" uuid,
	"moderator_id" uuid,
	"sampled_at" timestamp with time zone,
	"assessed_at" timestamp with time zone,
	"moderation_note" text,
	"outcome" text,
	"to_work_on" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "lp_submissions_version_uq" UNIQUE("portfolio_id","portfolio_version"),
	CONSTRAINT "lp_submissions_status_known" CHECK ("lp_submissions"."status" in ('awaiting_assessor','in_assessment','in_moderation','decided')),
	CONSTRAINT "lp_submissions_outcome_known" CHECK ("lp_submissions"."outcome" is null or "lp_submissions"."outcome" in ('accredited','resubmit')),
	CONSTRAINT "lp_submissions_decided" CHECK (("lp_submissions"."status" = 'decided') = ("lp_submissions"."outcome" is not null and "lp_submissions"."decided_at" is not null)),
	CONSTRAINT "lp_submissions_assessor" CHECK ("lp_submissions"."status" = 'awaiting_assessor' or "lp_submissions"."assessor_id" is not null),
	CONSTRAINT "lp_submissions_moderator" CHECK ("lp_submissions"."status" <> 'in_moderation' or "lp_submissions"."moderator_id" is not null),
	CONSTRAINT "lp_submissions_independent" CHECK ("lp_submissions"."moderator_id" is null or "lp_submissions"."moderator_id" <> "lp_submissions"."assessor_id")
);
--> statement-breakpoint
CREATE TABLE "lp_support_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"certificate_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"given_on" date NOT NULL,
	"academic_year" smallint NOT NULL,
	"days" numeric(3, 1) NOT NULL,
	"kind" text NOT NULL,
	"school_urn" integer,
	"note" text,
	"deployment_id" uuid,
	"logged_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lp_support_days_kind_known" CHECK ("lp_support_days"."kind" in ('modelling_good_practice','cpd_delivery','team_teaching','work_scrutiny','using_data','supporting_assessment','developing_curriculum')),
	CONSTRAINT "lp_support_days_days" CHECK ("lp_support_days"."days" > 0 and "lp_support_days"."days" <= 10 and "lp_support_days"."days" * 2 = trunc("lp_support_days"."days" * 2)),
	CONSTRAINT "lp_support_days_year" CHECK ("lp_support_days"."academic_year" = extract(year from "lp_support_days"."given_on") - case when extract(month from "lp_support_days"."given_on") >= 9 then 0 else 1 end)
);
--> statement-breakpoint
ALTER TABLE "lp_assessments" ADD CONSTRAINT "lp_assessments_submission_id_lp_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."lp_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_assessments" ADD CONSTRAINT "lp_assessments_standard_id_version_id_lp_standards_id_version_id_fk" FOREIGN KEY ("standard_id","version_id") REFERENCES "public"."lp_standards"("id","version_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_assessments" ADD CONSTRAINT "lp_assessments_level_fk" FOREIGN KEY ("version_id","level") REFERENCES "public"."lp_levels"("version_id","level") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_assessments" ADD CONSTRAINT "lp_assessments_moderated_level_fk" FOREIGN KEY ("version_id","moderated_level") REFERENCES "public"."lp_levels"("version_id","level") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_certificates" ADD CONSTRAINT "lp_certificates_submission_id_lp_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."lp_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_certificates" ADD CONSTRAINT "lp_certificates_candidate_id_lp_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."lp_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_certificates" ADD CONSTRAINT "lp_certificates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_certificates" ADD CONSTRAINT "lp_certificates_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_peer_reviews" ADD CONSTRAINT "lp_peer_reviews_cohort_id_lp_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."lp_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_peer_reviews" ADD CONSTRAINT "lp_peer_reviews_reviewer_id_lp_candidates_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."lp_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_peer_reviews" ADD CONSTRAINT "lp_peer_reviews_reviewee_id_lp_candidates_id_fk" FOREIGN KEY ("reviewee_id") REFERENCES "public"."lp_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_peer_reviews" ADD CONSTRAINT "lp_peer_reviews_assigned_by_people_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_submissions" ADD CONSTRAINT "lp_submissions_portfolio_id_lp_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."lp_portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_submissions" ADD CONSTRAINT "lp_submissions_candidate_id_lp_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."lp_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_submissions" ADD CONSTRAINT "lp_submissions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_submissions" ADD CONSTRAINT "lp_submissions_framework_version_id_lp_framework_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."lp_framework_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_submissions" ADD CONSTRAINT "lp_submissions_assessor_id_people_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_submissions" ADD CONSTRAINT "lp_submissions_moderator_id_people_id_fk" FOREIGN KEY ("moderator_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_support_days" ADD CONSTRAINT "lp_support_days_certificate_id_lp_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."lp_certificates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_support_days" ADD CONSTRAINT "lp_support_days_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_support_days" ADD CONSTRAINT "lp_support_days_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_support_days" ADD CONSTRAINT "lp_support_days_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_support_days" ADD CONSTRAINT "lp_support_days_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_support_days" ADD CONSTRAINT "lp_support_days_logged_by_people_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lp_certificates_network_idx" ON "lp_certificates" USING btree ("network_id","expires_on");--> statement-breakpoint
CREATE INDEX "lp_certificates_person_idx" ON "lp_certificates" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "lp_peer_reviews_cohort_idx" ON "lp_peer_reviews" USING btree ("cohort_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lp_submissions_open_uq" ON "lp_submissions" USING btree ("portfolio_id") WHERE "lp_submissions"."status" <> 'decided';--> statement-breakpoint
CREATE INDEX "lp_submissions_network_idx" ON "lp_submissions" USING btree ("network_id","status");--> statement-breakpoint
CREATE INDEX "lp_submissions_assessor_idx" ON "lp_submissions" USING btree ("assessor_id");--> statement-breakpoint
CREATE INDEX "lp_submissions_moderator_idx" ON "lp_submissions" USING btree ("moderator_id");--> statement-breakpoint
CREATE INDEX "lp_support_days_certificate_idx" ON "lp_support_days" USING btree ("certificate_id","academic_year");--> statement-breakpoint
CREATE INDEX "lp_support_days_network_idx" ON "lp_support_days" USING btree ("network_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lp_support_days_deployment_uq" ON "lp_support_days" USING btree ("deployment_id");--> statement-breakpoint
-- At most ten days of support an academic year per accreditation, whatever writes the rows: the
-- certificate row is locked first so that two logs at once are counted one after the other.
CREATE FUNCTION lp_support_days_within_year() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total numeric;
BEGIN
  PERFORM 1 FROM lp_certificates WHERE id = NEW.certificate_id FOR UPDATE;
  SELECT coalesce(sum(days), 0) INTO total FROM lp_support_days
    WHERE certificate_id = NEW.certificate_id AND academic_year = NEW.academic_year;
  IF total > 10 THEN
    RAISE EXCEPTION 'Support days exceeded: % days in academic year % against 10', total, NEW.academic_year
      USING ERRCODE = '23514', CONSTRAINT = 'lp_support_days_within_year';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER lp_support_days_within_year
  AFTER INSERT OR UPDATE ON lp_support_days
  FOR EACH ROW EXECUTE FUNCTION lp_support_days_within_year();
