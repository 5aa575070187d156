using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Web.Features.Citizen;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Assistant;

/// <summary>What one citizen message produced.</summary>
public sealed record AssistantTurn(ConversationState State, IReadOnlyList<Outbound> Replies, bool Finished);

/// <summary>
/// Runs Bel (the pure engine in Ouvidoria.Domain/Assistant) for any channel: hands it the themes,
/// executes the database work it asks for with the same use cases as the web forms, and feeds the
/// outcome back — until Bel has nothing more to ask.
/// </summary>
public sealed class AssistantHost(RegisterManifestation register, ConsultManifestation consult, Lookups lookups, SystemSettingsStore settings, TimeProvider clock, AssistantUsage usage)
{
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(30);

    public async Task<AssistantTurn> HandleAsync(ConversationState state, Inbound input, Channel channel, CancellationToken ct = default)
    {
        var context = await ContextAsync(ct);
        var now = clock.GetUtcNow();
        var expired = Bel.IsExpired(state, context, now);
        var step = Bel.Handle(state, input, context, now);
        var replies = new List<Outbound>(step.Replies);
        var finished = step.Finished;
        bool registered = false, consulted = false;
        while (step.Request is { } request)
        {
            var result = await ExecuteAsync(request, channel, ct);
            registered |= result is Registered;
            consulted |= result is Consulted;
            step = Bel.Resume(step.State, result, context, clock.GetUtcNow());
            replies.AddRange(step.Replies);
            finished |= step.Finished;
        }

        // Anonymous usage counters only: channel, UTC hour, stage names — nothing of the citizen.
        await usage.RecordAsync(channel, now, AssistantUsage.EventsOf(state, step.State, expired, registered, consulted), ct);
        return new AssistantTurn(step.State, replies, finished || step.Finished);
    }

    private async Task<AssistantContext> ContextAsync(CancellationToken ct)
    {
        var themes = await lookups.ActiveThemesAsync(ct);
        return new AssistantContext(themes.Select(t => new ThemeOption(t.Id, t.Name, t.PersonalData)).ToList(), DefaultIdleTimeout)
        {
            Attachments = (await settings.GetAsync(ct)).AttachmentLimits,
        };
    }

    private async Task<AssistantResult> ExecuteAsync(AssistantRequest request, Channel channel, CancellationToken ct)
    {
        switch (request)
        {
            case RegisterRequest r:
            {
                var result = await register.ExecuteAsync(new RegistrationRequest
                {
                    Type = r.Type,
                    ThemeId = r.ThemeId,
                    Anonymous = r.Anonymous,
                    Name = r.Name,
                    Email = r.Email,
                    ConsentToShare = r.ConsentToShare,
                    Description = r.Description,
                    Channel = channel,
                    StoredAttachments = r.Attachments.Select(ToStored).ToList(),
                }, ct);
                return result.IsSuccess
                    ? new Registered(result.Value.Nup, result.Value.Password, result.Value.DueAt)
                    : new Failed(result.Error!.Message);
            }

            case ConsultRequest c:
                return ToResult(await consult.ExecuteAsync(c.Nup, c.Password, ct));

            case ComplementRequest c:
            {
                var result = await consult.SendComplementAsync(c.Nup, c.Password, c.Text, c.Attachments.Select(ToStored).ToList(), ct);
                return result.IsSuccess ? new ComplementSent(result.Value.Nup) : new Failed(result.Error!.Message);
            }

            default:
                throw new InvalidOperationException($"Pedido do assistente desconhecido: {request.GetType().Name}");
        }
    }

    private static StoredAttachment ToStored(MediaIn media) => new(media.FileName, media.ContentType, media.SizeBytes, media.StorageKey);

    private static AssistantResult ToResult(Result<CitizenView> result) =>
        result.IsSuccess
            ? new Consulted(
                result.Value.Nup,
                ConsultManifestation.CitizenStatus(result.Value.Status),
                result.Value.Status.IsOpen() ? result.Value.DueAt : null,
                result.Value.Answers.Select(a => (a.IsConclusive ? "Resposta conclusiva: " : "Resposta intermediária: ") + a.Text).ToList(),
                result.Value.ComplementRequest)
            : new Failed(result.Error!.Message);
}
