CREATE SEQUENCE "public"."public_figures_version" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "public_figures" (
	"minute" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	"figures" jsonb NOT NULL,
	CONSTRAINT "public_figures_minute_version_pk" PRIMARY KEY("minute","version")
);
--> statement-breakpoint
-- Any write to what the public figures are made of moves the version. nextval takes no lock a
-- transaction keeps, so writers never wait for each other here; a rolled-back write only costs one
-- recomputation.
CREATE FUNCTION "public_figures_stale"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('public_figures_version');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "challenges_public_figures" AFTER INSERT OR UPDATE OR DELETE ON "challenges" FOR EACH STATEMENT EXECUTE FUNCTION "public_figures_stale"();--> statement-breakpoint
CREATE TRIGGER "organizations_public_figures" AFTER INSERT OR UPDATE OR DELETE ON "organizations" FOR EACH STATEMENT EXECUTE FUNCTION "public_figures_stale"();--> statement-breakpoint
CREATE TRIGGER "users_public_figures" AFTER INSERT OR UPDATE OR DELETE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION "public_figures_stale"();
