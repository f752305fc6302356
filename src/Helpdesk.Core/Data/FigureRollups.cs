namespace Helpdesk.Core.Data;

/// <summary>
/// The lead dashboard's rollup tables and the triggers that keep them right. They live in the database, not in EF's
/// model, because every writer must maintain them: EF saves, the intake's ADO bulk writes, SyntheticSurge, the claim
/// statements. A query over a million tickets per figure would be too slow; these tables hold a few thousand rows.
/// Hours are UTC hour starts (milliseconds on SQLite, timestamptz on PostgreSQL). The initial migration of each
/// provider runs this SQL (it rebuilds the rollups from the rows there, so it is safe on a populated desk), and so does
/// SurgeCopy after a COPY load: a change here needs a migration that runs it again.
/// <list type="bullet">
/// <item>DeskHourlyFlow: per hour, tickets that arrived (by ReceivedAt), went back into the queue (customer wrote
/// again, by WaitingSince), left the queue (answered, solved, closed; by UpdatedAt); and of the tickets that arrived
/// that hour, how many need triage now and how many had their intent changed by an agent.</item>
/// <item>DeskBacklog: queued tickets per (intent, hour of WaitingSince); '' is "no intent yet".</item>
/// <item>DeskResponseTimes: first responses per (hour of the response, minutes taken, bucketed: exact under 4 h,
/// 15-minute steps under 48 h, hours beyond).</item>
/// <item>DeskAgentHourly / DeskAgentActivity: replies per agent per hour, and each agent's last reply.</item>
/// </list>
/// </summary>
public static class FigureRollups
{
    /// <summary>Appended to a SQLite time (unix ms) it gives the start of its UTC hour, as the rollup tables key it.</summary>
    internal const string Hour = "/ 3600000 * 3600000";

    public static string Sqlite { get; } = BuildSqlite();

