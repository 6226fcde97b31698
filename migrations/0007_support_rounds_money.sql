CREATE TABLE "designation_application_scores" (
	"application_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"scorer_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "designation_application_scores_application_id_criterion_id_scorer_id_pk" PRIMARY KEY("application_id","criterion_id","scorer_id"),
	CONSTRAINT "designation_application_scores_score" CHECK ("designation_application_scores"."score" >= 0)
);
--> statement-breakpoint
CREATE TABLE "designation_application_specialisms" (
	"application_id" uuid NOT NULL,
	"specialism_id" uuid NOT NULL,
	CONSTRAINT "designation_application_specialisms_application_id_specialism_id_pk" PRIMARY KEY("application_id","specialism_id")
);
--> statement-breakpoint
CREATE TABLE "designation_application_statements" (
	"application_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"statement" text NOT NULL,
	CONSTRAINT "designation_application_statements_application_id_criterion_id_pk" PRIMARY KEY("application_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "designation_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"school_urn" integer NOT NULL,
	"phase" text NOT NULL,
	"leadership_years" numeric(3, 1) NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"endorsed_by" uuid,
	"endorsed_at" timestamp with time zone,
	"release_days" numeric(4, 1),
	"endorsement_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"feedback" text,
	"designation_id" uuid,
	CONSTRAINT "designation_applications_status_known" CHECK ("designation_applications"."status" in ('submitted','endorsed','not_endorsed','designated','declined','withdrawn')),
	CONSTRAINT "designation_applications_years" CHECK ("designation_applications"."leadership_years" >= 0 and "designation_applications"."leadership_years" <= 60),
	CONSTRAINT "designation_applications_release" CHECK ("designation_applications"."release_days" is null or ("designation_applications"."release_days" > 0 and "designation_applications"."release_days" <= 190 and "designation_applications"."release_days" * 2 = trunc("designation_applications"."release_days" * 2))),
	CONSTRAINT "designation_applications_endorsed" CHECK ("designation_applications"."status" not in ('endorsed','designated') or "designation_applications"."release_days" is not null),
	CONSTRAINT "designation_applications_designated" CHECK ("designation_applications"."status" <> 'designated' or "designation_applications"."designation_id" is not null),
	CONSTRAINT "designation_applications_feedback" CHECK ("designation_applications"."status" <> 'declined' or "designation_applications"."feedback" is not null)
);
--> statement-breakpoint
CREATE TABLE "designation_round_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"max_score" integer DEFAULT 4 NOT NULL,
	CONSTRAINT "designation_round_criteria_max" CHECK ("designation_round_criteria"."max_score" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "designation_round_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"attendees" text NOT NULL,
	"notes" text NOT NULL,
	"actions" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "designation_round_specialisms" (
	"round_id" uuid NOT NULL,
	"specialism_id" uuid NOT NULL,
	CONSTRAINT "designation_round_specialisms_round_id_specialism_id_pk" PRIMARY KEY("round_id","specialism_id")
);
--> statement-breakpoint
CREATE TABLE "designation_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"phases" text[] NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"term_starts_on" date NOT NULL,
	"term_ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "designation_rounds_kind_known" CHECK ("designation_rounds"."kind" in ('sle','lle','nle','lead_practitioner','ast','lead_mentor')),
	CONSTRAINT "designation_rounds_window" CHECK ("designation_rounds"."closes_on" >= "designation_rounds"."opens_on"),
	CONSTRAINT "designation_rounds_term" CHECK ("designation_rounds"."term_ends_on" > "designation_rounds"."term_starts_on"),
	CONSTRAINT "designation_rounds_phases" CHECK (cardinality("designation_rounds"."phases") > 0)
);
--> statement-breakpoint
CREATE TABLE "designation_training_attendance" (
	"training_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	CONSTRAINT "designation_training_attendance_training_id_application_id_pk" PRIMARY KEY("training_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "designation_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "designation_trainings_kind_known" CHECK ("designation_trainings"."kind" in ('induction','training'))
);
--> statement-breakpoint
CREATE TABLE "payment_models" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"sle_member_pence" integer NOT NULL,
	"sle_non_member_pence" integer NOT NULL,
	"lle_member_pence" integer NOT NULL,
	"lle_non_member_pence" integer NOT NULL,
	"nle_member_pence" integer NOT NULL,
	"nle_non_member_pence" integer NOT NULL,
	"diagnostic_member_pence" integer NOT NULL,
	"diagnostic_non_member_pence" integer NOT NULL,
	"fee_kind" text NOT NULL,
	"fee_value" integer NOT NULL,
	"vat_basis_points" integer NOT NULL,
	"hours_per_day" numeric(3, 1) NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_models_rates" CHECK (least("payment_models"."sle_member_pence", "payment_models"."sle_non_member_pence", "payment_models"."lle_member_pence", "payment_models"."lle_non_member_pence", "payment_models"."nle_member_pence", "payment_models"."nle_non_member_pence", "payment_models"."diagnostic_member_pence", "payment_models"."diagnostic_non_member_pence") >= 0 and greatest("payment_models"."sle_member_pence", "payment_models"."sle_non_member_pence", "payment_models"."lle_member_pence", "payment_models"."lle_non_member_pence", "payment_models"."nle_member_pence", "payment_models"."nle_non_member_pence", "payment_models"."diagnostic_member_pence", "payment_models"."diagnostic_non_member_pence") <= 10000000),
	CONSTRAINT "payment_models_fee_kind" CHECK ("payment_models"."fee_kind" in ('percent','fixed')),
	CONSTRAINT "payment_models_fee_value" CHECK ("payment_models"."fee_value" >= 0 and ("payment_models"."fee_kind" <> 'percent' or "payment_models"."fee_value" <= 10000) and "payment_models"."fee_value" <= 10000000),
	CONSTRAINT "payment_models_vat" CHECK ("payment_models"."vat_basis_points" between 0 and 10000),
	CONSTRAINT "payment_models_hours" CHECK ("payment_models"."hours_per_day" > 0 and "payment_models"."hours_per_day" <= 24)
);
--> statement-breakpoint
CREATE TABLE "support_targets" (
	"network_id" uuid NOT NULL,
	"start_year" integer NOT NULL,
	"days" numeric(6, 1) NOT NULL,
	"income_pence" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_targets_network_id_start_year_pk" PRIMARY KEY("network_id","start_year"),
	CONSTRAINT "support_targets_year" CHECK ("support_targets"."start_year" between 2000 and 2100),
	CONSTRAINT "support_targets_values" CHECK ("support_targets"."days" >= 0 and "support_targets"."income_pence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "support_vouchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"school_urn" integer NOT NULL,
	"hours" numeric(4, 1) NOT NULL,
	"reason" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"deployment_id" uuid,
	"redeemed_on" date,
	"issued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_vouchers_hours" CHECK ("support_vouchers"."hours" > 0 and "support_vouchers"."hours" <= 100 and "support_vouchers"."hours" * 2 = trunc("support_vouchers"."hours" * 2)),
	CONSTRAINT "support_vouchers_expiry" CHECK ("support_vouchers"."expires_on" is null or "support_vouchers"."expires_on" >= "support_vouchers"."issued_on"),
	CONSTRAINT "support_vouchers_redeemed" CHECK (("support_vouchers"."deployment_id" is null) = ("support_vouchers"."redeemed_on" is null))
);
--> statement-breakpoint
ALTER TABLE "designation_application_scores" ADD CONSTRAINT "designation_application_scores_application_id_designation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."designation_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_application_scores" ADD CONSTRAINT "designation_application_scores_criterion_id_designation_round_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."designation_round_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_application_scores" ADD CONSTRAINT "designation_application_scores_scorer_id_people_id_fk" FOREIGN KEY ("scorer_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_application_specialisms" ADD CONSTRAINT "designation_application_specialisms_application_id_designation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."designation_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_application_specialisms" ADD CONSTRAINT "designation_application_specialisms_specialism_id_specialisms_id_fk" FOREIGN KEY ("specialism_id") REFERENCES "public"."specialisms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_application_statements" ADD CONSTRAINT "designation_application_statements_application_id_designation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."designation_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_application_statements" ADD CONSTRAINT "designation_application_statements_criterion_id_designation_round_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."designation_round_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_applications" ADD CONSTRAINT "designation_applications_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_applications" ADD CONSTRAINT "designation_applications_round_id_designation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."designation_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_applications" ADD CONSTRAINT "designation_applications_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_applications" ADD CONSTRAINT "designation_applications_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_applications" ADD CONSTRAINT "designation_applications_endorsed_by_people_id_fk" FOREIGN KEY ("endorsed_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_applications" ADD CONSTRAINT "designation_applications_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_applications" ADD CONSTRAINT "designation_applications_designation_id_designations_id_fk" FOREIGN KEY ("designation_id") REFERENCES "public"."designations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_round_criteria" ADD CONSTRAINT "designation_round_criteria_round_id_designation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."designation_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_round_reviews" ADD CONSTRAINT "designation_round_reviews_round_id_designation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."designation_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_round_reviews" ADD CONSTRAINT "designation_round_reviews_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_round_specialisms" ADD CONSTRAINT "designation_round_specialisms_round_id_designation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."designation_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_round_specialisms" ADD CONSTRAINT "designation_round_specialisms_specialism_id_specialisms_id_fk" FOREIGN KEY ("specialism_id") REFERENCES "public"."specialisms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_rounds" ADD CONSTRAINT "designation_rounds_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_training_attendance" ADD CONSTRAINT "designation_training_attendance_training_id_designation_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."designation_trainings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_training_attendance" ADD CONSTRAINT "designation_training_attendance_application_id_designation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."designation_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_trainings" ADD CONSTRAINT "designation_trainings_round_id_designation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."designation_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_models" ADD CONSTRAINT "payment_models_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_models" ADD CONSTRAINT "payment_models_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_targets" ADD CONSTRAINT "support_targets_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_vouchers" ADD CONSTRAINT "support_vouchers_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_vouchers" ADD CONSTRAINT "support_vouchers_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_vouchers" ADD CONSTRAINT "support_vouchers_issued_by_people_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "designation_applications_person_uq" ON "designation_applications" USING btree ("round_id","person_id");--> statement-breakpoint
CREATE INDEX "designation_applications_network_idx" ON "designation_applications" USING btree ("network_id","status");--> statement-breakpoint
CREATE INDEX "designation_applications_school_idx" ON "designation_applications" USING btree ("school_urn");--> statement-breakpoint
CREATE UNIQUE INDEX "designation_round_criteria_position_uq" ON "designation_round_criteria" USING btree ("round_id","position");--> statement-breakpoint
CREATE INDEX "designation_round_reviews_round_idx" ON "designation_round_reviews" USING btree ("round_id","held_on");--> statement-breakpoint
CREATE INDEX "designation_rounds_network_idx" ON "designation_rounds" USING btree ("network_id","opens_on");--> statement-breakpoint
CREATE INDEX "designation_trainings_round_idx" ON "designation_trainings" USING btree ("round_id","held_on");--> statement-breakpoint
CREATE INDEX "support_vouchers_school_idx" ON "support_vouchers" USING btree ("network_id","school_urn");