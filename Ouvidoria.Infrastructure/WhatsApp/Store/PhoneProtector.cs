using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Ouvidoria.Infrastructure.WhatsApp.Store;

/// <summary>
/// Keeps the citizen's phone number out of the database and logs: conversations are keyed by a
/// keyed hash (HMAC-SHA256) of it, and where the number is needed to reply it is stored encrypted
/// with ASP.NET Core Data Protection and erased after use.
/// </summary>
public sealed class PhoneProtector(IDataProtectionProvider provider, IOptions<WhatsAppOptions> options)
{
    private readonly IDataProtector protector = provider.CreateProtector("Ouvidoria.WhatsApp.Phone.v1");

    public string ConversationKey(string waId)
    {
        var secret = options.Value.AppSecret;
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException("WhatsApp:AppSecret não configurado.");
        }

        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("conversation-key:" + secret), Encoding.UTF8.GetBytes(waId));
        return Convert.ToHexStringLower(key);
    }

    public string Protect(string waId) => protector.Protect(waId);

    public string Unprotect(string protectedWaId) => protector.Unprotect(protectedWaId);
}
