using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Infrastructure;

/// <summary>
/// The Manifestation aggregate round-trips through EF: a transition applied to a LOADED aggregate
/// (what every use case does) must insert the child rows it creates and bump the version.
/// </summary>
public abstract class AggregatePersistenceTests(OuvidoriaAppFactory app)
{
    private static readonly Actor Ombudsman = new("test-ombudsman", "Analista de Teste", ActorKind.Ombudsman);

    /// <summary>Builds a manifestation in memory, runs <paramref name="prepare"/>, inserts the whole graph.</summary>
    private async Task<Guid> InsertAsync(Action<Manifestation> prepare)
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        await using var db = app.CreateDbContext();
        var now = app.Clock.GetUtcNow();
        var nup = await app.Services.GetRequiredService<NupAllocator>().NextAsync(db, now.Year);
        var m = Manifestation.Register(nup, ManifestationType.Complaint, Channel.Web, themeId, null, "Calçada quebrada na rua Sete.",
            new Requester("Fulano de Tal", null, null), consentToShare: true, "v1.1.AAAA.AAAA", now, terms: DeadlineTerms.Legal);
        prepare(m);
        db.Manifestations.Add(m);
        await db.SaveChangesAsync();
        return m.Id;
    }

    private async Task<Guid> NewUnitAsync()
    {
        await using var db = app.CreateDbContext();
        var unit = new OrganizationalUnit($"Unidade {Guid.NewGuid():N}", null);
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        return unit.Id;
    }

    private static Task<Manifestation> LoadAsync(OuvidoriaDbContext db, Guid id) =>
        db.Manifestations.Include(m => m.Assignments).Include(m => m.Messages).Include(m => m.Answers)
            .Include(m => m.History).Include(m => m.Attachments).AsSplitQuery().SingleAsync(m => m.Id == id);

    private async Task<(int Version, int History, int Assignments, int Messages, int Answers, int Attachments)> CountsAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        return (
            await db.Manifestations.Where(m => m.Id == id).Select(m => m.Version).SingleAsync(),
            await db.History.CountAsync(x => x.ManifestationId == id),
            await db.Assignments.CountAsync(x => x.ManifestationId == id),
            await db.TreatmentMessages.CountAsync(x => x.ManifestationId == id),
            await db.CitizenAnswers.CountAsync(x => x.ManifestationId == id),
            await db.Attachments.CountAsync(x => x.ManifestationId == id));
    }

    [Theory]
    [InlineData("HistoryEntry")]
    [InlineData("Assignment")]
    [InlineData("TreatmentMessage")]
    [InlineData("CitizenAnswer")]
    [InlineData("Attachment")]
    public async Task SaveChanges_ChildAddedToALoadedManifestation_IsInserted(string child)
    {
        var unitId = await NewUnitAsync();
        var id = await InsertAsync(m =>
        {
            if (child != "HistoryEntry")
            {
                m.StartTriage(Ombudsman, app.Clock.GetUtcNow());
                m.WriteExtract("Relato de calçada quebrada.", Ombudsman, app.Clock.GetUtcNow());
            }
        });
        var before = await CountsAsync(id);

        await using (var db = app.CreateDbContext())
        {
            var m = await LoadAsync(db, id);
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            var now = app.Clock.GetUtcNow();
            switch (child)
            {
                case "HistoryEntry": m.StartTriage(Ombudsman, now); break;
                case "Assignment": m.Forward(unitId, AssignmentRole.Responsible, null, null, null, Ombudsman, now, terms: DeadlineTerms.Legal); break;
                case "TreatmentMessage": m.PostMessage("Mensagem da Ouvidoria.", MessageVisibility.Team, Ombudsman, now); break;
                case "CitizenAnswer": m.Answer("Resposta intermediária.", conclusive: false, Ombudsman, now); break;
                case "Attachment": m.AddAttachment("foto.jpg", "image/jpeg", 1024, Guid.NewGuid().ToString("N"), AttachmentOrigin.Treatment, Ombudsman, now, limits: AttachmentLimits.Legal); break;
                default: throw new ArgumentOutOfRangeException(nameof(child));
            }

            await db.SaveChangesAsync();
        }

        var after = await CountsAsync(id);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(before.History + 1, after.History);
        Assert.Equal(before.Assignments + (child == "Assignment" ? 1 : 0), after.Assignments);
        Assert.Equal(before.Messages + (child == "TreatmentMessage" ? 1 : 0), after.Messages);
        Assert.Equal(before.Answers + (child == "CitizenAnswer" ? 1 : 0), after.Answers);
        Assert.Equal(before.Attachments + (child == "Attachment" ? 1 : 0), after.Attachments);
    }

    [Fact]
    public async Task SaveChanges_LoadedManifestation_RoundTripsValueObjectsAndDeadlines()
    {
        var unitId = await NewUnitAsync();
        var now = app.Clock.GetUtcNow();
        var id = await InsertAsync(m =>
        {
            m.StartTriage(Ombudsman, now);
            m.WriteExtract("Relato de calçada quebrada.", Ombudsman, now);
            m.Forward(unitId, AssignmentRole.Responsible, null, null, "Instruções.", Ombudsman, now, terms: DeadlineTerms.Legal);
            m.ExtendDeadline("Aguardando laudo técnico.", Ombudsman, now, terms: DeadlineTerms.Legal);
        });

        await using var db = app.CreateDbContext();
        var loaded = await LoadAsync(db, id);

        Assert.Equal(new Requester("Fulano de Tal", null, null), loaded.Requester);
        Assert.Equal(now.AddDays(DeadlinePolicy.CitizenAnswerDays + DeadlinePolicy.CitizenExtensionDays), loaded.CitizenDeadline.DueAt);
        Assert.True(loaded.CitizenDeadline.Extended);
        Assert.Equal("Aguardando laudo técnico.", loaded.CitizenDeadline.ExtensionJustification);
        var assignment = Assert.Single(loaded.Assignments);
        Assert.Equal(now.AddDays(DeadlinePolicy.UnitAnswerDays), assignment.Deadline.DueAt);
        Assert.Equal(TimeSpan.Zero, loaded.RegisteredAt.Offset);
        Assert.Equal(ManifestationStatus.InTreatment, loaded.Status);
        Assert.True(Nup.TryParse(loaded.Nup.ToString(), out _));
    }
}

public sealed class AggregatePersistenceTestsSqlite(SqliteEmptyApp app) : AggregatePersistenceTests(app), IClassFixture<SqliteEmptyApp>;

public sealed class AggregatePersistenceTestsPostgres(PostgresEmptyApp app) : AggregatePersistenceTests(app), IClassFixture<PostgresEmptyApp>;
