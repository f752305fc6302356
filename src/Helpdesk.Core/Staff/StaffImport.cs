using System.Text;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Staff;

/// <summary>An account the import created, with the temporary password to hand over (shown once, never stored in clear).</summary>
public sealed record ImportedStaff(int Line, string UserName, string Email, string DisplayName, StaffRoles Roles, string TemporaryPassword);

/// <summary>A row left out, and why, by its line in the file.</summary>
public sealed record StaffImportProblem(int Line, string Reason);

public sealed record StaffImportResult(
    IReadOnlyList<ImportedStaff> Created,
    IReadOnlyList<StaffImportProblem> Problems,
    IReadOnlyList<StaffImportProblem> AlreadyThere)
{
    /// <summary>The file an admin hands out from: user name, email, name, temporary password.</summary>
    public string CredentialsCsv()
    {
        var sb = new StringBuilder("user_name,email,name,roles,temporary_password\r\n");
        foreach (var c in Created)
            sb.Append(StaffCsv.Field(c.UserName)).Append(',').Append(StaffCsv.Field(c.Email)).Append(',')
              .Append(StaffCsv.Field(c.DisplayName)).Append(',').Append(StaffCsv.Field(c.Roles.ToString().Replace(", ", " ", StringComparison.Ordinal)))
              .Append(',').Append(c.TemporaryPassword).Append("\r\n");
        return sb.ToString();
    }
}

/// <summary>
/// Creates staff accounts from a spreadsheet: columns email, first name, last name, roles (and optionally user name).
/// Good rows are imported, bad rows are reported with their line and reason; a row whose email or user name already
/// has an account is left alone, so importing the same file twice creates nobody twice. Each new account gets a
/// random temporary password that must be changed at first sign-in.
/// </summary>
public sealed class StaffImport(IDbContextFactory<HelpdeskDbContext> factory, TimeProvider time)
{
    /// <summary>Spreadsheets beyond this are a mistake (the wrong file); the desk has hundreds of staff, not tens of thousands.</summary>
    public const int MaxRows = 5_000;

    private static readonly string[] EmailNames = ["email", "emailaddress", "mail"];
    private static readonly string[] FirstNames = ["firstname", "givenname", "first"];
    private static readonly string[] LastNames = ["lastname", "surname", "familyname", "last"];
    private static readonly string[] RoleNames = ["roles", "role"];
    private static readonly string[] UserNames = ["username", "user", "login"];
    private static readonly string[] EndNames = ["ends", "endsat", "enddate", "end"];

    private readonly StaffPasswords _passwords = new();

