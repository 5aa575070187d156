namespace Ouvidoria.Domain.Organization;

/// <summary>What the system does to an eventual collaborator's account after a treatment action.</summary>
public enum EventualActivation
{
    /// <summary>Leave the account as it is.</summary>
    None,

    /// <summary>Reactivate: they take part in an open treatment again.</summary>
    Activate,

    /// <summary>Deactivate: their treatments ended.</summary>
    Deactivate,
}

/// <summary>
/// Eventual collaborators (manual 2.4 passo 2): "Após a finalização do tratamento da manifestação,
/// os colaboradores eventuais terão o perfil desativado, sendo reativados quando necessário." The
/// system undoes only its own deactivations: an administrator's deactivation is authoritative and
/// stays until an administrator reactivates the account.
/// </summary>
public static class EventualCollaborators
{
    /// <param name="isActive">The account is active now.</param>
    /// <param name="deactivatedAutomatically">The account is inactive because the system deactivated it (not an administrator).</param>
    /// <param name="takesPartInAnOpenTreatment">Some manifestation has them on an open treatment beside an open responsible one.</param>
    public static EventualActivation Decide(bool isActive, bool deactivatedAutomatically, bool takesPartInAnOpenTreatment) =>
        (isActive, takesPartInAnOpenTreatment) switch
        {
            (true, false) => EventualActivation.Deactivate,
            (false, true) when deactivatedAutomatically => EventualActivation.Activate,
            _ => EventualActivation.None,
        };
}
