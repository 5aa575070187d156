using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Infrastructure.Notifications;

/// <summary>
/// The outbox's bulk insert (the deadline sweep's): the rows it writes from one JSON parameter are
/// those SaveChanges writes — column by column, stored type included — and it skips what is queued.
/// </summary>
public abstract class EmailOutboxInsertTests(OuvidoriaAppFactory app)
{
    // Far ahead of the fixture's clock (the dispatcher leaves the messages alone), with ticks below
    // the microsecond (PostgreSQL keeps microseconds: both writes must cut them the same way).
    private static readonly DateTimeOffset Later = new DateTimeOffset(2100, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_567);

    private static readonly Guid Case = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    [Fact]
    public async Task InsertSkippingQueued_WritesEveryColumnAsSaveChangesDoes()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var saved = Messages(run, "saved");
        var bulk = Messages(run, "bulk");
        await using (var db = app.CreateDbContext())
        {
            db.EmailOutbox.AddRange(saved);
            await db.SaveChangesAsync();
        }

        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(bulk.Count, await EmailOutboxInsert.InsertSkippingQueuedAsync(db, bulk, CancellationToken.None));
        }

        var rows = await RawRowsAsync(run);
        Assert.Equal(saved.Count + bulk.Count, rows.Count);
        foreach (var (s, b) in saved.Zip(bulk))
        {
            var expected = rows.Single(r => Equals(r["Subject"], s.Subject) && Equals(r["Recipient"], s.Recipient));
            var actual = rows.Single(r => Equals(r["Subject"], b.Subject) && Equals(r["Recipient"], b.Recipient));
            foreach (var column in expected.Keys.Where(c => c is not ("Id" or "DedupKey" or "Recipient")))
            {
                // The same value, stored as the same type (SQLite: integer ticks, upper-case GUID text…).
                Assert.True(Equals(expected[column], actual[column]), $"{column}: saved {Show(expected[column])}, bulk {Show(actual[column])}");
            }

            Assert.Equal(Form(expected["Id"]), Form(actual["Id"]));
        }

        // And EF reads the bulk rows back as the messages that were written.
        await using (var db = app.CreateDbContext())
        {
            var read = await db.EmailOutbox.AsNoTracking().Where(n => n.Recipient.StartsWith($"bulk-{run}")).ToListAsync();
            foreach (var b in bulk)
            {
                var r = Assert.Single(read, n => n.Id == b.Id);
                Assert.Equal(
                    (b.Kind, b.Subject, b.TextBody, b.HtmlBody, b.ManifestationId, b.DedupKey, b.Attempts, b.LastError),
                    (r.Kind, r.Subject, r.TextBody, r.HtmlBody, r.ManifestationId, r.DedupKey, r.Attempts, r.LastError));
                Assert.Equal(Micro(b.CreatedAt), Micro(r.CreatedAt));
                Assert.Equal(Micro(b.NextAttemptAt), Micro(r.NextAttemptAt));
                Assert.Equal(b.SentAt is null, r.SentAt is null);
                Assert.Equal(b.FailedAt is null, r.FailedAt is null);
            }
        }
    }

    [Fact]
    public async Task InsertSkippingQueued_SkipsKeysAlreadyQueuedAndRepeatedOnes_AndCountsWhatItQueued()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var queued = Message($"first-{run}@demo.gov.br", $"key:{run}:1", "já na fila");
        await using (var db = app.CreateDbContext())
        {
            db.EmailOutbox.Add(queued);
            await db.SaveChangesAsync();
        }

        var list = new[]
        {
            Message($"first-{run}@demo.gov.br", $"key:{run}:1", "repetida da fila"),
            Message($"first-{run}@demo.gov.br", $"key:{run}:2", "nova"),
            Message($"first-{run}@demo.gov.br", $"key:{run}:2", "repetida na lista"),
            Message($"first-{run}@demo.gov.br", null, "sem chave"),
            Message($"first-{run}@demo.gov.br", null, "sem chave"),
        };
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(3, await EmailOutboxInsert.InsertSkippingQueuedAsync(db, list, CancellationToken.None));
        }

        await using (var db = app.CreateDbContext())
        {
            var rows = await db.EmailOutbox.AsNoTracking().Where(n => n.Recipient == $"first-{run}@demo.gov.br").OrderBy(n => n.Subject).ToListAsync();
            Assert.Equal(["já na fila", "nova", "sem chave", "sem chave"], rows.Select(r => r.Subject).Order(StringComparer.Ordinal));
            Assert.Equal(queued.Id, rows.Single(r => r.DedupKey == $"key:{run}:1").Id);
        }
    }

    /// <summary>Every shape a message can have when queued: plain, keyed, tried and failed, refused, sent; awkward texts.</summary>
    private static List<EmailNotification> Messages(string run, string writer)
    {
        var plain = Message($"{writer}-{run}-1@demo.gov.br", null, "Prazo próximo — NUP 12345.000001/2026-11");
        var keyed = Message($"{writer}-{run}-2@demo.gov.br", $"{writer}:{run}:deadline:1", "Aspas \"duplas\", 'simples', \\ barra\ne quebra; emoji 🙂");
        var failed = Message($"{writer}-{run}-3@demo.gov.br", $"{writer}:{run}:deadline:2", "Falhou");
        failed.MarkFailed("Failure sending mail. → Connection refused", TimeSpan.FromHours(1), Later.AddTicks(3));
        var refused = Message($"{writer}-{run}-4@demo.gov.br", null, "Recusada");
        refused.MarkRejected("550 5.1.1 <x@y>: Recipient address rejected", Later.AddTicks(9));
        var sent = Message($"{writer}-{run}-5@demo.gov.br", null, "Enviada");
        sent.MarkSent(Later.AddTicks(11));
        return [plain, keyed, failed, refused, sent];
    }

    private static EmailNotification Message(string recipient, string? key, string subject) =>
        new("Email.DeadlineNear", recipient, new RenderedEmail(subject, $"Texto: {subject}", $"<p>{subject} &amp; <b>html</b></p>"), key is null ? null : Case, key, Later);

    private async Task<List<Dictionary<string, object?>>> RawRowsAsync(string run)
    {
        await using var db = app.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT * FROM "EmailOutbox" WHERE "Recipient" LIKE @pattern""";
        var pattern = command.CreateParameter();
        pattern.ParameterName = "@pattern";
        pattern.Value = $"%-{run}-%";
        command.Parameters.Add(pattern);
        var rows = new List<Dictionary<string, object?>>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }

    private static string Show(object? value) => value is null ? "NULL" : $"{value} ({value.GetType().Name})";

    /// <summary>How a key is stored: its type, and for text its letter case.</summary>
    private static string Form(object? value) => value switch
    {
        null => "NULL",
        string t when t == t.ToUpperInvariant() => "upper-case text",
        string t when t == t.ToLowerInvariant() => "lower-case text",
        string => "mixed-case text",
        _ => value.GetType().Name,
    };

    private static long Micro(DateTimeOffset time) => time.UtcTicks / 10;
}

public sealed class EmailOutboxInsertTestsSqlite(SqliteEmptyApp app) : EmailOutboxInsertTests(app), IClassFixture<SqliteEmptyApp>;

public sealed class EmailOutboxInsertTestsPostgres(PostgresEmptyApp app) : EmailOutboxInsertTests(app), IClassFixture<PostgresEmptyApp>;
