using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Features.Administration;

namespace Ouvidoria.Web.Features.Notifications;

/// <summary>One message of the outbox as the administrators see it: kind, recipient, attempts and the last error — never its body.</summary>
public sealed record OutboxMessageRow(
    Guid Id,
    string Kind,
    string Recipient,
    DateTimeOffset CreatedAt,
    int Attempts,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? FailedAt,
    string? LastError);

/// <summary>The state of the e-mail outbox.</summary>
/// <param name="Pending">Waiting to be sent (including those being retried).</param>
/// <param name="OldestPendingSince">When the oldest waiting message was queued.</param>
/// <param name="Failing">Waiting messages whose last attempt failed (they are retried).</param>
/// <param name="Rejected">Refused by the server for good: they wait for "Reenviar".</param>
public sealed record EmailOutboxStatus(
    int Pending,
    DateTimeOffset? OldestPendingSince,
    int Failing,
    int Rejected,
    IReadOnlyList<OutboxMessageRow> FailingMessages,
    IReadOnlyList<OutboxMessageRow> RejectedMessages);

/// <summary>
/// The e-mail outbox on the administrators' jobs dashboard: how much waits and since when, which
/// messages are failing and why, and the messages the SMTP server refused for good, which an
/// administrator may put back in the queue ("Reenviar", audited) once the cause is fixed.
/// Administrators only, checked here.
/// </summary>
public sealed class EmailOutboxAdministration(IDbContextFactory<OuvidoriaDbContext> factory, EmailSignal signal, TimeProvider clock)
{
    public const string EntityType = "EmailNotification";

    /// <summary>How many failing and refused messages are listed (the counts cover all).</summary>
    public const int ListLimit = 20;

    public static Error Forbidden() => Error.Forbidden("Somente administradores podem acompanhar a fila de e-mails.");

    /// <summary>A pt-BR name for a template key.</summary>
    public static string KindLabel(string kind) => kind switch
    {
        EmailTemplates.Forwarded => "Encaminhamento",
        EmailTemplates.Reopened => "Tratamento reaberto",
        EmailTemplates.DeadlineNear => "Prazo da unidade próximo",
        EmailTemplates.DeadlinePassed => "Prazo da unidade vencido",
        EmailTemplates.IdentityDecided => "Requisição de identidade decidida",
        EmailTemplates.ComplementArrived => "Complementação recebida",
        EmailTemplates.CitizenDeadlineNear => "Prazo do cidadão próximo",
        EmailTemplates.CitizenDeadlinePassed => "Prazo do cidadão vencido",
        _ => kind,
    };

    public async Task<Result<EmailOutboxStatus>> GetAsync(Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var pending = db.EmailOutbox.AsNoTracking().Where(n => n.SentAt == null && n.FailedAt == null);
        var rejected = db.EmailOutbox.AsNoTracking().Where(n => n.SentAt == null && n.FailedAt != null);
        var failing = pending.Where(n => n.Attempts > 0);
        var oldest = await pending.OrderBy(n => n.CreatedAt).Select(n => (DateTimeOffset?)n.CreatedAt).FirstOrDefaultAsync(ct);
        return new EmailOutboxStatus(
            await pending.CountAsync(ct),
            oldest,
            await failing.CountAsync(ct),
            await rejected.CountAsync(ct),
            await Rows(failing.OrderBy(n => n.CreatedAt)).ToListAsync(ct),
            await Rows(rejected.OrderByDescending(n => n.FailedAt)).ToListAsync(ct));
    }

    /// <summary>"Reenviar": a refused message goes back to the queue, due now; the change is audited.</summary>
    public async Task<Result<Done>> ResendAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var message = await db.EmailOutbox.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (message is null)
        {
            return Error.NotFound("E-mail não encontrado na fila.");
        }

        if (message.SentAt is not null || message.FailedAt is null)
        {
            return Error.Validation(message.SentAt is not null
                ? "Este e-mail já foi enviado."
                : "Este e-mail não foi recusado: ele já está na fila e é reenviado automaticamente.");
        }

        var now = clock.GetUtcNow();
        var before = new { Situacao = "Recusado", message.FailedAt, message.Attempts, message.LastError };
        message.Requeue(now);
        var summary = $"E-mail recolocado na fila: {KindLabel(message.Kind)} para {message.Recipient}";
        db.AdministrativeChanges.Add(AdminChanges.Of(EntityType, message.Id, summary.Length > 200 ? summary[..199] + "…" : summary,
            before, new { Situacao = "Na fila", message.NextAttemptAt }, actor, now));
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return Result.Ok;
    }

    private static IQueryable<OutboxMessageRow> Rows(IQueryable<EmailNotification> messages) =>
        messages.Take(ListLimit).Select(n => new OutboxMessageRow(n.Id, n.Kind, n.Recipient, n.CreatedAt, n.Attempts, n.LastAttemptAt, n.NextAttemptAt, n.FailedAt, n.LastError));
}
