using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Identity;
using QRCoder;

namespace Ouvidoria.Web.Features.Account;

/// <summary>
/// "/conta/2fa": enrolment in the authenticator app (key, QR code of the otpauth:// URI, a code to
/// confirm), recovery codes shown once, new codes, and "Sair de todas as sessões". Static SSR: it
/// signs the person in again (now with the two-factor mark) on the same HTTP request.
/// </summary>
public sealed partial class TwoFactorPage
{
    public const int RecoveryCodeCount = 10;

    private string? errorMessage;
    private string? key;
    private string? authenticatorUri;
    private string? qrDataUri;
    private bool enabled;
    private bool loaded;
    private bool required;
    private int recoveryLeft;
    private IReadOnlyList<string>? recoveryCodes;

    [Inject]
    private UserManager<ApplicationUser> Users { get; set; } = default!;

    [Inject]
    private SignInManager<ApplicationUser> SignIn { get; set; } = default!;

    [Inject]
    private SystemSettingsStore Settings { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "enable-2fa")]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    private string FormattedKey => string.Join(' ', Enumerable.Range(0, (key!.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        var user = await Users.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            Navigation.NavigateTo("/conta/entrar", forceLoad: true);
            return;
        }

        required = HttpContext.User.ToActor() is { } actor && (await Settings.GetAsync()).TwoFactorRequiredFor.Contains(actor.Kind);
        await LoadAsync(user);
        loaded = true;
    }

    private async Task LoadAsync(ApplicationUser user)
    {
        enabled = await Users.GetTwoFactorEnabledAsync(user);
        recoveryLeft = await Users.CountRecoveryCodesAsync(user);
        if (enabled)
        {
            return;
        }

        key = await Users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await Users.ResetAuthenticatorKeyAsync(user);
            key = await Users.GetAuthenticatorKeyAsync(user);
            // The reset renewed the security stamp: keep this session valid.
            await SignIn.RefreshSignInAsync(user);
        }

        var issuer = (await Settings.GetAsync()).OfficeName;
        authenticatorUri = string.Format(CultureInfo.InvariantCulture, "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
            Uri.EscapeDataString(issuer), Uri.EscapeDataString(user.Email ?? user.UserName!), key);
        qrDataUri = "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(authenticatorUri, QRCodeGenerator.ECCLevel.Q, 6));
    }

    private async Task EnableAsync()
    {
        var user = await Users.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            return;
        }

        var code = Input.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            // Counts like a wrong password: repeated failures lock the account.
            await Users.AccessFailedAsync(user);
            errorMessage = "Código inválido. Confira o horário do celular e digite o código atual.";
            await LoadAsync(user);
            return;
        }

        await Users.SetTwoFactorEnabledAsync(user, true);
        await Users.ResetAccessFailedCountAsync(user);
        recoveryCodes = (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []).ToList();
        // This sign-in is now a two-factor one (the code was just verified).
        await SignIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(StaffSignInRules.AmrClaim, StaffSignInRules.MultiFactor)]);
        enabled = true;
    }

    private async Task NewCodesAsync()
    {
        var user = await Users.GetUserAsync(HttpContext.User);
        if (user is not null && await Users.GetTwoFactorEnabledAsync(user))
        {
            recoveryCodes = (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []).ToList();
        }
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Informe o código do aplicativo.")]
        [StringLength(10, ErrorMessage = "Código inválido.")]
        public string Code { get; set; } = string.Empty;
    }
}
