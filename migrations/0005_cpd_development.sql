CREATE TABLE "development_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"quality_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "development_options_kind_known" CHECK ("development_options"."kind" in ('course','coaching','placement','discussion'))
);
--> statement-breakpoint
CREATE TABLE "feedback360_raters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"feedback_id" uuid NOT NULL,
	"relationship" text NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	CONSTRAINT "feedback360_raters_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "feedback360_raters_relationship_known" CHECK ("feedback360_raters"."relationship" in ('line_manager','peer','team'))
);
--> statement-breakpoint
CREATE TABLE "feedback360_response_scores" (
	"response_id" uuid NOT NULL,
	"quality_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	CONSTRAINT "feedback360_response_scores_response_id_quality_id_pk" PRIMARY KEY("response_id","quality_id"),
	CONSTRAINT "feedback360_response_scores_range" CHECK ("feedback360_response_scores"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "feedback360_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"feedback_id" uuid NOT NULL,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "feedback360_self_scores" (
	"feedback_id" uuid NOT NULL,
	"quality_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	CONSTRAINT "feedback360_self_scores_feedback_id_quality_id_pk" PRIMARY KEY("feedback_id","quality_id"),
	CONSTRAINT "feedback360_self_scores_range" CHECK ("feedback360_self_scores"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "feedback360s" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"leader_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'self_rating' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback360s_status_known" CHECK ("feedback360s"."status" in ('self_rating','open','closed'))
);
--> statement-breakpoint
CREATE TABLE "leadership_qualities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"behaviours" text NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathway_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"option_id" uuid NOT NULL,
	"feedback_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pathway_items_status_known" CHECK ("pathway_items"."status" in ('planned','in_progress','done'))
);
--> statement-breakpoint
CREATE TABLE "review_group_members" (
	"group_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"school_urn" integer NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "review_group_members_group_id_person_id_pk" PRIMARY KEY("group_id","person_id"),
	CONSTRAINT "review_group_members_position_range" CHECK ("review_group_members"."position" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "review_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"name" text NOT NULL,
	"framework" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_groups_framework_known" CHECK ("review_groups"."framework" in ('ofsted_2025','ofsted_eif_2019','network'))
);
--> statement-breakpoint
CREATE TABLE "review_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"cycle" smallint DEFAULT 1 NOT NULL,
	"reviewed_id" uuid NOT NULL,
	"school_urn" integer NOT NULL,
	"lead_reviewer_id" uuid NOT NULL,
	"visit_on" date,
	"focus" text,
	"findings" text,
	"agreed_actions" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_visits_not_self" CHECK ("review_visits"."lead_reviewer_id" <> "review_visits"."reviewed_id")
);
--> statement-breakpoint
CREATE TABLE "trio_cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"trio_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"notes" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trio_cycles_kind_known" CHECK ("trio_cycles"."kind" in ('reciprocal_observation','joint_planning','trialling'))
);
--> statement-breakpoint
CREATE TABLE "trio_members" (
	"trio_id" uuid NOT NULL,
	"signup_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"school_urn" integer NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "trio_members_trio_id_person_id_pk" PRIMARY KEY("trio_id","person_id"),
	CONSTRAINT "trio_members_position_range" CHECK ("trio_members"."position" between 0 and 2)
);
--> statement-breakpoint
CREATE TABLE "trio_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"school_urn" integer NOT NULL,
	"phase" text NOT NULL,
	"focus_id" uuid NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trio_signups_phase_known" CHECK ("trio_signups"."phase" in ('nursery','primary','middle','secondary','all_through','special','post_16','alternative_provision'))
);
--> statement-breakpoint
CREATE TABLE "trios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phase" text NOT NULL,
	"focus_id" uuid NOT NULL,
	"sle_designation_id" uuid,
	"sle_days" numeric(4, 1) DEFAULT '2' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"evaluation" text,
	"evaluated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trios_status_known" CHECK ("trios"."status" in ('active','completed')),
	CONSTRAINT "trios_phase_known" CHECK ("trios"."phase" in ('nursery','primary','middle','secondary','all_through','special','post_16','alternative_provision')),
	CONSTRAINT "trios_sle_days" CHECK ("trios"."sle_days" >= 0 and "trios"."sle_days" * 2 = trunc("trios"."sle_days" * 2))
);
--> statement-breakpoint
ALTER TABLE "development_options" ADD CONSTRAINT "development_options_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_options" ADD CONSTRAINT "development_options_quality_id_leadership_qualities_id_fk" FOREIGN KEY ("quality_id") REFERENCES "public"."leadership_qualities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback360_raters" ADD CONSTRAINT "feedback360_raters_feedback_id_feedback360s_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback360s"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback360_response_scores" ADD CONSTRAINT "feedback360_response_scores_response_id_feedback360_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."feedback360_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback360_response_scores" ADD CONSTRAINT "feedback360_response_scores_quality_id_leadership_qualities_id_fk" FOREIGN KEY ("quality_id") REFERENCES "public"."leadership_qualities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback360_responses" ADD CONSTRAINT "feedback360_responses_feedback_id_feedback360s_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback360s"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback360_self_scores" ADD CONSTRAINT "feedback360_self_scores_feedback_id_feedback360s_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback360s"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback360_self_scores" ADD CONSTRAINT "feedback360_self_scores_quality_id_leadership_qualities_id_fk" FOREIGN KEY ("quality_id") REFERENCES "public"."leadership_qualities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback360s" ADD CONSTRAINT "feedback360s_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback360s" ADD CONSTRAINT "feedback360s_leader_id_people_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadership_qualities" ADD CONSTRAINT "leadership_qualities_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_items" ADD CONSTRAINT "pathway_items_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_items" ADD CONSTRAINT "pathway_items_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_items" ADD CONSTRAINT "pathway_items_option_id_development_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."development_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_items" ADD CONSTRAINT "pathway_items_feedback_id_feedback360s_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback360s"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_group_members" ADD CONSTRAINT "review_group_members_group_id_review_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."review_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_group_members" ADD CONSTRAINT "review_group_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_group_members" ADD CONSTRAINT "review_group_members_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_groups" ADD CONSTRAINT "review_groups_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_visits" ADD CONSTRAINT "review_visits_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_visits" ADD CONSTRAINT "review_visits_group_id_review_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."review_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_visits" ADD CONSTRAINT "review_visits_reviewed_id_people_id_fk" FOREIGN KEY ("reviewed_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_visits" ADD CONSTRAINT "review_visits_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_visits" ADD CONSTRAINT "review_visits_lead_reviewer_id_people_id_fk" FOREIGN KEY ("lead_reviewer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trio_cycles" ADD CONSTRAINT "trio_cycles_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trio_cycles" ADD CONSTRAINT "trio_cycles_trio_id_trios_id_fk" FOREIGN KEY ("trio_id") REFERENCES "public"."trios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trio_cycles" ADD CONSTRAINT "trio_cycles_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trio_members" ADD CONSTRAINT "trio_members_trio_id_trios_id_fk" FOREIGN KEY ("trio_id") REFERENCES "public"."trios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trio_members" ADD CONSTRAINT "trio_members_signup_id_trio_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."trio_signups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trio_members" ADD CONSTRAINT "trio_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trio_members" ADD CONSTRAINT "trio_members_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trio_signups" ADD CONSTRAINT "trio_signups_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trio_signups" ADD CONSTRAINT "trio_signups_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trio_signups" ADD CONSTRAINT "trio_signups_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trio_signups" ADD CONSTRAINT "trio_signups_focus_id_specialisms_id_fk" FOREIGN KEY ("focus_id") REFERENCES "public"."specialisms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trios" ADD CONSTRAINT "trios_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trios" ADD CONSTRAINT "trios_focus_id_specialisms_id_fk" FOREIGN KEY ("focus_id") REFERENCES "public"."specialisms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trios" ADD CONSTRAINT "trios_sle_designation_id_designations_id_fk" FOREIGN KEY ("sle_designation_id") REFERENCES "public"."designations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "development_options_network_idx" ON "development_options" USING btree ("network_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback360_raters_email_uq" ON "feedback360_raters" USING btree ("feedback_id",lower("email"));--> statement-breakpoint
CREATE INDEX "feedback360_responses_feedback_idx" ON "feedback360_responses" USING btree ("feedback_id");--> statement-breakpoint
CREATE INDEX "feedback360s_leader_idx" ON "feedback360s" USING btree ("network_id","leader_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leadership_qualities_name_uq" ON "leadership_qualities" USING btree ("network_id",lower("name")) WHERE "leadership_qualities"."retired_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "pathway_items_uq" ON "pathway_items" USING btree ("person_id","option_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_group_members_position_uq" ON "review_group_members" USING btree ("group_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "review_group_members_school_uq" ON "review_group_members" USING btree ("group_id","school_urn");--> statement-breakpoint
CREATE INDEX "review_group_members_person_idx" ON "review_group_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_groups_name_uq" ON "review_groups" USING btree ("network_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "review_visits_reviewed_uq" ON "review_visits" USING btree ("group_id","cycle","reviewed_id");--> statement-breakpoint
CREATE INDEX "review_visits_network_idx" ON "review_visits" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "trio_cycles_trio_idx" ON "trio_cycles" USING btree ("trio_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "trio_members_position_uq" ON "trio_members" USING btree ("trio_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "trio_members_signup_uq" ON "trio_members" USING btree ("signup_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trio_members_school_uq" ON "trio_members" USING btree ("trio_id","school_urn");--> statement-breakpoint
CREATE INDEX "trio_members_person_idx" ON "trio_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trio_signups_open_uq" ON "trio_signups" USING btree ("network_id","person_id") WHERE "trio_signups"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "trios_network_idx" ON "trios" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "trios_sle_idx" ON "trios" USING btree ("sle_designation_id");