namespace Ouvidoria.Domain.Manifestations;

/// <summary>Where a manifestation came in.</summary>
public enum Channel
{
    WhatsApp,
    Web,
    Email,
    Phone,
    InPerson,
    Letter,

    /// <summary>Another system through the integration API (e.g. a state ombudsman system).</summary>
    Integration,
}

public static class ChannelLabels
{
    public static string Label(this Channel channel) => channel switch
    {
        Channel.WhatsApp => "WhatsApp",
        Channel.Web => "Internet",
        Channel.Email => "E-mail",
        Channel.Phone => "Telefone",
        Channel.InPerson => "Presencial",
        Channel.Letter => "Carta",
        Channel.Integration => "Integração (API)",
    };
}
