-- Who a token or session is may be cached by each app process (ADR 14): any change to the tables an actor
-- is read from announces itself on commit, and every listening process empties its cache.
CREATE FUNCTION notify_actor_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('actor_changed', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER people_actor_changed AFTER UPDATE OF id, full_name, email, school_urn OR DELETE OR TRUNCATE ON people
  FOR EACH STATEMENT EXECUTE FUNCTION notify_actor_changed();
--> statement-breakpoint
CREATE TRIGGER memberships_actor_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON memberships
  FOR EACH STATEMENT EXECUTE FUNCTION notify_actor_changed();
--> statement-breakpoint
CREATE TRIGGER network_partnerships_actor_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON network_partnerships
  FOR EACH STATEMENT EXECUTE FUNCTION notify_actor_changed();
--> statement-breakpoint
-- A new token or session cannot be cached yet, and last_used_at is not part of an actor: neither empties caches.
CREATE TRIGGER api_tokens_actor_changed AFTER UPDATE OF person_id, token_hash, revoked_at OR DELETE OR TRUNCATE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION notify_actor_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_actor_changed AFTER UPDATE OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_actor_changed();
