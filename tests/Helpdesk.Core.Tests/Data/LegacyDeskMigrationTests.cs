using System.Data.Common;
using System.IO.Compression;
using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Helpdesk.Core.Tests.Data;

/// <summary>
/// A database made by the numbered schema steps (main at 75a5ad3, the last build before migrations) is taken over by
/// the migrations without losing a row. The database comes from a dump of what that build wrote (Data/LegacyDesk,
/// README there): demo desk with staff of every role, 122 tickets, templates, outbox items, attachments, rollups.
/// Runs on the test provider, so once on SQLite and once on PostgreSQL.
/// </summary>
[TestClass]
public sealed partial class LegacyDeskMigrationTests
{
    private static string DumpPath => Path.Combine(AppContext.BaseDirectory, "Data", "LegacyDesk",
        TestDatabase.Provider == DatabaseProvider.Sqlite ? "main-75a5ad3.sqlite.sql.gz" : "main-75a5ad3.postgres.sql.gz");

    [TestMethod]
    public async Task Migrate_DatabaseMadeByTheNumberedSteps_KeepsEveryRowOfEveryTable()
    {
        Dictionary<string, List<string>>? before = null;
        var columns = new Dictionary<string, HashSet<string>>();

        await using var desk = await TestDatabase.CreateOverAsync(async connectionString =>
        {
            await LoadDumpAsync(connectionString);
            before = await ReadAllRowsAsync(connectionString, columns);
        });

        // Every value of every column that was there stays; later migrations may add columns (Staff gained Identity's).
        var after = await ReadAllRowsAsync(desk.ConnectionString, keep: columns);
        Assert.IsNotNull(before);
        // The stored emails' bytes moved to a table of their own (RawMessageBodies): each one is there, under the same id.
        var rawBefore = before!["RawMessages"];
        Assert.IsTrue(rawBefore.Count > 0, "the dump has stored emails");
        var bodies = rawBefore.Select(r => $"{StoredId().Match(r).Value}{StoredBytes().Match(r).Value}").Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(bodies, after["RawMessageBodies"], "the stored emails' bytes changed in the upgrade");
        before["RawMessages"] = rawBefore.Select(r => StoredBytes().Replace(r, "")).Order(StringComparer.Ordinal).ToList();
        foreach (var (table, rows) in before)
        {
            Assert.IsTrue(after.ContainsKey(table), $"table {table} is gone after the upgrade");
            if (table == "SchemaVersion") continue; // gains the row that says migrations own the schema (below)
            CollectionAssert.AreEqual(rows, after[table], $"rows of {table} changed in the upgrade");
        }
        // The dump is what the test says it is: a populated desk, not an empty schema.
        Assert.AreEqual(122, before["Tickets"].Count);
        Assert.AreEqual(44, before["Staff"].Count);
        Assert.AreEqual(31, before["ReplyTemplates"].Count);
        Assert.AreEqual(69, before["Outbox"].Count);
        Assert.AreEqual(18, before["Attachments"].Count);

        await using var db = await desk.Factory.CreateDbContextAsync();
        // The desk reads them through its model, and the history says the initial migration stands for what was there.
        Assert.AreEqual(122, await db.Tickets.Include(t => t.Messages).CountAsync());
        Assert.AreEqual(4, await db.Staff.CountAsync(s => new[] { "agent", "lead", "trainer", "admin" }.Contains(s.UserName)));
        Assert.AreEqual(69, await db.Outbox.CountAsync());
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        CollectionAssert.AreEqual(db.Database.GetMigrations().ToList(), applied);
        StringAssert.EndsWith(applied[0], "_" + SchemaMigrator.InitialMigrationName);
        CollectionAssert.AreEqual(new[] { SchemaMigrator.LastNumberedStep, SchemaMigrator.MigrationsOwnTheSchema },
            await db.SchemaSteps.OrderBy(v => v.Version).Select(v => v.Version).ToListAsync());
    }

    [TestMethod]
    public async Task Migrate_DatabaseMadeByTheNumberedSteps_EndsWithTheSchemaOfANewDatabase()
    {
        await using var fresh = await TestDatabase.CreateAsync();
        await using var upgraded = await TestDatabase.CreateOverAsync(LoadDumpAsync);

        var expected = await SchemaAsync(fresh.ConnectionString);
        var actual = await SchemaAsync(upgraded.ConnectionString);

        CollectionAssert.AreEqual(expected, actual,
            $"only in the new: {string.Join("; ", expected.Except(actual))} | only in the upgraded: {string.Join("; ", actual.Except(expected))}");
        Assert.IsTrue(expected.Any(e => e.Contains("Figures", StringComparison.Ordinal)), "the rollup triggers are part of the compared schema");
    }

