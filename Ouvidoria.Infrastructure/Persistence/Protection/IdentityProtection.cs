using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ouvidoria.Infrastructure.Persistence.Protection;

/// <summary>
/// Identity data (name, e-mail, phone — and CPF, address when Requester gains them) encrypted at rest
/// with ASP.NET Core Data Protection. A configuration marks a column with
/// <see cref="IsIdentityData"/>; the DbContext then gives every marked column the same converter.
/// The ciphertext is randomized: these columns can be read and written, never filtered, sorted,
/// grouped or indexed in SQL.
/// </summary>
public static class IdentityProtection
{
    /// <summary>The Data Protection purpose: a new version of the scheme gets a new purpose.</summary>
    public const string Purpose = "Ouvidoria.Identity.v1";

    private const string Marker = "Ouvidoria:IdentityData";

    /// <summary>Marks a string column as identity data, stored encrypted; sizes it for the ciphertext.</summary>
    public static PropertyBuilder IsIdentityData(this PropertyBuilder property, int maxCharacters) =>
        property.HasAnnotation(Marker, true).HasMaxLength(StoredLength(maxCharacters));

    /// <summary>Called by the DbContext after the configurations: the converter on every marked column.</summary>
    public static void Apply(ModelBuilder builder, IDataProtectionProvider provider)
    {
        var converter = new ProtectedTextConverter(provider.CreateProtector(Purpose));
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties()))
        {
            if (property.FindAnnotation(Marker) is null)
            {
                continue;
            }

            if (property.ClrType != typeof(string))
            {
                throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name}: só textos podem ser dados de identificação cifrados.");
            }

            property.SetValueConverter(converter);
            property.RemoveAnnotation(Marker);
        }
    }

    /// <summary>
    /// Longest stored text for a value of <paramref name="maxCharacters"/> characters: UTF-8 (≤ 3
    /// bytes a char) encrypted by Data Protection's default AES-256-CBC + HMAC-SHA256 (4-byte magic,
    /// 16-byte key id, 16-byte key modifier, 16-byte IV, padded blocks, 32-byte MAC), then base64url.
    /// </summary>
    public static int StoredLength(int maxCharacters)
    {
        var plaintext = 3 * maxCharacters;
        var payload = 4 + 16 + 16 + 16 + ((plaintext / 16) + 1) * 16 + 32;
        return (payload + 2) / 3 * 4;
    }

    private sealed class ProtectedTextConverter(IDataProtector protector) : ValueConverter<string, string>(
        value => protector.Protect(value),
        stored => protector.Unprotect(stored));
}
