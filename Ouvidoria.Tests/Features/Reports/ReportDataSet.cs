using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Features.Reports;

/// <summary>
/// Seven manifestations with hand-picked types, channels, dates and answers, written through the
/// real domain transitions, so every report number has a known answer ("now" = 1 Apr 2025 12:00 UTC):
/// <code>
///  #  type          channel   theme  registered (UTC)   answer after  notes
///  1  Reclamação    Web       Saúde  06/01 12:00        10 days       unit Obras (finalized); concluded, resolved = NO
///  2  Reclamação    WhatsApp  —      10/01 12:00        20 days       concluded, resolved = yes
///  3  Solicitação   Web       Saúde  15/01 12:00        40 days       citizen deadline extended (60 days): on time
///  4  Sugestão      Telefone  —      20/01 12:00        35 days       late (30-day deadline)
///  5  Elogio        WhatsApp  —      01/02 02:00        5 days        = 31/01 23:00 in Brasília: a January case
///  6  Denúncia      Web       —      10/02 12:00        —             unit Obras open, its deadline extended; overdue for both
///  7  Comunicação   E-mail    —      25/03 12:00        —             unit Saúde open, within every deadline
/// </code>
/// Answer times 5, 10, 20, 35, 40 days: average 22, median (3rd of 5) 20, p90 (5th of 5) 40.
/// </summary>
public static class ReportDataSet
{
    public const string WorksUnit = "Secretaria de Obras (relatórios)";
    public const string HealthUnit = "Secretaria de Saúde (relatórios)";

    public static readonly DateTimeOffset Now = new(2025, 4, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Actor Ombudsman = new("report-ombudsman", "Ana (Ouvidoria)", ActorKind.Ombudsman);

    public static async Task<(Guid Works, Guid Health, Guid Theme)> EnsureAsync(OuvidoriaAppFactory app)
    {
        app.Clock.Set(Now);
        await using var db = app.CreateDbContext();
        var themeId = await db.Themes.Where(t => t.Name == Registrations.ThemeRequiringEmail).Select(t => t.Id).SingleAsync();
        if (await db.Units.AnyAsync(u => u.Name == WorksUnit))
        {
            return (await UnitAsync(db, WorksUnit), await UnitAsync(db, HealthUnit), themeId);
        }

        var works = new OrganizationalUnit(WorksUnit, null);
        var health = new OrganizationalUnit(HealthUnit, null);
        db.Units.AddRange(works, health);
        await db.SaveChangesAsync();

        var sequence = 0;
        Manifestation Register(ManifestationType type, Channel channel, Guid? theme, DateTimeOffset at) =>
            Manifestation.Register(Nup.Create(12345, ++sequence, 2025), type, channel, theme, null, "Relato de teste dos relatórios.",
                type == ManifestationType.Communication ? null : new Requester("Pessoa de Teste", "teste@exemplo.com.br", null),
                type != ManifestationType.Communication, "hash", at, terms: DeadlineTerms.Legal);

        static DateTimeOffset Day(int month, int day, int hour = 12) => new(2025, month, day, hour, 0, 0, TimeSpan.Zero);

        var m1 = Register(ManifestationType.Complaint, Channel.Web, themeId, Day(1, 6));
        m1.StartTriage(Ombudsman, Day(1, 6, 13));
        m1.WriteExtract("Extrato.", Ombudsman, Day(1, 6, 13));
        var a1 = m1.Forward(works.Id, AssignmentRole.Responsible, null, null, null, Ombudsman, Day(1, 6, 14), terms: DeadlineTerms.Legal);
        m1.FinalizeTreatment(a1.Id, Ombudsman, Day(1, 10));
        m1.Answer("Resposta.", conclusive: true, Ombudsman, Day(1, 16));
        m1.Conclude(resolved: false, Ombudsman, Day(1, 17));

        var m2 = Register(ManifestationType.Complaint, Channel.WhatsApp, null, Day(1, 10));
        m2.StartTriage(Ombudsman, Day(1, 11));
        m2.Answer("Resposta.", conclusive: true, Ombudsman, Day(1, 30));
        m2.Conclude(resolved: true, Ombudsman, Day(1, 31));

        var m3 = Register(ManifestationType.Request, Channel.Web, themeId, Day(1, 15));
        m3.StartTriage(Ombudsman, Day(1, 16));
        m3.ExtendDeadline("Aguardando levantamento da secretaria.", Ombudsman, Day(2, 10), terms: DeadlineTerms.Legal);
        m3.Answer("Resposta.", conclusive: true, Ombudsman, Day(2, 24));

        var m4 = Register(ManifestationType.Suggestion, Channel.Phone, null, Day(1, 20));
        m4.StartTriage(Ombudsman, Day(1, 21));
        m4.Answer("Resposta.", conclusive: true, Ombudsman, Day(2, 24));

        var m5 = Register(ManifestationType.Compliment, Channel.WhatsApp, null, Day(2, 1, 2));
        m5.StartTriage(Ombudsman, Day(2, 2));
        m5.Answer("Resposta.", conclusive: true, Ombudsman, Day(2, 6, 2));

        var m6 = Register(ManifestationType.Denunciation, Channel.Web, null, Day(2, 10));
        m6.StartTriage(Ombudsman, Day(2, 10, 13));
        m6.WriteExtract("Extrato.", Ombudsman, Day(2, 10, 13));
        var a6 = m6.Forward(works.Id, AssignmentRole.Responsible, null, null, null, Ombudsman, Day(2, 10, 14), terms: DeadlineTerms.Legal);
        m6.ExtendUnitDeadline(a6.Id, "A unidade precisa de mais tempo para apurar.", Ombudsman, Day(3, 1), terms: DeadlineTerms.Legal);

        var m7 = Register(ManifestationType.Communication, Channel.Email, null, Day(3, 25));
        m7.StartTriage(Ombudsman, Day(3, 25, 13));
        m7.WriteExtract("Extrato.", Ombudsman, Day(3, 25, 13));
        m7.Forward(health.Id, AssignmentRole.Responsible, null, null, null, Ombudsman, Day(3, 25, 14), terms: DeadlineTerms.Legal);

        db.Manifestations.AddRange(m1, m2, m3, m4, m5, m6, m7);
        await db.SaveChangesAsync();
        return (works.Id, health.Id, themeId);
    }

    private static Task<Guid> UnitAsync(OuvidoriaDbContext db, string name) =>
        db.Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
}
