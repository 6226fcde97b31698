-- A network's support settings that are not money: the reach of its leaders (km), a hard rule of matching (issue 4).
CREATE TABLE "support_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"reach_km" integer DEFAULT 50 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_settings_reach" CHECK ("support_settings"."reach_km" between 1 and 500)
);
--> statement-breakpoint
ALTER TABLE "support_settings" ADD CONSTRAINT "support_settings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_settings" ADD CONSTRAINT "support_settings_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;