CREATE TABLE "privacy_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"retention_months" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_settings_retention_range" CHECK ("privacy_settings"."retention_months" is null or "privacy_settings"."retention_months" between 1 and 600)
);
--> statement-breakpoint
ALTER TABLE "privacy_settings" ADD CONSTRAINT "privacy_settings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;