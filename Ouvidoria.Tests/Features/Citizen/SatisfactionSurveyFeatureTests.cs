using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Citizen;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Tests.Features.Citizen;

/// <summary>
/// The satisfaction survey through the real use cases and database: NUP + password with the
/// consultation's check and throttling, only after the conclusive answer, once per NUP — also when
/// two submits race — and its result for the ombudsman and managers only.
/// </summary>
public abstract class SatisfactionSurveyFeatureTests(RacingInsertApp<SatisfactionSurvey> app)
{
    private static readonly SurveyAnswers Good = new(SurveyAttendance.Yes, 5, 4, "Resposta clara e rápida.");

    private Task<Result<Done>> SubmitAsync(string nup, string password, SurveyAnswers answers) =>
        app.WithAsync<CitizenSurvey, Result<Done>>(s => s.SubmitAsync(nup, password, answers));

    private Task<Result<SurveyState>> StateAsync(string nup, string password) =>
        app.WithAsync<CitizenSurvey, Result<SurveyState>>(s => s.StateAsync(nup, password));

    /// <summary>A fresh identified case, driven by the ombudsman to <paramref name="status"/>; the citizen's receipt.</summary>
    private async Task<RegistrationReceipt> CaseAsync(ManifestationStatus status)
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var receipt = await app.RegisterOkAsync(Registrations.Identified(themeId));
        var id = receipt.Id;
        if (status == ManifestationStatus.Registered)
        {
            return receipt;
        }

        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        if (status is ManifestationStatus.Answered or ManifestationStatus.Concluded)
        {
            await app.WorkflowOkAsync(w => w.AnswerAsync(id, "O atendimento foi normalizado em 12/03.", conclusive: true, ombudsman));
        }

        if (status == ManifestationStatus.Concluded)
        {
            await app.WorkflowOkAsync(w => w.ConcludeAsync(id, resolved: true, ombudsman));
        }