    private static string BuildSqlite()
    {
        var bucketNew = SqliteBucketExpression("NEW");
        return $"""
        CREATE TABLE IF NOT EXISTS "DeskHourlyFlow" (
            "Hour" INTEGER NOT NULL PRIMARY KEY,
            "Arrived" INTEGER NOT NULL DEFAULT 0,
            "Reopened" INTEGER NOT NULL DEFAULT 0,
            "Answered" INTEGER NOT NULL DEFAULT 0,
            "Triage" INTEGER NOT NULL DEFAULT 0,
            "IntentChanged" INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS "DeskBacklog" (
            "Intent" TEXT NOT NULL,
            "WaitingHour" INTEGER NOT NULL,
            "Tickets" INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY ("Intent", "WaitingHour"));
        CREATE TABLE IF NOT EXISTS "DeskResponseTimes" (
            "Hour" INTEGER NOT NULL,
            "Minutes" INTEGER NOT NULL,
            "Tickets" INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY ("Hour", "Minutes"));
        CREATE TABLE IF NOT EXISTS "DeskAgentHourly" (
            "Hour" INTEGER NOT NULL,
            "StaffId" INTEGER NOT NULL,
            "Replies" INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY ("Hour", "StaffId"));
        CREATE TABLE IF NOT EXISTS "DeskAgentActivity" (
            "StaffId" INTEGER NOT NULL PRIMARY KEY,
            "LastReplyAt" INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS "IX_Tickets_Waiting" ON "Tickets" ("WaitingSince") WHERE "Status" IN (0, 1);

        DELETE FROM "DeskHourlyFlow";
        DELETE FROM "DeskBacklog";
        DELETE FROM "DeskResponseTimes";
        DELETE FROM "DeskAgentHourly";
        DELETE FROM "DeskAgentActivity";
        INSERT INTO "DeskHourlyFlow" ("Hour", "Arrived", "Triage", "IntentChanged")
            SELECT "ReceivedAt" {Hour}, COUNT(*), SUM("NeedsTriage"), SUM("IntentChangedByAgent") FROM "Tickets" WHERE true GROUP BY 1;
        INSERT INTO "DeskHourlyFlow" ("Hour", "Answered")
            SELECT COALESCE("FirstResponseAt", "UpdatedAt") {Hour}, COUNT(*) FROM "Tickets" WHERE "Status" NOT IN (0, 1) GROUP BY 1
            ON CONFLICT ("Hour") DO UPDATE SET "Answered" = excluded."Answered";
        INSERT INTO "DeskBacklog" ("Intent", "WaitingHour", "Tickets")
            SELECT COALESCE("Intent", ''), "WaitingSince" {Hour}, COUNT(*) FROM "Tickets" WHERE "Status" IN (0, 1) GROUP BY 1, 2;
        INSERT INTO "DeskResponseTimes" ("Hour", "Minutes", "Tickets")
            SELECT "FirstResponseAt" {Hour}, {SqliteBucketExpression("\"Tickets\"")}, COUNT(*) FROM "Tickets" WHERE "FirstResponseAt" IS NOT NULL GROUP BY 1, 2;
        INSERT INTO "DeskAgentHourly" ("Hour", "StaffId", "Replies")
            SELECT "CreatedAt" {Hour}, "AuthorStaffId", COUNT(*) FROM "Messages" WHERE "Direction" = 1 AND "AuthorStaffId" IS NOT NULL GROUP BY 1, 2;
        INSERT INTO "DeskAgentActivity" ("StaffId", "LastReplyAt")
            SELECT "AuthorStaffId", MAX("CreatedAt") FROM "Messages" WHERE "Direction" = 1 AND "AuthorStaffId" IS NOT NULL GROUP BY 1;

        CREATE TRIGGER IF NOT EXISTS "TR_Tickets_Figures_Insert" AFTER INSERT ON "Tickets"
        BEGIN
            INSERT OR IGNORE INTO "DeskHourlyFlow" ("Hour") VALUES (NEW."ReceivedAt" {Hour});
            UPDATE "DeskHourlyFlow" SET "Arrived" = "Arrived" + 1, "Triage" = "Triage" + NEW."NeedsTriage",
                "IntentChanged" = "IntentChanged" + NEW."IntentChangedByAgent"
                WHERE "Hour" = NEW."ReceivedAt" {Hour};
            INSERT OR IGNORE INTO "DeskHourlyFlow" ("Hour") SELECT COALESCE(NEW."FirstResponseAt", NEW."UpdatedAt") {Hour} WHERE NEW."Status" NOT IN (0, 1);
            UPDATE "DeskHourlyFlow" SET "Answered" = "Answered" + 1
                WHERE NEW."Status" NOT IN (0, 1) AND "Hour" = COALESCE(NEW."FirstResponseAt", NEW."UpdatedAt") {Hour};
            INSERT OR IGNORE INTO "DeskBacklog" ("Intent", "WaitingHour")
                SELECT COALESCE(NEW."Intent", ''), NEW."WaitingSince" {Hour} WHERE NEW."Status" IN (0, 1);
            UPDATE "DeskBacklog" SET "Tickets" = "Tickets" + 1
                WHERE NEW."Status" IN (0, 1) AND "Intent" = COALESCE(NEW."Intent", '') AND "WaitingHour" = NEW."WaitingSince" {Hour};
            INSERT OR IGNORE INTO "DeskResponseTimes" ("Hour", "Minutes")
                SELECT NEW."FirstResponseAt" {Hour}, {bucketNew} WHERE NEW."FirstResponseAt" IS NOT NULL;
            UPDATE "DeskResponseTimes" SET "Tickets" = "Tickets" + 1
                WHERE NEW."FirstResponseAt" IS NOT NULL AND "Hour" = NEW."FirstResponseAt" {Hour} AND "Minutes" = {bucketNew};
        END;

        CREATE TRIGGER IF NOT EXISTS "TR_Tickets_Figures_Update"
        AFTER UPDATE OF "Status", "Intent", "WaitingSince", "NeedsTriage", "IntentChangedByAgent", "FirstResponseAt" ON "Tickets"
        WHEN OLD."Status" IS NOT NEW."Status" OR OLD."Intent" IS NOT NEW."Intent" OR OLD."WaitingSince" IS NOT NEW."WaitingSince"
          OR OLD."NeedsTriage" IS NOT NEW."NeedsTriage" OR OLD."IntentChangedByAgent" IS NOT NEW."IntentChangedByAgent"
          OR OLD."FirstResponseAt" IS NOT NEW."FirstResponseAt"
        BEGIN
            UPDATE "DeskHourlyFlow" SET "Triage" = "Triage" + NEW."NeedsTriage" - OLD."NeedsTriage",
                "IntentChanged" = "IntentChanged" + NEW."IntentChangedByAgent" - OLD."IntentChangedByAgent"
                WHERE "Hour" = OLD."ReceivedAt" {Hour}
                  AND (OLD."NeedsTriage" IS NOT NEW."NeedsTriage" OR OLD."IntentChangedByAgent" IS NOT NEW."IntentChangedByAgent");
            INSERT OR IGNORE INTO "DeskHourlyFlow" ("Hour")
                SELECT NEW."WaitingSince" {Hour} WHERE OLD."Status" NOT IN (0, 1) AND NEW."Status" IN (0, 1);
            UPDATE "DeskHourlyFlow" SET "Reopened" = "Reopened" + 1
                WHERE OLD."Status" NOT IN (0, 1) AND NEW."Status" IN (0, 1) AND "Hour" = NEW."WaitingSince" {Hour};
            INSERT OR IGNORE INTO "DeskHourlyFlow" ("Hour")
                SELECT NEW."UpdatedAt" {Hour} WHERE OLD."Status" IN (0, 1) AND NEW."Status" NOT IN (0, 1);
            UPDATE "DeskHourlyFlow" SET "Answered" = "Answered" + 1
                WHERE OLD."Status" IN (0, 1) AND NEW."Status" NOT IN (0, 1) AND "Hour" = NEW."UpdatedAt" {Hour};
            UPDATE "DeskBacklog" SET "Tickets" = "Tickets" - 1
                WHERE OLD."Status" IN (0, 1) AND "Intent" = COALESCE(OLD."Intent", '') AND "WaitingHour" = OLD."WaitingSince" {Hour};
            INSERT OR IGNORE INTO "DeskBacklog" ("Intent", "WaitingHour")
                SELECT COALESCE(NEW."Intent", ''), NEW."WaitingSince" {Hour} WHERE NEW."Status" IN (0, 1);
            UPDATE "DeskBacklog" SET "Tickets" = "Tickets" + 1
                WHERE NEW."Status" IN (0, 1) AND "Intent" = COALESCE(NEW."Intent", '') AND "WaitingHour" = NEW."WaitingSince" {Hour};
            INSERT OR IGNORE INTO "DeskResponseTimes" ("Hour", "Minutes")
                SELECT NEW."FirstResponseAt" {Hour}, {bucketNew} WHERE OLD."FirstResponseAt" IS NULL AND NEW."FirstResponseAt" IS NOT NULL;
            UPDATE "DeskResponseTimes" SET "Tickets" = "Tickets" + 1
                WHERE OLD."FirstResponseAt" IS NULL AND NEW."FirstResponseAt" IS NOT NULL
                  AND "Hour" = NEW."FirstResponseAt" {Hour} AND "Minutes" = {bucketNew};
        END;

        CREATE TRIGGER IF NOT EXISTS "TR_Tickets_Figures_Delete" AFTER DELETE ON "Tickets"
        BEGIN
            UPDATE "DeskHourlyFlow" SET "Arrived" = "Arrived" - 1, "Triage" = "Triage" - OLD."NeedsTriage",
                "IntentChanged" = "IntentChanged" - OLD."IntentChangedByAgent"
                WHERE "Hour" = OLD."ReceivedAt" {Hour};
            UPDATE "DeskBacklog" SET "Tickets" = "Tickets" - 1
                WHERE OLD."Status" IN (0, 1) AND "Intent" = COALESCE(OLD."Intent", '') AND "WaitingHour" = OLD."WaitingSince" {Hour};
        END;

        CREATE TRIGGER IF NOT EXISTS "TR_Messages_Figures_Insert" AFTER INSERT ON "Messages"
        WHEN NEW."Direction" = 1 AND NEW."AuthorStaffId" IS NOT NULL
        BEGIN
            INSERT OR IGNORE INTO "DeskAgentHourly" ("Hour", "StaffId") VALUES (NEW."CreatedAt" {Hour}, NEW."AuthorStaffId");
            UPDATE "DeskAgentHourly" SET "Replies" = "Replies" + 1
                WHERE "Hour" = NEW."CreatedAt" {Hour} AND "StaffId" = NEW."AuthorStaffId";
            INSERT OR IGNORE INTO "DeskAgentActivity" ("StaffId", "LastReplyAt") VALUES (NEW."AuthorStaffId", NEW."CreatedAt");
            UPDATE "DeskAgentActivity" SET "LastReplyAt" = MAX("LastReplyAt", NEW."CreatedAt") WHERE "StaffId" = NEW."AuthorStaffId";
        END;
        """;
    }

