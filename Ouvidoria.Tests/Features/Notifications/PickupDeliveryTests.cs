using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Features.Notifications;

/// <summary>The embedded default: without an SMTP server, the background dispatcher writes .eml files to the pickup folder.</summary>
public sealed class PickupDeliveryTests(SqliteDemoApp app) : IClassFixture<SqliteDemoApp>
{
    [Fact]
    public async Task Forward_DefaultConfiguration_BackgroundDispatcherWritesAnEmlFile()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.EducationUnit));
        var pickup = Path.Combine(app.StorageRoot, "mail");

        string? found = null;
        for (var i = 0; i < 300 && found is null; i++)
        {
            found = Directory.Exists(pickup)
                ? Directory.EnumerateFiles(pickup, "*.eml").FirstOrDefault(f => File.ReadAllText(f).Contains("X-Ouvidoria-Notification", StringComparison.Ordinal) && Decoded(f).Contains(prepared.Nup, StringComparison.Ordinal))
                : null;
            if (found is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(found);
        var eml = File.ReadAllText(found);
        Assert.Contains("text/plain", eml, StringComparison.Ordinal);
        Assert.Contains("text/html", eml, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailTemplates_Render_FillsEscapesAndLinks()
    {
        var template = new EmailTemplate("k", "t", "Aviso {NUP}", "Unidade: {UNIDADE}\n\nAcesse: {LINK}");

        var email = EmailTemplates.Render(template, new Dictionary<string, string> { ["NUP"] = "12345.000001/2026-11", ["UNIDADE"] = "Obras <Centro> & Cia", ["LINK"] = "https://x.gov.br/m/1" });

        Assert.Equal("Aviso 12345.000001/2026-11", email.Subject);
        Assert.Equal("Unidade: Obras <Centro> & Cia\n\nAcesse: https://x.gov.br/m/1", email.Text);
        Assert.Contains("<p>Unidade: Obras &lt;Centro&gt; &amp; Cia</p>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://x.gov.br/m/1\">", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailTemplates_Defaults_UseOnlyKnownPlaceholdersAndNeverPersonalOnes()
    {
        Assert.All(EmailTemplates.Defaults, t => Assert.Empty(EmailTemplates.UnknownPlaceholders(t.Subject + t.Body)));
        Assert.Equal(["NOME", "CPF"], EmailTemplates.UnknownPlaceholders("Olá {NOME}, seu {CPF} e {NUP}"));
        Assert.Equal(8, EmailTemplates.Defaults.Select(t => t.Key).Distinct().Count());
    }

    /// <summary>System.Net.Mail writes quoted-printable or base64 bodies: decode enough to find the NUP in the subject.</summary>
    private static string Decoded(string path)
    {
        var text = File.ReadAllText(path);
        var subject = text.Split('\n').FirstOrDefault(l => l.StartsWith("Subject:", StringComparison.Ordinal)) ?? string.Empty;
        try
        {
            return subject.Contains("=?utf-8?B?", StringComparison.OrdinalIgnoreCase)
                ? string.Concat(subject.Split("=?utf-8?B?", StringSplitOptions.None).Skip(1).Select(p => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(p[..p.IndexOf("?=", StringComparison.Ordinal)]))))
                : subject;
        }
        catch (FormatException)
        {
            return subject;
        }
    }
}
