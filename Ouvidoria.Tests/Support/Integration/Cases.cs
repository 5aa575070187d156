using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>A manifestation prepared through the real use cases, with the texts the tests look for.</summary>
public sealed record PreparedCase(Guid Id, string Nup, string Password, string Description, string InternalNote, string Extract, string RequesterName);

/// <summary>Drives manifestations through <see cref="ManifestationWorkflow"/> as the ombudsman would.</summary>
public static class Cases
{
    public const string Description = "Sou Maria das Dores Sigilosa, CPF 123.456.789-09, e o médico do posto do bairro Esperança me destratou.";
    public const string InternalNote = "Há duas manifestações anteriores sobre o mesmo servidor.";
    public const string Extract = "Relato de mau atendimento por profissional de um posto de saúde.";

    public static async Task<Guid> UnitIdAsync(this OuvidoriaAppFactory app, string name)
    {
        await using var db = app.CreateDbContext();
        return await db.Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    public static Task<Result<Done>> WorkflowAsync(this OuvidoriaAppFactory app, Func<ManifestationWorkflow, Task<Result<Done>>> action) =>
        app.WithAsync(action);

    public static async Task WorkflowOkAsync(this OuvidoriaAppFactory app, Func<ManifestationWorkflow, Task<Result<Done>>> action)
    {
        var result = await app.WithAsync(action);
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    public static Task<Result<ManifestationDetails>> OpenAsync(this OuvidoriaAppFactory app, Guid id, Actor actor, bool recordAccess = true) =>
        app.WithAsync<ManifestationDetailsQuery, Result<ManifestationDetails>>(q => q.ExecuteAsync(id, actor, recordAccess));

    public static async Task<ManifestationDetails> OpenOkAsync(this OuvidoriaAppFactory app, Guid id, Actor actor, bool recordAccess = true)
    {
        var result = await app.OpenAsync(id, actor, recordAccess);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    /// <summary>
    /// Registers an identified complaint, then as the ombudsman: starts triage, classifies it with a
    /// neutral subject, writes the internal note and the extract, and forwards it to each unit as
    /// responsible.
    /// </summary>
    public static Task<PreparedCase> PrepareForwardedAsync(this OuvidoriaAppFactory app, params Guid[] responsibleUnits) =>
        app.PrepareAsync(classify: true, responsibleUnits);

    /// <summary>As <see cref="PrepareForwardedAsync"/>, but the ombudsman keeps the subject drawn from the citizen's text.</summary>
    public static Task<PreparedCase> PrepareForwardedWithoutClassifyingAsync(this OuvidoriaAppFactory app, Guid responsibleUnit) =>
        app.PrepareAsync(classify: false, [responsibleUnit]);

    private static async Task<PreparedCase> PrepareAsync(this OuvidoriaAppFactory app, bool classify, Guid[] responsibleUnits)
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var themeId = await app.ThemeIdAsync(Registrations.ThemeRequiringEmail);
        var request = Registrations.Identified(themeId, ManifestationType.Complaint, Description);
        var receipt = await app.RegisterOkAsync(request);
        var id = receipt.Id;

        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        if (classify)
        {
            await app.WorkflowOkAsync(w => w.ClassifyAsync(id, ManifestationType.Complaint, themeId, "Atendimento em posto de saúde", ombudsman));
        }

        await app.WorkflowOkAsync(w => w.WriteInternalNoteAsync(id, InternalNote, ombudsman));
        await app.WorkflowOkAsync(w => w.WriteExtractAsync(id, Extract, ombudsman));
        foreach (var unit in responsibleUnits)
        {
            await app.WorkflowOkAsync(w => w.ForwardAsync(id, unit, AssignmentRole.Responsible, null, "Favor apurar e responder em 20 dias.", ombudsman));
        }

        return new PreparedCase(id, receipt.Nup, receipt.Password, Description, InternalNote, Extract, request.Name!);
    }

    /// <summary>
    /// A fresh manifestation driven by the ombudsman to <paramref name="status"/>, so tests over a
    /// status never depend on the demo data happening to contain one.
    /// </summary>
    public static async Task<Guid> CreateInStatusAsync(this OuvidoriaAppFactory app, ManifestationStatus status)
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        if (status == ManifestationStatus.InTreatment)
        {
            return (await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit))).Id;
        }

        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var id = (await app.RegisterOkAsync(Registrations.Identified(themeId))).Id;
        if (status == ManifestationStatus.Registered)
        {
            return id;
        }

        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        switch (status)
        {
            case ManifestationStatus.InTriage:
                break;
            case ManifestationStatus.AwaitingComplement:
                await app.WorkflowOkAsync(w => w.RequestComplementAsync(id, "Informe a data aproximada do fato.", ombudsman));
                break;
            case ManifestationStatus.Archived:
                await app.WorkflowOkAsync(w => w.ArchiveAsync(id, ArchiveReason.Duplicate, "Já registrada anteriormente.", ombudsman));
                break;
            case ManifestationStatus.Answered:
            case ManifestationStatus.Concluded:
                await app.WorkflowOkAsync(w => w.AnswerAsync(id, "Resposta conclusiva da Ouvidoria.", conclusive: true, ombudsman));
                if (status == ManifestationStatus.Concluded)
                {
                    await app.WorkflowOkAsync(w => w.ConcludeAsync(id, resolved: true, ombudsman));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }

        return id;
    }

    /// <summary>The access-log lines (<see cref="HistoryAction.Viewed"/>) of a manifestation, oldest first.</summary>
    public static async Task<List<HistoryEntry>> AccessLogAsync(this OuvidoriaAppFactory app, Guid id)
    {
        await using var db = app.CreateDbContext();
        var entries = await db.History.AsNoTracking().Where(h => h.ManifestationId == id && h.Action == HistoryAction.Viewed).ToListAsync();
        return entries.OrderBy(h => h.At).ToList();
    }
}
