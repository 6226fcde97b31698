ALTER TABLE "network_partnerships" DROP CONSTRAINT "network_partnerships_network_a_network_b_pk";--> statement-breakpoint
ALTER TABLE "network_partnerships" ALTER COLUMN "started_on" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD COLUMN "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD COLUMN "status" text DEFAULT 'proposed' NOT NULL;--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD COLUMN "proposed_by_network" uuid;--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD COLUMN "proposed_by" uuid;--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD COLUMN "proposed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD COLUMN "message" text;--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD COLUMN "responded_by" uuid;--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD COLUMN "responded_at" timestamp with time zone;--> statement-breakpoint
-- Rows from before consent were set up directly: active, or ended once their last day has passed.
UPDATE "network_partnerships" SET "status" = CASE WHEN "ended_on" IS NOT NULL AND "ended_on" <= current_date THEN 'ended' ELSE 'active' END, "proposed_at" = "started_on"::timestamp AT TIME ZONE 'UTC';--> statement-breakpoint
-- Names become unique case-insensitively; a duplicate that slipped in (two saves at once) keeps its name plus a piece of its id.
UPDATE "networks" n SET "name" = n."name" || ' (' || left(n."id"::text, 8) || ')' WHERE EXISTS (SELECT 1 FROM "networks" o WHERE lower(o."name") = lower(n."name") AND (o."created_at", o."id") < (n."created_at", n."id"));--> statement-breakpoint
UPDATE "strategic_partners" s SET "name" = s."name" || ' (' || left(s."id"::text, 8) || ')' WHERE EXISTS (SELECT 1 FROM "strategic_partners" o WHERE o."network_id" = s."network_id" AND lower(o."name") = lower(s."name") AND (o."created_at", o."id") < (s."created_at", s."id"));--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD CONSTRAINT "network_partnerships_proposed_by_network_networks_id_fk" FOREIGN KEY ("proposed_by_network") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD CONSTRAINT "network_partnerships_proposed_by_people_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD CONSTRAINT "network_partnerships_responded_by_people_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "network_partnerships_open_uq" ON "network_partnerships" USING btree ("network_a","network_b") WHERE "network_partnerships"."status" in ('proposed','active');--> statement-breakpoint
CREATE INDEX "network_partnerships_b_idx" ON "network_partnerships" USING btree ("network_b");--> statement-breakpoint
CREATE UNIQUE INDEX "networks_name_lower_uq" ON "networks" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "strategic_partners_name_uq" ON "strategic_partners" USING btree ("network_id",lower("name"));--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD CONSTRAINT "network_partnerships_status_known" CHECK ("network_partnerships"."status" in ('proposed','active','declined','withdrawn','ended'));--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD CONSTRAINT "network_partnerships_proposer_in_pair" CHECK ("network_partnerships"."proposed_by_network" is null or "network_partnerships"."proposed_by_network" in ("network_partnerships"."network_a", "network_partnerships"."network_b"));--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD CONSTRAINT "network_partnerships_started" CHECK ("network_partnerships"."status" not in ('active','ended') or "network_partnerships"."started_on" is not null);--> statement-breakpoint
ALTER TABLE "network_partnerships" ADD CONSTRAINT "network_partnerships_ended" CHECK ("network_partnerships"."status" <> 'ended' or "network_partnerships"."ended_on" is not null);