namespace Ouvidoria.Web.Features.Account;

/// <summary>What the sign-in pages tell a person whose attempt was refused (pt-BR).</summary>
public static class SignInMessages
{
    public const string WrongPassword = "E-mail ou senha incorretos.";

    public const string WrongCode = "Código inválido.";

    /// <summary>Only ever shown to whoever knows the password (<see cref="StaffSignInManager"/>).</summary>
    public const string Inactive = "Usuário desativado. Procure o administrador do sistema.";

    public const string Unconfirmed = "Conta ainda não confirmada. Procure o administrador do sistema.";

    public const string LockedOut = "Conta bloqueada temporariamente após várias tentativas sem sucesso. Tente novamente em 15 minutos.";
}
