CREATE TABLE "designation_specialisms" (
	"designation_id" uuid NOT NULL,
	"specialism_id" uuid NOT NULL,
	CONSTRAINT "designation_specialisms_designation_id_specialism_id_pk" PRIMARY KEY("designation_id","specialism_id")
);
--> statement-breakpoint
CREATE TABLE "designations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"phase" text NOT NULL,
	"release_days" numeric(4, 1) NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"review_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "designations_kind_known" CHECK ("designations"."kind" in ('sle','lle','nle','lead_practitioner','ast','lead_mentor')),
	CONSTRAINT "designations_phase_known" CHECK ("designations"."phase" in ('nursery','primary','middle','secondary','all_through','special','post_16','alternative_provision')),
	CONSTRAINT "designations_status_known" CHECK ("designations"."status" in ('active','lapsed','withdrawn')),
	CONSTRAINT "designations_release_days" CHECK ("designations"."release_days" > 0 and "designations"."release_days" <= 190 and "designations"."release_days" * 2 = trunc("designations"."release_days" * 2)),
	CONSTRAINT "designations_term" CHECK ("designations"."ends_on" > "designations"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "designation_specialisms" ADD CONSTRAINT "designation_specialisms_designation_id_designations_id_fk" FOREIGN KEY ("designation_id") REFERENCES "public"."designations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_specialisms" ADD CONSTRAINT "designation_specialisms_specialism_id_specialisms_id_fk" FOREIGN KEY ("specialism_id") REFERENCES "public"."specialisms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designations" ADD CONSTRAINT "designations_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designations" ADD CONSTRAINT "designations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "designation_specialisms_specialism_idx" ON "designation_specialisms" USING btree ("specialism_id");--> statement-breakpoint
CREATE INDEX "designations_network_idx" ON "designations" USING btree ("network_id","status");--> statement-breakpoint
CREATE INDEX "designations_person_idx" ON "designations" USING btree ("person_id");