        return receipt;
    }

    private async Task<List<SatisfactionSurvey>> SurveysAsync(Guid manifestationId)
    {
        await using var db = app.CreateDbContext();
        return await db.SatisfactionSurveys.AsNoTracking().Where(s => s.ManifestationId == manifestationId).ToListAsync();
    }

    private async Task<int> SurveyHistoryAsync(Guid manifestationId)
    {
        await using var db = app.CreateDbContext();
        return await db.History.CountAsync(h => h.ManifestationId == manifestationId && h.Action == HistoryAction.SurveyAnswered);
    }

    [Theory]
    [InlineData(ManifestationStatus.Answered)]
    [InlineData(ManifestationStatus.Concluded)]
    public async Task SubmitAsync_AfterTheConclusiveAnswer_StoresTheSurveyOnceAndTheFormCloses(ManifestationStatus status)
    {
        var receipt = await CaseAsync(status);
        Assert.Equal(SurveyState.Open, (await StateAsync(receipt.Nup, receipt.Password)).Value);

        var result = await SubmitAsync(receipt.Nup, receipt.Password, Good);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var survey = Assert.Single(await SurveysAsync(receipt.Id));
        Assert.Equal((SurveyAttendance.Yes, 5, 4, "Resposta clara e rápida.", app.Clock.GetUtcNow()), (survey.Attended, survey.Clarity, survey.Satisfaction, survey.Comment, survey.AnsweredAt));
        Assert.Equal(SurveyState.Answered, (await StateAsync(receipt.Nup, receipt.Password)).Value);
        Assert.Equal(1, await SurveyHistoryAsync(receipt.Id));
    }

    [Fact]
    public async Task SubmitAsync_Twice_SecondIsRefusedWithTheOncePerNupMessage()
    {
        var receipt = await CaseAsync(ManifestationStatus.Concluded);
        await SubmitAsync(receipt.Nup, receipt.Password, Good);

        var second = await SubmitAsync(receipt.Nup, receipt.Password, new SurveyAnswers(SurveyAttendance.No, 1, 1, "Mudei de ideia."));

        Assert.Equal(ErrorKind.Conflict, second.Error?.Kind);
        Assert.Equal("A pesquisa desta manifestação já foi respondida.", second.Error!.Message);
        Assert.Equal(SurveyAttendance.Yes, Assert.Single(await SurveysAsync(receipt.Id)).Attended);
    }

    [Fact]
    public async Task SubmitAsync_TwoSubmitsAtTheSameInstant_OnlyOneIsStoredAndTheOtherGetsTheOncePerNupMessage()
    {
        var receipt = await CaseAsync(ManifestationStatus.Concluded);

        Result<Done>[] results;
        using (app.InsertRendezvous.Arm(participants: 2))
        {
            // Both pass the "already answered?" check before either inserts: the unique index decides.
            results = await Task.WhenAll(
                Task.Run(() => SubmitAsync(receipt.Nup, receipt.Password, Good)),
                Task.Run(() => SubmitAsync(receipt.Nup, receipt.Password, new SurveyAnswers(SurveyAttendance.Partially, 3, 3, null))));
        }

        Assert.Single(results, r => r.IsSuccess);
        var loser = Assert.Single(results, r => !r.IsSuccess);
        Assert.Equal(ErrorKind.Conflict, loser.Error!.Kind);
        Assert.Equal(SatisfactionSurvey.AlreadyAnsweredMessage, loser.Error.Message);
        Assert.Single(await SurveysAsync(receipt.Id));
        Assert.Equal(1, await SurveyHistoryAsync(receipt.Id));
    }

    [Fact]
    public async Task SubmitAsync_WrongPassword_GetsTheConsultationsGenericMessageAndStoresNothing()
    {
        var receipt = await CaseAsync(ManifestationStatus.Concluded);

        var result = await SubmitAsync(receipt.Nup, "SenhaErrada9", Good);
        var state = await StateAsync(receipt.Nup, "SenhaErrada9");

        Assert.Equal((ErrorKind.NotFound, ConsultManifestation.GenericFailure), (result.Error?.Kind, result.Error?.Message));
        Assert.Equal(ConsultManifestation.GenericFailure, state.Error?.Message);
        Assert.Empty(await SurveysAsync(receipt.Id));
    }

    [Fact]
    public async Task SubmitAsync_AfterFiveWrongPasswords_IsThrottledLikeTheConsultationEvenWithTheRightPassword()
    {
        var receipt = await CaseAsync(ManifestationStatus.Concluded);
        for (var attempt = 1; attempt <= ConsultManifestation.MaxFailures; attempt++)
        {
            Assert.Equal(ConsultManifestation.GenericFailure, (await SubmitAsync(receipt.Nup, $"Errada{attempt}xyz", Good)).Error?.Message);
        }

        var right = await SubmitAsync(receipt.Nup, receipt.Password, Good);
        var consult = await app.WithAsync<ConsultManifestation, Result<CitizenView>>(c => c.ExecuteAsync(receipt.Nup, receipt.Password));

        Assert.Equal((ErrorKind.Forbidden, ConsultManifestation.TooManyAttempts), (right.Error?.Kind, right.Error?.Message));
        Assert.Equal(ConsultManifestation.TooManyAttempts, consult.Error?.Message);
        Assert.Empty(await SurveysAsync(receipt.Id));
    }

    [Theory]
    [InlineData(ManifestationStatus.Registered)]
    [InlineData(ManifestationStatus.InTriage)]
    public async Task SubmitAsync_BeforeTheConclusiveAnswer_IsRefusedAndTheFormIsNotOffered(ManifestationStatus status)
    {
        var receipt = await CaseAsync(status);

        var result = await SubmitAsync(receipt.Nup, receipt.Password, Good);

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Equal("A pesquisa de satisfação fica disponível depois da resposta conclusiva.", result.Error!.Message);
        Assert.Equal(SurveyState.NotAvailable, (await StateAsync(receipt.Nup, receipt.Password)).Value);
        Assert.Empty(await SurveysAsync(receipt.Id));
    }

    [Fact]
    public async Task SubmitAsync_ScoreOutOfRange_IsAValidationErrorAndStoresNothing()
    {
        var receipt = await CaseAsync(ManifestationStatus.Concluded);

        var result = await SubmitAsync(receipt.Nup, receipt.Password, new SurveyAnswers(SurveyAttendance.Yes, 0, 5, null));

        Assert.Equal(("Dê uma nota de 1 a 5 à clareza da resposta.", ErrorKind.Validation), (result.Error?.Message, result.Error?.Kind));
        Assert.Empty(await SurveysAsync(receipt.Id));
        Assert.Equal(SurveyState.Open, (await StateAsync(receipt.Nup, receipt.Password)).Value);
    }

    [Fact]
    public async Task SurveyResultQuery_OmbudsmanAndManagerSeeIt_CollaboratorIsForbidden()
    {
        var receipt = await CaseAsync(ManifestationStatus.Concluded);
        var before = await app.WithAsync<SurveyResultQuery, Result<SurveyResultView?>>(async q => await q.ExecuteAsync(receipt.Id, await app.ActorAsync(DemoStaff.Ombudsman)));
        await SubmitAsync(receipt.Nup, receipt.Password, Good);

        var ombudsman = await app.WithAsync<SurveyResultQuery, Result<SurveyResultView?>>(async q => await q.ExecuteAsync(receipt.Id, await app.ActorAsync(DemoStaff.Ombudsman)));
        var manager = await app.WithAsync<SurveyResultQuery, Result<SurveyResultView?>>(async q => await q.ExecuteAsync(receipt.Id, await app.ActorAsync(DemoStaff.Manager)));
        var collaborator = await app.WithAsync<SurveyResultQuery, Result<SurveyResultView?>>(async q => await q.ExecuteAsync(receipt.Id, await app.ActorAsync(DemoStaff.HealthCollaborator)));

        Assert.True(before.IsSuccess);
        Assert.Null(before.Value);
        Assert.Equal((SurveyAttendance.Yes, 5, 4, "Resposta clara e rápida."), (ombudsman.Value!.Attended, ombudsman.Value.Clarity, ombudsman.Value.Satisfaction, ombudsman.Value.Comment));
        Assert.Equal(ombudsman.Value, manager.Value);
        Assert.Equal(ErrorKind.Forbidden, collaborator.Error?.Kind);
    }
}

public sealed class SurveySqliteApp() : RacingInsertApp<SatisfactionSurvey>(TestDatabase.Sqlite);

public sealed class SurveyPostgresApp() : RacingInsertApp<SatisfactionSurvey>(TestDatabase.Postgres);

public sealed class SatisfactionSurveyFeatureTestsSqlite(SurveySqliteApp app) : SatisfactionSurveyFeatureTests(app), IClassFixture<SurveySqliteApp>;

public sealed class SatisfactionSurveyFeatureTestsPostgres(SurveyPostgresApp app) : SatisfactionSurveyFeatureTests(app), IClassFixture<SurveyPostgresApp>;
