namespace Helpdesk.Data.Migrations.Postgres.Migrations
{
    public partial class InitialSchema
    {
        /// <summary>
        /// The lead dashboard's rollup tables and the triggers that keep them (timestamptz and plpgsql trigger functions). The SQL is written out
        /// here, not taken from Core: a migration is the schema as it stood the day it was written, and a later change to the
        /// rollups comes as a migration of its own. EF's model leaves these tables out because every writer must keep them
        /// (EF saves, intake's prepared inserts, the surge seeders, the claim statements); the desk reads them with raw SQL
        /// (Reporting/DeskFigures) and recounts their rows after a COPY load with ProviderSql.RebuildRollups. Hours are UTC
        /// hour starts; the IX_Tickets_Waiting index the backlog relies on is in the model.
        /// </summary>
        private const string RollupSchema = """
        CREATE TABLE IF NOT EXISTS "DeskHourlyFlow" (
            "Hour" timestamptz NOT NULL PRIMARY KEY,
            "Arrived" integer NOT NULL DEFAULT 0,
            "Reopened" integer NOT NULL DEFAULT 0,
            "Answered" integer NOT NULL DEFAULT 0,
            "Triage" integer NOT NULL DEFAULT 0,
            "IntentChanged" integer NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS "DeskBacklog" (
            "Intent" text NOT NULL,
            "WaitingHour" timestamptz NOT NULL,
            "Tickets" integer NOT NULL DEFAULT 0,
            PRIMARY KEY ("Intent", "WaitingHour"));
        CREATE TABLE IF NOT EXISTS "DeskResponseTimes" (
            "Hour" timestamptz NOT NULL,
            "Minutes" integer NOT NULL,
            "Tickets" integer NOT NULL DEFAULT 0,
            PRIMARY KEY ("Hour", "Minutes"));
        CREATE TABLE IF NOT EXISTS "DeskAgentHourly" (
            "Hour" timestamptz NOT NULL,
            "StaffId" bigint NOT NULL,
            "Replies" integer NOT NULL DEFAULT 0,
            PRIMARY KEY ("Hour", "StaffId"));
        CREATE TABLE IF NOT EXISTS "DeskAgentActivity" (
            "StaffId" bigint NOT NULL PRIMARY KEY,
            "LastReplyAt" timestamptz NOT NULL);

        CREATE OR REPLACE FUNCTION desk_hour(t timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS
            $$ SELECT date_trunc('hour', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' $$;
        CREATE OR REPLACE FUNCTION desk_response_bucket(received timestamptz, answered timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
            SELECT CASE WHEN m < 240 THEN m WHEN m < 2880 THEN m / 15 * 15 ELSE m / 60 * 60 END
            FROM (SELECT GREATEST(0, floor(extract(epoch FROM answered - received) / 60))::integer AS m) x $$;

        CREATE OR REPLACE FUNCTION desk_tickets_figures() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            old_queued boolean := TG_OP <> 'INSERT' AND OLD."Status" IN (0, 1);
            new_queued boolean := TG_OP <> 'DELETE' AND NEW."Status" IN (0, 1);
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO "DeskHourlyFlow" ("Hour", "Arrived", "Triage", "IntentChanged")
                VALUES (desk_hour(NEW."ReceivedAt"), 1, NEW."NeedsTriage"::int, NEW."IntentChangedByAgent"::int)
                ON CONFLICT ("Hour") DO UPDATE SET "Arrived" = "DeskHourlyFlow"."Arrived" + 1,
                    "Triage" = "DeskHourlyFlow"."Triage" + excluded."Triage",
                    "IntentChanged" = "DeskHourlyFlow"."IntentChanged" + excluded."IntentChanged";
                IF NOT new_queued THEN
                    INSERT INTO "DeskHourlyFlow" ("Hour", "Answered") VALUES (desk_hour(COALESCE(NEW."FirstResponseAt", NEW."UpdatedAt")), 1)
                    ON CONFLICT ("Hour") DO UPDATE SET "Answered" = "DeskHourlyFlow"."Answered" + 1;
                END IF;
                IF NEW."FirstResponseAt" IS NOT NULL THEN
                    INSERT INTO "DeskResponseTimes" ("Hour", "Minutes", "Tickets")
                    VALUES (desk_hour(NEW."FirstResponseAt"), desk_response_bucket(NEW."ReceivedAt", NEW."FirstResponseAt"), 1)
                    ON CONFLICT ("Hour", "Minutes") DO UPDATE SET "Tickets" = "DeskResponseTimes"."Tickets" + 1;
                END IF;
            ELSIF TG_OP = 'UPDATE' THEN
                IF OLD."NeedsTriage" IS DISTINCT FROM NEW."NeedsTriage" OR OLD."IntentChangedByAgent" IS DISTINCT FROM NEW."IntentChangedByAgent" THEN
                    UPDATE "DeskHourlyFlow" SET "Triage" = "Triage" + NEW."NeedsTriage"::int - OLD."NeedsTriage"::int,
                        "IntentChanged" = "IntentChanged" + NEW."IntentChangedByAgent"::int - OLD."IntentChangedByAgent"::int
                    WHERE "Hour" = desk_hour(OLD."ReceivedAt");
                END IF;
                IF new_queued AND NOT old_queued THEN
                    INSERT INTO "DeskHourlyFlow" ("Hour", "Reopened") VALUES (desk_hour(NEW."WaitingSince"), 1)
                    ON CONFLICT ("Hour") DO UPDATE SET "Reopened" = "DeskHourlyFlow"."Reopened" + 1;
                ELSIF old_queued AND NOT new_queued THEN
                    INSERT INTO "DeskHourlyFlow" ("Hour", "Answered") VALUES (desk_hour(NEW."UpdatedAt"), 1)
                    ON CONFLICT ("Hour") DO UPDATE SET "Answered" = "DeskHourlyFlow"."Answered" + 1;
                END IF;
                IF OLD."FirstResponseAt" IS NULL AND NEW."FirstResponseAt" IS NOT NULL THEN
                    INSERT INTO "DeskResponseTimes" ("Hour", "Minutes", "Tickets")
                    VALUES (desk_hour(NEW."FirstResponseAt"), desk_response_bucket(NEW."ReceivedAt", NEW."FirstResponseAt"), 1)
                    ON CONFLICT ("Hour", "Minutes") DO UPDATE SET "Tickets" = "DeskResponseTimes"."Tickets" + 1;
                END IF;
            ELSE
                UPDATE "DeskHourlyFlow" SET "Arrived" = "Arrived" - 1, "Triage" = "Triage" - OLD."NeedsTriage"::int,
                    "IntentChanged" = "IntentChanged" - OLD."IntentChangedByAgent"::int
                WHERE "Hour" = desk_hour(OLD."ReceivedAt");
            END IF;
            IF old_queued AND (NOT new_queued OR OLD."Intent" IS DISTINCT FROM NEW."Intent" OR OLD."WaitingSince" IS DISTINCT FROM NEW."WaitingSince") THEN
                UPDATE "DeskBacklog" SET "Tickets" = "Tickets" - 1
                WHERE "Intent" = COALESCE(OLD."Intent", '') AND "WaitingHour" = desk_hour(OLD."WaitingSince");
            END IF;
            IF new_queued AND (NOT old_queued OR OLD."Intent" IS DISTINCT FROM NEW."Intent" OR OLD."WaitingSince" IS DISTINCT FROM NEW."WaitingSince") THEN
                INSERT INTO "DeskBacklog" ("Intent", "WaitingHour", "Tickets") VALUES (COALESCE(NEW."Intent", ''), desk_hour(NEW."WaitingSince"), 1)
                ON CONFLICT ("Intent", "WaitingHour") DO UPDATE SET "Tickets" = "DeskBacklog"."Tickets" + 1;
            END IF;
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS "TR_Tickets_Figures" ON "Tickets";
        CREATE TRIGGER "TR_Tickets_Figures" AFTER INSERT OR DELETE OR UPDATE OF "Status", "Intent", "WaitingSince", "NeedsTriage",
            "IntentChangedByAgent", "FirstResponseAt" ON "Tickets" FOR EACH ROW EXECUTE FUNCTION desk_tickets_figures();

        CREATE OR REPLACE FUNCTION desk_messages_figures() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW."Direction" = 1 AND NEW."AuthorStaffId" IS NOT NULL THEN
                INSERT INTO "DeskAgentHourly" ("Hour", "StaffId", "Replies") VALUES (desk_hour(NEW."CreatedAt"), NEW."AuthorStaffId", 1)
                ON CONFLICT ("Hour", "StaffId") DO UPDATE SET "Replies" = "DeskAgentHourly"."Replies" + 1;
                INSERT INTO "DeskAgentActivity" ("StaffId", "LastReplyAt") VALUES (NEW."AuthorStaffId", NEW."CreatedAt")
                ON CONFLICT ("StaffId") DO UPDATE SET "LastReplyAt" = GREATEST("DeskAgentActivity"."LastReplyAt", excluded."LastReplyAt");
            END IF;
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS "TR_Messages_Figures" ON "Messages";
        CREATE TRIGGER "TR_Messages_Figures" AFTER INSERT ON "Messages" FOR EACH ROW EXECUTE FUNCTION desk_messages_figures();
        """;
    }
}
