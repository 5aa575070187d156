using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Manifestations;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Tests.Features.Manifestations;

/// <summary>
/// The access-control matrix (issue 4): role × assignment × type × action, through the real use
/// cases and database — not the pages. A refused action must leave the manifestation untouched;
/// an allowed one runs on a fresh case so the rows never depend on each other.
/// </summary>
public abstract class AccessControlMatrixTests(OuvidoriaAppFactory app)
{
    public enum Who
    {
        Ombudsman,
        Manager,
        Administrator,
        ResponsibleUnit,
        ObserverUnit,
        OtherUnit,
    }

    public enum Kind
    {
        Complaint,
        Denunciation,
        Communication,
        Compliment,
    }

    public enum Action
    {
        Open,
        SeeOriginal,
        SeeIdentity,
        DownloadCitizenFile,
        DownloadExtractPdf,
        PostMessage,
        Finalize,
        AnswerCitizen,
        EnableIdentityView,
        RequestIdentity,
        Archive,
        DownloadAllWithCitizenFile,
        ExtendCitizenDeadline,
        ExtendUnitDeadline,
        RequestUnitExtension,
        DeclareNoCompetence,
        RequestCollaborator,
    }

    private static readonly ConcurrentDictionary<(OuvidoriaAppFactory, Kind), Task<Guid>> Shared = new();

