CREATE TABLE "calendar_feeds" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "cpd_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"booked_by" uuid,
	"school_urn" integer,
	"status" text NOT NULL,
	"position" integer NOT NULL,
	"price_pence" integer DEFAULT 0 NOT NULL,
	"offer_expires_at" timestamp with time zone,
	"attended" boolean,
	"feedback_rating" smallint,
	"feedback_comment" text,
	"feedback_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cpd_bookings_status_known" CHECK ("cpd_bookings"."status" in ('confirmed','waiting','offered','cancelled','declined','expired')),
	CONSTRAINT "cpd_bookings_offer_expiry" CHECK ("cpd_bookings"."status" <> 'offered' or "cpd_bookings"."offer_expires_at" is not null),
	CONSTRAINT "cpd_bookings_price" CHECK ("cpd_bookings"."price_pence" >= 0),
	CONSTRAINT "cpd_bookings_rating" CHECK ("cpd_bookings"."feedback_rating" is null or "cpd_bookings"."feedback_rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "cpd_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"changed" text,
	"pupil_effect" text,
	"impact" text,
	CONSTRAINT "cpd_follow_ups_booking_id_unique" UNIQUE("booking_id"),
	CONSTRAINT "cpd_follow_ups_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "cpd_follow_ups_impact_known" CHECK ("cpd_follow_ups"."impact" is null or "cpd_follow_ups"."impact" in ('none','some','strong'))
);
--> statement-breakpoint
CREATE TABLE "cpd_invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "cpd_invoices_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"network_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"amount_pence" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voided_at" timestamp with time zone,
	CONSTRAINT "cpd_invoices_number_unique" UNIQUE("number"),
	CONSTRAINT "cpd_invoices_booking_id_unique" UNIQUE("booking_id"),
	CONSTRAINT "cpd_invoices_amount" CHECK ("cpd_invoices"."amount_pence" > 0)
);
--> statement-breakpoint
CREATE TABLE "cpd_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"member_price_pence" integer DEFAULT 0 NOT NULL,
	"other_price_pence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cpd_programmes_prices" CHECK ("cpd_programmes"."member_price_pence" >= 0 and "cpd_programmes"."other_price_pence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cpd_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"title" text NOT NULL,
	"theme" text,
	"slot" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"venue" text,
	"host_school_urn" integer,
	"online_url" text,
	"facilitators" text,
	"capacity" integer NOT NULL,
	"places_taken" integer DEFAULT 0 NOT NULL,
	"next_position" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"next_steps" text,
	"reminded_at" timestamp with time zone,
	"follow_up_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cpd_sessions_capacity" CHECK ("cpd_sessions"."capacity" between 1 and 10000),
	CONSTRAINT "cpd_sessions_places" CHECK ("cpd_sessions"."places_taken" >= 0 and "cpd_sessions"."places_taken" <= "cpd_sessions"."capacity"),
	CONSTRAINT "cpd_sessions_times" CHECK ("cpd_sessions"."ends_at" > "cpd_sessions"."starts_at"),
	CONSTRAINT "cpd_sessions_slot_known" CHECK ("cpd_sessions"."slot" in ('twilight','breakfast','half_day','day')),
	CONSTRAINT "cpd_sessions_status_known" CHECK ("cpd_sessions"."status" in ('draft','published','cancelled')),
	CONSTRAINT "cpd_sessions_where" CHECK ("cpd_sessions"."venue" is not null or "cpd_sessions"."host_school_urn" is not null or "cpd_sessions"."online_url" is not null)
);
--> statement-breakpoint
CREATE TABLE "cpd_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"target_days" numeric(5, 1) DEFAULT '50' NOT NULL,
	"target_positive_percent" integer DEFAULT 90 NOT NULL,
	"offer_hours" integer DEFAULT 48 NOT NULL,
	"follow_up_weeks" integer DEFAULT 6 NOT NULL,
	CONSTRAINT "cpd_settings_targets" CHECK ("cpd_settings"."target_days" >= 0 and "cpd_settings"."target_positive_percent" between 0 and 100),
	CONSTRAINT "cpd_settings_offer_hours" CHECK ("cpd_settings"."offer_hours" between 1 and 336),
	CONSTRAINT "cpd_settings_follow_up_weeks" CHECK ("cpd_settings"."follow_up_weeks" between 1 and 52)
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_bookings" ADD CONSTRAINT "cpd_bookings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_bookings" ADD CONSTRAINT "cpd_bookings_session_id_cpd_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."cpd_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_bookings" ADD CONSTRAINT "cpd_bookings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_bookings" ADD CONSTRAINT "cpd_bookings_booked_by_people_id_fk" FOREIGN KEY ("booked_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_bookings" ADD CONSTRAINT "cpd_bookings_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_follow_ups" ADD CONSTRAINT "cpd_follow_ups_booking_id_cpd_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."cpd_bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_invoices" ADD CONSTRAINT "cpd_invoices_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_invoices" ADD CONSTRAINT "cpd_invoices_booking_id_cpd_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."cpd_bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_programmes" ADD CONSTRAINT "cpd_programmes_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_sessions" ADD CONSTRAINT "cpd_sessions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_sessions" ADD CONSTRAINT "cpd_sessions_programme_id_cpd_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."cpd_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_sessions" ADD CONSTRAINT "cpd_sessions_host_school_urn_schools_urn_fk" FOREIGN KEY ("host_school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_settings" ADD CONSTRAINT "cpd_settings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cpd_bookings_position_uq" ON "cpd_bookings" USING btree ("session_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "cpd_bookings_open_uq" ON "cpd_bookings" USING btree ("session_id","person_id") WHERE "cpd_bookings"."status" in ('confirmed','waiting','offered');--> statement-breakpoint
CREATE INDEX "cpd_bookings_person_idx" ON "cpd_bookings" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "cpd_bookings_network_idx" ON "cpd_bookings" USING btree ("network_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "cpd_programmes_title_uq" ON "cpd_programmes" USING btree ("network_id",lower("title"));--> statement-breakpoint
CREATE INDEX "cpd_sessions_network_idx" ON "cpd_sessions" USING btree ("network_id","starts_at");--> statement-breakpoint
CREATE INDEX "cpd_sessions_programme_idx" ON "cpd_sessions" USING btree ("programme_id","starts_at");--> statement-breakpoint
-- Places taken = bookings that are confirmed or offered, kept in the same transaction as every booking
-- change; with the CHECK cpd_sessions_places (places_taken <= capacity) no write can overbook a session.
CREATE FUNCTION "cpd_bookings_count_places"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN ('confirmed', 'offered') THEN
		UPDATE "cpd_sessions" SET "places_taken" = "places_taken" - 1 WHERE "id" = OLD.session_id;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ('confirmed', 'offered') THEN
		UPDATE "cpd_sessions" SET "places_taken" = "places_taken" + 1 WHERE "id" = NEW.session_id;
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "cpd_bookings_places" AFTER INSERT OR UPDATE OF "status", "session_id" OR DELETE ON "cpd_bookings"
	FOR EACH ROW EXECUTE FUNCTION "cpd_bookings_count_places"();