    /// <summary>The response-time bucket (minutes) of <paramref name="row"/>'s first response, as the SQLite triggers file it.</summary>
    internal static string SqliteBucketExpression(string row)
    {
        var m = $"MAX(0, ({row}.\"FirstResponseAt\" - {row}.\"ReceivedAt\") / 60000)";
        return $"(CASE WHEN {m} < 240 THEN {m} WHEN {m} < 2880 THEN {m} / 15 * 15 ELSE {m} / 60 * 60 END)";
    }

    /// <summary>The same tables and triggers for PostgreSQL (timestamptz hours, plpgsql trigger functions).</summary>
    public static string Postgres { get; } = """
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
        CREATE INDEX IF NOT EXISTS "IX_Tickets_Waiting" ON "Tickets" ("WaitingSince") WHERE "Status" IN (0, 1);

        CREATE OR REPLACE FUNCTION desk_hour(t timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS
            $$ SELECT date_trunc('hour', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' $$;
        CREATE OR REPLACE FUNCTION desk_response_bucket(received timestamptz, answered timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
            SELECT CASE WHEN m < 240 THEN m WHEN m < 2880 THEN m / 15 * 15 ELSE m / 60 * 60 END
            FROM (SELECT GREATEST(0, floor(extract(epoch FROM answered - received) / 60))::integer AS m) x $$;

        TRUNCATE "DeskHourlyFlow", "DeskBacklog", "DeskResponseTimes", "DeskAgentHourly", "DeskAgentActivity";
        INSERT INTO "DeskHourlyFlow" ("Hour", "Arrived", "Triage", "IntentChanged")
            SELECT desk_hour("ReceivedAt"), COUNT(*), SUM("NeedsTriage"::int), SUM("IntentChangedByAgent"::int) FROM "Tickets" GROUP BY 1;
        INSERT INTO "DeskHourlyFlow" ("Hour", "Answered")
            SELECT desk_hour(COALESCE("FirstResponseAt", "UpdatedAt")), COUNT(*) FROM "Tickets" WHERE "Status" NOT IN (0, 1) GROUP BY 1
            ON CONFLICT ("Hour") DO UPDATE SET "Answered" = excluded."Answered";
        INSERT INTO "DeskBacklog" ("Intent", "WaitingHour", "Tickets")
            SELECT COALESCE("Intent", ''), desk_hour("WaitingSince"), COUNT(*) FROM "Tickets" WHERE "Status" IN (0, 1) GROUP BY 1, 2;
        INSERT INTO "DeskResponseTimes" ("Hour", "Minutes", "Tickets")
            SELECT desk_hour("FirstResponseAt"), desk_response_bucket("ReceivedAt", "FirstResponseAt"), COUNT(*)
            FROM "Tickets" WHERE "FirstResponseAt" IS NOT NULL GROUP BY 1, 2;
        INSERT INTO "DeskAgentHourly" ("Hour", "StaffId", "Replies")
            SELECT desk_hour("CreatedAt"), "AuthorStaffId", COUNT(*) FROM "Messages" WHERE "Direction" = 1 AND "AuthorStaffId" IS NOT NULL GROUP BY 1, 2;
        INSERT INTO "DeskAgentActivity" ("StaffId", "LastReplyAt")
            SELECT "AuthorStaffId", MAX("CreatedAt") FROM "Messages" WHERE "Direction" = 1 AND "AuthorStaffId" IS NOT NULL GROUP BY 1;

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