    /// <summary>The rules, in one place, as a reader of the manual would state them.</summary>
    public static bool Allowed(Who who, Kind kind, Action action)
    {
        var staffOfCase = who is Who.Ombudsman or Who.ResponsibleUnit or Who.ObserverUnit;
        var protectedType = kind is Kind.Denunciation or Kind.Communication;
        return action switch
        {
            Action.Open or Action.DownloadExtractPdf => staffOfCase || who == Who.Manager,
            Action.SeeOriginal or Action.DownloadCitizenFile => who == Who.Ombudsman,
            Action.SeeIdentity => who == Who.Ombudsman && kind != Kind.Communication,
            Action.PostMessage => staffOfCase,
            // Elogio: units only observe (no responsible treatment to finalize).
            Action.Finalize => (who is Who.Ombudsman or Who.ResponsibleUnit) && kind != Kind.Compliment,
            Action.AnswerCitizen or Action.Archive => who == Who.Ombudsman,
            Action.EnableIdentityView => who == Who.Ombudsman && !protectedType,
            Action.RequestIdentity => who == Who.ResponsibleUnit && protectedType,
            // "Baixar todos" holds exactly what the single download allows: the citizen's file only for the ombudsman.
            Action.DownloadAllWithCitizenFile => who == Who.Ombudsman,
            Action.ExtendCitizenDeadline => who == Who.Ombudsman,
            Action.ExtendUnitDeadline => who == Who.Ombudsman && kind != Kind.Compliment,
            Action.RequestUnitExtension or Action.DeclareNoCompetence => who == Who.ResponsibleUnit && kind != Kind.Compliment,
            // Any unit with an open treatment of its own (responsible or observer) may ask; the ombudsman adds directly.
            Action.RequestCollaborator => who is Who.ResponsibleUnit or Who.ObserverUnit,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    public static TheoryData<Who, Kind, Action> Matrix()
    {
        var data = new TheoryData<Who, Kind, Action>();
        foreach (var who in Enum.GetValues<Who>())
        {
            foreach (var kind in Enum.GetValues<Kind>())
            {
                foreach (var action in Enum.GetValues<Action>())
                {
                    data.Add(who, kind, action);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Matrix_ActionByRoleAssignmentAndType_AllowedExactlyWhenTheRulesSay(Who who, Kind kind, Action action)
    {
        var expected = Allowed(who, kind, action);
        var readOnly = action is Action.Open or Action.SeeOriginal or Action.SeeIdentity or Action.DownloadCitizenFile or Action.DownloadExtractPdf or Action.DownloadAllWithCitizenFile;
        var id = expected && !readOnly ? await PrepareAsync(kind) : await Shared.GetOrAdd((app, kind), _ => PrepareAsync(kind));
        var actor = await ActorAsync(who);
        var before = await FingerprintAsync(id);

        var allowed = await AttemptAsync(id, actor, kind, action);

        Assert.True(expected == allowed, $"{who} × {kind} × {action}: expected {(expected ? "allowed" : "refused")}.");
        if (!expected && !readOnly)
        {
            Assert.Equal(before, await FingerprintAsync(id));
        }
    }

    private async Task<bool> AttemptAsync(Guid id, Actor actor, Kind kind, Action action)
    {
        switch (action)
        {
            case Action.Open:
                return (await app.OpenAsync(id, actor, recordAccess: false)).IsSuccess;
            case Action.SeeOriginal:
                return (await app.OpenAsync(id, actor, recordAccess: false)) is { IsSuccess: true } o && o.Value.OriginalDescription is not null;
            case Action.SeeIdentity:
                return (await app.OpenAsync(id, actor, recordAccess: false)) is { IsSuccess: true } i && i.Value.RequesterName is { } name && name != Requester.Pseudonymized;
            case Action.DownloadCitizenFile:
            {
                await using var db = app.CreateDbContext();
                var file = await db.Attachments.Where(a => a.ManifestationId == id && a.Origin == AttachmentOrigin.Original).Select(a => a.Id).SingleAsync();
                var result = await app.WithAsync<ManifestationWorkflow, Result<(Attachment, Stream)>>(w => w.DownloadAsync(id, file, actor));
                if (result.IsSuccess)
                {
                    await result.Value.Item2.DisposeAsync();
                }

                return result.IsSuccess;
            }

            case Action.DownloadExtractPdf:
                return (await app.WithAsync<ExtractPdfDocument, Result<GeneratedPdf>>(d => d.ExecuteAsync(id, actor))).IsSuccess;
            case Action.PostMessage:
                return (await app.WorkflowAsync(w => w.PostMessageAsync(id, "Mensagem da matriz de acesso.", MessageVisibility.Team, actor))).IsSuccess;
            case Action.Finalize:
            {
                var responsible = await AssignmentAsync(id, AssignmentRole.Responsible);
                return responsible is not null && (await app.WorkflowAsync(w => w.FinalizeTreatmentAsync(id, responsible.Value, actor))).IsSuccess;
            }

            case Action.AnswerCitizen:
                return (await app.WorkflowAsync(w => w.AnswerAsync(id, "Resposta intermediária da matriz.", conclusive: false, actor))).IsSuccess;
            case Action.EnableIdentityView:
            {
                var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
                return (await app.WorkflowAsync(w => w.EnableIdentityViewAsync(id, carlos.UserId!, actor))).IsSuccess;
            }

            case Action.RequestIdentity:
            {
                var responsible = await AssignmentAsync(id, AssignmentRole.Responsible);
                return responsible is not null && (await app.WorkflowAsync(w => w.RequestIdentityAsync(id, responsible.Value, Manifestation.IdentityRequestText, actor))).IsSuccess;
            }

            case Action.Archive:
                return (await app.WorkflowAsync(w => w.ArchiveAsync(id, ArchiveReason.Duplicate, "Duplicada (matriz de acesso).", actor))).IsSuccess;
            case Action.DownloadAllWithCitizenFile:
            {
                var bundle = await app.WithAsync<ManifestationWorkflow, Result<AttachmentBundle>>(w => w.DownloadAllAsync(id, actor));
                return bundle.IsSuccess && bundle.Value.Attachments.Any(a => a.Origin == AttachmentOrigin.Original);
            }

            case Action.ExtendCitizenDeadline:
                return (await app.WorkflowAsync(w => w.ExtendDeadlineAsync(id, "Prorrogação pedida na matriz de acesso.", actor))).IsSuccess;
            case Action.ExtendUnitDeadline:
            {
                var responsible = await AssignmentAsync(id, AssignmentRole.Responsible);
                return responsible is not null && (await app.WorkflowAsync(w => w.ExtendUnitDeadlineAsync(id, responsible.Value, "Prorrogação da unidade na matriz.", actor))).IsSuccess;
            }

            case Action.RequestUnitExtension:
            {
                var responsible = await AssignmentAsync(id, AssignmentRole.Responsible);
                return responsible is not null && (await app.WorkflowAsync(w => w.RequestUnitDeadlineExtensionAsync(id, responsible.Value, "A unidade precisa de mais prazo (matriz).", actor))).IsSuccess;
            }

            case Action.DeclareNoCompetence:
            {
                var responsible = await AssignmentAsync(id, AssignmentRole.Responsible);
                return responsible is not null && (await app.WorkflowAsync(w => w.DeclareNoCompetenceAsync(id, responsible.Value, null, actor))).IsSuccess;
            }

            case Action.RequestCollaborator:
            {
                // The actor's own unit's treatment when it has one, else the first treatment of the case.
                await using var db = app.CreateDbContext();
                var assignment = await db.Assignments.Where(a => a.ManifestationId == id).OrderBy(a => a.UnitId == actor.UnitId ? 0 : 1).ThenBy(a => a.Id).Select(a => a.Id).FirstAsync();
                var works = await app.UnitIdAsync("Secretaria de Obras");
                return (await app.WorkflowAsync(w => w.RequestCollaboratorAsync(id, assignment, "Marcos Antônio Ribeiro", works, AssignmentRole.Observer, "Ele conhece o contrato da obra citada.", actor))).IsSuccess;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    private async Task<Guid?> AssignmentAsync(Guid id, AssignmentRole role)
    {
        await using var db = app.CreateDbContext();
        return await db.Assignments.Where(a => a.ManifestationId == id && a.Role == role).Select(a => (Guid?)a.Id).FirstOrDefaultAsync();
    }

    private async Task<Actor> ActorAsync(Who who) => who switch
    {
        Who.Ombudsman => await app.ActorAsync(DemoStaff.Ombudsman),
        Who.Manager => await app.ActorAsync(DemoStaff.Manager),
        Who.Administrator => await app.ActorAsync(DemoStaff.Administrator),
        Who.ResponsibleUnit => await app.ActorAsync(DemoStaff.HealthCollaborator),
        Who.ObserverUnit => await app.ActorAsync(DemoStaff.EducationCollaborator),
        Who.OtherUnit => new Actor("colaborador-obras", "Colaborador de Obras", ActorKind.Collaborator, await app.UnitIdAsync("Secretaria de Obras")),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    /// <summary>A case of <paramref name="kind"/> with a citizen file, forwarded to Saúde (responsible, except elogio) and Educação (observer).</summary>
    private async Task<Guid> PrepareAsync(Kind kind)
    {
        var type = kind switch
        {
            Kind.Complaint => ManifestationType.Complaint,
            Kind.Denunciation => ManifestationType.Denunciation,
            Kind.Communication => ManifestationType.Communication,
            Kind.Compliment => ManifestationType.Compliment,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var theme = await app.ThemeIdAsync(Registrations.ThemeRequiringEmail);
        var photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var request = (type == ManifestationType.Communication
            ? new Ouvidoria.Web.Features.Citizen.RegistrationRequest { Type = type, ThemeId = theme, Anonymous = true, Description = "Relato anônimo de irregularidade no almoxarifado." }
            : Registrations.Identified(theme, type, "Relato com nome e detalhes do manifestante."))
            with { Attachments = [new UploadedFile("foto.png", "image/png", photo.Length, () => new MemoryStream(photo))] };
        var id = (await app.RegisterOkAsync(request)).Id;
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        await app.WorkflowOkAsync(w => w.WriteExtractAsync(id, "Extrato sem dados pessoais.", ombudsman));
        var health = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var education = await app.UnitIdAsync(DemoStaff.EducationUnit);
        await app.WorkflowOkAsync(w => w.ForwardAsync(id, health, kind == Kind.Compliment ? AssignmentRole.Observer : AssignmentRole.Responsible, null, null, ombudsman));
        await app.WorkflowOkAsync(w => w.ForwardAsync(id, education, AssignmentRole.Observer, null, null, ombudsman));
        return id;
    }

    /// <summary>What a refused action must not change (the access log may grow: it records attempts' reads elsewhere).</summary>
    private async Task<string> FingerprintAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        var m = await db.Manifestations.AsNoTracking().SingleAsync(x => x.Id == id);
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.ManifestationId == id).OrderBy(a => a.Id).Select(a => a.Status.ToString() + ":" + (a.ExtensionRequestedAt != null)).ToListAsync();
        return string.Join("|", m.Status, m.Version, await db.TreatmentMessages.CountAsync(x => x.ManifestationId == id), await db.CitizenAnswers.CountAsync(x => x.ManifestationId == id),
            await db.IdentityGrants().CountAsync(g => g.ManifestationId == id), await db.IdentityRequestsOf(id), string.Join(",", assignments));
    }
}

internal static class MatrixDb
{
    public static IQueryable<IdentityAccessGrant> IdentityGrants(this Ouvidoria.Infrastructure.Persistence.OuvidoriaDbContext db) => db.Set<IdentityAccessGrant>();

    public static Task<int> IdentityRequestsOf(this Ouvidoria.Infrastructure.Persistence.OuvidoriaDbContext db, Guid id) => db.Set<IdentityRequest>().CountAsync(r => r.ManifestationId == id);
}

public sealed class AccessControlMatrixTestsSqlite(SqliteDemoApp app) : AccessControlMatrixTests(app), IClassFixture<SqliteDemoApp>;

public sealed class AccessControlMatrixTestsPostgres(PostgresDemoApp app) : AccessControlMatrixTests(app), IClassFixture<PostgresDemoApp>;
