using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>
/// Renders the restricted document an investigating unit receives when its requisition of the
/// denunciante's identity is granted (art. 7 Decreto 10.153/2019): identification, original
/// content and complements, marked with the recipient's name and the date.
/// </summary>
public interface IIdentityDocumentRenderer
{
    byte[] Render(Manifestation manifestation, string? themeName, string unitName, IdentityRequest request, Actor generatedBy, DateTimeOffset now);
}