    /// <param name="endsAt">
    /// When every account of this import ends (responders for an incident); a row's own "ends" cell wins over it.
    /// </param>
    /// <summary>A date alone means the end of that day (UTC); a time without a zone is UTC.</summary>
    private static bool TryParseEnd(string text, out DateTimeOffset end)
    {
        var styles = System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, styles, out var day))
        {
            end = day.AddDays(1);
            return true;
        }
        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, styles, out end);
    }

    public async Task<StaffImportResult> ImportAsync(string csvText, string actor, long? actorId = null, CancellationToken cancellationToken = default,
        DateTimeOffset? endsAt = null)
    {
        var records = StaffCsv.Read(csvText);
        if (records.Count == 0) return new([], [new(1, "The file is empty; the first line must name the columns (email, first name, last name, roles).")], []);
        var header = records[0];
        var columns = header.Fields.Select(Normalize).ToList();
        int Find(string[] names) => columns.FindIndex(names.Contains);
        var email = Find(EmailNames);
        var first = Find(FirstNames);
        var last = Find(LastNames);
        var roles = Find(RoleNames);
        var user = Find(UserNames);
        var end = Find(EndNames);
        var started = time.GetUtcNow();
        if (email < 0)
            return new([], [new(header.Line, "The first line must name the columns; no 'email' column was found (expected: email, first name, last name, roles).")], []);
        if (records.Count - 1 > MaxRows)
            return new([], [new(header.Line, $"The file has {records.Count - 1:N0} rows; import at most {MaxRows:N0} at a time.")], []);

        var problems = new List<StaffImportProblem>();
        var already = new List<StaffImportProblem>();
        var candidates = new List<(int Line, string UserName, string Email, string Name, StaffRoles Roles, DateTimeOffset? Ends)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in records.Skip(1))
        {
            string Cell(int i) => i >= 0 && i < r.Fields.Count ? r.Fields[i].Trim() : "";
            var address = Cell(email).ToLowerInvariant();
            var name = $"{Cell(first)} {Cell(last)}".Trim();
            var userName = (user >= 0 && Cell(user).Length > 0 ? Cell(user) : address).ToLowerInvariant();
            if (r.Fields.Count > columns.Count && r.Fields.Skip(columns.Count).Any(f => f.Trim().Length > 0))
            { problems.Add(new(r.Line, $"{r.Fields.Count} fields but the header names {columns.Count}; is a comma missing its quotes?")); continue; }
            if (address.Length == 0) { problems.Add(new(r.Line, "No email address.")); continue; }
            if (!LooksLikeAddress(address)) { problems.Add(new(r.Line, $"'{address}' is not an email address.")); continue; }
            if (name.Length == 0) { problems.Add(new(r.Line, "No first or last name.")); continue; }
            if (name.Length > 200) { problems.Add(new(r.Line, "The name is longer than 200 characters.")); continue; }
            if (userName.Length > 100 || userName.Any(char.IsWhiteSpace)) { problems.Add(new(r.Line, $"'{userName}' cannot be a user name (no spaces, at most 100 characters).")); continue; }
            StaffRoles parsed;
            try
            {
                // An empty roles cell means Agent: that is what almost every redeployed person does this week.
                parsed = Cell(roles).Length == 0 ? StaffRoles.Agent : StaffPasswords.ParseRoles(Cell(roles));
            }
            catch (FormatException e) { problems.Add(new(r.Line, e.Message)); continue; }
            var ends = endsAt;
            if (Cell(end).Length > 0)
            {
                if (!TryParseEnd(Cell(end), out var parsedEnd))
                { problems.Add(new(r.Line, $"'{Cell(end)}' is not an end date; write 2026-12-31 (the end of that day, UTC) or 2026-12-31T18:00Z.")); continue; }
                ends = parsedEnd;
            }
            if (ends is { } endAt && endAt <= started) { problems.Add(new(r.Line, $"The end date {endAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC has already passed.")); continue; }
            if (seen.TryGetValue(address, out var earlier) || seen.TryGetValue("u:" + userName, out earlier))
            { problems.Add(new(r.Line, $"{address} is already on line {earlier} of this file.")); continue; }
            seen[address] = r.Line;
            seen["u:" + userName] = r.Line;
            candidates.Add((r.Line, userName, address, name, parsed, ends));
        }

        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var addresses = candidates.Select(c => c.Email).ToList();
        var names = candidates.Select(c => c.UserName).ToList();
        var existing = await db.Staff.AsNoTracking().Where(s => addresses.Contains(s.Email) || names.Contains(s.UserName))
            .Select(s => new { s.UserName, s.Email }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var takenEmails = existing.Select(e => e.Email).ToHashSet(StringComparer.Ordinal);
        var takenNames = existing.Select(e => e.UserName).ToHashSet(StringComparer.Ordinal);

        var fresh = new List<(int Line, StaffUser User, string Password)>();
        foreach (var c in candidates)
        {
            if (takenEmails.Contains(c.Email)) { already.Add(new(c.Line, $"{c.Email} already has an account.")); continue; }
            if (takenNames.Contains(c.UserName)) { already.Add(new(c.Line, $"The user name {c.UserName} is already taken.")); continue; }
            var account = new StaffUser(c.UserName, c.Name, c.Email, c.Roles, now);
            account.EndAt(c.Ends);
            fresh.Add((c.Line, account, PasswordRules.NewTemporaryPassword()));
        }

        foreach (var f in fresh) f.User.SetPassword(_passwords.HashTemporary(f.User, f.Password), temporary: true);

        db.Staff.AddRange(fresh.Select(f => f.User));
        db.AuditEvents.Add(new AuditEvent(now, actorId, actor, "staff.import", null,
            $"{fresh.Count} created, {already.Count} already there, {problems.Count} rejected"));
        foreach (var f in fresh)
            db.AuditEvents.Add(new AuditEvent(now, actorId, actor, "staff.create", null, $"{f.User.UserName} ({f.User.Roles}) from line {f.Line}{(f.User.EndsAt is { } until ? $", ends {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "")}"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var created = fresh.Select(f => new ImportedStaff(f.Line, f.User.UserName, f.User.Email, f.User.DisplayName, f.User.Roles, f.Password)).ToList();
        return new StaffImportResult(created, problems, already);
    }

    private static string Normalize(string header) =>
        new(header.Trim().ToLowerInvariant().Where(char.IsLetter).ToArray());

    /// <summary>One @, something before it, a dotted domain after it, no spaces: enough to catch a shifted column.</summary>
    private static bool LooksLikeAddress(string address)
    {
        var at = address.IndexOf('@');
        return address.Length <= 320 && at > 0 && at == address.LastIndexOf('@') && !address.Any(char.IsWhiteSpace)
            && address.IndexOf('.', at) > at + 1 && !address.EndsWith('.');
    }
}
