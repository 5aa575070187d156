namespace Ouvidoria.Web.Features.Account;

/// <summary>Authorization policy names used by pages (<c>[Authorize(Policy = ...)]</c>).</summary>
public static class Policies
{
    /// <summary>Any staff member whose sign-in is complete (no one-time password, 2FA when required).</summary>
    public const string Staff = "Staff";

    /// <summary>Any signed-in staff member, also with a pending sign-in step: the pages that complete it.</summary>
    public const string StaffSigningIn = "StaffSigningIn";

    /// <summary>Who works the treatment queue: ombudsman, collaborators, managers.</summary>
    public const string Treatment = "Treatment";

    public const string Ombudsman = "Ombudsman";

    /// <summary>Who checks the integrity of the access log: administrators, managers, the ombudsman.</summary>
    public const string Audit = "Audit";
    /// <summary>Managers' reports: managers (gestores) and the ombudsman.</summary>
    public const string Reports = "Reports";

    /// <summary>Administrators: jobs, settings, templates (and, later, units and users).</summary>
    public const string Administration = "Administration";
}
