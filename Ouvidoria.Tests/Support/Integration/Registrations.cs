using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Web.Features.Citizen;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>Citizen registrations through the real <see cref="RegisterManifestation"/> use case.</summary>
public static class Registrations
{
    /// <summary>Baseline theme that asks for no personal data beyond the manifestation.</summary>
    public const string ThemeWithoutPersonalData = "Atendimento ao cidadão";

    /// <summary>Baseline theme that asks for name and e-mail.</summary>
    public const string ThemeRequiringEmail = "Saúde";

    public static async Task<Guid> ThemeIdAsync(this OuvidoriaAppFactory app, string name)
    {
        await using var db = app.CreateDbContext();
        return await db.Themes.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();
    }

    public static async Task<PersonalDataRequirement> ThemeRequirementAsync(this OuvidoriaAppFactory app, string name)
    {
        await using var db = app.CreateDbContext();
        return await db.Themes.Where(t => t.Name == name).Select(t => t.PersonalData).SingleAsync();
    }

    /// <summary>An identified request with consent, name and e-mail: valid for every theme.</summary>
    public static RegistrationRequest Identified(Guid themeId, ManifestationType type = ManifestationType.Complaint, string? description = null) => new()
    {
        Type = type,
        ThemeId = themeId,
        Anonymous = false,
        Name = "Maria das Dores Sigilosa",
        Email = "maria.sigilosa@exemplo.com.br",
        Phone = "(31) 99999-0000",
        ConsentToShare = true,
        Description = description ?? "O posto de saúde do bairro Esperança está sem médico há três semanas.",
    };

    public static Task<Ouvidoria.Domain.Common.Result<RegistrationReceipt>> RegisterAsync(this OuvidoriaAppFactory app, RegistrationRequest request) =>
        app.WithAsync<RegisterManifestation, Ouvidoria.Domain.Common.Result<RegistrationReceipt>>(use => use.ExecuteAsync(request));

    /// <summary>Registers and returns the receipt, failing the test if the registration failed.</summary>
    public static async Task<RegistrationReceipt> RegisterOkAsync(this OuvidoriaAppFactory app, RegistrationRequest request)
    {
        var result = await app.RegisterAsync(request);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }
}
