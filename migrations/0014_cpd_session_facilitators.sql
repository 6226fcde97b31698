CREATE TABLE "cpd_session_facilitators" (
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cpd_session_facilitators_session_id_person_id_pk" PRIMARY KEY("session_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "cpd_session_facilitators" ADD CONSTRAINT "cpd_session_facilitators_session_id_cpd_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."cpd_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_session_facilitators" ADD CONSTRAINT "cpd_session_facilitators_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_session_facilitators" ADD CONSTRAINT "cpd_session_facilitators_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cpd_session_facilitators_person_idx" ON "cpd_session_facilitators" USING btree ("person_id");