using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Seeding;

/// <summary>
/// Demo data (<c>Seed:Demo=true</c>, on in Development): units, one account per role and a few
/// hundred manifestations in every state, produced by the real domain transitions. Runs once:
/// it does nothing when any unit exists.
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<OuvidoriaDbContext> factory,
    UserManager<ApplicationUser> users,
    NupAllocator nupAllocator,
    TimeProvider clock)
{
    /// <summary>Password of every demo account (documented in the README).</summary>
    public const string DemoPassword = "Demo@2026";

    public const int ManifestationCount = 320;

    public static readonly IReadOnlyList<(string Email, string Name, string Role, string? Unit)> Accounts =
    [
        ("ouvidoria@demo.gov.br", "Ana Ribeiro", Roles.Ombudsman, null),
        ("saude@demo.gov.br", "Carlos Menezes", Roles.Collaborator, "Secretaria de Saúde"),
        ("educacao@demo.gov.br", "Beatriz Almeida", Roles.Collaborator, "Secretaria de Educação"),
        ("gestor@demo.gov.br", "Paulo Nogueira", Roles.Manager, null),
        ("admin@demo.gov.br", "Marina Castro", Roles.Administrator, null),
        ("saude2@demo.gov.br", "Helena Prado", Roles.Collaborator, "Secretaria de Saúde"),
    ];

    /// <summary>Eventual collaborators (manual 2.4): inactive until assigned as observers.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string Unit)> EventualAccounts =
    [
        ("professor@demo.gov.br", "Rafael Souza", "Secretaria de Educação"),
    ];

    private static readonly string[] UnitNames =
    [
        "Secretaria de Saúde", "Secretaria de Educação", "Secretaria de Obras", "Secretaria de Transporte", "Controladoria-Geral",
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Units.AnyAsync(cancellationToken))
        {
            return;
        }

        var units = UnitNames.Select(name => new OrganizationalUnit(name, $"{Slug(name)}@demo.gov.br")).ToList();
        db.Units.AddRange(units);
        await db.SaveChangesAsync(cancellationToken);

        var actors = new Dictionary<string, Actor>();
        foreach (var (email, name, role, unitName) in Accounts)
        {
            var unit = units.FirstOrDefault(u => u.Name == unitName);
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = name, UnitId = unit?.Id };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Falha ao criar usuário de demonstração: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
            actors[email] = new Actor(user.Id, name, Roles.ToActorKind([role]), unit?.Id);
        }

        foreach (var (email, name, unitName) in EventualAccounts)
        {
            var unit = units.First(u => u.Name == unitName);
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = name, UnitId = unit.Id, IsEventual = true, IsActive = false, DeactivatedAutomatically = true };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Falha ao criar usuário de demonstração: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, Roles.Collaborator);
        }

        var themes = await db.Themes.ToListAsync(cancellationToken);
        await GenerateManifestationsAsync(db, units, themes, actors, cancellationToken);
    }

    private async Task GenerateManifestationsAsync(OuvidoriaDbContext db, List<OrganizationalUnit> units, List<Theme> themes, Dictionary<string, Actor> actors, CancellationToken cancellationToken)
    {
        var random = new Random(2026);
        var now = clock.GetUtcNow();
        var ombudsman = actors["ouvidoria@demo.gov.br"];
        var registrations = Enumerable.Range(0, ManifestationCount)
            .Select(_ => now.AddDays(-random.Next(0, 85)).AddHours(-random.Next(0, 24)).AddMinutes(-random.Next(0, 60)))
            .Order()
            .ToList();

        // Every demo manifestation shares the demo password: hash it once (PBKDF2 is slow on purpose).
        var passwordHash = ProtocolPassword.Hash(DemoPassword);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var registeredAt in registrations)
        {
            var type = PickType(random);
            var theme = themes[random.Next(themes.Count)];
            var requester = type == ManifestationType.Communication ? null : DemoTexts.Requester(random);
            var nup = await nupAllocator.NextAsync(db, registeredAt.Year, cancellationToken);
            var manifestation = Manifestation.Register(nup, type, PickChannel(random), theme.Id, null, DemoTexts.Description(type, theme.Name, random), requester, requester is not null, passwordHash, registeredAt, terms: DeadlineTerms.Legal);
            Advance(manifestation, units, actors, ombudsman, random, now);
            db.Manifestations.Add(manifestation);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Walks a manifestation through the real transitions to a random target state.</summary>
    private static void Advance(Manifestation m, List<OrganizationalUnit> units, Dictionary<string, Actor> actors, Actor ombudsman, Random random, DateTimeOffset now)
    {
        var t = m.RegisteredAt;
        DateTimeOffset Step(double maxDays)
        {
            var next = t.AddHours(random.NextDouble() * maxDays * 24 + 1);
            t = next < now ? next : t.AddMinutes(1) < now ? t.AddMinutes(1) : t;
            return t;
        }

        var roll = random.NextDouble();
        if ((now - m.RegisteredAt).TotalDays > 12 && roll < 0.25)
        {
            roll += 0.31; // an office does not leave old cases untouched: older ones are past triage.
        }

        if (roll < 0.12)
        {
            return; // Registered, waiting for triage.
        }

        m.StartTriage(ombudsman, Step(2));
        m.WriteInternalNote("Verificar se há manifestações anteriores sobre o mesmo assunto.", ombudsman, Step(0.5));
        if (roll < 0.20)
        {
            return; // In triage.
        }

        if (roll < 0.25 && !m.IsAnonymous)
        {
            m.RequestComplement("Informe o endereço ou a unidade de atendimento onde o fato ocorreu e a data aproximada.", ombudsman, Step(1), terms: DeadlineTerms.Legal);
            return;
        }

        if (roll < 0.31)
        {
            var reasons = Enum.GetValues<ArchiveReason>().Where(r => r != ArchiveReason.ComplementNotAnswered).ToArray();
            m.Archive(reasons[random.Next(reasons.Length)], "Arquivamento de demonstração.", ombudsman, Step(3));
            return;
        }

        m.WriteExtract(DemoTexts.Extract(m), ombudsman, Step(1));
        var unit = units[random.Next(units.Count)];
        var role = m.Type == ManifestationType.Compliment ? AssignmentRole.Observer : AssignmentRole.Responsible;
        var assignment = m.Forward(unit.Id, role, null, null, "Favor apurar os fatos e apresentar resposta conclusiva dentro do prazo.", ombudsman, Step(2), terms: DeadlineTerms.Legal);
        if (random.NextDouble() < 0.3)
        {
            var observer = units.Where(u => u.Id != unit.Id).ElementAt(random.Next(units.Count - 1));
            m.Forward(observer.Id, AssignmentRole.Observer, null, null, "Para ciência e eventual contribuição.", ombudsman, Step(1), terms: DeadlineTerms.Legal);
        }

        var collaborator = actors.Values.FirstOrDefault(a => a.UnitId == unit.Id)
            ?? new Actor(null, $"Equipe {unit.Name}", ActorKind.Collaborator, unit.Id);
        if (roll < 0.55)
        {
            if (random.NextDouble() < 0.5)
            {
                m.PostMessage("Estamos verificando as informações com a equipe responsável.", MessageVisibility.Team, collaborator, Step(5));
            }

            return; // In treatment (some overdue: registered long ago).
        }

        if (role == AssignmentRole.Responsible)
        {
            m.PostMessage(DemoTexts.UnitAnswer(m.Type), MessageVisibility.Team, collaborator, Step(10));
            m.FinalizeTreatment(assignment.Id, collaborator, Step(1));
        }

        m.Answer(DemoTexts.ConclusiveAnswer(m.Type), conclusive: true, ombudsman, Step(4));
        if (roll < 0.70)
        {
            return; // Answered.
        }

        m.Conclude(resolved: random.NextDouble() < 0.75, ombudsman, Step(2));
    }

    private static ManifestationType PickType(Random random) => random.Next(100) switch
    {
        < 35 => ManifestationType.Complaint,
        < 50 => ManifestationType.Request,
        < 62 => ManifestationType.Denunciation,
        < 72 => ManifestationType.Communication,
        < 82 => ManifestationType.Suggestion,
        < 92 => ManifestationType.Compliment,
        _ => ManifestationType.Simplification,
    };

    private static Channel PickChannel(Random random) => random.Next(100) switch
    {
        < 45 => Channel.Web,
        < 80 => Channel.WhatsApp,
        < 88 => Channel.Email,
        < 95 => Channel.Phone,
        < 98 => Channel.InPerson,
        _ => Channel.Letter,
    };

    private static string Slug(string name) =>
        new string(name.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => char.IsAsciiLetterOrDigit(c) || c == ' ').ToArray()).Replace(' ', '.');
}
