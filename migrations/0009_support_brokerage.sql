CREATE TABLE "deployment_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deployment_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"description" text NOT NULL,
	"baseline" text NOT NULL,
	"target" text,
	"end_measure" text
);
--> statement-breakpoint
CREATE TABLE "deployment_day_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deployment_id" uuid NOT NULL,
	"worked_on" date NOT NULL,
	"half_days" smallint NOT NULL,
	"activity" text NOT NULL,
	"logged_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployment_day_logs_half_days" CHECK ("deployment_day_logs"."half_days" in (1, 2))
);
--> statement-breakpoint
CREATE TABLE "deployment_evaluations" (
	"deployment_id" uuid PRIMARY KEY NOT NULL,
	"school_rating" text,
	"school_comment" text,
	"school_evaluated_by" uuid,
	"school_evaluated_at" timestamp with time zone,
	"leader_reflection" text,
	"leader_reflected_at" timestamp with time zone,
	CONSTRAINT "deployment_evaluations_rating_known" CHECK ("deployment_evaluations"."school_rating" is null or "deployment_evaluations"."school_rating" in ('excellent','good','satisfactory','poor'))
);
--> statement-breakpoint
CREATE TABLE "deployment_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deployment_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployment_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deployment_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployment_status_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deployment_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"event" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"designation_id" uuid NOT NULL,
	"leader_id" uuid NOT NULL,
	"school_urn" integer NOT NULL,
	"paying_school_urn" integer NOT NULL,
	"kind" text DEFAULT 'support' NOT NULL,
	"tier" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"objectives" text NOT NULL,
	"days" numeric(4, 1) NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"school_year" smallint NOT NULL,
	"proposed_by" uuid,
	"leader_consent_at" timestamp with time zone,
	"released_by" uuid,
	"released_at" timestamp with time zone,
	"agreed_by" uuid,
	"agreed_at" timestamp with time zone,
	"closed_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployments_status_known" CHECK ("deployments"."status" in ('proposed','agreed','active','completed','evaluated','declined','cancelled')),
	CONSTRAINT "deployments_kind_known" CHECK ("deployments"."kind" in ('support','diagnostic')),
	CONSTRAINT "deployments_tier_known" CHECK ("deployments"."tier" in ('sle','lle','nle','lead_practitioner','ast','lead_mentor')),
	CONSTRAINT "deployments_days" CHECK ("deployments"."days" > 0 and "deployments"."days" <= 190 and "deployments"."days" * 2 = trunc("deployments"."days" * 2)),
	CONSTRAINT "deployments_dates" CHECK ("deployments"."ends_on" >= "deployments"."starts_on"),
	CONSTRAINT "deployments_school_year" CHECK ("deployments"."school_year" = (extract(year from "deployments"."starts_on")::int - case when extract(month from "deployments"."starts_on") < 9 then 1 else 0 end) and "deployments"."school_year" = (extract(year from "deployments"."ends_on")::int - case when extract(month from "deployments"."ends_on") < 9 then 1 else 0 end)),
	CONSTRAINT "deployments_agreed_with_consent" CHECK ("deployments"."status" not in ('agreed','active','completed','evaluated') or ("deployments"."leader_consent_at" is not null and "deployments"."released_at" is not null and "deployments"."agreed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "support_offer_providers" (
	"offer_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "support_offer_providers_offer_id_person_id_pk" PRIMARY KEY("offer_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "support_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"specialism_id" uuid,
	"phase" text,
	"typical_days" numeric(4, 1) NOT NULL,
	"price_pence" integer,
	"status" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_offers_typical_days" CHECK ("support_offers"."typical_days" > 0 and "support_offers"."typical_days" <= 190 and "support_offers"."typical_days" * 2 = trunc("support_offers"."typical_days" * 2)),
	CONSTRAINT "support_offers_price" CHECK ("support_offers"."price_pence" is null or "support_offers"."price_pence" >= 0),
	CONSTRAINT "support_offers_phase_known" CHECK ("support_offers"."phase" is null or "support_offers"."phase" in ('nursery','primary','middle','secondary','all_through','special','post_16','alternative_provision')),
	CONSTRAINT "support_offers_status_known" CHECK ("support_offers"."status" in ('published','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "support_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"school_urn" integer NOT NULL,
	"kind" text NOT NULL,
	"offer_id" uuid,
	"specialism_id" uuid,
	"phase" text NOT NULL,
	"objectives" text NOT NULL,
	"days" numeric(4, 1) NOT NULL,
	"preferred_start_on" date NOT NULL,
	"preferred_end_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"findings" text,
	"follow_up_of" uuid,
	"raised_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_requests_kind_known" CHECK ("support_requests"."kind" in ('known_need','diagnostic','offer')),
	CONSTRAINT "support_requests_status_known" CHECK ("support_requests"."status" in ('open','closed','withdrawn')),
	CONSTRAINT "support_requests_phase_known" CHECK ("support_requests"."phase" in ('nursery','primary','middle','secondary','all_through','special','post_16','alternative_provision')),
	CONSTRAINT "support_requests_days" CHECK ("support_requests"."days" > 0 and "support_requests"."days" <= 190 and "support_requests"."days" * 2 = trunc("support_requests"."days" * 2)),
	CONSTRAINT "support_requests_dates" CHECK ("support_requests"."preferred_end_on" >= "support_requests"."preferred_start_on"),
	CONSTRAINT "support_requests_offer" CHECK ("support_requests"."kind" <> 'offer' or "support_requests"."offer_id" is not null),
	CONSTRAINT "support_requests_need_specialism" CHECK ("support_requests"."kind" <> 'known_need' or "support_requests"."specialism_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "deployment_criteria" ADD CONSTRAINT "deployment_criteria_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_day_logs" ADD CONSTRAINT "deployment_day_logs_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_day_logs" ADD CONSTRAINT "deployment_day_logs_logged_by_people_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_evaluations" ADD CONSTRAINT "deployment_evaluations_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_evaluations" ADD CONSTRAINT "deployment_evaluations_school_evaluated_by_people_id_fk" FOREIGN KEY ("school_evaluated_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_milestones" ADD CONSTRAINT "deployment_milestones_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_notes" ADD CONSTRAINT "deployment_notes_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_notes" ADD CONSTRAINT "deployment_notes_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_status_events" ADD CONSTRAINT "deployment_status_events_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_status_events" ADD CONSTRAINT "deployment_status_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_request_id_support_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."support_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_designation_id_designations_id_fk" FOREIGN KEY ("designation_id") REFERENCES "public"."designations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_leader_id_people_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_paying_school_urn_schools_urn_fk" FOREIGN KEY ("paying_school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_proposed_by_people_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_released_by_people_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_agreed_by_people_id_fk" FOREIGN KEY ("agreed_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_offer_providers" ADD CONSTRAINT "support_offer_providers_offer_id_support_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."support_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_offer_providers" ADD CONSTRAINT "support_offer_providers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_offers" ADD CONSTRAINT "support_offers_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_offers" ADD CONSTRAINT "support_offers_specialism_id_specialisms_id_fk" FOREIGN KEY ("specialism_id") REFERENCES "public"."specialisms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_offer_id_support_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."support_offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_specialism_id_specialisms_id_fk" FOREIGN KEY ("specialism_id") REFERENCES "public"."specialisms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_follow_up_of_support_requests_id_fk" FOREIGN KEY ("follow_up_of") REFERENCES "public"."support_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_raised_by_people_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deployment_criteria_position_uq" ON "deployment_criteria" USING btree ("deployment_id","position");--> statement-breakpoint
CREATE INDEX "deployment_day_logs_deployment_idx" ON "deployment_day_logs" USING btree ("deployment_id","worked_on");--> statement-breakpoint
CREATE INDEX "deployment_milestones_deployment_idx" ON "deployment_milestones" USING btree ("deployment_id","due_on");--> statement-breakpoint
CREATE INDEX "deployment_notes_deployment_idx" ON "deployment_notes" USING btree ("deployment_id");--> statement-breakpoint
CREATE INDEX "deployment_status_events_deployment_idx" ON "deployment_status_events" USING btree ("deployment_id","at");--> statement-breakpoint
CREATE INDEX "deployments_network_idx" ON "deployments" USING btree ("network_id","status");--> statement-breakpoint
CREATE INDEX "deployments_designation_year_idx" ON "deployments" USING btree ("designation_id","school_year");--> statement-breakpoint
CREATE INDEX "deployments_leader_idx" ON "deployments" USING btree ("leader_id");--> statement-breakpoint
CREATE INDEX "deployments_school_idx" ON "deployments" USING btree ("school_urn");--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_request_live_uq" ON "deployments" USING btree ("request_id") WHERE "deployments"."status" not in ('declined','cancelled');--> statement-breakpoint
CREATE INDEX "support_offer_providers_person_idx" ON "support_offer_providers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "support_offers_network_idx" ON "support_offers" USING btree ("network_id","status");--> statement-breakpoint
CREATE INDEX "support_requests_network_idx" ON "support_requests" USING btree ("network_id","status");--> statement-breakpoint
CREATE INDEX "support_requests_school_idx" ON "support_requests" USING btree ("school_urn");--> statement-breakpoint
-- A leader's days in a school year never exceed their designation's release days. The trigger locks the
-- designation row first, so two transactions allocating the same leader at once queue here, and the
-- second sums the days the first committed.
CREATE FUNCTION deployments_within_release_days() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  released numeric;
  allocated numeric;
BEGIN
  IF NEW.status IN ('declined', 'cancelled') THEN
    RETURN NULL;
  END IF;
  SELECT release_days INTO released FROM designations WHERE id = NEW.designation_id FOR UPDATE;
  SELECT coalesce(sum(days), 0) INTO allocated FROM deployments
    WHERE designation_id = NEW.designation_id AND school_year = NEW.school_year AND status NOT IN ('declined', 'cancelled');
  IF allocated > released THEN
    RAISE EXCEPTION 'Release days exceeded: % days allocated in school year % against % released', allocated, NEW.school_year, released
      USING ERRCODE = 'check_violation', CONSTRAINT = 'deployments_within_release_days';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER deployments_within_release_days
  AFTER INSERT OR UPDATE OF days, status, designation_id, school_year ON deployments
  FOR EACH ROW EXECUTE FUNCTION deployments_within_release_days();
