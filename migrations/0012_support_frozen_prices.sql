ALTER TABLE "support_vouchers" DROP CONSTRAINT "support_vouchers_redeemed";--> statement-breakpoint
ALTER TABLE "support_vouchers" ADD COLUMN "redeemed_pence" integer;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "day_rate_pence" integer;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "fee_kind" text;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "fee_value" integer;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "vat_basis_points" integer;--> statement-breakpoint
-- Deployments agreed before prices were frozen take the network's payment model as it stands now (the
-- defaults of money-domain.ts where the network has none), as their statements did until now.
UPDATE "deployments" d SET
  "day_rate_pence" = CASE
    WHEN d."kind" = 'diagnostic' THEN CASE WHEN m.member THEN coalesce(pm."diagnostic_member_pence", 40000) ELSE coalesce(pm."diagnostic_non_member_pence", 48000) END
    WHEN d."tier" = 'lle' THEN CASE WHEN m.member THEN coalesce(pm."lle_member_pence", 45000) ELSE coalesce(pm."lle_non_member_pence", 54000) END
    WHEN d."tier" = 'nle' THEN CASE WHEN m.member THEN coalesce(pm."nle_member_pence", 55000) ELSE coalesce(pm."nle_non_member_pence", 66000) END
    ELSE CASE WHEN m.member THEN coalesce(pm."sle_member_pence", 35000) ELSE coalesce(pm."sle_non_member_pence", 42000) END
  END,
  "fee_kind" = coalesce(pm."fee_kind", 'percent'),
  "fee_value" = coalesce(pm."fee_value", 1000),
  "vat_basis_points" = coalesce(pm."vat_basis_points", 2000)
FROM "deployments" d2
  LEFT JOIN "payment_models" pm ON pm."network_id" = d2."network_id"
  CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM "network_schools" ns WHERE ns."network_id" = d2."network_id"
    AND ns."school_urn" = d2."paying_school_urn" AND ns."left_on" IS NULL) AS member) m
WHERE d2."id" = d."id" AND d."status" IN ('agreed', 'active', 'completed', 'evaluated');--> statement-breakpoint
ALTER TABLE "support_vouchers" ADD CONSTRAINT "support_vouchers_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_vouchers_deployment_idx" ON "support_vouchers" USING btree ("deployment_id");--> statement-breakpoint
ALTER TABLE "support_vouchers" ADD CONSTRAINT "support_vouchers_redemption" CHECK (("support_vouchers"."deployment_id" is null) = ("support_vouchers"."redeemed_on" is null) and ("support_vouchers"."deployment_id" is null) = ("support_vouchers"."redeemed_pence" is null) and ("support_vouchers"."redeemed_pence" is null or "support_vouchers"."redeemed_pence" >= 0));--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_priced_when_agreed" CHECK ("deployments"."status" not in ('agreed','active','completed','evaluated') or ("deployments"."day_rate_pence" is not null and "deployments"."fee_kind" is not null and "deployments"."fee_value" is not null and "deployments"."vat_basis_points" is not null));--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_price_values" CHECK (("deployments"."day_rate_pence" is null or "deployments"."day_rate_pence" between 0 and 10000000) and ("deployments"."fee_kind" is null or "deployments"."fee_kind" in ('percent','fixed')) and ("deployments"."fee_value" is null or "deployments"."fee_value" between 0 and 10000000) and ("deployments"."vat_basis_points" is null or "deployments"."vat_basis_points" between 0 and 10000));--> statement-breakpoint
-- A redeemed voucher stays with its deployment: it may be freed (the deployment was cancelled) but never
-- moved to another or revalued, so two agreements can never both spend it. It is redeemed only against a
-- deployment of the same network paid for by the voucher's school.
CREATE FUNCTION support_vouchers_redeemed_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.deployment_id IS NOT NULL AND NEW.deployment_id IS NOT NULL
     AND (NEW.deployment_id <> OLD.deployment_id OR NEW.redeemed_pence <> OLD.redeemed_pence OR NEW.redeemed_on <> OLD.redeemed_on) THEN
    RAISE EXCEPTION 'Voucher % is already redeemed', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'support_vouchers_redeemed_once';
  END IF;
  IF NEW.deployment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deployments d WHERE d.id = NEW.deployment_id
     AND d.network_id = NEW.network_id AND d.paying_school_urn = NEW.school_urn) THEN
    RAISE EXCEPTION 'Voucher % can only pay for its own school''s deployments in its network', NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'support_vouchers_redeemed_once';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER support_vouchers_redeemed_once
  BEFORE INSERT OR UPDATE OF deployment_id, redeemed_on, redeemed_pence, school_urn, network_id ON support_vouchers
  FOR EACH ROW EXECUTE FUNCTION support_vouchers_redeemed_once();
--> statement-breakpoint
-- A designation's release days never fall below the days its leader already holds in any school year: the
-- update holds the designation row's lock, which every allocation of days takes first (ADR 9).
CREATE FUNCTION designations_release_days_cover_allocations() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  busiest record;
BEGIN
  SELECT school_year, sum(days) AS allocated INTO busiest FROM deployments
    WHERE designation_id = NEW.id AND status NOT IN ('declined', 'cancelled')
    GROUP BY school_year ORDER BY sum(days) DESC, school_year DESC LIMIT 1;
  IF FOUND AND busiest.allocated > NEW.release_days THEN
    RAISE EXCEPTION 'Release days below allocations: % days allocated in school year % against % released', busiest.allocated, busiest.school_year, NEW.release_days
      USING ERRCODE = 'check_violation', CONSTRAINT = 'designations_release_days_cover_allocations';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER designations_release_days_cover_allocations
  AFTER UPDATE OF release_days ON designations
  FOR EACH ROW WHEN (NEW.release_days < OLD.release_days) EXECUTE FUNCTION designations_release_days_cover_allocations();
