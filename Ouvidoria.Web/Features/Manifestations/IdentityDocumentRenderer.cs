using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Pdf;
using Ouvidoria.Web.Components.Shared;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>
/// The art. 7 document (collaborator manual 2.7, item 4): identification, original content,
/// complements and the list of the citizen's files delivered with it, marked on every page with
/// the name of the collaborator who requisitioned it and the date, so a copy kept outside the
/// system points back to its recipient.
/// </summary>
public sealed class IdentityDocumentRenderer(SystemSettingsStore settings) : IIdentityDocumentRenderer
{
    public byte[] Render(Manifestation manifestation, string? themeName, string unitName, IdentityRequest request, Actor generatedBy, DateTimeOffset now)
    {
        var requester = manifestation.Requester;
        var content = new IdentityPdfContent
        {
            OfficeName = settings.Get().OfficeName,
            Nup = manifestation.Nup.ToString(),
            TypeLabel = manifestation.Type.Label(),
            Theme = themeName,
            Subject = manifestation.Subject,
            RegisteredAt = Formats.DateTime(manifestation.RegisteredAt),
            CitizenDeadline = Formats.Date(manifestation.CitizenDeadline.DueAt),
            RequesterName = requester?.Name ?? "Não identificado (comunicação anônima)",
            RequesterEmail = requester?.Email,
            RequesterPhone = requester?.Phone,
            RequesterCpf = requester?.Cpf,
            RequesterAddress = requester?.Address,
            Description = manifestation.Description,
            Complements = manifestation.ComplementText,
            RequestingUnit = unitName,
            GrantedBy = generatedBy.Name,
            GrantedAt = Formats.DateTime(now),
            ProcessNumber = manifestation.Assignments.FirstOrDefault(a => a.Id == request.AssignmentId)?.ProcessNumber,
            // "incluindo eventuais anexos" (manual 2.7, item 3): the files the grant lets the requester download.
            Attachments = manifestation.CitizenFilesDeliveredBy(request)
                .Select(a => new IdentityPdfAttachment(a.FileName, a.Origin == AttachmentOrigin.Complement ? "Complementação" : "Original", Formats.Size(a.SizeBytes), Formats.DateTime(a.UploadedAt)))
                .ToList(),
        };
        return IdentityPdf.Render(content, new PdfRecipient($"{request.RequestedByName} ({unitName})", Formats.DateTime(now)));
    }
}
