using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Integration;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new("admin", "Ana Administradora", ActorKind.Administrator);

    [Fact]
    public void Issue_TokenParsesToThePrefixAndASecretThatMatches_OtherSecretsDoNot()
    {
        var (key, token) = ApiKey.Issue(" Central 162 ", [ApiScope.Consult, ApiScope.Register], 60, Admin, Now);

        Assert.True(ApiKey.TryParse(token, out var prefix, out var secret));
        Assert.Equal(key.Prefix, prefix);
        Assert.Equal(ApiKey.PrefixLength, prefix.Length);
        Assert.True(key.Matches(secret));
        Assert.False(key.Matches(secret + "x"));
        Assert.False(key.Matches(string.Empty));
        Assert.DoesNotContain(secret, key.SecretHash, StringComparison.Ordinal);
        Assert.Equal("Central 162", key.Name);
        // Stored in the catalog's order, whatever the order given.
        Assert.Equal([ApiScope.Register, ApiScope.Consult], key.ScopeList);
    }

    [Fact]
    public void Issue_TwoKeys_NeverShareASecret()
    {
        var a = ApiKey.Issue("A", [ApiScope.Consult], 1, Admin, Now).Token;
        var b = ApiKey.Issue("A", [ApiScope.Consult], 1, Admin, Now).Token;

        Assert.NotEqual(a, b);
        Assert.True(a.Length > 40);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("chave")]
    [InlineData("ouv_")]
    [InlineData("ouv_curto_segredo")]
    [InlineData("ouv_0123456789ab")]
    [InlineData("ouv_0123456789ab_")]
    [InlineData("xyz_0123456789ab_segredo")]
    public void TryParse_NotShapedLikeAKey_False(string? token) =>
        Assert.False(ApiKey.TryParse(token, out _, out _));

    [Fact]
    public void Allows_OnlyItsScopes_AndNothingOnceRevoked()
    {
        var (key, _) = ApiKey.Issue("A", [ApiScope.Consult], 10, Admin, Now);

        Assert.True(key.Allows(ApiScope.Consult));
        Assert.False(key.Allows(ApiScope.Register));
        key.Revoke(Admin, Now);
        Assert.False(key.Allows(ApiScope.Consult));
        Assert.Equal((Now, Admin.Name), (key.RevokedAt, key.RevokedBy));
    }

    [Fact]
    public void Revoke_Twice_Throws_AndARevokedKeyCannotChange()
    {
        var (key, _) = ApiKey.Issue("A", [ApiScope.Consult], 10, Admin, Now);
        key.Revoke(Admin, Now);

        Assert.Equal("A chave já está revogada.", DomainAssert.Throws(() => key.Revoke(Admin, Now)).Message);
        Assert.Equal("Uma chave revogada não pode ser alterada.", DomainAssert.Throws(() => key.Change("B", [ApiScope.Register], 5)).Message);
    }

    [Fact]
    public void Change_Invalid_NamesEveryProblem_AndChangesNothing()
    {
        var (key, _) = ApiKey.Issue("A", [ApiScope.Consult], 10, Admin, Now);

        var error = DomainAssert.Throws(() => key.Change(new string('x', 101), ["manifestacoes.apagar"], 10_001));

        Assert.Contains("no máximo 100 caracteres", error.Message, StringComparison.Ordinal);
        Assert.Contains("Permissão desconhecida: manifestacoes.apagar.", error.Message, StringComparison.Ordinal);
        Assert.Contains("entre 1 e 10.000 requisições por minuto", error.Message, StringComparison.Ordinal);
        Assert.Equal(("A", 10), (key.Name, key.RequestsPerMinute));
    }

    [Fact]
    public void MarkUsed_AtMostOnceAMinute()
    {
        var (key, _) = ApiKey.Issue("A", [ApiScope.Consult], 10, Admin, Now);

        Assert.True(key.MarkUsed(Now));
        Assert.False(key.MarkUsed(Now.AddSeconds(59)));
        Assert.True(key.MarkUsed(Now.AddMinutes(1)));
        Assert.Equal(Now.AddMinutes(1), key.LastUsedAt);
    }

    [Fact]
    public void AddCitizenFile_OriginalWhileAwaitingAnalysis_ComplementWhileRequested_RefusedOtherwise()
    {
        var registered = new ManifestationBuilder().Build();
        Assert.Equal(AttachmentOrigin.Original, registered.AddCitizenFile("a.pdf", "application/pdf", 10, "k1", Now, limits: AttachmentLimits.Legal).Origin);

        var awaiting = new ManifestationBuilder().AwaitingComplement().Build();
        Assert.Equal(AttachmentOrigin.Complement, awaiting.AddCitizenFile("b.pdf", "application/pdf", 10, "k2", Now, limits: AttachmentLimits.Legal).Origin);

        var inTreatment = new ManifestationBuilder().InTreatment().Build();
        var error = DomainAssert.ThrowsAndKeepsState(inTreatment, () => inTreatment.AddCitizenFile("c.pdf", "application/pdf", 10, "k3", Now, limits: AttachmentLimits.Legal));
        Assert.Equal("Só é possível anexar arquivos enquanto a manifestação aguarda análise ou complementação.", error.Message);
    }
}
