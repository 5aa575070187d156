using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Citizen;

/// <summary>What the citizen sees with NUP + password: never internal notes, units or the team's thread.</summary>
public sealed record CitizenView(
    string Nup,
    ManifestationType Type,
    ManifestationStatus Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset DueAt,
    bool DeadlineExtended,
    string Description,
    string? ComplementRequest,
    DateTimeOffset? ComplementDueAt,
    IReadOnlyList<AnswerView> Answers);

public sealed record AnswerView(string Text, bool IsConclusive, DateTimeOffset SentAt);

/// <summary>
/// Consultation by NUP + password (and the citizen's complement). Any failure — malformed NUP,
/// unknown NUP, wrong password — yields the same message, so the form does not reveal which NUPs exist.
/// Guessing is throttled: after <see cref="MaxFailures"/> failures for one NUP text within
/// <see cref="FailureWindow"/>, attempts on it are refused without checking (per node).
/// </summary>
public sealed class ConsultManifestation(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock, IMemoryCache cache, NotificationPlanner notifications, EmailSignal emailSignal, SystemSettingsStore settings)
{
    public const string GenericFailure = "NUP ou senha incorretos. Confira os dados recebidos no registro da manifestação.";

    public const string TooManyAttempts = "Muitas tentativas sem sucesso para este NUP. Aguarde 15 minutos e tente novamente.";

    public const int MaxFailures = 5;

    /// <summary>The citizen's view of the lifecycle (no internal steps).</summary>
    public static string CitizenStatus(ManifestationStatus status) => status switch
    {
        ManifestationStatus.Registered => "Recebida — aguardando análise",
        ManifestationStatus.InTriage => "Em análise pela Ouvidoria",
        ManifestationStatus.AwaitingComplement => "Aguardando sua complementação",
        ManifestationStatus.InTreatment => "Em tratamento pela área responsável",
        ManifestationStatus.Answered => "Respondida",
        ManifestationStatus.Concluded => "Concluída",
        ManifestationStatus.Archived => "Arquivada",
    };

    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);

    public async Task<Result<CitizenView>> ExecuteAsync(string? nupText, string? password, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await FindAsync(db, nupText, password, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var manifestation = found.Value;
        manifestation.RecordCitizenConsultation(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ToView(manifestation);
    }

    /// <summary>The citizen answers the complement request (same NUP + password check).</summary>
    public async Task<Result<CitizenView>> SendComplementAsync(string? nupText, string? password, string text, CancellationToken ct = default) =>
        await SendComplementAsync(nupText, password, text, [], ct);

    /// <summary>The complement with files a channel already stored.</summary>
    public Task<Result<CitizenView>> SendComplementAsync(string? nupText, string? password, string text, IReadOnlyList<StoredAttachment> files, CancellationToken ct = default) =>
        SendComplementAsync(nupText, password, text, files, null, ct);

    /// <summary>The complement; <paramref name="beforeSave"/> joins its unit of work.</summary>
    public async Task<Result<CitizenView>> SendComplementAsync(string? nupText, string? password, string text, IReadOnlyList<StoredAttachment> files, BeforeSave<CitizenView>? beforeSave, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await FindAsync(db, nupText, password, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var manifestation = found.Value;
        try
        {
            var now = clock.GetUtcNow();
            var limits = (await settings.GetAsync(ct)).AttachmentLimits;
            foreach (var file in files)
            {
                manifestation.AddAttachment(file.FileName, file.ContentType, file.SizeBytes, file.StorageKey, AttachmentOrigin.Complement, Actor.Citizen, now, limits);
            }

            manifestation.ReceiveComplement(text, now);
            await notifications.PlanAsync(db, manifestation, now, ct);
            if (beforeSave is not null)
            {
                await beforeSave(db, ToView(manifestation), ct);
            }

            await db.SaveChangesAsync(ct);
            emailSignal.Wake();
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("A manifestação foi atualizada neste instante. Consulte novamente e reenvie.");
        }

        return ToView(manifestation);
    }

    /// <summary>The NUP + password check with its throttling, shared by every citizen use case (consult, complement, survey).</summary>
    internal async Task<Result<Manifestation>> FindAsync(OuvidoriaDbContext db, string? nupText, string? password, CancellationToken ct)
    {
        var key = "consult-failures:" + Nup.DigitsOf(nupText);
        if (cache.TryGetValue(key, out int failures) && failures >= MaxFailures)
        {
            return Error.Forbidden(TooManyAttempts);
        }

        Manifestation? manifestation = null;
        if (Nup.TryParse(nupText, out var nup) && !string.IsNullOrWhiteSpace(password))
        {
            manifestation = await db.Manifestations.Include(m => m.Answers).Include(m => m.Attachments).AsSplitQuery().FirstOrDefaultAsync(m => m.Nup == nup, ct);
        }

        if (manifestation is not null && manifestation.VerifyPassword(password!))
        {
            return manifestation;
        }

        if (manifestation is null)
        {
            // Spend the same time as a real check: the answer must not tell which NUPs exist.
            ProtocolPassword.Verify(password ?? string.Empty, ProtocolPassword.DummyHash);
        }

        cache.Set(key, failures + 1, FailureWindow);
        return Error.NotFound(GenericFailure);
    }

    private static CitizenView ToView(Manifestation m) => new(
        m.Nup.ToString(),
        m.Type,
        m.Status,
        m.RegisteredAt,
        m.CitizenDeadline.DueAt,
        m.CitizenDeadline.Extended,
        m.Description,
        m.Status == ManifestationStatus.AwaitingComplement ? m.ComplementRequest : null,
        m.Status == ManifestationStatus.AwaitingComplement ? m.ComplementDueAt : null,
        m.Answers.OrderBy(a => a.SentAt).Select(a => new AnswerView(a.Text, a.IsConclusive, a.SentAt)).ToList());
}
