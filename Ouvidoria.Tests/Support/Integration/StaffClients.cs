using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>HTTP clients signed in through the real sign-in form (antiforgery included), cookies kept.</summary>
public static class StaffClients
{
    public static HttpClient AnonymousClient(this OuvidoriaAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> SignedInClientAsync(this OuvidoriaAppFactory app, string email, string password = DemoStaff.Password)
    {
        var client = app.AnonymousClient();
        var page = await client.GetAsync("/conta/entrar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = HtmlForms.Inputs(await page.Content.ReadAsStringAsync());
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;

        var response = await client.PostAsync("/conta/entrar", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ouvidoria.auth=", StringComparison.Ordinal));
        return client;
    }
}