    [TestMethod]
    public async Task Migrate_DatabaseAtAnOlderNumberedStep_RefusedWithTheWayForwardAndLeftAlone()
    {
        var e = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => TestDatabase.CreateOverAsync(async connectionString =>
        {
            await LoadDumpAsync(connectionString);
            await ExecuteAsync(connectionString, """UPDATE "SchemaVersion" SET "Version" = 7""");
        }));

        StringAssert.Contains(e.Message, "at step 7 of the numbered steps");
        StringAssert.Contains(e.Message, "75a5ad3");
    }

    /// <summary>Every table's rows as text, in key order: the comparison sees a changed value as well as a lost row.</summary>
    private static async Task<Dictionary<string, List<string>>> ReadAllRowsAsync(string connectionString,
        Dictionary<string, HashSet<string>>? seen = null, Dictionary<string, HashSet<string>>? keep = null)
    {
        await using var connection = Open(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = connection is SqliteConnection
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_\\_EF%'";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }

        var all = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            await using var reader = await cmd.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (seen is not null) (seen.TryGetValue(table, out var names) ? names : seen[table] = []).Add(reader.GetName(i));
                    if (keep is not null && keep.TryGetValue(table, out var kept) && !kept.Contains(reader.GetName(i))) continue;
                    var value = reader.GetValue(i);
                    row.Append(reader.GetName(i)).Append('=').Append(value is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }
                rows.Add(row.ToString());
            }
            all[table] = rows.Order(StringComparer.Ordinal).ToList();
        }
        return all;
    }

    /// <summary>Tables, columns, indexes, triggers with their SQL (and on PostgreSQL constraints, functions with their
    /// bodies, storage settings), sorted.</summary>
    private static async Task<List<string>> SchemaAsync(string connectionString)
    {
        await using var connection = Open(connectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = connection is SqliteConnection ? SqliteCatalog : PostgresCatalog;
        await using var reader = await cmd.ExecuteReaderAsync();
        var schema = new List<string>();
        while (await reader.ReadAsync()) schema.Add(reader.GetString(0));
        // Trigger and function bodies are compared as text, spaces and line breaks aside (the rollup SQL moved into
        // the migrations: a fresh desk must get the very triggers the numbered steps wrote).
        return schema.Where(s => !s.Contains("__EF", StringComparison.Ordinal))
            .Select(s => Whitespace().Replace(s, " ").Trim()).Order(StringComparer.Ordinal).ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Id=[0-9]+\|")]
    private static partial System.Text.RegularExpressions.Regex StoredId();

    [System.Text.RegularExpressions.GeneratedRegex(@"Bytes=[0-9A-F]*\|")]
    private static partial System.Text.RegularExpressions.Regex StoredBytes();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Whitespace();

    private const string SqliteCatalog = """
        SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || CASE WHEN p."notnull" THEN ' not null' ELSE ' null' END
               || COALESCE(' default ' || p.dflt_value, '') || CASE WHEN p.pk > 0 THEN ' pk' ELSE '' END
        FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'
        UNION ALL
        SELECT 'index ' || m.name || ' ' || i.name || ' unique=' || i."unique" || ' partial=' || i.partial
               || ' (' || (SELECT group_concat(x.name || ':' || x."desc", ',') FROM pragma_index_xinfo(i.name) x WHERE x.key) || ')'
        FROM sqlite_master m, pragma_index_list(m.name) i WHERE m.type = 'table'
        UNION ALL
        SELECT 'foreign key ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' ' || f.on_delete
        FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
        UNION ALL
        SELECT 'trigger ' || name || ' on ' || tbl_name || ': ' || sql FROM sqlite_master WHERE type = 'trigger'
        """;

    private const string PostgresCatalog = """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || COALESCE('(' || character_maximum_length || ')', '')
               || CASE WHEN is_nullable = 'YES' THEN ' null' ELSE ' not null' END || COALESCE(' default ' || column_default, '')
               || CASE WHEN is_identity = 'YES' THEN ' identity ' || identity_generation ELSE '' END
        FROM information_schema.columns WHERE table_schema = 'public'
        UNION ALL
        SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
        UNION ALL
        SELECT 'constraint ' || c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
        UNION ALL
        SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT t.tgisinternal
        UNION ALL
        SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || '): ' || p.prosrc
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
        UNION ALL
        SELECT 'storage ' || c.relname || ' ' || array_to_string(c.reloptions, ',')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.reloptions IS NOT NULL
        """;

    /// <summary>Replays the dump into the empty database the connection string names (pooling off: the dump empties search_path).</summary>
    private static async Task LoadDumpAsync(string connectionString)
    {
        await using var file = File.OpenRead(DumpPath);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var text = new StreamReader(gzip, Encoding.UTF8);
        await ExecuteAsync(connectionString, await text.ReadToEndAsync());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = Open(connectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 120;
        await cmd.ExecuteNonQueryAsync();
    }

    private static DbConnection Open(string connectionString) => TestDatabase.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString())
        : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
}
