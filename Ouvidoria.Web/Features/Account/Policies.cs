namespace Ouvidoria.Web.Features.Account;

/// <summary>Authorization policy names used by pages (<c>[Authorize(Policy = ...)]</c>).</summary>
public static class Policies
{
    /// <summary>Any staff member.</summary>
    public const string Staff = "Staff";

    /// <summary>Who works the treatment queue: ombudsman, collaborators, managers.</summary>
    public const string Treatment = "Treatment";

    public const string Ombudsman = "Ombudsman";

    /// <summary>Administrators: configuration pages (texts, later units, users, themes).</summary>
    public const string Administration = "Administration";
}
