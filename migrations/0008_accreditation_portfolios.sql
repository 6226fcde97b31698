CREATE TABLE "upload_contents" (
	"upload_id" uuid PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uploads_size_positive" CHECK ("uploads"."size_bytes" > 0),
	CONSTRAINT "uploads_file_name_safe" CHECK ("uploads"."file_name" <> '' and position('/' in "uploads"."file_name") = 0 and position('\' in "uploads"."file_name") = 0)
);
--> statement-breakpoint
CREATE TABLE "lp_attendance" (
	"meeting_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "lp_attendance_meeting_id_candidate_id_pk" PRIMARY KEY("meeting_id","candidate_id"),
	CONSTRAINT "lp_attendance_status_known" CHECK ("lp_attendance"."status" in ('present','apologies','absent'))
);
--> statement-breakpoint
CREATE TABLE "lp_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"school_urn" integer,
	"head_consent_name" text NOT NULL,
	"head_consent_on" date NOT NULL,
	"stage" text DEFAULT 'enrolled' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lp_candidates_person_uq" UNIQUE("cohort_id","person_id"),
	CONSTRAINT "lp_candidates_stage_known" CHECK ("lp_candidates"."stage" in ('enrolled','building','peer_review','submitted','accredited','resubmit','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "lp_cohort_networks" (
	"cohort_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	CONSTRAINT "lp_cohort_networks_cohort_id_network_id_pk" PRIMARY KEY("cohort_id","network_id")
);
--> statement-breakpoint
CREATE TABLE "lp_cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"name" text NOT NULL,
	"framework_version_id" uuid NOT NULL,
	"lead_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"max_mentees_per_mentor" integer DEFAULT 2 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lp_cohorts_dates" CHECK ("lp_cohorts"."ends_on" > "lp_cohorts"."starts_on"),
	CONSTRAINT "lp_cohorts_max_mentees" CHECK ("lp_cohorts"."max_mentees_per_mentor" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "lp_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"portfolio_id" uuid NOT NULL,
	"title" text NOT NULL,
	"what_was_done" text NOT NULL,
	"with_whom" text,
	"occurred_on" date NOT NULL,
	"impact" text NOT NULL,
	"impact_measure" text,
	"type" text NOT NULL,
	"group_id" uuid,
	"ready_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lp_evidence_type_known" CHECK ("lp_evidence"."type" in ('action_research','cpd_delivered','coaching','team_teaching','modelling_practice','work_scrutiny','data_intervention','curriculum_development','other'))
);
--> statement-breakpoint
CREATE TABLE "lp_evidence_attachments" (
	"evidence_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	CONSTRAINT "lp_evidence_attachments_evidence_id_upload_id_pk" PRIMARY KEY("evidence_id","upload_id"),
	CONSTRAINT "lp_evidence_attachments_upload_id_unique" UNIQUE("upload_id")
);
--> statement-breakpoint
CREATE TABLE "lp_evidence_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid NOT NULL,
	"url" text NOT NULL,
	"label" text,
	CONSTRAINT "lp_evidence_links_url" CHECK ("lp_evidence_links"."url" ~ '^https?://')
);
--> statement-breakpoint
CREATE TABLE "lp_evidence_standards" (
	"evidence_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"claimed_level" integer NOT NULL,
	CONSTRAINT "lp_evidence_standards_evidence_id_standard_id_pk" PRIMARY KEY("evidence_id","standard_id")
);
--> statement-breakpoint
CREATE TABLE "lp_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"portfolio_id" uuid NOT NULL,
	"evidence_id" uuid,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lp_framework_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"pass_min_level" integer DEFAULT 3 NOT NULL,
	"pass_min_standards" integer DEFAULT 7 NOT NULL,
	"validity_years" integer DEFAULT 3 NOT NULL,
	"change_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lp_framework_versions_uq" UNIQUE("framework_id","version"),
	CONSTRAINT "lp_framework_versions_version" CHECK ("lp_framework_versions"."version" >= 1),
	CONSTRAINT "lp_framework_versions_pass" CHECK ("lp_framework_versions"."pass_min_level" >= 1 and "lp_framework_versions"."pass_min_standards" >= 1),
	CONSTRAINT "lp_framework_versions_validity" CHECK ("lp_framework_versions"."validity_years" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "lp_frameworks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lp_group_members" (
	"group_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	CONSTRAINT "lp_group_members_group_id_candidate_id_pk" PRIMARY KEY("group_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "lp_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"name" text NOT NULL,
	"focus" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lp_level_descriptors" (
	"standard_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"descriptor" text NOT NULL,
	CONSTRAINT "lp_level_descriptors_standard_id_level_pk" PRIMARY KEY("standard_id","level")
);
--> statement-breakpoint
CREATE TABLE "lp_levels" (
	"version_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "lp_levels_version_id_level_pk" PRIMARY KEY("version_id","level"),
	CONSTRAINT "lp_levels_level" CHECK ("lp_levels"."level" between 1 and 9)
);
--> statement-breakpoint
CREATE TABLE "lp_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"venue" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lp_mentor_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lp_mentor_assignments_dates" CHECK ("lp_mentor_assignments"."ends_on" >= "lp_mentor_assignments"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "lp_portfolios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidate_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lp_portfolios_candidate_id_unique" UNIQUE("candidate_id"),
	CONSTRAINT "lp_portfolios_status_known" CHECK ("lp_portfolios"."status" in ('draft','submitted','in_assessment','accredited','resubmit')),
	CONSTRAINT "lp_portfolios_submitted" CHECK ("lp_portfolios"."status" in ('draft','resubmit') or "lp_portfolios"."submitted_at" is not null),
	CONSTRAINT "lp_portfolios_version" CHECK ("lp_portfolios"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "lp_standard_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "lp_standard_groups_position_uq" UNIQUE("version_id","position")
);
--> statement-breakpoint
CREATE TABLE "lp_standards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "lp_standards_code_uq" UNIQUE("version_id","code"),
	CONSTRAINT "lp_standards_version_uq" UNIQUE("id","version_id")
);
--> statement-breakpoint
ALTER TABLE "upload_contents" ADD CONSTRAINT "upload_contents_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_attendance" ADD CONSTRAINT "lp_attendance_meeting_id_lp_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."lp_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_attendance" ADD CONSTRAINT "lp_attendance_candidate_id_lp_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."lp_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_candidates" ADD CONSTRAINT "lp_candidates_cohort_id_lp_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."lp_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_candidates" ADD CONSTRAINT "lp_candidates_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_candidates" ADD CONSTRAINT "lp_candidates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_candidates" ADD CONSTRAINT "lp_candidates_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_candidates" ADD CONSTRAINT "lp_candidates_cohort_id_network_id_lp_cohort_networks_cohort_id_network_id_fk" FOREIGN KEY ("cohort_id","network_id") REFERENCES "public"."lp_cohort_networks"("cohort_id","network_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_cohort_networks" ADD CONSTRAINT "lp_cohort_networks_cohort_id_lp_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."lp_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_cohort_networks" ADD CONSTRAINT "lp_cohort_networks_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_cohorts" ADD CONSTRAINT "lp_cohorts_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_cohorts" ADD CONSTRAINT "lp_cohorts_framework_version_id_lp_framework_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."lp_framework_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_cohorts" ADD CONSTRAINT "lp_cohorts_lead_id_people_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_evidence" ADD CONSTRAINT "lp_evidence_portfolio_id_lp_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."lp_portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_evidence" ADD CONSTRAINT "lp_evidence_group_id_lp_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."lp_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_evidence_attachments" ADD CONSTRAINT "lp_evidence_attachments_evidence_id_lp_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."lp_evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_evidence_attachments" ADD CONSTRAINT "lp_evidence_attachments_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_evidence_links" ADD CONSTRAINT "lp_evidence_links_evidence_id_lp_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."lp_evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_evidence_standards" ADD CONSTRAINT "lp_evidence_standards_evidence_id_lp_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."lp_evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_evidence_standards" ADD CONSTRAINT "lp_evidence_standards_standard_id_version_id_lp_standards_id_version_id_fk" FOREIGN KEY ("standard_id","version_id") REFERENCES "public"."lp_standards"("id","version_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_evidence_standards" ADD CONSTRAINT "lp_evidence_standards_version_id_claimed_level_lp_levels_version_id_level_fk" FOREIGN KEY ("version_id","claimed_level") REFERENCES "public"."lp_levels"("version_id","level") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_feedback" ADD CONSTRAINT "lp_feedback_portfolio_id_lp_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."lp_portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_feedback" ADD CONSTRAINT "lp_feedback_evidence_id_lp_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."lp_evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_feedback" ADD CONSTRAINT "lp_feedback_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_framework_versions" ADD CONSTRAINT "lp_framework_versions_framework_id_lp_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."lp_frameworks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_framework_versions" ADD CONSTRAINT "lp_framework_versions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_framework_versions" ADD CONSTRAINT "lp_framework_versions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_frameworks" ADD CONSTRAINT "lp_frameworks_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_group_members" ADD CONSTRAINT "lp_group_members_group_id_lp_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."lp_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_group_members" ADD CONSTRAINT "lp_group_members_candidate_id_lp_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."lp_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_groups" ADD CONSTRAINT "lp_groups_cohort_id_lp_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."lp_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_level_descriptors" ADD CONSTRAINT "lp_level_descriptors_standard_id_lp_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."lp_standards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_level_descriptors" ADD CONSTRAINT "lp_level_descriptors_version_id_level_lp_levels_version_id_level_fk" FOREIGN KEY ("version_id","level") REFERENCES "public"."lp_levels"("version_id","level") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_levels" ADD CONSTRAINT "lp_levels_version_id_lp_framework_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."lp_framework_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_meetings" ADD CONSTRAINT "lp_meetings_cohort_id_lp_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."lp_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_mentor_assignments" ADD CONSTRAINT "lp_mentor_assignments_cohort_id_lp_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."lp_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_mentor_assignments" ADD CONSTRAINT "lp_mentor_assignments_candidate_id_lp_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."lp_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_mentor_assignments" ADD CONSTRAINT "lp_mentor_assignments_mentor_id_people_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_mentor_assignments" ADD CONSTRAINT "lp_mentor_assignments_confirmed_by_people_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_portfolios" ADD CONSTRAINT "lp_portfolios_candidate_id_lp_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."lp_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_standard_groups" ADD CONSTRAINT "lp_standard_groups_version_id_lp_framework_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."lp_framework_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_standards" ADD CONSTRAINT "lp_standards_version_id_lp_framework_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."lp_framework_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lp_standards" ADD CONSTRAINT "lp_standards_group_id_lp_standard_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."lp_standard_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "uploads_owner_idx" ON "uploads" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "uploads_network_idx" ON "uploads" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "lp_candidates_person_idx" ON "lp_candidates" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "lp_cohort_networks_network_idx" ON "lp_cohort_networks" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "lp_cohorts_network_idx" ON "lp_cohorts" USING btree ("network_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lp_cohorts_name_uq" ON "lp_cohorts" USING btree ("network_id",lower("name"));--> statement-breakpoint
CREATE INDEX "lp_evidence_portfolio_idx" ON "lp_evidence" USING btree ("portfolio_id");--> statement-breakpoint
CREATE INDEX "lp_evidence_links_evidence_idx" ON "lp_evidence_links" USING btree ("evidence_id");--> statement-breakpoint
CREATE INDEX "lp_evidence_standards_standard_idx" ON "lp_evidence_standards" USING btree ("standard_id");--> statement-breakpoint
CREATE INDEX "lp_feedback_portfolio_idx" ON "lp_feedback" USING btree ("portfolio_id","created_at");--> statement-breakpoint
CREATE INDEX "lp_feedback_evidence_idx" ON "lp_feedback" USING btree ("evidence_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lp_frameworks_name_uq" ON "lp_frameworks" USING btree ("network_id",lower("name"));--> statement-breakpoint
CREATE INDEX "lp_group_members_candidate_idx" ON "lp_group_members" USING btree ("candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lp_groups_name_uq" ON "lp_groups" USING btree ("cohort_id",lower("name"));--> statement-breakpoint
CREATE INDEX "lp_meetings_cohort_idx" ON "lp_meetings" USING btree ("cohort_id","held_on");--> statement-breakpoint
CREATE INDEX "lp_mentor_assignments_cohort_idx" ON "lp_mentor_assignments" USING btree ("cohort_id","mentor_id");--> statement-breakpoint
CREATE INDEX "lp_mentor_assignments_candidate_idx" ON "lp_mentor_assignments" USING btree ("candidate_id","starts_on");--> statement-breakpoint
CREATE INDEX "lp_mentor_assignments_mentor_idx" ON "lp_mentor_assignments" USING btree ("mentor_id");--> statement-breakpoint
CREATE INDEX "lp_standards_group_idx" ON "lp_standards" USING btree ("group_id");