namespace Helpdesk.Data.Migrations.Sqlite.Migrations
{
    public partial class InitialSchema
    {
        /// <summary>
        /// The lead dashboard's rollup tables and the triggers that keep them (unix milliseconds and SQLite triggers). The SQL is written out
        /// here, not taken from Core: a migration is the schema as it stood the day it was written, and a later change to the
        /// rollups comes as a migration of its own. EF's model leaves these tables out because every writer must keep them
        /// (EF saves, intake's prepared inserts, the surge seeders, the claim statements); the desk reads them with raw SQL
        /// (Reporting/DeskFigures) and recounts their rows after a COPY load with ProviderSql.RebuildRollups. Hours are UTC
        /// hour starts; the IX_Tickets_Waiting index the backlog relies on is in the model.
        /// </summary>
        private const string RollupSchema = """
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

        CREATE TRIGGER IF NOT EXISTS "TR_Tickets_Figures_Insert" AFTER INSERT ON "Tickets"
        BEGIN
            INSERT OR IGNORE INTO "DeskHourlyFlow" ("Hour") VALUES (NEW."ReceivedAt" / 3600000 * 3600000);
            UPDATE "DeskHourlyFlow" SET "Arrived" = "Arrived" + 1, "Triage" = "Triage" + NEW."NeedsTriage",
                "IntentChanged" = "IntentChanged" + NEW."IntentChangedByAgent"
                WHERE "Hour" = NEW."ReceivedAt" / 3600000 * 3600000;
            INSERT OR IGNORE INTO "DeskHourlyFlow" ("Hour") SELECT COALESCE(NEW."FirstResponseAt", NEW."UpdatedAt") / 3600000 * 3600000 WHERE NEW."Status" NOT IN (0, 1);
            UPDATE "DeskHourlyFlow" SET "Answered" = "Answered" + 1
                WHERE NEW."Status" NOT IN (0, 1) AND "Hour" = COALESCE(NEW."FirstResponseAt", NEW."UpdatedAt") / 3600000 * 3600000;
            INSERT OR IGNORE INTO "DeskBacklog" ("Intent", "WaitingHour")
                SELECT COALESCE(NEW."Intent", ''), NEW."WaitingSince" / 3600000 * 3600000 WHERE NEW."Status" IN (0, 1);
            UPDATE "DeskBacklog" SET "Tickets" = "Tickets" + 1
                WHERE NEW."Status" IN (0, 1) AND "Intent" = COALESCE(NEW."Intent", '') AND "WaitingHour" = NEW."WaitingSince" / 3600000 * 3600000;
            INSERT OR IGNORE INTO "DeskResponseTimes" ("Hour", "Minutes")
                SELECT NEW."FirstResponseAt" / 3600000 * 3600000, (CASE WHEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) < 240 THEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) WHEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) < 2880 THEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) / 15 * 15 ELSE MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) / 60 * 60 END) WHERE NEW."FirstResponseAt" IS NOT NULL;
            UPDATE "DeskResponseTimes" SET "Tickets" = "Tickets" + 1
                WHERE NEW."FirstResponseAt" IS NOT NULL AND "Hour" = NEW."FirstResponseAt" / 3600000 * 3600000 AND "Minutes" = (CASE WHEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) < 240 THEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) WHEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) < 2880 THEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) / 15 * 15 ELSE MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) / 60 * 60 END);
        END;

        CREATE TRIGGER IF NOT EXISTS "TR_Tickets_Figures_Update"
        AFTER UPDATE OF "Status", "Intent", "WaitingSince", "NeedsTriage", "IntentChangedByAgent", "FirstResponseAt" ON "Tickets"
        WHEN OLD."Status" IS NOT NEW."Status" OR OLD."Intent" IS NOT NEW."Intent" OR OLD."WaitingSince" IS NOT NEW."WaitingSince"
          OR OLD."NeedsTriage" IS NOT NEW."NeedsTriage" OR OLD."IntentChangedByAgent" IS NOT NEW."IntentChangedByAgent"
          OR OLD."FirstResponseAt" IS NOT NEW."FirstResponseAt"
        BEGIN
            UPDATE "DeskHourlyFlow" SET "Triage" = "Triage" + NEW."NeedsTriage" - OLD."NeedsTriage",
                "IntentChanged" = "IntentChanged" + NEW."IntentChangedByAgent" - OLD."IntentChangedByAgent"
                WHERE "Hour" = OLD."ReceivedAt" / 3600000 * 3600000
                  AND (OLD."NeedsTriage" IS NOT NEW."NeedsTriage" OR OLD."IntentChangedByAgent" IS NOT NEW."IntentChangedByAgent");
            INSERT OR IGNORE INTO "DeskHourlyFlow" ("Hour")
                SELECT NEW."WaitingSince" / 3600000 * 3600000 WHERE OLD."Status" NOT IN (0, 1) AND NEW."Status" IN (0, 1);
            UPDATE "DeskHourlyFlow" SET "Reopened" = "Reopened" + 1
                WHERE OLD."Status" NOT IN (0, 1) AND NEW."Status" IN (0, 1) AND "Hour" = NEW."WaitingSince" / 3600000 * 3600000;
            INSERT OR IGNORE INTO "DeskHourlyFlow" ("Hour")
                SELECT NEW."UpdatedAt" / 3600000 * 3600000 WHERE OLD."Status" IN (0, 1) AND NEW."Status" NOT IN (0, 1);
            UPDATE "DeskHourlyFlow" SET "Answered" = "Answered" + 1
                WHERE OLD."Status" IN (0, 1) AND NEW."Status" NOT IN (0, 1) AND "Hour" = NEW."UpdatedAt" / 3600000 * 3600000;
            UPDATE "DeskBacklog" SET "Tickets" = "Tickets" - 1
                WHERE OLD."Status" IN (0, 1) AND "Intent" = COALESCE(OLD."Intent", '') AND "WaitingHour" = OLD."WaitingSince" / 3600000 * 3600000;
            INSERT OR IGNORE INTO "DeskBacklog" ("Intent", "WaitingHour")
                SELECT COALESCE(NEW."Intent", ''), NEW."WaitingSince" / 3600000 * 3600000 WHERE NEW."Status" IN (0, 1);
            UPDATE "DeskBacklog" SET "Tickets" = "Tickets" + 1
                WHERE NEW."Status" IN (0, 1) AND "Intent" = COALESCE(NEW."Intent", '') AND "WaitingHour" = NEW."WaitingSince" / 3600000 * 3600000;
            INSERT OR IGNORE INTO "DeskResponseTimes" ("Hour", "Minutes")
                SELECT NEW."FirstResponseAt" / 3600000 * 3600000, (CASE WHEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) < 240 THEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) WHEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) < 2880 THEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) / 15 * 15 ELSE MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) / 60 * 60 END) WHERE OLD."FirstResponseAt" IS NULL AND NEW."FirstResponseAt" IS NOT NULL;
            UPDATE "DeskResponseTimes" SET "Tickets" = "Tickets" + 1
                WHERE OLD."FirstResponseAt" IS NULL AND NEW."FirstResponseAt" IS NOT NULL
                  AND "Hour" = NEW."FirstResponseAt" / 3600000 * 3600000 AND "Minutes" = (CASE WHEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) < 240 THEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) WHEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) < 2880 THEN MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) / 15 * 15 ELSE MAX(0, (NEW."FirstResponseAt" - NEW."ReceivedAt") / 60000) / 60 * 60 END);
        END;

        CREATE TRIGGER IF NOT EXISTS "TR_Tickets_Figures_Delete" AFTER DELETE ON "Tickets"
        BEGIN
            UPDATE "DeskHourlyFlow" SET "Arrived" = "Arrived" - 1, "Triage" = "Triage" - OLD."NeedsTriage",
                "IntentChanged" = "IntentChanged" - OLD."IntentChangedByAgent"
                WHERE "Hour" = OLD."ReceivedAt" / 3600000 * 3600000;
            UPDATE "DeskBacklog" SET "Tickets" = "Tickets" - 1
                WHERE OLD."Status" IN (0, 1) AND "Intent" = COALESCE(OLD."Intent", '') AND "WaitingHour" = OLD."WaitingSince" / 3600000 * 3600000;
        END;

        CREATE TRIGGER IF NOT EXISTS "TR_Messages_Figures_Insert" AFTER INSERT ON "Messages"
        WHEN NEW."Direction" = 1 AND NEW."AuthorStaffId" IS NOT NULL
        BEGIN
            INSERT OR IGNORE INTO "DeskAgentHourly" ("Hour", "StaffId") VALUES (NEW."CreatedAt" / 3600000 * 3600000, NEW."AuthorStaffId");
            UPDATE "DeskAgentHourly" SET "Replies" = "Replies" + 1
                WHERE "Hour" = NEW."CreatedAt" / 3600000 * 3600000 AND "StaffId" = NEW."AuthorStaffId";
            INSERT OR IGNORE INTO "DeskAgentActivity" ("StaffId", "LastReplyAt") VALUES (NEW."AuthorStaffId", NEW."CreatedAt");
            UPDATE "DeskAgentActivity" SET "LastReplyAt" = MAX("LastReplyAt", NEW."CreatedAt") WHERE "StaffId" = NEW."AuthorStaffId";
        END;
        """;
    }
}
