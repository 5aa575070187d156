using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Tests.Support.Mail;
using Ouvidoria.Web.Features.Notifications;

namespace Ouvidoria.Tests.Features.Notifications;

/// <summary>
/// The e-mail alerts end to end against a real SMTP server (maildev): written with the change that
/// causes them, sent by the dispatcher, never carrying the requester's data or the content (nor
/// any free text of a denúncia), surviving an SMTP outage of any length without loss or
/// duplicates, and stopping — visibly, until an administrator requeues it — only when the server
/// refuses a message for good.
/// </summary>
public abstract class EmailNotificationTests(MailAppFactory app)
{
    private async Task<int> DispatchAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmailOutboxDispatcher>().SendDueAsync(CancellationToken.None);
    }

    /// <summary>One pass of a dispatcher whose SMTP server is <paramref name="server"/> (same database, same clock).</summary>
    private async Task<int> DispatchThroughAsync(ScriptedSmtpServer server)
    {
        var options = Options.Create(new EmailOptions { Delivery = EmailDelivery.Smtp, Host = "127.0.0.1", Port = server.Port });
        var dispatcher = new EmailOutboxDispatcher(
            app.Services.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>(),
            new SmtpEmailSender(options, app.Services.GetRequiredService<PickupDirectory>()),
            options,
            app.Clock,
            NullLogger<EmailOutboxDispatcher>.Instance);
        return await dispatcher.SendDueAsync(CancellationToken.None);
    }

    private Task<Result<EmailOutboxStatus>> OutboxStatusAsync(Actor actor) =>
        app.WithAsync<EmailOutboxAdministration, Result<EmailOutboxStatus>>(a => a.GetAsync(actor));

    private Task<Result<Done>> ResendAsync(Guid id, Actor actor) =>
        app.WithAsync<EmailOutboxAdministration, Result<Done>>(a => a.ResendAsync(id, actor));

    private async Task<List<EmailNotification>> MessagesAsync(IReadOnlyCollection<Guid> ids)
    {
        await using var db = app.CreateDbContext();
        return await db.EmailOutbox.AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync();
    }

    /// <summary>The outbox id the sender writes in every message (X-Ouvidoria-Notification).</summary>
    private static string NotificationId(MailDevEmail mail) =>
        mail.Headers!.Single(h => string.Equals(h.Key, "X-Ouvidoria-Notification", StringComparison.OrdinalIgnoreCase)).Value.GetString()!;

    private async Task<List<EmailNotification>> OutboxAsync(Guid manifestationId)
    {
        await using var db = app.CreateDbContext();
        return await db.EmailOutbox.AsNoTracking().Where(n => n.ManifestationId == manifestationId).ToListAsync();
    }

    private async Task<string> UnitEmailAsync(string unit)
    {
        await using var db = app.CreateDbContext();
        return await db.Units.Where(u => u.Name == unit).Select(u => u.Email!).SingleAsync();
    }

    [Fact]
    public async Task Forward_AlertReachesTheUnitOverSmtp_WithNupDeadlineAndInstructions_AndNoPersonalData()
    {
        await app.Mail.ClearAsync();
        var unit = await app.UnitIdAsync(DemoStaff.HealthUnit);

        var prepared = await app.PrepareForwardedAsync(unit);

        var queued = Assert.Single(await OutboxAsync(prepared.Id));
        Assert.Equal((EmailTemplates.Forwarded, await UnitEmailAsync(DemoStaff.HealthUnit)), (queued.Kind, queued.Recipient));
        Assert.Null(queued.SentAt);
        Assert.Equal(1, await DispatchAsync());

        var mail = Assert.Single(await app.Mail.WaitForAsync(1));
        Assert.Equal($"Manifestação {prepared.Nup} encaminhada para tratamento", mail.Subject);
        Assert.Equal(await UnitEmailAsync(DemoStaff.HealthUnit), Assert.Single(mail.To).Address);
        Assert.Contains(prepared.Nup, mail.Text, StringComparison.Ordinal);
        Assert.Contains("Favor apurar e responder em 20 dias.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("responsável", mail.Text, StringComparison.Ordinal);
        var dueAt = (await app.OpenOkAsync(prepared.Id, await app.ActorAsync(DemoStaff.Ombudsman), recordAccess: false)).Team.Single().Deadline.DueAt;
        Assert.Contains(dueAt.ToOffset(TimeSpan.FromHours(-3)).ToString("dd/MM/yyyy"), mail.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"https://ouvidoria.exemplo.gov.br/manifestacoes/{prepared.Id}\"", mail.Html, StringComparison.Ordinal);
        foreach (var secret in new[] { prepared.RequesterName, "maria.sigilosa@exemplo.com.br", "123.456.789-09", "me destratou", Cases.InternalNote })
        {
            Assert.DoesNotContain(secret, mail.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, mail.Html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.NotNull(Assert.Single(await OutboxAsync(prepared.Id)).SentAt);
    }

    [Fact]
    public async Task Forward_TemplateEditedByTheAdministrator_IsWhatTheUnitReceives()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var current = await app.WithAsync<Ouvidoria.Web.Features.Administration.TextTemplateAdministration, Ouvidoria.Domain.Common.Result<Ouvidoria.Web.Features.Administration.TemplateEditorView>>(
            a => a.GetAsync(Ouvidoria.Domain.Templates.TextTemplateKey.EmailForwarded, admin));
        var unknown = await app.WithAsync<Ouvidoria.Web.Features.Administration.TextTemplateAdministration, Ouvidoria.Domain.Common.Result<Ouvidoria.Web.Features.Administration.TemplateEditorView>>(
            a => a.SaveAsync(Ouvidoria.Domain.Templates.TextTemplateKey.EmailForwarded, "Nova manifestação de {NOME}", current.Value.Body, current.Value.Version, admin));
        Assert.False(unknown.IsSuccess); // personal markers do not exist, not even in the subject
        var saved = await app.WithAsync<Ouvidoria.Web.Features.Administration.TextTemplateAdministration, Ouvidoria.Domain.Common.Result<Ouvidoria.Web.Features.Administration.TemplateEditorView>>(
            a => a.SaveAsync(Ouvidoria.Domain.Templates.TextTemplateKey.EmailForwarded, "[Ouvidoria] NUP {NUP} para {UNIDADE}", "Prazo: {PRAZO}. Acesse: {LINK}", current.Value.Version, admin));
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        try
        {
            var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.EducationUnit));

            var queued = Assert.Single(await OutboxAsync(prepared.Id));
            Assert.Equal($"[Ouvidoria] NUP {prepared.Nup} para {DemoStaff.EducationUnit}", queued.Subject);
            Assert.StartsWith("Prazo: ", queued.TextBody, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"https://ouvidoria.exemplo.gov.br/manifestacoes/{prepared.Id}\">", queued.HtmlBody, StringComparison.Ordinal);
        }
        finally
        {
            var edited = await app.WithAsync<Ouvidoria.Web.Features.Administration.TextTemplateAdministration, Ouvidoria.Domain.Common.Result<Ouvidoria.Web.Features.Administration.TemplateEditorView>>(
                a => a.GetAsync(Ouvidoria.Domain.Templates.TextTemplateKey.EmailForwarded, admin));
            await app.WithAsync<Ouvidoria.Web.Features.Administration.TextTemplateAdministration, Ouvidoria.Domain.Common.Result<Ouvidoria.Web.Features.Administration.TemplateEditorView>>(
                a => a.RestoreDefaultAsync(Ouvidoria.Domain.Templates.TextTemplateKey.EmailForwarded, edited.Value.Version, admin));
        }
    }

    [Fact]
    public async Task Forward_Refused_QueuesNothing()
    {
        var unit = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unit);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var before = (await OutboxAsync(prepared.Id)).Count;

        var again = await app.WorkflowAsync(w => w.ForwardAsync(prepared.Id, unit, AssignmentRole.Responsible, null, null, ombudsman));

        Assert.False(again.IsSuccess);
        Assert.Equal(before, (await OutboxAsync(prepared.Id)).Count);
    }

    [Fact]
    public async Task SmtpOutage_NothingIsLostAndNothingIsSentTwice()
    {
        await DispatchAsync();
        await app.Mail.ClearAsync();
        var health = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var education = await app.UnitIdAsync(DemoStaff.EducationUnit);

        await app.Mail.StopAsync();
        var first = await app.PrepareForwardedAsync(health, education);
        var second = await app.PrepareForwardedAsync(health);
        Assert.Equal(0, await DispatchAsync());
        var failing = (await OutboxAsync(first.Id)).Concat(await OutboxAsync(second.Id)).ToList();
        Assert.Equal(3, failing.Count);
        Assert.All(failing, n => Assert.Equal((1, (DateTimeOffset?)null), (n.Attempts, n.SentAt)));
        Assert.All(failing, n => Assert.NotNull(n.LastError));

        await app.Mail.StartAsync();
        Assert.Equal(0, await DispatchAsync()); // still backing off
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var runs = await Task.WhenAll(DispatchAsync(), DispatchAsync());
        Assert.Equal(3, runs.Sum());
        Assert.Equal(0, await DispatchAsync());

        var received = await app.Mail.WaitForAsync(3);
        Assert.Equal(3, received.Count);
        Assert.Equal(2, received.Count(m => m.Subject.Contains(first.Nup, StringComparison.Ordinal)));
        Assert.Single(received, m => m.Subject.Contains(second.Nup, StringComparison.Ordinal));
        Assert.Equal(3, received.Select(m => (m.Subject, m.To[0].Address)).Distinct().Count());
    }

    [Fact]
    public async Task ReopenAndComplementAndIdentityDecision_EachAlertsTheRightPeople()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var prepared = await app.PrepareForwardedAsync(carlos.UnitId!.Value);
        var assignment = (await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false)).Team.Single();
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(prepared.Id, assignment.Id, carlos));
        await app.WorkflowOkAsync(w => w.ReopenTreatmentAsync(prepared.Id, assignment.Id, carlos.UserId, ombudsman));

        var reopened = Assert.Single(await OutboxAsync(prepared.Id), n => n.Kind == EmailTemplates.Reopened);
        Assert.Equal(DemoStaff.HealthCollaborator, reopened.Recipient);
        Assert.Contains(prepared.Nup, reopened.Subject, StringComparison.Ordinal);

        var receipt = await app.RegisterOkAsync(Registrations.Identified(await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData)));
        var complement = receipt.Id;
        await app.WorkflowOkAsync(w => w.StartTriageAsync(complement, ombudsman));
        await app.WorkflowOkAsync(w => w.RequestComplementAsync(complement, "Informe a data aproximada do fato.", ombudsman));
        var consult = await app.WithAsync<Ouvidoria.Web.Features.Citizen.ConsultManifestation, Ouvidoria.Domain.Common.Result<Ouvidoria.Web.Features.Citizen.CitizenView>>(
            c => c.SendComplementAsync(receipt.Nup, receipt.Password, "O fato ocorreu em 12/03, às 10h."));
        Assert.True(consult.IsSuccess, consult.Error?.Message);

        var arrived = Assert.Single(await OutboxAsync(complement), n => n.Kind == EmailTemplates.ComplementArrived);
        Assert.Equal(DemoStaff.Ombudsman, arrived.Recipient);
        Assert.DoesNotContain("12/03", arrived.TextBody, StringComparison.Ordinal);

        // The art. 7 requisition of a denúncia: the decision goes to the collaborator who asked, not to the unit.
        const string refusal = "A identidade não é indispensável: o fato pode ser apurado pelos registros de compras.";
        var theme = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var denuncia = (await app.RegisterOkAsync(Registrations.Identified(theme, ManifestationType.Denunciation, "O chefe do setor de compras recebe propina de fornecedores."))).Id;
        await app.WorkflowOkAsync(w => w.StartTriageAsync(denuncia, ombudsman));
        await app.WorkflowOkAsync(w => w.WriteExtractAsync(denuncia, "Relato de possível irregularidade em compras.", ombudsman));
        await app.WorkflowOkAsync(w => w.ForwardAsync(denuncia, carlos.UnitId!.Value, AssignmentRole.Responsible, null, "Apurar.", ombudsman));
        var investigating = (await app.OpenOkAsync(denuncia, carlos, recordAccess: false)).Team.Single(t => t.IsMine);
        await app.WorkflowOkAsync(w => w.RequestIdentityAsync(denuncia, investigating.Id, Manifestation.IdentityRequestText, carlos));
        var requisition = (await app.OpenOkAsync(denuncia, ombudsman, recordAccess: false)).IdentityRequests.Single();
        await app.WorkflowOkAsync(w => w.DecideIdentityRequestAsync(denuncia, requisition.Id, false, refusal, ombudsman));

        var decided = Assert.Single(await OutboxAsync(denuncia), n => n.Kind == EmailTemplates.IdentityDecided);
        Assert.Equal(DemoStaff.HealthCollaborator, decided.Recipient);
        Assert.Contains("indeferida", decided.Subject, StringComparison.Ordinal);
        foreach (var secret in new[] { refusal, "propina", "Maria das Dores Sigilosa" })
        {
            Assert.DoesNotContain(secret, decided.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, decided.HtmlBody, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ManifestationType.Denunciation)]
    [InlineData(ManifestationType.Communication)]
    public async Task Forward_DenunciaOrComunicacao_EmailsCarryNeitherTheInstructionsNorTheCollaboratorRequestReason(ManifestationType type)
    {
        const string instructions = "Apurar o desvio de insulina pelo diretor do hospital regional, conforme a denúncia.";
        const string reason = "O farmacêutico-chefe confirmou que as notas fiscais foram adulteradas.";
        await DispatchAsync();
        await app.Mail.ClearAsync();
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var beatriz = await app.ActorAsync(DemoStaff.EducationCollaborator);
        var theme = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var identified = Registrations.Identified(theme, ManifestationType.Denunciation, "O diretor do hospital regional desvia insulina para a clínica particular dele.");
        var receipt = await app.RegisterOkAsync(type == ManifestationType.Communication
            ? identified with { Anonymous = true, Name = null, Email = null, Phone = null, ConsentToShare = false }
            : identified);
        Assert.Equal(type, receipt.Type);
        var id = receipt.Id;
        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        await app.WorkflowOkAsync(w => w.WriteExtractAsync(id, "Relato de possível irregularidade em hospital regional.", ombudsman));

        await app.WorkflowOkAsync(w => w.ForwardAsync(id, carlos.UnitId!.Value, AssignmentRole.Responsible, null, instructions, ombudsman));
        var mine = (await app.OpenOkAsync(id, carlos, recordAccess: false)).Team.Single(t => t.IsMine);
        await app.WorkflowOkAsync(w => w.RequestCollaboratorAsync(id, mine.Id, DemoStaff.NameOf(DemoStaff.EducationCollaborator), beatriz.UnitId!.Value, AssignmentRole.Observer, reason, carlos));
        var request = (await app.OpenOkAsync(id, ombudsman, recordAccess: false)).CollaboratorRequests.Single();
        await app.WorkflowOkAsync(w => w.DecideCollaboratorRequestAsync(id, request.Id, true, beatriz.UserId, null, ombudsman));

        Assert.Equal(2, (await OutboxAsync(id)).Count(n => n.Kind == EmailTemplates.Forwarded));
        Assert.Equal(2, await DispatchAsync());
        var mails = (await app.Mail.WaitForAsync(2)).Where(m => m.Subject.Contains(receipt.Nup, StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { await UnitEmailAsync(DemoStaff.HealthUnit), DemoStaff.EducationCollaborator }.Order(), mails.Select(m => m.To.Single().Address).Order());
        foreach (var mail in mails)
        {
            foreach (var body in new[] { mail.Text!, WebUtility.HtmlDecode(mail.Html!) })
            {
                Assert.Contains(NotificationPlanner.InstructionsInTheSystem, body, StringComparison.Ordinal);
                Assert.Contains($"https://ouvidoria.exemplo.gov.br/manifestacoes/{id}", body, StringComparison.Ordinal);
                foreach (var secret in new[] { instructions, "insulina", reason, "farmacêutico", "Inclusão a pedido" })
                {
                    Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
                }
            }
        }
    }

    [Fact]
    public async Task SmtpOutage_LongerThanTheOldGiveUpWindow_KeepsRetryingAndEveryMessageArrivesExactlyOnce()
    {
        await DispatchAsync();
        await app.Mail.ClearAsync();
        var health = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var education = await app.UnitIdAsync(DemoStaff.EducationUnit);
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var start = app.Clock.GetUtcNow();
        try
        {
            await app.Mail.StopAsync();
            var first = await app.PrepareForwardedAsync(health, education);
            var second = await app.PrepareForwardedAsync(health);
            var mine = (await OutboxAsync(first.Id)).Concat(await OutboxAsync(second.Id)).Select(n => n.Id).ToHashSet();
            Assert.Equal(3, mine.Count);

            // Twelve hours without SMTP, a dispatcher pass every 10 minutes: the old outbox gave up
            // after 10 attempts (about 3 hours of backoff).
            for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(12); elapsed += TimeSpan.FromMinutes(10))
            {
                Assert.Equal(0, await DispatchAsync());
                app.Clock.Advance(TimeSpan.FromMinutes(10));
            }

            Assert.All(await MessagesAsync(mine), n =>
            {
                Assert.Equal(((DateTimeOffset?)null, (DateTimeOffset?)null), (n.SentAt, n.FailedAt));
                Assert.True(n.Attempts > 10, $"{n.Attempts} tentativa(s)");
                Assert.Equal(TimeSpan.FromHours(1), n.NextAttemptAt - n.LastAttemptAt);
                Assert.False(string.IsNullOrEmpty(n.LastError));
            });

            // The administrators see the queue waiting and why.
            var status = (await OutboxStatusAsync(admin)).Value;
            Assert.True(status.Pending >= 3 && status.Failing >= 3, $"{status.Pending} aguardando, {status.Failing} com falha");
            Assert.True(status.OldestPendingSince <= start);
            Assert.Subset(status.FailingMessages.Select(m => m.Id).ToHashSet(), mine);
            Assert.All(status.FailingMessages.Where(m => mine.Contains(m.Id)), m => Assert.True(m.Attempts > 10 && !string.IsNullOrEmpty(m.LastError)));

            await app.Mail.StartAsync();
            app.Clock.Advance(TimeSpan.FromHours(1));
            var runs = await Task.WhenAll(DispatchAsync(), DispatchAsync());
            Assert.Equal(3, runs.Sum());
            app.Clock.Advance(TimeSpan.FromHours(2));
            Assert.Equal(0, await DispatchAsync());

            var received = (await app.Mail.WaitForAsync(3))
                .Where(m => m.Subject.Contains(first.Nup, StringComparison.Ordinal) || m.Subject.Contains(second.Nup, StringComparison.Ordinal)).ToList();
            Assert.Equal(mine.Select(n => n.ToString("N")).Order(), received.Select(NotificationId).Order());
            Assert.All(await MessagesAsync(mine), n => Assert.NotNull(n.SentAt));
            Assert.DoesNotContain((await OutboxStatusAsync(admin)).Value.FailingMessages, m => mine.Contains(m.Id));
        }
        finally
        {
            await app.Mail.StartAsync();
            app.Clock.Set(start);
        }
    }

    [Fact]
    public async Task SmtpRefusesTheRecipient_NoMoreAttempts_ShownToAdministrators_ReenviarSendsItOnce()
    {
        await DispatchAsync();
        await app.Mail.ClearAsync();
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.EducationUnit));
        var queued = Assert.Single(await OutboxAsync(prepared.Id));
        var start = app.Clock.GetUtcNow();
        await using var refusing = new ScriptedSmtpServer { RecipientReply = _ => "550 5.1.1 Mailbox unavailable: no such user" };
        try
        {
            Assert.Equal(0, await DispatchThroughAsync(refusing));
            var refused = Assert.Single(await OutboxAsync(prepared.Id));
            Assert.Equal((start, 1), (refused.FailedAt, refused.Attempts));
            Assert.Contains("550", refused.LastError, StringComparison.Ordinal);

            // Never retried on its own, however long it waits and although the real server is up.
            app.Clock.Advance(TimeSpan.FromDays(3));
            Assert.Equal(0, await DispatchAsync());
            Assert.DoesNotContain(await app.Mail.MessagesAsync(), m => m.Subject.Contains(prepared.Nup, StringComparison.Ordinal));

            var status = (await OutboxStatusAsync(admin)).Value;
            var row = Assert.Single(status.RejectedMessages, m => m.Id == queued.Id);
            Assert.Equal((queued.Recipient, "Encaminhamento", 1), (row.Recipient, EmailOutboxAdministration.KindLabel(row.Kind), row.Attempts));
            Assert.Contains("550", row.LastError, StringComparison.Ordinal);
            Assert.True(status.Rejected >= 1);
            Assert.DoesNotContain(status.FailingMessages, m => m.Id == queued.Id);

            // The "Tarefas agendadas" page shows it with "Reenviar", to administrators only.
            using (var adminClient = await app.SignedInClientAsync(DemoStaff.Administrator))
            {
                var page = HtmlForms.Text(await adminClient.GetStringAsync("/administracao/tarefas"));
                foreach (var expected in new[] { "Fila de e-mails", "Recusados pelo servidor", "E-mails recusados pelo servidor", queued.Recipient, "Reenviar", "550" })
                {
                    Assert.Contains(expected, page, StringComparison.Ordinal);
                }
            }

            using (var ombudsmanClient = await app.SignedInClientAsync(DemoStaff.Ombudsman))
            {
                var denied = await ombudsmanClient.GetAsync("/administracao/tarefas");
                Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
                Assert.Equal("/conta/acesso-negado", new Uri(ombudsmanClient.BaseAddress!, denied.Headers.Location!).AbsolutePath);
            }

            // Only an administrator puts it back in the queue, and the change is audited.
            Assert.Equal(ErrorKind.Forbidden, (await OutboxStatusAsync(ombudsman)).Error?.Kind);
            var forbidden = await ResendAsync(queued.Id, ombudsman);
            Assert.Equal(ErrorKind.Forbidden, forbidden.Error?.Kind);
            Assert.Equal("Somente administradores podem acompanhar a fila de e-mails.", forbidden.Error!.Message);
            Assert.NotNull(Assert.Single(await OutboxAsync(prepared.Id)).FailedAt);
            var resent = await ResendAsync(queued.Id, admin);
            Assert.True(resent.IsSuccess, resent.Error?.Message);
            Assert.Equal(ErrorKind.Validation, (await ResendAsync(queued.Id, admin)).Error?.Kind);
            await using (var db = app.CreateDbContext())
            {
                var audit = Assert.Single(await db.AdministrativeChanges.AsNoTracking()
                    .Where(c => c.EntityType == EmailOutboxAdministration.EntityType && c.EntityKey == queued.Id.ToString()).ToListAsync());
                Assert.Equal(admin.UserId, audit.UserId);
                Assert.Contains(queued.Recipient, audit.Summary, StringComparison.Ordinal);
                Assert.Contains("550", audit.Before, StringComparison.Ordinal);
            }

            Assert.Equal(1, await DispatchAsync());
            Assert.Equal(0, await DispatchAsync());
            var mail = Assert.Single(await app.Mail.WaitForAsync(1), m => m.Subject.Contains(prepared.Nup, StringComparison.Ordinal));
            Assert.Equal(queued.Id.ToString("N"), NotificationId(mail));
            Assert.NotNull(Assert.Single(await OutboxAsync(prepared.Id)).SentAt);
            Assert.DoesNotContain((await OutboxStatusAsync(admin)).Value.RejectedMessages, m => m.Id == queued.Id);
        }
        finally
        {
            app.Clock.Set(start);
        }
    }
}

public sealed class EmailNotificationTestsSqlite(SqliteMailApp app) : EmailNotificationTests(app), IClassFixture<SqliteMailApp>;

public sealed class EmailNotificationTestsPostgres(PostgresMailApp app) : EmailNotificationTests(app), IClassFixture<PostgresMailApp>;
